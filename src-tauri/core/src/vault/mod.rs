//! The vault: the only code that reads a token's plaintext (`ARCHITECTURE.md`).
//! Elsewhere a token is an [`AccessToken`], which cannot be printed or serialized.

pub mod check;
mod store;
mod token;

pub use store::{chosen_store, forget, load, save, StoreKind, VaultError, SERVICE};
pub use token::{AccessToken, TokenFormatError, MAX_TOKEN_BYTES};

/// The keyring entry of the one Meta connection the app keeps today.
pub const DEFAULT_CONNECTION: &str = "meta-default";

/// The keyring entry for a Graph host: a saved token is bound to the host it was saved for, so
/// pointing the app at another host never sends it there (`docs/security.md`).
pub fn entry_for_host(host: &str, is_meta: bool) -> String {
    if is_meta {
        DEFAULT_CONNECTION.to_owned()
    } else {
        format!("{DEFAULT_CONNECTION}@{host}")
    }
}
