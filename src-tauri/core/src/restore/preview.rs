//! The restore's preview for one destination, decided here and not in the shell
//! (`docs/meta-rules.md` §14): the destination read back from Meta (one of the business's
//! accounts, its templates' names), the file prepared into a fresh folder of the shelf (the plan,
//! every template's text for the consent), and, when Meta's own migration applies, what it would
//! copy, read from the source account at Meta now.

use super::consent::{self, ConsentItem};
use super::destination::read_destination;
use super::error::RestoreError;
use super::migrate::{self, MigrationPreview};
use super::plan::{prepare, RestorePlan};
use super::store::{RestoreShelf, RestoreStore};
use crate::graph::{BusinessId, GraphClient, WabaId};
use crate::steps::backup::read::BackupHead;
use std::path::PathBuf;

pub struct RestorePreview {
    pub store: RestoreStore,
    pub plan: RestorePlan,
    /// The destination account's name as Meta gives it: what the admin types to consent.
    pub dest_name: Option<String>,
    /// Every template to be created, with the links and phone numbers of its buttons.
    pub items: Vec<ConsentItem>,
    /// Meta's migration applies (the source account is still in the business): what it would
    /// copy, as Meta has the source's templates now.
    pub migration: Option<MigrationPreview>,
}

/// Previews restoring `file` into `dest` of `business`, on `client`'s connection. Refused while
/// an unfinished restore waits on the shelf.
pub async fn preview_destination(
    client: &GraphClient,
    shelf: &RestoreShelf,
    business: &BusinessId,
    dest: &WabaId,
    file: (PathBuf, BackupHead),
    include_not_approved: bool,
) -> Result<RestorePreview, RestoreError> {
    let (path, head) = file;
    let sh = shelf.clone();
    off_the_runtime(move || sh.no_unfinished()).await?;
    let d = read_destination(client, business, dest, head.waba.id.as_deref())
        .await?
        .ok_or(RestoreError::DestinationGone)?;
    let migration = match (d.migration_offer, head.waba.id.as_deref()) {
        (true, Some(source)) => {
            let source = WabaId::parse(source)?;
            Some(migrate::preview(client, &source, &d.existing).await?)
        }
        _ => None,
    };
    let sh = shelf.clone();
    let existing = d.existing;
    let (store, plan, items) = off_the_runtime(move || {
        let store = sh.fresh()?;
        let (_, plan) = prepare(&path, &existing, include_not_approved, &store.spool())?;
        let items = consent::items(&store.spool())?;
        Ok::<_, RestoreError>((store, plan, items))
    })
    .await?;
    Ok(RestorePreview {
        store,
        plan,
        dest_name: d.name,
        items,
        migration,
    })
}

/// File work (a backup of thousands of templates) away from the async workers.
async fn off_the_runtime<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, RestoreError> + Send + 'static,
) -> Result<T, RestoreError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| RestoreError::Io(std::io::Error::other(e.to_string())))?
}
