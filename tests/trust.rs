//! The app's two promises, held in the core and tested against the sandbox over HTTP:
//! only Meta's unambiguous answer proves a removal, and no wait can run away.

use crate::common;
use common::*;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use waba_core::connection::{Binding, Mode};
use waba_core::graph::GraphClient;
use waba_core::removal::wait::{load_ledger, WaitOptions, LEDGER_FILE};
use waba_core::removal::{
    JournalStore, Journey, JourneyError, Pace, PollTarget, Readiness, Unverifiable, WaitSlot, Waits,
};
use waba_core::sandbox::seed::*;
use waba_core::sandbox::{Fault, FaultRule, Sandbox};
use waba_core::steps::deregister_record::DeregisterOutcome;

/// A journey at the number's waiting step (deregister done, Meta's page "open").
async fn at_number_wait(sb: &Sandbox, c: &GraphClient, dir: &std::path::Path) -> Journey {
    let j = JourneyAt::new(c, dir).at(At::NumberWait).await;
    sb.clear_log();
    j
}

/// A sandbox, its client, the journal's folder and a journey waiting for the number's deletion.
async fn waiting() -> (Sandbox, GraphClient, tempfile::TempDir, Journey) {
    let sb = strict(&["/deregister"]).await;
    let c = fast_client(&sb);
    let dir = tempfile::tempdir().unwrap();
    let j = at_number_wait(&sb, &c, dir.path()).await;
    (sb, c, dir, j)
}

/// Waits for the number's removal until the wait gives up with an error.
async fn wait_fails(j: &mut Journey, c: &GraphClient) -> JourneyError {
    let (_tx, rx) = watch::channel(false);
    j.wait_removed(c, PollTarget::Number, pace_ms(20), rx, |_| {})
        .await
        .unwrap_err()
}

fn assert_cannot_verify(e: &JourneyError, why: Unverifiable) {
    assert!(
        matches!(e, JourneyError::CannotVerify { reason, .. } if *reason == why),
        "{e:?}"
    );
}

fn gets_of_number(sb: &Sandbox) -> usize {
    sb.requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path.contains(WABA_PROMOCOES))
        .count()
}

fn pace_ms(ms: u64) -> Pace {
    Pace::real().scaled_to(Duration::from_millis(ms))
}

#[tokio::test]
async fn code_100_33_never_counts_as_removed() {
    let (sb, c, _dir, mut j) = waiting().await;
    // The token lost access: every read answers 100/33 ("missing permissions").
    sb.inject(FaultRule::always(
        Some("GET"),
        None,
        Fault::Meta {
            http: 400,
            code: 100,
            subcode: Some(33),
            message: "Unsupported get request. Object does not exist or missing permissions".into(),
            transient: None,
        },
    ));
    let e = wait_fails(&mut j, &c).await;
    assert_cannot_verify(&e, Unverifiable::Access);
    assert!(j.journal().number_removed.is_none());
}

#[tokio::test]
async fn a_number_that_answers_100_while_still_listed_is_not_removed() {
    let (sb, c, _dir, mut j) = waiting().await;
    sb.inject(FaultRule::always(
        Some("GET"),
        Some(PN_READY),
        Fault::code(100),
    ));
    let (tx, rx) = watch::channel(false);
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let _ = tx.send(true);
    });
    let e = j
        .wait_removed(&c, PollTarget::Number, pace_ms(20), rx, |_| {})
        .await
        .unwrap_err();
    assert!(matches!(e, JourneyError::Cancelled), "{e:?}");
}

#[tokio::test]
async fn a_token_error_while_waiting_is_cannot_verify() {
    let (sb, c, _dir, mut j) = waiting().await;
    sb.inject(FaultRule::always(Some("GET"), None, Fault::expired_token()));
    let e = wait_fails(&mut j, &c).await;
    assert_cannot_verify(&e, Unverifiable::Token);
}

