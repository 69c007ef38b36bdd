//! waba-remover's core: everything the app does with Meta, with no window and no `tauri` in its
//! dependency tree (the compiler keeps it so: this crate does not depend on Tauri). The app
//! (`src-tauri/src`), the support console, the tests and the benchmark all use it.
//!
//! - [`graph`]: the Graph API client (typed ids, errors with Meta's code and trace id, retries
//!   for reads only, the hourly call ledger).
//! - [`removal`]: the journey (checks, backup, deregister, the two deletions proved by reading),
//!   and its advisor (`removal::roads`: which roads keep the number, from Meta's facts).
//! - [`restore`]: recreating templates in another account, one run at a time.
//! - [`release`]: releasing numbers when a client leaves a provider (checks, backup, one
//!   deregister, migration card, webhooks), many in one paced run.
//! - [`sandbox`]: the practice Meta, speaking the same HTTP contract.
//! - [`vault`]: the token in the OS keyring.
//! - [`login`]: the Facebook login's rules (which redirect counts, which token is kept).
//! - [`number_ledger`]: what every run of the app on this computer shares about a number (its
//!   lock, Meta's 72 h register/deregister budget).
//! - [`data_dir`]: the app's data folder, for the window and the console alike.
//! - [`files`]: the only code that writes a file (0600, exclusive, no symlink followed).
//! - [`update`]: whether a newer published version exists (the app asks once a day).
//! - [`vocabulary`]: the enums the web view shares, declared once.
//!
//! Meta's rules each step enforces are listed in `docs/meta-rules.md`.

pub mod connection;
pub mod data_dir;
pub mod files;
pub mod graph;
pub mod login;
pub mod number_ledger;
pub mod release;
pub mod removal;
pub mod restore;
pub mod sandbox;
pub mod steps;
pub mod update;
pub mod vault;
pub mod vocabulary;

#[cfg(test)]
mod hostile_input;
