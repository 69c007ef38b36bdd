//! The paced run: numbers in the order given, accounts taken in turn (so one account's pacing
//! rarely makes the run wait), one failure never stopping the others. The run stops early only
//! when going on cannot work: the token stopped working, or the app's hourly cap is reached.

use super::directory::{Directory, Located};
use super::journal::NumberRelease;
use super::report::{ErrorInfo, NumberResult, ReleaseStatus, RunReport};
use super::road::ReleaseRoad;
use crate::graph::SharedReads;
use crate::graph::{ErrorClass, GraphClient, GraphError};
use crate::number_ledger::{NumberLedger, Step};
use crate::removal::journal::BackupRecord;
use crate::removal::move_path::move_card_for;
use crate::removal::move_report::evaluate;
use crate::removal::JourneyError;
use crate::steps::backup::{default_file_name, write_backup_sharing};
use crate::steps::checks::run_checks_sharing;
use crate::steps::deregister::{deregister_once, NumberState};
use crate::steps::deregister_record::DeregisterRecord;
use chrono::Utc;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::{Duration, Instant};

/// How the run spaces its requests: at least `per_account_gap` between two numbers of the same
/// account (Meta counts its limits per account), on top of the client's hourly cap.
#[derive(Debug, Clone, Copy)]
pub struct Pacing {
    pub per_account_gap: Duration,
}

impl Default for Pacing {
    fn default() -> Self {
        Self {
            per_account_gap: Duration::from_secs(2),
        }
    }
}

impl Pacing {
    /// Real mode keeps 2 s between two numbers of an account; practice, 300 ms. Debug builds
    /// only: `WABA_REMOVER_RELEASE_GAP_MS` sets it (tests against a local sandbox); a release
    /// build ignores it.
    pub fn for_mode(mode: crate::connection::Mode) -> Self {
        #[cfg(debug_assertions)]
        if let Some(ms) = std::env::var("WABA_REMOVER_RELEASE_GAP_MS")
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
        {
            return Self {
                per_account_gap: Duration::from_millis(ms),
            };
        }
        match mode {
            crate::connection::Mode::Real => Self::default(),
            crate::connection::Mode::Practice => Self {
                per_account_gap: Duration::from_millis(300),
            },
        }
    }
}

/// What a run is asked to do and with what it shares its numbers.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub road: ReleaseRoad,
    pub pacing: Pacing,
    /// The shared ledger of numbers (each number locked for its whole step).
    pub ledger: NumberLedger,
    /// The connection the run belongs to: a number's journal left by another connection is
    /// refused, never resumed (`docs/security.md`).
    pub owner: crate::connection::Owner,
}

