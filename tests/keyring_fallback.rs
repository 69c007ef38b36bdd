//! Where no Secret Service exists (a bare server session), the vault falls back to the kernel
//! keyring for the session only, and says so. Checked with the app's own
//! `keyring-check` diagnostic, in a fresh kernel session keyring (`keyctl session`).

mod common;
use common::session::{require, Session};
use std::process::Command;

const APP: &str = env!("CARGO_BIN_EXE_waba-remover");

fn check(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.output().unwrap();
    let line = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(line.trim()).unwrap_or_else(|e| {
        panic!(
            "not one JSON line ({e}): {line} {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

#[test]
fn without_a_secret_service_the_token_lives_in_the_kernel_session_keyring() {
    let keyctl = require("keyctl", "keyutils");
    // No session bus at all: Secret Service cannot answer.
    let v = check(
        Command::new(keyctl)
            .args(["session", "-", APP, "keyring-check"])
            .env("DBUS_SESSION_BUS_ADDRESS", "disabled:")
            .env_remove("DISPLAY"),
    );
    assert_eq!(v["store"], "kernel_session", "{v}");
    assert_eq!(
        v["persistent"], false,
        "the UI warns that the token will not survive a reboot"
    );
    assert_eq!(v["round_trip"], true, "{v}");
}

#[test]
fn with_a_secret_service_the_vault_uses_it() {
    let session = Session::start(false);
    let v = check(
        Command::new(APP)
            .arg("keyring-check")
            .envs(session.envs())
            .env_remove("DISPLAY"),
    );
    assert_eq!(v["store"], "secret_service", "{v}");
    assert_eq!(v["persistent"], true);
    assert_eq!(v["round_trip"], true, "{v}");
}
