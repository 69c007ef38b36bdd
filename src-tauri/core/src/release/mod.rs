//! "Liberar o número" (the support console's `release`, the app's "levar vários"): what a
//! provider does when a client leaves, for one number or many in one paced run. Per number: the
//! checks, a verified backup, the one deregister (`removal/deregister.rs`, the journey's own
//! rules), and the migration card (`removal::move_card_for`); per account, once every number of
//! it is released, the provider's app unsubscribed from its webhooks. Never a deletion.
//!
//! One journal per number (`<run folder>/<number id>/release.json`), so a run stopped anywhere
//! resumes where it stopped: a deregister that was in flight is "unknown" and the number is read
//! before anything is sent again (`docs/meta-rules.md` §5, §16).

mod directory;
mod journal;
mod report;
mod run;
mod slot;

pub use directory::{AccountEntry, BusinessEntry, Directory, Located, NumberEntry};
pub use journal::NumberRelease;
pub use report::{AccountResult, ErrorInfo, NumberResult, ReleaseStatus, RunReport, Unsubscribe};
pub use run::{release, Pacing};
pub use slot::{BatchError, BatchNumber, BatchSlot, BatchView};
