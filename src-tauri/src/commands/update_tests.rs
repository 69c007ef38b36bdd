//! Updates through the IPC, as the page would ask (`docs/updates.md`): the manifest and the
//! package served over real HTTP on loopback, signed with a key made here as the publisher's
//! would be. A package whose signature is not the published key's is refused and nothing is
//! replaced; an install never starts while something runs; the check is made once a day; and
//! the updater plugin's own commands are not the page's to call.

#[path = "../../../tests/common/static_http.rs"]
mod static_http;

use super::ipc_tests::invoke_raw as invoke;
use crate::state::AppState;
use base64::Engine;
use serde_json::{json, Value};
use static_http::{Answer, StaticHttp};
use std::sync::Mutex;
use tauri::test::{mock_builder, mock_context, noop_assets};
use tauri::{Manager, WebviewWindow};

type Window = WebviewWindow<tauri::test::MockRuntime>;

/// The install's target file is named by the environment: one update test at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

const INSTALLED: &[u8] = b"\x7fELF the installed app";

fn code(r: Result<Value, Value>) -> String {
    r.expect_err("refused")["code"]
        .as_str()
        .unwrap_or("?")
        .to_owned()
}

/// A key as Tauri's signer writes it (base64 of minisign's public key box), and a signer.
struct Publisher {
    keys: minisign::KeyPair,
}

impl Publisher {
    fn new() -> Self {
        Self {
            keys: minisign::KeyPair::generate_unencrypted_keypair().unwrap(),
        }
    }
    fn pubkey(&self) -> String {
        let b = self.keys.pk.to_box().unwrap().to_string();
        base64::engine::general_purpose::STANDARD.encode(b)
    }
    fn sign(&self, bytes: &[u8], version: &str) -> String {
        let trusted =
            format!("timestamp:1700000000\tfile:waba-remover.AppImage\tversion:{version}");
        let sig = minisign::sign(
            Some(&self.keys.pk),
            &self.keys.sk,
            std::io::Cursor::new(bytes),
            Some(&trusted),
            Some("signature from tauri secret key"),
        )
        .unwrap();
        base64::engine::general_purpose::STANDARD.encode(sig.to_string())
    }
}

/// A newer app, as an AppImage is recognised (a whole ELF header).
fn new_package() -> Vec<u8> {
    let mut p = b"\x7fELF the new version".to_vec();
    p.resize(64, 0);
    p
}

struct Harness {
    _dir: tempfile::TempDir,
    window: Window,
    app: tauri::App<tauri::test::MockRuntime>,
    exe: std::path::PathBuf,
}

/// The app on the mock runtime, published with `source` (`None`: without updates), its install
/// target a file of the test's.
fn harness(source: Option<(&str, String)>) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let exe = dir.path().join("waba-remover.AppImage");
    std::fs::write(&exe, INSTALLED).unwrap();
    std::env::set_var("WABA_REMOVER_UPDATE_EXE", &exe);
    std::env::remove_var("WABA_REMOVER_UPDATE_URL");
    let mut context = mock_context(noop_assets());
    if let Some((endpoint, pubkey)) = source {
        context.config_mut().plugins.0.insert(
            "updater".into(),
            json!({"endpoints": [endpoint], "pubkey": pubkey}),
        );
    }
    let mut builder = mock_builder()
        .manage(AppState::new(
            dir.path().join("data"),
            dir.path().join("config"),
        ))
        .invoke_handler(super::handler());
    if crate::update::prepare(context.config_mut()) {
        builder = builder.plugin(tauri_plugin_updater::Builder::new().build());
    }
    let app = builder.build(context).unwrap();
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    Harness {
        _dir: dir,
        window,
        app,
        exe,
    }
}

/// What the app installed and holds for the restart.
fn installed(h: &Harness) -> Option<String> {
    h.app
        .state::<AppState>()
        .update
        .lock()
        .unwrap()
        .installed
        .clone()
}

/// Version 9.0.0 published with its package signed by `signer`, and the app published with
/// `publisher`'s key.
fn offered(signer: &Publisher, publisher: &Publisher) -> (StaticHttp, Harness) {
    let http = StaticHttp::start();
    publish(&http, &signer.sign(&new_package(), "9.0.0"));
    let h = harness(Some((&http.url("/latest.json"), publisher.pubkey())));
    (http, h)
}

/// The release workflow's manifest: version 9.0.0 for this computer, its package at `/pkg`.
fn publish(http: &StaticHttp, signature: &str) {
    let manifest = json!({
        "version": "9.0.0",
        "notes": "**pt-BR** — O que mudou: códigos de erro novos da Meta.\n\n**English** — What changed: Meta's new error codes.",
        "pub_date": "2027-01-10T12:00:00Z",
        "platforms": { waba_core::update::platform_key(): {"url": http.url("/pkg"), "signature": signature} }
    });
    http.answer("/latest.json", Answer::ok(manifest.to_string()));
    http.answer("/pkg", Answer::ok(new_package()));
}

