//! The app's batch release ("Para provedores: liberar vários números"), decided here so the
//! shell only decodes, calls and encodes: what the token sees is read now, the page's numbers
//! and typed name are checked against it (`BatchView::plan`), the run gets a private folder of its
//! own under the data folder, then runs paced for its mode and saves its report.

use super::directory::Directory;
use super::report::NumberResult;
use super::report::RunReport;
use super::road::ReleaseRoad;
use super::run::{release, Pacing, RunOptions};
use super::slot::{BatchError, BatchView};
use crate::connection::Owner;
use crate::graph::{GraphClient, GraphError, PhoneNumberId, WabaId};
use crate::number_ledger::Program;
use std::path::{Path, PathBuf};

/// A batch that may start: what the token sees, the view of the chosen numbers, its folder.
pub struct PreparedBatch {
    pub directory: Directory,
    pub view: BatchView,
    pub dir: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum PrepareError {
    #[error(transparent)]
    Graph(#[from] GraphError),
    #[error(transparent)]
    Batch(#[from] BatchError),
    #[error("the run's folder could not be made: {0}")]
    Io(#[from] std::io::Error),
}

/// Reads what the token sees and checks the page's choice against it; nothing is sent.
pub async fn prepare_batch(
    client: &GraphClient,
    data_dir: &Path,
    account: &WabaId,
    numbers: &[PhoneNumberId],
    typed_name: &str,
) -> Result<PreparedBatch, PrepareError> {
    let ids: Vec<String> = numbers.iter().map(ToString::to_string).collect();
    let directory = Directory::read(client).await?;
    let view = BatchView::plan(&directory, account.as_str(), &ids, typed_name)?;
    let dir = super::folder::app_run(data_dir, chrono::Local::now());
    crate::files::create_private_dir(&dir)?;
    Ok(PreparedBatch {
        directory,
        view,
        dir,
    })
}

/// Runs a prepared batch by `road`, paced for `mode` and sharing the mode's ledger of numbers;
/// the report is saved in the run's folder (its HTML's path comes back when it was written).
pub async fn run_batch(
    client: &GraphClient,
    batch: PreparedBatch,
    road: ReleaseRoad,
    owner: &Owner,
    data_dir: &Path,
    stop: &tokio::sync::watch::Receiver<bool>,
    heard: impl FnMut(&NumberResult),
) -> Result<(RunReport, Option<PathBuf>), GraphError> {
    let opts = RunOptions {
        road,
        pacing: Pacing::for_mode(owner.mode),
        ledger: owner.mode.number_ledger(data_dir, Program::Batch),
        owner: owner.clone(),
    };
    let ids = batch.view.ids();
    let report = release(
        client,
        &batch.dir,
        &ids,
        batch.directory,
        &opts,
        stop,
        heard,
    )
    .await?;
    let html = report.save(&batch.dir).ok().map(|(_, html)| html);
    Ok((report, html))
}
