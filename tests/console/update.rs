//! `waba-remover update --check`: the published address asked once, no token needed, and the
//! documented exit codes (0 newest, 7 a newer version, 1 no updates or a failed check, 2 usage).

use super::static_http::{Answer, StaticHttp};
use serde_json::Value;
use std::process::Command;

const APP: &str = env!("CARGO_BIN_EXE_waba-remover");

fn update(args: &[&str], url: Option<&str>) -> (i32, Value, String) {
    let mut c = Command::new(APP);
    c.arg("update")
        .args(args)
        .env_remove("WABA_REMOVER_UPDATE_URL")
        .env_remove("WABA_REMOVER_TOKEN")
        .env("DBUS_SESSION_BUS_ADDRESS", "disabled:");
    if let Some(url) = url {
        c.env("WABA_REMOVER_UPDATE_URL", url)
            .env("WABA_REMOVER_UPDATE_PUBKEY", "a public key");
    }
    let out = c.output().unwrap();
    let doc = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (
        out.status.code().unwrap_or(-1),
        doc,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn published(version: &str) -> StaticHttp {
    let http = StaticHttp::start();
    http.answer(
        "/latest.json",
        Answer::ok(
            serde_json::json!({
                "version": version,
                "notes": "**pt-BR** — O que mudou: códigos novos.\n\n**English** — What changed: new codes.",
                "platforms": { waba_core::update::platform_key(): {"url": "https://example.com/p", "signature": "c2ln"} }
            })
            .to_string(),
        ),
    );
    http
}

#[test]
fn a_newer_version_exits_7_with_its_notes_and_the_newest_exits_0() {
    let http = published("9.0.0");
    let (code, doc, _) = update(&["--check", "--json"], Some(&http.url("/latest.json")));
    assert_eq!(code, 7, "{doc}");
    assert_eq!(doc["outcome"], "available");
    assert_eq!(doc["version"], "9.0.0");
    assert_eq!(doc["notes"]["pt-BR"], "O que mudou: códigos novos.");
    assert_eq!(doc["exit"]["name"], "update_available");

    let http = published(env!("CARGO_PKG_VERSION"));
    let (code, doc, _) = update(&["--check", "--json"], Some(&http.url("/latest.json")));
    assert_eq!(code, 0, "{doc}");
    assert_eq!(doc["outcome"], "up_to_date");
    assert_eq!(http.asked(), vec!["/latest.json".to_owned()], "asked once");
}

#[test]
fn no_updates_a_failed_check_and_usage_are_told_apart() {
    let (code, doc, err) = update(&["--check", "--json"], None);
    assert_eq!(code, 1);
    assert_eq!(doc["outcome"], "updates_off");
    assert!(err.contains("sem atualizações automáticas"), "{err}");

    let http = StaticHttp::start(); // answers 404
    let (code, doc, _) = update(&["--check", "--json"], Some(&http.url("/latest.json")));
    assert_eq!(code, 1);
    assert_eq!(doc["outcome"], "failed");
    assert_eq!(doc["error"]["code"], "status");

    let (code, _, err) = update(&[], None);
    assert_eq!(code, 2);
    assert!(err.contains("--check"), "{err}");
    let (code, _, _) = update(&["--check", "--install"], None);
    assert_eq!(code, 2);
}
