//! The fault matrix: every step that talks to Meta × every fault Meta or the network can throw.
//! For each pair: no panic, the journey stays where it was (nothing lost, the journal on disk
//! equals the one in memory), no proof is ever recorded on a fault, and once the fault is gone
//! the same step succeeds. The table is printed (`--nocapture`) and kept in the README.

use crate::common;
use common::*;
use std::time::Duration;
use tokio::sync::watch;
use waba_core::connection::Mode;
use waba_core::graph::GraphClient;
use waba_core::removal::Readiness;
use waba_core::removal::{JournalStore, Journey, JourneyError, Pace, PollTarget, Stage};
use waba_core::sandbox::seed::*;
use waba_core::sandbox::{Fault, FaultRule, Sandbox};
use waba_core::steps::deregister_record::DeregisterRecord;

fn faults() -> Vec<(&'static str, Fault)> {
    let meta = |code: i64, sub: Option<i64>| Fault::Meta {
        http: 400,
        code,
        subcode: sub,
        message: format!("(#{code}) injected"),
        transient: None,
    };
    vec![
        ("timeout", Fault::Hang { ms: 3_000 }),
        ("reset", Fault::Reset),
        ("5xx", Fault::temporary()),
        ("HTML 502", Fault::HtmlStatus { status: 502 }),
        (
            "4",
            Fault::RateLimit {
                code: 4,
                regain_minutes: 0,
            },
        ),
        (
            "80008",
            Fault::RateLimit {
                code: 80008,
                regain_minutes: 0,
            },
        ),
        ("133016", meta(133016, None)),
        ("190", Fault::expired_token()),
        ("200", Fault::missing_permission()),
        ("100/33", meta(100, Some(33))),
        ("applied+reset", Fault::AppliedThenReset),
    ]
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Step {
    ChooseBusiness,
    ChooseWaba,
    ChooseNumber,
    Checks,
    Backup,
    Deregister,
    WaitNumber,
    WabaInfo,
    Unsubscribe,
    ConfirmWaba,
    WaitWaba,
}

const STEPS: [Step; 11] = [
    Step::ChooseBusiness,
    Step::ChooseWaba,
    Step::ChooseNumber,
    Step::Checks,
    Step::Backup,
    Step::Deregister,
    Step::WaitNumber,
    Step::WabaInfo,
    Step::Unsubscribe,
    Step::ConfirmWaba,
    Step::WaitWaba,
];

fn client(sb: &Sandbox) -> GraphClient {
    sb.client_with(sb.token(), |c| {
        c.timeout = Duration::from_millis(800);
        c.retry = waba_core::graph::RetryPolicy::Backoff {
            attempts: 2,
            base: Duration::from_millis(10),
            max_wait: Duration::from_millis(50),
        };
        c.hourly_cap = 10_000;
    })
    .unwrap()
}

/// Runs the journey up to (not including) `step`.
async fn up_to(step: Step, c: &GraphClient, sb: &Sandbox, dir: &std::path::Path) -> Journey {
    let mut j = Journey::start(Mode::Practice, practice_binding(), JournalStore::new(dir)).unwrap();
    let order = STEPS.iter().position(|s| *s == step).unwrap();
    for s in &STEPS[..order] {
        run(*s, &mut j, c, sb, dir)
            .await
            .unwrap_or_else(|e| panic!("{s:?}: {e}"));
    }
    j
}

fn pace() -> Pace {
    Pace::practice().scaled_to(Duration::from_millis(10))
}

/// One step; the waits give up after a short while (a fault may make them poll on).
async fn run(
    s: Step,
    j: &mut Journey,
    c: &GraphClient,
    sb: &Sandbox,
    dir: &std::path::Path,
) -> Result<(), JourneyError> {
    let short = || {
        let (tx, rx) = watch::channel(false);
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(1500)).await;
            let _ = tx.send(true);
        });
        rx
    };
    match s {
        Step::ChooseBusiness => j.choose_business(c, &biz_id(BUSINESS_ID)).await,
        Step::ChooseWaba => j.choose_waba(c, &waba_id(WABA_PROMOCOES)).await,
        Step::ChooseNumber => j.choose_number(c, &pn_id(PN_READY)).await,
        Step::Checks => {
            j.run_checks(c).await?;
            j.confirm_checks(true, vec![])
        }
        Step::Backup => j.backup(c, &dir.join("backup.json")).await.map(|_| ()),
        Step::Deregister => j
            .confirm_delete_number(c, "5678", Readiness::YES)
            .await
            .map(|_| ()),
        Step::WaitNumber => {
            if j.journal().practice_number_deleted_at.is_none() {
                sb.manual_delete_number(PN_READY).ok();
            }
            j.wait_removed(c, PollTarget::Number, pace(), short(), |_| {})
                .await
        }
        Step::WabaInfo => j.remove_waba_info(c).await.map(|_| ()),
        Step::Unsubscribe => j.unsubscribe_app(c, "Doces da Vila Promoções").await,
        Step::ConfirmWaba => j.confirm_remove_waba(c, "Doces da Vila Promoções").await,
        Step::WaitWaba => {
            sb.manual_remove_waba(WABA_PROMOCOES).ok();
            j.wait_removed(c, PollTarget::Waba, pace(), short(), |_| {})
                .await
        }
    }
}

