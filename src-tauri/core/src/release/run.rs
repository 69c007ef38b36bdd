//! The paced run: numbers in the order given, accounts taken in turn (so one account's pacing
//! rarely makes the run wait), one failure never stopping the others. The run stops early only
//! when going on cannot work: the token stopped working, or the app's hourly cap is reached.

use super::directory::{Directory, Located};
use super::journal::NumberRelease;
use super::report::{
    AccountResult, ErrorInfo, NumberResult, ReleaseStatus, RunReport, Unsubscribe,
};
use crate::graph::{ErrorClass, GraphClient, GraphError, WabaId};
use crate::removal::backup::{default_file_name, write_backup};
use crate::removal::checks::run_checks;
use crate::removal::deregister::{deregister_once, NumberState};
use crate::removal::journal::{BackupRecord, DeregisterRecord};
use crate::removal::move_path::evaluate;
use crate::removal::move_path::move_card_for;
use crate::removal::JourneyError;
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
    pub fn for_mode(mode: crate::removal::Mode) -> Self {
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
            crate::removal::Mode::Real => Self::default(),
            crate::removal::Mode::Practice => Self {
                per_account_gap: Duration::from_millis(300),
            },
        }
    }
}

/// Releases `ids` (checks, verified backup, one deregister, migration card; then the app
/// unsubscribed from accounts left with no number), journaling each number under `dir`.
/// `directory` is what the token sees, read by the caller (who confirmed the numbers in it);
/// `progress` hears each number as it ends. `stop` ends the run between two numbers (a number's
/// steps, its deregister above all, are never cut in the middle).
pub async fn release(
    client: &GraphClient,
    dir: &Path,
    ids: &[String],
    directory: Directory,
    pacing: Pacing,
    stop: &tokio::sync::watch::Receiver<bool>,
    mut progress: impl FnMut(&NumberResult),
) -> Result<RunReport, GraphError> {
    let started_at = Utc::now();
    let calls_before = client.calls_last_hour().len();
    crate::files::create_private_dir(dir).map_err(|e| GraphError::Config(e.to_string()))?;
    let mut last_in_account: HashMap<String, Instant> = HashMap::new();
    let mut results: Vec<NumberResult> = Vec::new();
    let mut stopped: Option<ErrorInfo> = None;
    for id in in_turns(&directory, ids) {
        let Some(located) = directory.find(&id) else {
            let r = not_reached(&id, None, ReleaseStatus::NotFound);
            progress(&r);
            results.push(r);
            continue;
        };
        if *stop.borrow() && stopped.is_none() {
            stopped = Some(ErrorInfo {
                code: None,
                trace_id: None,
                message: "stopped: the connection changed or the admin stopped the run".into(),
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
        let (journal, r) = match NumberRelease::open(dir, located.target()) {
            Ok(mut rel) => {
                let r = release_one(client, &mut rel).await;
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
        let result = result_of(&located, journal.as_ref(), r);
        progress(&result);
        results.push(result);
    }
    let accounts = if stopped.is_none() {
        unsubscribe_emptied(client, &directory, &results).await
    } else {
        vec![]
    };
    // The report lists the numbers in the order they were given.
    results.sort_by_key(|r| ids.iter().position(|i| *i == r.phone_number_id));
    Ok(RunReport {
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
        JourneyError::Backup(crate::removal::backup::BackupError::Graph(g)) => g,
        _ => return false,
    };
    matches!(g, GraphError::LocalBudget { .. })
        || g.meta()
            .is_some_and(|m| m.class() == ErrorClass::TokenInvalid)
}

/// One number: each step done once, in order, and journaled in `r`; a step an earlier run
/// finished is not done again.
async fn release_one(client: &GraphClient, r: &mut NumberRelease) -> Result<(), JourneyError> {
    let now = Utc::now();
    if r.j.checks.is_none() {
        let report = run_checks(client, &r.j.target, now).await?;
        r.j.target.registered = Some(report.registered);
        r.j.target.coexistence = Some(report.coexistence);
        r.j.checks = Some(report);
        r.log("checks read", client.last_trace_id());
        r.save()?;
    }
    if r.j.backup.is_none() {
        let dest = r.dir().join(default_file_name(&r.j.target, now));
        let s = write_backup(client, &r.j.target, &dest, now).await?;
        r.j.backup = Some(BackupRecord::verified(&s));
        r.log(
            format!("backup written and verified: {} templates", s.templates),
            None,
        );
        r.save()?;
    }
    if !matches!(
        r.j.deregister,
        Some(DeregisterRecord::Sent { .. } | DeregisterRecord::NotNeeded { .. })
    ) {
        let pn = r.j.target.number().map_err(GraphError::from)?.clone();
        let known = NumberState {
            registered: r.j.target.registered == Some(true),
            coexistence: r.j.target.coexistence == Some(true),
        };
        let record = deregister_once(r, client, &pn, known).await?;
        r.j.deregister = Some(record);
        r.save()?;
    }
    if r.j.card.is_none() {
        let pn = r.j.target.number().map_err(GraphError::from)?.clone();
        let waba = r.j.target.waba().map_err(GraphError::from)?.clone();
        let (n, w) = tokio::join!(client.phone_number(&pn), client.waba(&waba));
        let card = move_card_for(&r.j.target, &evaluate(&n?, &w?, Utc::now()));
        let path = r.dir().join(&card.file_name);
        crate::files::write_atomic(&path, card.text.as_bytes())?;
        r.j.card = Some(path);
        r.j.finished_at = Some(Utc::now());
        r.log("migration card written", None);
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
    journal: Option<&NumberRelease>,
    r: Result<(), JourneyError>,
) -> NumberResult {
    let mut out = not_reached(&located.number.id, Some(located), ReleaseStatus::Released);
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
    if let Err(e) = r {
        out.status = match e {
            JourneyError::DeregisterUnknown { .. } => ReleaseStatus::CannotVerify,
            _ => ReleaseStatus::Failed,
        };
        out.error = Some(ErrorInfo::of(&e));
    }
    out
}

/// The provider's app leaves an account's webhooks only when every number of the account was
/// released in this run: otherwise those webhooks still serve a number that stays.
async fn unsubscribe_emptied(
    client: &GraphClient,
    directory: &Directory,
    results: &[NumberResult],
) -> Vec<AccountResult> {
    let mut accounts: Vec<(String, Option<String>)> = Vec::new();
    for r in results {
        if let Some(a) = &r.account_id {
            if !accounts.iter().any(|(id, _)| id == a) {
                accounts.push((a.clone(), r.account_name.clone()));
            }
        }
    }
    let mut out = Vec::new();
    for (account, name) in accounts {
        let released = |id: &String| {
            results
                .iter()
                .any(|r| r.phone_number_id == *id && r.status == ReleaseStatus::Released)
        };
        let left = directory
            .account_numbers(&account)
            .iter()
            .filter(|id| !released(id))
            .count();
        let unsubscribe = if left > 0 {
            Unsubscribe::Kept { numbers_left: left }
        } else {
            unsubscribe(client, &account).await
        };
        out.push(AccountResult {
            account_id: account,
            account_name: name,
            unsubscribe,
        });
    }
    out
}

async fn unsubscribe(client: &GraphClient, account: &str) -> Unsubscribe {
    let Ok(waba) = WabaId::try_from(account.to_owned()) else {
        return Unsubscribe::NotSubscribed;
    };
    match client.subscribed_apps(&waba).await {
        Ok(apps) if apps.is_empty() => return Unsubscribe::NotSubscribed,
        Ok(_) => {}
        Err(e) => {
            return Unsubscribe::Failed {
                error: ErrorInfo::of(&e.into()),
            }
        }
    }
    match client.unsubscribe_app(&waba).await {
        Ok(r) => Unsubscribe::Unsubscribed {
            trace_id: r.trace_id,
        },
        Err(e) => Unsubscribe::Failed {
            error: ErrorInfo::of(&e.into()),
        },
    }
}
