//! The OS keyring behind the vault: Secret Service on Linux (kernel keyring as a session-only
//! fallback), Keychain on macOS, Credential Manager on Windows. Never keyring's in-memory mock.
//!
//! Every function here blocks (D-Bus, possibly an unlock prompt): callers run it off the UI
//! thread (`tokio::task::spawn_blocking`).

use super::token::AccessToken;
use serde::Serialize;
use std::sync::OnceLock;

/// Keyring service name; one entry per connection under it.
pub const SERVICE: &str = "waba-remover";

/// Which store holds the tokens. keyring does not report it, so the vault remembers its choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StoreKind {
    SecretService,
    /// Linux kernel keyring: RAM only, gone at reboot.
    KernelSession,
    Keychain,
    CredentialManager,
}

impl StoreKind {
    /// Whether a saved token survives a reboot.
    pub fn persistent(self) -> bool {
        !matches!(self, StoreKind::KernelSession)
    }
}

/// Keyring failures, in words an admin can act on. None carries the token.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error(
        "the system keyring is locked; unlock it (log in again or open the keyring app) and retry"
    )]
    Locked,
    #[error("no system keyring is available on this computer: {0}")]
    Unavailable(String),
    #[error("the saved token is damaged; connect again")]
    Damaged,
    #[error("this system has no supported keyring")]
    NoSupportedStore,
    #[error("the keyring failed: {0}")]
    Other(String),
}

static CHOSEN: OnceLock<Result<StoreKind, String>> = OnceLock::new();

/// Picks the store once per process. On Linux, probes Secret Service; when no Secret Service
/// answers (a bare server session) it switches keyring to the kernel keyring for this session.
/// `WABA_REMOVER_KEYRING=kernel` forces the fallback (support, CI without D-Bus).
pub fn chosen_store() -> Result<StoreKind, VaultError> {
    CHOSEN
        .get_or_init(choose)
        .clone()
        .map_err(VaultError::Unavailable)
}

#[cfg(target_os = "linux")]
fn choose() -> Result<StoreKind, String> {
    let forced_kernel = std::env::var("WABA_REMOVER_KEYRING").is_ok_and(|v| v == "kernel");
    if !forced_kernel {
        match keyring::Entry::new(SERVICE, "__probe__").and_then(|e| e.get_password()) {
            Ok(_) | Err(keyring::Error::NoEntry) => return Ok(StoreKind::SecretService),
            Err(keyring::Error::NoStorageAccess(_)) => return Ok(StoreKind::SecretService), // locked: still the right store
            Err(e) => {
                log::warn!("Secret Service unavailable ({e}); using the kernel session keyring")
            }
        }
    }
    keyring::set_default_credential_builder(keyring::keyutils::default_credential_builder());
    Ok(StoreKind::KernelSession)
}

#[cfg(target_os = "macos")]
fn choose() -> Result<StoreKind, String> {
    Ok(StoreKind::Keychain)
}

#[cfg(target_os = "windows")]
fn choose() -> Result<StoreKind, String> {
    Ok(StoreKind::CredentialManager)
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
fn choose() -> Result<StoreKind, String> {
    // keyring would silently fall back to an in-memory mock here: refuse instead.
    Err("this system has no supported keyring".into())
}

fn entry(connection: &str) -> Result<keyring::Entry, VaultError> {
    chosen_store()?;
    keyring::Entry::new(SERVICE, connection).map_err(map_err)
}

fn map_err(e: keyring::Error) -> VaultError {
    match e {
        keyring::Error::NoStorageAccess(_) => VaultError::Locked,
        // Secret Service reports a locked collection as a platform failure ("Cannot create an
        // item in a locked collection"); the admin's way forward is to unlock, so say that.
        keyring::Error::PlatformFailure(inner)
            if inner.to_string().to_lowercase().contains("locked") =>
        {
            VaultError::Locked
        }
        keyring::Error::PlatformFailure(inner) => VaultError::Unavailable(inner.to_string()),
        keyring::Error::BadEncoding(_) => VaultError::Damaged,
        other => VaultError::Other(other.to_string()),
    }
}

/// Saves the token for `connection`, replacing any earlier one.
pub fn save(connection: &str, token: &AccessToken) -> Result<StoreKind, VaultError> {
    entry(connection)?
        .set_password(token.expose())
        .map_err(map_err)?;
    chosen_store()
}

/// Reads the token for `connection`; `None` when nothing is saved.
pub fn load(connection: &str) -> Result<Option<AccessToken>, VaultError> {
    match entry(connection)?.get_password() {
        Ok(text) => AccessToken::parse(&text)
            .map(Some)
            .map_err(|_| VaultError::Damaged),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(map_err(e)),
    }
}

/// Forgets the token for `connection`; forgetting nothing is not an error.
pub fn forget(connection: &str) -> Result<(), VaultError> {
    match entry(connection)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(map_err(e)),
    }
}