fn outcome(r: &Result<(), JourneyError>) -> String {
    match r {
        Ok(()) => "ok".into(),
        Err(JourneyError::Cancelled) => "waits".into(),
        Err(JourneyError::CannotVerify { .. }) => "cannot verify".into(),
        Err(JourneyError::DeregisterUnknown { .. }) => "unknown".into(),
        Err(JourneyError::DeregisterBlocked { .. }) => "blocked 72 h".into(),
        Err(JourneyError::Graph(g)) => g.code().map_or_else(|| "error".into(), |c| format!("{c}")),
        Err(JourneyError::Backup(_)) => "error".into(),
        Err(e) => format!("{e:?}").chars().take(12).collect(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_step_survives_every_fault() {
    let mut table = vec![];
    for step in STEPS {
        let mut row = vec![format!("{step:?}")];
        for (name, fault) in faults() {
            let sb = with(Default::default()).await;
            let c = client(&sb);
            let dir = tempfile::tempdir().unwrap();
            let mut j = up_to(step, &c, &sb, dir.path()).await;
            let stage = j.journal().stage;
            let writes = sb.writes().len();
            sb.inject(FaultRule::always(None, None, fault.clone()).times(3));
            let r = run(step, &mut j, &c, &sb, dir.path()).await;
            row.push(outcome(&r));
            // Nothing lost: what is on disk is what is in memory.
            let on_disk = JournalStore::new(dir.path())
                .load()
                .expect("journal on disk");
            assert_eq!(&on_disk, j.journal(), "{step:?} × {name}");
            if r.is_err() {
                assert_eq!(
                    j.journal().stage,
                    stage,
                    "{step:?} × {name}: the stage moved on an error"
                );
                assert!(
                    j.journal().number_removed.is_none() || stage > Stage::DeleteNumber,
                    "{step:?} × {name}: a proof on a fault"
                );
                assert!(
                    j.journal().waba_removed.is_none(),
                    "{step:?} × {name}: a proof on a fault"
                );
            }
            // A deregister is never sent twice, whatever happened to the first.
            let deregisters = sb
                .writes()
                .iter()
                .filter(|w| w.path.ends_with("/deregister"))
                .count();
            assert!(
                deregisters <= 1,
                "{step:?} × {name}: {deregisters} deregisters"
            );
            if step != Step::Deregister {
                assert!(sb.writes().len() <= writes + 1, "{step:?} × {name}");
            }
            // Once the fault is gone, the same step goes through.
            sb.clear_faults();
            if r.is_err() && j.journal().stage == stage {
                let again = run(step, &mut j, &c, &sb, dir.path()).await;
                let budget = matches!(r, Err(JourneyError::DeregisterBlocked { .. }));
                assert!(again.is_ok() || budget, "{step:?} × {name}: then {again:?}");
            }
            if step == Step::Deregister && name == "applied+reset" {
                assert!(matches!(
                    j.journal().deregister,
                    Some(DeregisterRecord::Sent { .. })
                ));
            }
        }
        table.push(row);
    }
    let mut header = vec!["step".to_owned()];
    header.extend(faults().iter().map(|(n, _)| n.to_string()));
    println!("| {} |", header.join(" | "));
    println!("|{}|", vec!["---"; header.len()].join("|"));
    for r in table {
        println!("| {} |", r.join(" | "));
    }
}
