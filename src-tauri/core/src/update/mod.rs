//! Updates: whether a newer published version exists, what it changes (in the admin's language)
//! and when to ask again. The rules (`docs/updates.md`):
//!
//! - the source is the one the installer was published with (an HTTPS `latest.json` and the
//!   publisher's public key); a copy published without them has no updates and says so;
//! - the app asks at most once a day ([`memory`]); the console asks when told;
//! - this module only reads the manifest: downloading, checking the signature and installing are
//!   the shell's (Tauri's updater plugin), and only when the admin asks and nothing is running.

mod check;
mod gate;
mod manifest;
mod memory;
mod source;

pub use check::{check, Available, Check, UpdateError};
pub use gate::{Activity, Busy};
pub use manifest::{Manifest, Notes};
pub use memory::{Memory, MEMORY_FILE};
pub use source::{platform_key, Source, SourceError};
