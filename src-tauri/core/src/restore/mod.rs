//! Restoring message templates from a backup this app wrote into another WABA
//! (`docs/meta-rules.md` §14): the file is checked, a preview says what will be created and what is
//! skipped and why, templates are created one at a time within Meta's limits (journaled, so a
//! crash resumes; an unknown outcome is settled by reading, never by sending again), and a report
//! lists each template. When the source WABA still exists in the same business, Meta's own template
//! migration is offered instead. No `tauri` import here.

pub mod consent;
pub mod destination;
pub mod error;
pub mod migrate;
pub mod model;
pub mod plan;
pub mod preview;
pub mod report;
pub mod run;
pub mod slot;
pub mod store;

/// The backup's reader lives beside its writer (`removal::backup::read`): one file format.
pub use error::RestoreError;
pub use model::{Progress, Restore, RunState, Step};
pub use plan::{plan, plan_items, prepare, PlanItem, Planner, RestorePlan, SkipReason};
pub use preview::{preview_destination, RestorePreview};
pub use slot::{BusyGuard, Preview, RestoreSlot};
pub use store::{RestoreShelf, RestoreStore};