/// Releases `ids` by `opts.road` (checks, verified backup, then the migration card or the one
/// deregister; then the app unsubscribed from the accounts where that is proven right),
/// journaling each number under `dir`. `directory` is what the token sees, read by the caller
/// (who confirmed the numbers in it); `progress` hears each number as it ends. `stop` ends the
/// run between two numbers (a number's steps, its deregister above all, are never cut in the
/// middle).
pub async fn release(
    client: &GraphClient,
    dir: &Path,
    ids: &[String],
    directory: Directory,
    opts: &RunOptions,
    stop: &tokio::sync::watch::Receiver<bool>,
    mut progress: impl FnMut(&NumberResult),
) -> Result<RunReport, GraphError> {
    let pacing = opts.pacing;
    let started_at = Utc::now();
    let calls_before = client.calls_last_hour().len();
    crate::files::create_private_dir(dir).map_err(|e| GraphError::Config(e.to_string()))?;
    let mut last_in_account: HashMap<String, Instant> = HashMap::new();
    let mut results: Vec<NumberResult> = Vec::new();
    let mut stopped: Option<ErrorInfo> = None;
    // What belongs to the connection and to each account is read once in the run.
    let shared = SharedReads::default();
    for id in in_turns(&directory, ids) {
        let Some(located) = directory.find(&id) else {
            // No account lists it any more: a number this run's folder sent to another provider
            // has moved (its journal says from which account); any other is not found.
            let r = NumberRelease::moved(dir, &id, opts.road)
                .unwrap_or_else(|| not_reached(&id, None, ReleaseStatus::NotFound));
            progress(&r);
            results.push(r);
            continue;
        };
        if *stop.borrow() && stopped.is_none() {
            stopped = Some(ErrorInfo {
                code: None,
                trace_id: None,
                message: "stopped: the connection changed or the admin stopped the run".into(),
                retry_in_secs: None,
            });
        }
        if stopped.is_some() {
            results.push(not_reached(&id, Some(&located), ReleaseStatus::NotStarted));
            continue;
        }
        if let Some(last) = last_in_account.get(&located.account.id) {
            let wait = pacing.per_account_gap.saturating_sub(last.elapsed());
            tokio::time::sleep(wait).await;
        }
        let (journal, r) = match NumberRelease::open(dir, located.target(), opts.road, &opts.owner)
        {
            Ok(mut rel) => {
                let r = release_one(client, &opts.ledger, &shared, &mut rel).await;
                (Some(rel), r)
            }
            Err(e) => (None, Err(e)),
        };
        last_in_account.insert(located.account.id.clone(), Instant::now());
        if let Err(e) = &r {
            if stops_the_run(e) {
                stopped = Some(ErrorInfo::of(e));
            }
        }
        let result = result_of(&located, opts.road, journal.as_ref(), r);
        progress(&result);
        results.push(result);
    }
    let accounts = match (&stopped, opts.road) {
        (Some(_), _) => vec![],
        (None, ReleaseRoad::Provider) => super::unsubscribe::after_moves(client, &results).await,
        (None, _) => super::unsubscribe::emptied(client, &directory, &results).await,
    };
    // The report lists the numbers in the order they were given.
    results.sort_by_key(|r| ids.iter().position(|i| *i == r.phone_number_id));
    Ok(RunReport {
        road: opts.road,
        started_at,
        finished_at: Utc::now(),
        folder: dir.to_path_buf(),
        numbers: results,
        accounts,
        stopped,
        calls: client.calls_last_hour().len().saturating_sub(calls_before),
    })
}

/// The ids ordered so that accounts take turns: the first number of each account, then the
/// second, … (unknown ids keep their place at the end).
fn in_turns(directory: &Directory, ids: &[String]) -> Vec<String> {
    let mut by_account: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut unknown = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for id in ids.iter().filter(|i| seen.insert((*i).clone())) {
        match directory.find(id) {
            Some(l) => {
                let account = l.account.id.clone();
                let k = order.iter().position(|a| *a == account).unwrap_or_else(|| {
                    order.push(account);
                    order.len() - 1
                });
                by_account.entry(k).or_default().push(id.clone());
            }
            None => unknown.push(id.clone()),
        }
    }
    let mut out = Vec::new();
    let mut round = 0;
    loop {
        let mut any = false;
        for list in by_account.values() {
            if let Some(id) = list.get(round) {
                out.push(id.clone());
                any = true;
            }
        }
        if !any {
            break;
        }
        round += 1;
    }
    out.extend(unknown);
    out
}

fn stops_the_run(e: &JourneyError) -> bool {
    let g = match e {
        JourneyError::Graph(g) => g,
        JourneyError::Backup(crate::steps::backup::BackupError::Graph(g)) => g,
        _ => return false,
    };
    super::report::local_budget(e).is_some()
        || g.meta()
            .is_some_and(|m| m.class() == ErrorClass::TokenInvalid)
}

