//! The vault: the only code that reads a token's plaintext (design.md, Architecture).
//! Elsewhere a token is an [`AccessToken`], which cannot be printed or serialized.

pub mod check;
mod store;
mod token;

pub use store::{chosen_store, forget, load, save, StoreKind, VaultError, SERVICE};
pub use token::{AccessToken, TokenFormatError, MAX_TOKEN_BYTES};

/// The keyring entry of the one Meta connection the app keeps today.
pub const DEFAULT_CONNECTION: &str = "meta-default";
