//! The provider's app and an account's webhooks after a run (`docs/meta-rules.md` §16): left
//! only on proof that no number of the account still needs them.

use super::directory::Directory;
use super::report::{AccountResult, ErrorInfo, NumberResult, ReleaseStatus, Unsubscribe};
use crate::graph::{GraphClient, WabaId};

/// Moves: the provider's app leaves an account's webhooks only when Meta's list of the account,
/// read now, holds no number (the same proof as a deletion: gone from the account's list).
/// Until the new provider registers the numbers they are still listed, still served by these
/// webhooks: the app stays, and the same command run after the move leaves them.
pub(super) async fn after_moves(
    client: &GraphClient,
    results: &[NumberResult],
) -> Vec<AccountResult> {
    let mut out = Vec::new();
    for (account, name) in accounts_of(results) {
        let unsubscribe = match WabaId::try_from(account.clone()) {
            Err(_) => Unsubscribe::NotSubscribed,
            Ok(waba) => match client.phone_numbers(&waba).await {
                Ok(listed) if listed.is_empty() => unsubscribe(client, &account).await,
                Ok(listed) => Unsubscribe::AwaitingMove {
                    numbers_listed: listed.len(),
                },
                Err(e) => Unsubscribe::Failed {
                    error: ErrorInfo::of(&e.into()),
                },
            },
        };
        out.push(AccountResult {
            account_id: account,
            account_name: name,
            unsubscribe,
        });
    }
    out
}

/// The accounts of a run's numbers, each once, in the order met.
fn accounts_of(results: &[NumberResult]) -> Vec<(String, Option<String>)> {
    let mut accounts: Vec<(String, Option<String>)> = Vec::new();
    for r in results {
        if let Some(a) = &r.account_id {
            if !accounts.iter().any(|(id, _)| id == a) {
                accounts.push((a.clone(), r.account_name.clone()));
            }
        }
    }
    accounts
}

/// The provider's app leaves an account's webhooks only when every number of the account was
/// released in this run (each deregister proven by Meta's answer): otherwise those webhooks
/// still serve a number that stays.
pub(super) async fn emptied(
    client: &GraphClient,
    directory: &Directory,
    results: &[NumberResult],
) -> Vec<AccountResult> {
    let mut out = Vec::new();
    for (account, name) in accounts_of(results) {
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