/// One number, under its lock in the shared ledger: each step done once, in order, and
/// journaled in `r`; a step an earlier run finished is not done again. The road decides the
/// last step: the migration card (nothing sent: Meta migrates a registered number), or the one
/// deregister.
async fn release_one(
    client: &GraphClient,
    ledger: &NumberLedger,
    shared: &SharedReads,
    r: &mut NumberRelease,
) -> Result<(), JourneyError> {
    let pn = r.j.target.number().map_err(GraphError::from)?.clone();
    let mut guard = ledger.lock(pn.as_str(), Step::Release).await?;
    let now = Utc::now();
    if r.j.checks.is_none() {
        let report = run_checks_sharing(client, &r.j.target, now, Some(shared)).await?;
        r.j.target.registered = Some(report.registered);
        r.j.target.coexistence = Some(report.coexistence);
        r.j.checks = Some(report);
        r.log("checks read", client.last_trace_id());
        r.save()?;
    }
    if r.j.backup.is_none() {
        let dest = r.dir().join(default_file_name(&r.j.target, now));
        let s = write_backup_sharing(client, &r.j.target, &dest, now, Some(shared)).await?;
        r.j.backup = Some(BackupRecord::verified(&s));
        r.log(
            format!("backup written and verified: {} templates", s.templates),
            None,
        );
        r.save()?;
    }
    if r.road().deregisters() {
        if !matches!(
            r.j.deregister,
            Some(DeregisterRecord::Sent { .. } | DeregisterRecord::NotNeeded { .. })
        ) {
            let known = NumberState {
                registered: r.j.target.registered == Some(true),
                coexistence: r.j.target.coexistence == Some(true),
            };
            let record = deregister_once(r, &mut guard, client, &pn, known).await?;
            r.j.deregister = Some(record);
            r.j.finished_at = Some(Utc::now());
            r.save()?;
        }
        return Ok(());
    }
    if r.j.card.is_none() {
        let waba = r.j.target.waba().map_err(GraphError::from)?.clone();
        let key = client.waba_relative(&waba);
        let (n, w) = tokio::join!(
            shared.number(client, &waba, &pn),
            shared.read(&key, client.waba(&waba))
        );
        let card = move_card_for(&r.j.target, &evaluate(&n?, &w?, Utc::now()), None);
        let path = r.dir().join(&card.file_name);
        crate::files::write_atomic(&path, card.text.as_bytes())?;
        r.j.card = Some(path);
        r.j.finished_at = Some(Utc::now());
        r.log("migration card written; the number stays registered", None);
        r.save()?;
    }
    Ok(())
}

fn not_reached(id: &str, located: Option<&Located>, status: ReleaseStatus) -> NumberResult {
    NumberResult {
        phone_number_id: id.to_owned(),
        display_phone_number: located.and_then(|l| l.number.display_phone_number.clone()),
        account_id: located.map(|l| l.account.id.clone()),
        account_name: located.and_then(|l| l.account.name.clone()),
        status,
        road: None,
        deregister: None,
        backup: None,
        card: None,
        error: None,
    }
}

/// Where the number ended, with what its journal holds (its backup, a deregister record, the
/// card), also when a step failed.
fn result_of(
    located: &Located,
    road: ReleaseRoad,
    journal: Option<&NumberRelease>,
    r: Result<(), JourneyError>,
) -> NumberResult {
    let done = if road.deregisters() {
        ReleaseStatus::Released
    } else {
        ReleaseStatus::ReadyToMove
    };
    let mut out = not_reached(&located.number.id, Some(located), done);
    out.road = Some(road);
    if let Some(rel) = journal {
        out.deregister = rel.j.deregister.clone();
        out.backup = rel
            .j
            .backup
            .as_ref()
            .and_then(|b| b.path.clone())
            .map(Into::into);
        out.card = rel.j.card.clone();
    }
    // Meta found no number to deregister (100, twice): nothing proves it left the Cloud API.
    if matches!(
        out.deregister,
        Some(DeregisterRecord::NotNeeded {
            reason: crate::steps::deregister_record::NotNeeded::NotFound
        })
    ) && r.is_ok()
    {
        out.status = ReleaseStatus::CannotVerify;
    }
    if let Err(e) = r {
        out.status = match e {
            JourneyError::DeregisterUnknown { .. } => ReleaseStatus::CannotVerify,
            // The app's own hourly cap stopped it before anything was written for it: its
            // journal resumes it on the next run (`release --wait` does that by itself).
            _ if super::report::local_budget(&e).is_some() => ReleaseStatus::NotStarted,
            _ => ReleaseStatus::Failed,
        };
        out.error = Some(ErrorInfo::of(&e));
    }
    out
}