/// A redraw (a language switch) while waiting asks for the wait again: it attaches, and the
/// sandbox sees one poll loop, not two; "Parar de esperar" stops it within a second.
#[tokio::test]
async fn a_redraw_while_waiting_attaches_and_cancel_stops_polling() {
    let sb = strict(&["/deregister"]).await;
    let c = fast_client(&sb);
    let dir = tempfile::tempdir().unwrap();
    let j = at_number_wait(&sb, &c, dir.path()).await;
    let slot: WaitSlot = Arc::new(tokio::sync::Mutex::new(Some(j)));
    let waits = Arc::new(Waits::default());
    // Past the fast minutes of the schedule: one look every 200 ms.
    let mut pace = pace_ms(200);
    pace.fast_for = Duration::ZERO;
    pace.medium = Duration::from_millis(200);
    let opts = WaitOptions { pace };
    let start = |w: Arc<Waits>| {
        let (slot, c, opts) = (slot.clone(), c.clone(), opts.clone());
        tokio::spawn(async move {
            w.wait(&slot, &c, PollTarget::Number, opts, Arc::new(|_| {}))
                .await
        })
    };
    let first = start(waits.clone());
    tokio::time::sleep(Duration::from_millis(300)).await;
    // The screen is redrawn: the first caller goes away, a second one asks again.
    first.abort();
    let second = start(waits.clone());
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let polls = gets_of_number(&sb);
    assert!(
        (5..=9).contains(&polls),
        "one loop at 200 ms for 1.3 s, saw {polls}"
    );
    assert_eq!(waits.running(), Some(PollTarget::Number));
    let t = std::time::Instant::now();
    assert!(waits.cancel());
    let out = second.await.unwrap();
    assert!(
        matches!(
            out.as_ref().map_err(|e| e.as_ref()),
            Err(JourneyError::Cancelled)
        ),
        "{out:?}"
    );
    assert!(t.elapsed() < Duration::from_secs(1));
    let after = gets_of_number(&sb);
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(gets_of_number(&sb), after, "no poll after the cancel");
}

/// Whatever the pace says, the client never sends more than its hourly cap.
#[tokio::test]
async fn the_hourly_cap_holds_whatever_the_pace() {
    let sb = strict(&["/deregister"]).await;
    let c = sb
        .client_with(sb.token(), |cfg| {
            cfg.hourly_cap = 40;
            cfg.timeout = Duration::from_secs(2);
        })
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut j = at_number_wait(&sb, &c, dir.path()).await;
    let before = c.calls_last_hour().len();
    let (tx, rx) = watch::channel(false);
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let _ = tx.send(true);
    });
    let e = j
        .wait_removed(&c, PollTarget::Number, pace_ms(5), rx, |_| {})
        .await
        .unwrap_err();
    assert!(matches!(e, JourneyError::Cancelled));
    let sent = c.calls_last_hour().len();
    assert!(
        sent <= 30,
        "the wait keeps 10 of 40 for the admin: {before} before, {sent} in all"
    );
    assert!(sent >= 25, "the wait used what the cap allowed ({sent})");
    // The admin's own clicks use the rest; then calls are refused locally, with the time to
    // wait, and nothing more reaches the sandbox.
    let err = loop {
        if let Err(e) = c.businesses().await {
            break e;
        }
    };
    assert!(err.to_string().contains("budget"), "{err}");
    assert_eq!(c.calls_last_hour().len(), 40);
    let n = sb.requests().len();
    assert!(c.businesses().await.is_err());
    assert_eq!(sb.requests().len(), n);
}

/// After a relaunch the first look waits for the pace, counting from the last call saved.
#[tokio::test]
async fn the_first_poll_after_a_relaunch_respects_the_pace() {
    let sb = strict(&["/deregister"]).await;
    let c = fast_client(&sb);
    let dir = tempfile::tempdir().unwrap();
    let j = at_number_wait(&sb, &c, dir.path()).await;
    let ledger = dir.path().join(LEDGER_FILE);
    std::fs::write(
        &ledger,
        serde_json::to_vec(&vec![chrono::Utc::now()]).unwrap(),
    )
    .unwrap();
    // A relaunch: a new client whose ledger is read back from the file, as the app does.
    let mut cfg = waba_core::graph::GraphConfig::new(&sb.url(), sb.version()).unwrap();
    cfg.timeout = Duration::from_secs(2);
    let c2 = GraphClient::with_ledger(cfg, sb.token(), load_ledger(&ledger)).unwrap();
    assert_eq!(
        c2.calls_last_hour().len(),
        1,
        "the earlier run's call counts"
    );
    let slot: WaitSlot = Arc::new(tokio::sync::Mutex::new(Some(j)));
    let waits = Waits::default();
    let opts = WaitOptions { pace: pace_ms(800) };
    let w = async {
        waits
            .wait(&slot, &c2, PollTarget::Number, opts, Arc::new(|_| {}))
            .await
    };
    let check = async {
        tokio::time::sleep(Duration::from_millis(400)).await;
        let early = gets_of_number(&sb);
        waits.cancel();
        early
    };
    let (_, early) = tokio::join!(w, check);
    assert_eq!(early, 0, "no poll before the pace allows");
}