#[test]
fn a_package_not_signed_by_the_published_key_is_refused_and_nothing_is_replaced() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let (publisher, stranger) = (Publisher::new(), Publisher::new());
    let (http, h) = offered(&stranger, &publisher);

    let v = invoke(&h.window, "update_state", json!({})).unwrap();
    assert_eq!(v["enabled"], true);
    assert_eq!(v["available"]["version"], "9.0.0");
    assert_eq!(
        v["available"]["notes"]["pt"],
        "O que mudou: códigos de erro novos da Meta."
    );
    assert_eq!(v["busy"], Value::Null);

    let r = invoke(&h.window, "update_install", json!({"version": "9.0.0"}));
    assert_eq!(code(r), "update.signature");
    assert_eq!(
        std::fs::read(&h.exe).unwrap(),
        INSTALLED,
        "nothing replaced"
    );
    // A signature of the right key over other bytes is refused the same way.
    publish(&http, &publisher.sign(b"other bytes", "9.0.0"));
    assert_eq!(
        code(invoke(
            &h.window,
            "update_install",
            json!({"version": "9.0.0"})
        )),
        "update.signature"
    );
    assert_eq!(
        std::fs::read(&h.exe).unwrap(),
        INSTALLED,
        "nothing replaced"
    );
    assert_eq!(installed(&h), None);
    assert_eq!(
        code(invoke(&h.window, "update_restart", json!({}))),
        "update.none",
        "no restart without an install"
    );
}

#[test]
fn nothing_installs_while_something_runs_and_it_is_offered_again_after() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let publisher = Publisher::new();
    let (http, h) = offered(&publisher, &publisher);
    invoke(&h.window, "update_state", json!({})).unwrap();

    // Only the version offered.
    assert_eq!(
        code(invoke(
            &h.window,
            "update_install",
            json!({"version": "8.0.0"})
        )),
        "update.none"
    );
    // Not while a restore creates templates: the line says it waits, the install is refused.
    let state = h.app.state::<AppState>();
    let (run, _stop) = state.restore.lock().unwrap().begin_creation().unwrap();
    let v = invoke(&h.window, "update_state", json!({})).unwrap();
    assert_eq!(v["busy"], "restore");
    let e = invoke(&h.window, "update_install", json!({"version": "9.0.0"})).unwrap_err();
    assert_eq!(e["code"], "update.busy");
    assert_eq!(e["details"]["busy"], "restore");
    assert_eq!(std::fs::read(&h.exe).unwrap(), INSTALLED);
    assert!(
        !http.asked().contains(&"/pkg".to_owned()),
        "nothing downloaded"
    );
    state.restore.lock().unwrap().end_creation(run);

    // It ended: offered again. Asked once a day: three update_state calls, one manifest read.
    let v = invoke(&h.window, "update_state", json!({})).unwrap();
    assert_eq!(v["busy"], Value::Null);
    assert_eq!(v["available"]["version"], "9.0.0");
    let reads = http.asked().iter().filter(|p| *p == "/latest.json").count();
    assert_eq!(reads, 1, "{:?}", http.asked());
}

/// The install itself replaces the AppImage the test names (on Windows and macOS the plugin
/// would start an installer or unpack an app bundle: the refusals above run there too).
#[cfg(target_os = "linux")]
#[test]
fn the_published_keys_package_installs_when_asked() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let publisher = Publisher::new();
    let (_http, h) = offered(&publisher, &publisher);
    invoke(&h.window, "update_state", json!({})).unwrap();
    let v = invoke(&h.window, "update_install", json!({"version": "9.0.0"})).unwrap();
    assert_eq!(v["installed"], "9.0.0");
    assert_eq!(std::fs::read(&h.exe).unwrap(), new_package());
    // The restart waits for the admin's click.
    assert_eq!(installed(&h).as_deref(), Some("9.0.0"));
}

#[test]
fn redraws_during_the_check_wait_for_its_answer_instead_of_asking_again() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let publisher = Publisher::new();
    let (http, h) = offered(&publisher, &publisher);
    let answers: Vec<Value> = std::thread::scope(|s| {
        let asks: Vec<_> = (0..4)
            .map(|_| s.spawn(|| invoke(&h.window, "update_state", json!({})).unwrap()))
            .collect();
        asks.into_iter().map(|a| a.join().unwrap()).collect()
    });
    for a in &answers {
        assert_eq!(a["available"]["version"], "9.0.0");
    }
    let reads = http.asked().iter().filter(|p| *p == "/latest.json").count();
    assert_eq!(reads, 1, "{:?}", http.asked());
}

#[test]
fn a_copy_published_without_updates_says_so_and_installs_nothing() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let h = harness(None);
    let v = invoke(&h.window, "update_state", json!({})).unwrap();
    assert_eq!(v["enabled"], false);
    assert_eq!(v["available"], Value::Null);
    assert_eq!(
        code(invoke(
            &h.window,
            "update_install",
            json!({"version": "9.0.0"})
        )),
        "update.off"
    );
    assert_eq!(std::fs::read(&h.exe).unwrap(), INSTALLED);
}

#[test]
fn the_updater_plugins_own_commands_are_not_the_pages() {
    // The window's capability grants the app's commands and its events, nothing of a plugin.
    let cap: Value = serde_json::from_str(include_str!("../../capabilities/main.json")).unwrap();
    let granted = cap["permissions"].to_string();
    assert!(!granted.contains("updater"), "{granted}");
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let publisher = Publisher::new();
    let (http, h) = offered(&publisher, &publisher);
    let r = invoke(&h.window, "plugin:updater|check", json!({}));
    assert!(r.is_err(), "the page called the plugin: {r:?}");
    assert!(http.asked().is_empty(), "{:?}", http.asked());
}
