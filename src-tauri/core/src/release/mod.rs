//! "Liberar o número" (the support console's `release`, the app's "liberar vários"): what a
//! provider does when a client leaves, for one number or many in one paced run, by the road the
//! analyst names ([`ReleaseRoad`]). Per number, under its lock in the shared ledger: the checks,
//! a verified backup, then by road — to another provider, the migration card and nothing sent
//! (the number stays registered until the new provider registers it); back to the app or
//! closed, the one deregister (`steps/deregister.rs`, the journey's own rules). Per account,
//! the provider's app leaves the webhooks only on proof: every number released by a deregister,
//! or (moves) the account's list at Meta holding no number any more. Never a deletion.
//!
//! One journal per number (`<run folder>/<number id>/release.json`), so a run stopped anywhere
//! resumes where it stopped: a deregister that was in flight is "unknown" and the number is read
//! before anything is sent again (`docs/meta-rules.md` §5, §16).

mod batch;
mod directory;
pub mod folder;
mod journal;
mod report;
mod road;
mod run;
mod slot;
mod unsubscribe;

pub use batch::{prepare_batch, run_batch, PrepareError, PreparedBatch};
pub use directory::{AccountEntry, BusinessEntry, Directory, Located, NumberEntry, NumberInput};
pub use journal::NumberRelease;
pub use report::{AccountResult, ErrorInfo, NumberResult, ReleaseStatus, RunReport, Unsubscribe};
pub use road::ReleaseRoad;
pub use run::{release, Pacing, RunOptions};
pub use slot::{BatchError, BatchNumber, BatchSlot, BatchView};
