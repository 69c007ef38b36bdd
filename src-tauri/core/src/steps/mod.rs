//! The steps the journey (`removal/`), the release (`release/`) and the support console share:
//! the pre-requisites' checks, the backup (its one file format: one writer, one reader), the one
//! deregister of a number with its record, and the target they act on. No journey here: a step
//! takes what it acts on and answers; its caller journals it.

pub mod backup;
pub mod checks;
pub mod deregister;
pub mod deregister_record;
pub mod target;
