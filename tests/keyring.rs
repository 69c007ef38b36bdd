//! The vault against a real Secret Service (gnome-keyring on a private D-Bus session): save,
//! read back from another process (`secret-tool`), forget, gone.

mod common;
use common::session::{require, Session};
use std::process::Command;
use waba_core::vault::{self, AccessToken, StoreKind};

const TOKEN: &str = "EAAGkeyringTestToken0123456789abcdefXYZ";

fn lookup(bus: &str, user: &str) -> Option<String> {
    let out = Command::new(require("secret-tool", "libsecret-tools"))
        .args(["lookup", "service", vault::SERVICE, "username", user])
        .env("DBUS_SESSION_BUS_ADDRESS", bus)
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    (out.status.success() && !s.is_empty()).then_some(s)
}

/// One test, run in order: the process environment (the session bus) is ours to set.
#[test]
fn token_round_trips_through_the_real_secret_service() {
    std::env::remove_var("DISPLAY");
    let session = Session::start(false);
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &session.bus);
    assert_eq!(
        vault::chosen_store().unwrap(),
        StoreKind::SecretService,
        "must not fall back while a Secret Service answers"
    );
    assert!(StoreKind::SecretService.persistent());

    let token = AccessToken::parse(TOKEN).unwrap();
    assert_eq!(vault::load("e2e-conn").unwrap().map(|t| t.masked()), None);
    assert_eq!(
        vault::save("e2e-conn", &token).unwrap(),
        StoreKind::SecretService
    );

    // Read back by another process, as the OS sees it.
    assert_eq!(lookup(&session.bus, "e2e-conn").as_deref(), Some(TOKEN));
    let back = vault::load("e2e-conn").unwrap().unwrap();
    assert!(back.appears_in(TOKEN));
    assert_eq!(back.masked(), "EAAG…fXYZ");

    // Replacing keeps one entry.
    let newer = AccessToken::parse("EAAGsecondTokenValue987654321").unwrap();
    vault::save("e2e-conn", &newer).unwrap();
    assert_eq!(
        lookup(&session.bus, "e2e-conn").as_deref(),
        Some("EAAGsecondTokenValue987654321")
    );

    vault::forget("e2e-conn").unwrap();
    assert_eq!(lookup(&session.bus, "e2e-conn"), None);
    assert!(vault::load("e2e-conn").unwrap().is_none());
    vault::forget("e2e-conn").expect("forgetting nothing is fine");

    // Lock the keyring: a clear "locked" error (never a panic, never the token in the text).
    let status = Command::new(require("dbus-send", "dbus"))
        .args([
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.secrets",
            "/org/freedesktop/secrets",
            "org.freedesktop.Secret.Service.Lock",
            "array:objpath:/org/freedesktop/secrets/collection/login",
        ])
        .env("DBUS_SESSION_BUS_ADDRESS", &session.bus)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "locking the keyring over D-Bus");
    match vault::save("e2e-conn", &token) {
        Err(e) => {
            assert!(matches!(e, vault::VaultError::Locked), "{e:?}");
            assert!(!format!("{e} {e:?}").contains(TOKEN));
        }
        Ok(_) => panic!("a locked keyring accepted a secret"),
    }
}