/// Meta's `estimated_time_to_regain_access` on a successful answer slows the next poll.
#[tokio::test]
async fn regain_time_on_a_success_is_honoured() {
    let (sb, c, _dir, mut j) = waiting().await;
    sb.inject(FaultRule::once(
        Some("GET"),
        Some("/phone_numbers"),
        Fault::RegainOnSuccess { minutes: 1 },
    ));
    let (tx, rx) = watch::channel(false);
    let mut waits = vec![];
    let h = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let _ = tx.send(true);
    });
    let _ = j
        .wait_removed(&c, PollTarget::Number, pace_ms(20), rx, |p| {
            waits.push(p.next_in_secs)
        })
        .await;
    h.await.unwrap();
    assert_eq!(waits.first().copied(), Some(60), "{waits:?}");
}

/// "Nenhuma linha de crédito" only when Meta shows no funding; an unknown funding id is said.
#[tokio::test]
async fn billing_says_none_only_when_meta_shows_no_funding() {
    use waba_core::steps::checks::{CheckId, CheckStatus};
    let sb = strict(&[]).await;
    let c = fast_client(&sb);
    for (funding, status, unmatched) in [
        (Some("9999999"), CheckStatus::Warn, true),
        (None, CheckStatus::Info, false),
    ] {
        sb.with_world(|w| {
            let r = w
                .wabas
                .iter_mut()
                .find(|r| r.info.id == WABA_PROMOCOES)
                .unwrap();
            r.info.primary_funding_id = funding.map(str::to_owned);
        });
        let dir = tempfile::tempdir().unwrap();
        let mut j = JourneyAt::new(&c, dir.path()).at(At::NumberChosen).await;
        let report = j.run_checks(&c).await.unwrap();
        let b = report
            .checks
            .iter()
            .find(|c| c.id == CheckId::Billing)
            .unwrap();
        assert_eq!(b.status, status, "{funding:?}");
        assert_eq!(
            b.facts["unmatched_funding"].is_string(),
            unmatched,
            "{:?}",
            b.facts
        );
    }
}

/// A journey runs only on the connection it started with (mode, host, user).
#[tokio::test]
async fn a_journey_is_bound_to_its_connection() {
    let dir = tempfile::tempdir().unwrap();
    let j = Journey::start(
        Mode::Practice,
        practice_binding(),
        JournalStore::new(dir.path()),
    )
    .unwrap();
    assert!(j
        .check_connection(Mode::Practice, &practice_binding())
        .is_ok());
    assert!(matches!(
        j.check_connection(Mode::Real, &practice_binding()),
        Err(JourneyError::OtherConnection("mode"))
    ));
    let other_host = Binding {
        host: "graph.facebook.com".into(),
        ..practice_binding()
    };
    assert!(matches!(
        j.check_connection(Mode::Practice, &other_host),
        Err(JourneyError::OtherConnection("host"))
    ));
    let other_user = Binding {
        user_id: USER_EMPLOYEE.into(),
        ..practice_binding()
    };
    assert!(matches!(
        j.check_connection(Mode::Practice, &other_user),
        Err(JourneyError::OtherConnection("user"))
    ));
}

/// Ids from the web view: digits only (typed ids refuse anything else when made, before any
/// call), and listed by Meta under the chosen parent.
#[tokio::test]
async fn foreign_ids_are_refused_before_any_call() {
    let sb = strict(&[]).await;
    let c = fast_client(&sb);
    let dir = tempfile::tempdir().unwrap();
    let mut j = Journey::start(
        Mode::Practice,
        practice_binding(),
        JournalStore::new(dir.path()),
    )
    .unwrap();
    sb.clear_log();
    for bad in ["../me", "1 OR 1", "", "https://evil.example/1"] {
        assert!(waba_core::graph::BusinessId::parse(bad).is_err(), "{bad}");
    }
    assert!(sb.requests().is_empty(), "no call for a malformed id");
    assert!(matches!(
        j.choose_business(&c, &biz_id("999")).await,
        Err(JourneyError::UnknownId(_))
    ));
    j.choose_business(&c, &biz_id(BUSINESS_ID)).await.unwrap();
    // A number of another WABA is not accepted under this one.
    j.choose_waba(&c, &waba_id(WABA_ATENDIMENTO)).await.unwrap();
    assert!(matches!(
        j.choose_number(&c, &pn_id(PN_READY)).await,
        Err(JourneyError::UnknownId(_))
    ));
}

/// Nothing irreversible before the two answers: the disconnect needs "admin on Meta's screen"
/// and "knows the PIN", both yes, and sends nothing otherwise.
#[tokio::test]
async fn the_disconnect_needs_the_two_answers() {
    use waba_core::removal::Readiness;
    let sb = strict(&["/deregister"]).await;
    let c = fast_client(&sb);
    let dir = tempfile::tempdir().unwrap();
    let mut j = JourneyAt::new(&c, dir.path()).at(At::NumberChosen).await;
    j.run_checks(&c).await.unwrap();
    j.confirm_checks(true, vec![]).unwrap();
    j.skip_backup("PULAR BACKUP").unwrap();
    for answers in [
        Readiness::default(),
        Readiness {
            admin_on_meta: true,
            knows_pin: false,
        },
        Readiness {
            admin_on_meta: false,
            knows_pin: true,
        },
    ] {
        let e = j
            .confirm_delete_number(&c, "5678", answers)
            .await
            .unwrap_err();
        assert!(matches!(e, JourneyError::QuestionsUnanswered), "{e:?}");
    }
    assert!(sb.writes().is_empty(), "no deregister without both answers");
    j.confirm_delete_number(&c, "5678", Readiness::YES)
        .await
        .unwrap();
    assert_eq!(sb.writes().len(), 1);
}

/// A paid message in the last 30 days, proven by Meta's data, cannot be overridden.
#[tokio::test]
async fn a_proven_30_day_block_cannot_be_overridden() {
    use waba_core::steps::checks::CheckId;
    let sb = strict(&[]).await;
    let c = fast_client(&sb);
    let dir = tempfile::tempdir().unwrap();
    let mut j = JourneyAt::new(&c, dir.path())
        .number(WABA_ATENDIMENTO, PN_PAID_RECENTLY)
        .at(At::NumberChosen)
        .await;
    let report = j.run_checks(&c).await.unwrap();
    let paid = report
        .checks
        .iter()
        .find(|c| c.id == CheckId::PaidMessages)
        .unwrap();
    assert!(!paid.overridable);
    let e = j
        .confirm_checks(true, vec![CheckId::PaidMessages])
        .unwrap_err();
    assert!(
        matches!(e, JourneyError::NotOverridable(CheckId::PaidMessages)),
        "{e:?}"
    );
    assert_eq!(j.journal().stage, waba_core::removal::Stage::Checks);
}

/// A new connection (another token pasted, a reconnect from the web view) keeps counting the
/// calls of the ones before: the cap is the app's, not one client's.
#[tokio::test]
async fn reconnecting_does_not_reset_the_hourly_cap() {
    use waba_core::graph::SharedLedger;
    let sb = strict(&[]).await;
    let ledger = SharedLedger::default();
    let client = |l: SharedLedger| {
        let mut cfg = waba_core::graph::GraphConfig::new(&sb.url(), sb.version()).unwrap();
        cfg.hourly_cap = 12;
        GraphClient::with_ledger(cfg, sb.token(), l).unwrap()
    };
    let first = client(ledger.clone());
    for _ in 0..12 {
        first.me().await.unwrap();
    }
    let second = client(ledger.clone());
    let n = sb.requests().len();
    assert!(
        second.me().await.is_err(),
        "the second connection is over the cap too"
    );
    assert_eq!(sb.requests().len(), n, "nothing was sent");
}

/// One number, one ledger: while another run of the app (the console, the batch) holds the
/// number, the journey's disconnect is refused naming it, and nothing is sent; after that run
/// disconnected the number, the journey reads Meta first and sends nothing more.
#[tokio::test]
async fn another_run_on_the_number_is_never_raced() {
    use waba_core::number_ledger::{CallKind, NumberLedger, Program, Step};
    let sb = strict(&[]).await;
    let c = fast_client(&sb);
    let dir = tempfile::tempdir().unwrap();
    let mut j = JourneyAt::new(&c, dir.path()).at(At::BackupSkipped).await;
    let console =
        NumberLedger::practice(dir.path(), Program::Console).waiting(Duration::from_millis(200));
    let mut held = console.lock(PN_READY, Step::Release).await.unwrap();
    // The app's own wait for the lock is 45 s: here the console finishes first.
    let journey = tokio::spawn(async move {
        let r = j.confirm_delete_number(&c, "5678", Readiness::YES).await;
        (j, r)
    });
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(!sb.writes().iter().any(|w| w.path.ends_with("/deregister")));
    // The console's disconnect, recorded in the shared ledger, then its lock released.
    let at = chrono::Utc::now();
    held.record(CallKind::Deregister, at).unwrap();
    sb.client()
        .unwrap()
        .deregister(&pn_id(PN_READY))
        .await
        .unwrap();
    drop(held);
    let (j, r) = journey.await.unwrap();
    let record = r.unwrap();
    assert_eq!(record.outcome(), DeregisterOutcome::NotNeeded, "{record:?}");
    let sent = sb
        .writes()
        .iter()
        .filter(|w| w.path.ends_with("/deregister"))
        .count();
    assert_eq!(sent, 1, "one deregister for two runs");
    // The budget shown counts the console's call.
    assert_eq!(j.deregisters_left(), 9);
}
