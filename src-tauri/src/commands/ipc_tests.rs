//! The web view is untrusted: these tests call the commands through Tauri's IPC (the mock
//! runtime, real command code, real HTTP to a sandbox on loopback), as a script in the page
//! would, and check the rules hold there, not only in the core.

use crate::state::AppState;
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow};
use waba_core::connection::Mode;
use waba_core::graph::{BusinessId, GraphConfig, PhoneNumberId, WabaId};
use waba_core::sandbox::seed::*;
use waba_core::sandbox::{Sandbox, SandboxOptions};
use waba_core::steps::target::Target;

type Window = WebviewWindow<tauri::test::MockRuntime>;

struct Harness {
    _dir: tempfile::TempDir,
    sandbox: Sandbox,
    window: Window,
    app: tauri::App<tauri::test::MockRuntime>,
}

/// A command called as the page calls it: its answer, or its `{code, message, details}`.
pub(super) fn invoke_raw(w: &Window, cmd: &str, args: Value) -> Result<Value, Value> {
    let req = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(w, req).map(|b| b.deserialize::<Value>().unwrap())
}

fn invoke(w: &Window, cmd: &str, args: Value) -> Result<Value, String> {
    invoke_raw(w, cmd, args).map_err(|e| e["code"].as_str().unwrap_or("?").to_owned())
}

/// The app's commands on the mock runtime, connected (in `mode`) to a fresh sandbox, with a
/// backup of the Promoções number chosen as the restore's file.
fn harness(mode: Mode) -> Harness {
    harness_in(mode, waba_core::sandbox::Scenario::Default)
}

/// [`harness`] on the sandbox's `scenario` (the provider's company holds client accounts).
fn harness_in(mode: Mode, scenario: waba_core::sandbox::Scenario) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::new(dir.path().join("data"), dir.path().join("config"));
    let app = mock_builder()
        .manage(state)
        .invoke_handler(super::handler())
        .build(mock_context(noop_assets()))
        .unwrap();
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    let sandbox = tauri::async_runtime::block_on(Sandbox::start(SandboxOptions {
        scenario,
        templates_per_hour: 10_000,
        waba_calls_per_hour: 10_000,
        ..Default::default()
    }))
    .unwrap();
    let backup = dir.path().join("backup.json");
    let state = app.state::<AppState>();
    tauri::async_runtime::block_on(async {
        let cfg = GraphConfig::new(&sandbox.url(), sandbox.version()).unwrap();
        let conn = super::connection::connect(&state, cfg, sandbox.token(), mode, false)
            .await
            .unwrap();
        let t = Target {
            business_id: BusinessId::try_from(BUSINESS_ID.to_owned()).ok(),
            waba_id: WabaId::try_from(WABA_PROMOCOES.to_owned()).ok(),
            waba_name: Some("Doces da Vila Promoções".into()),
            phone_number_id: PhoneNumberId::try_from(PN_READY.to_owned()).ok(),
            display_phone_number: Some("+55 11 98888-5678".into()),
            ..Default::default()
        };
        waba_core::steps::backup::write_backup(&conn.client, &t, &backup, chrono::Utc::now())
            .await
            .unwrap();
        *state.conn.lock().await = Some(conn);
    });
    let head = waba_core::steps::backup::read::scan(&backup, |_| {}).unwrap();
    state.restore.lock().unwrap().file = Some((backup, head));
    Harness {
        _dir: dir,
        sandbox,
        window,
        app,
    }
}

fn preview(h: &Harness) -> Value {
    invoke(
        &h.window,
        "restore_plan",
        json!({"businessId": BUSINESS_ID, "wabaId": WABA_ATENDIMENTO, "includeNotApproved": false}),
    )
    .unwrap()
}

fn creations(sb: &Sandbox) -> usize {
    sb.requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/message_templates"))
        .count()
}

fn wait_until_idle(h: &Harness, within: Duration) {
    let until = Instant::now() + within;
    while h.app.state::<AppState>().restore.lock().unwrap().creating() {
        assert!(Instant::now() < until, "the restore still runs");
        std::thread::sleep(Duration::from_millis(20));
    }
}

const DEST: &str = "Doces da Vila Atendimento";

#[test]
fn two_starts_at_once_run_one_restore_and_post_each_template_once() {
    let h = harness(Mode::Practice);
    let v = preview(&h);
    let to_create = v["plan"]["to_create"].as_u64().unwrap() as usize;
    assert!(to_create > 50);
    // The consent list names every template to be created, with its buttons' links.
    assert_eq!(v["items"].as_array().unwrap().len(), to_create);
    assert_eq!(v["dest_name"], DEST);
    let id = v["preview_id"].as_str().unwrap().to_owned();
    // Without the account's name, nothing starts.
    assert_eq!(
        invoke(
            &h.window,
            "restore_start",
            json!({"previewId": id, "typedName": "Doces"})
        ),
        Err("restore.confirmation_mismatch".into())
    );
    assert_eq!(creations(&h.sandbox), 0);
    let args = json!({"previewId": id, "typedName": " doces da vila atendimento "});
    let (w1, w2) = (h.window.clone(), h.window.clone());
    let (a1, a2) = (args.clone(), args.clone());
    let t1 = std::thread::spawn(move || invoke(&w1, "restore_start", a1));
    let t2 = std::thread::spawn(move || invoke(&w2, "restore_start", a2));
    let (r1, r2) = (t1.join().unwrap(), t2.join().unwrap());
    let refused: Vec<_> = [&r1, &r2]
        .into_iter()
        .filter_map(|r| r.clone().err())
        .collect();
    assert_eq!(refused.len(), 1, "{r1:?} {r2:?}");
    assert!(
        refused[0] == "restore.busy" || refused[0] == "restore.no_preview",
        "{refused:?}"
    );
    // A resume, a new preview or a migration while it runs are refused too.
    assert_eq!(
        invoke(&h.window, "restore_resume", json!({})),
        Err("restore.busy".into())
    );
    assert_eq!(
        invoke(
            &h.window,
            "restore_plan",
            json!({"businessId": BUSINESS_ID, "wabaId": WABA_ATENDIMENTO, "includeNotApproved": false})
        )
        .err(),
        Some("restore.busy".into())
    );
    wait_until_idle(&h, Duration::from_secs(120));
    assert_eq!(creations(&h.sandbox), to_create);
    let s = invoke(&h.window, "restore_state", json!({})).unwrap();
    assert_eq!(
        s["progress"]["created"].as_u64().unwrap() as usize,
        to_create
    );
    assert_eq!(s["progress"]["failed"], 0);
}

#[test]
fn leaving_the_connection_stops_the_restore_and_another_cannot_resume_it() {
    // A "real" connection (the sandbox as a test Graph host): its pace is slow enough to leave.
    let h = harness(Mode::Real);
    let v = preview(&h);
    let id = v["preview_id"].as_str().unwrap().to_owned();
    invoke(
        &h.window,
        "restore_start",
        json!({"previewId": id, "typedName": DEST}),
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    // Practice mode: another connection. The run stops within a second and keeps its place.
    let left = Instant::now();
    invoke(&h.window, "practice_start", json!({"fresh": true})).unwrap();
    wait_until_idle(&h, Duration::from_secs(1));
    assert!(left.elapsed() < Duration::from_secs(2));
    let sent = creations(&h.sandbox);
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(creations(&h.sandbox), sent, "nothing is sent after leaving");
    let s = invoke(&h.window, "restore_state", json!({})).unwrap();
    assert_eq!(s["unfinished"], true);
    assert_eq!(s["belongs"]["here"], false);
    assert_eq!(s["belongs"]["mode"], "real");
    assert_eq!(
        invoke(&h.window, "restore_resume", json!({})),
        Err("restore.other_connection".into())
    );
    // A new preview would overwrite nothing: it is refused while the restore is unfinished.
    let state = h.app.state::<AppState>();
    assert!(state.restore.lock().unwrap().preview.is_none());
    assert_eq!(
        invoke(
            &h.window,
            "restore_plan",
            json!({"businessId": BUSINESS_ID, "wabaId": WABA_ATENDIMENTO, "includeNotApproved": false})
        )
        .err(),
        Some("restore.unfinished".into())
    );
    // Discarding under practice sends nothing to the real host; the report stays.
    let before = h.sandbox.requests().len();
    let d = invoke(&h.window, "restore_discard", json!({}));
    match d {
        Ok(s) => {
            assert_eq!(s["unfinished"], false);
            assert_eq!(s["progress"]["discarded"], true);
            assert_eq!(h.sandbox.requests().len(), before);
        }
        // A template was mid-request when the connection changed: only its own connection may
        // settle it by reading.
        Err(code) => assert_eq!(code, "restore.other_connection"),
    }
}

#[test]
fn a_migration_needs_the_typed_name_and_the_preview_shown() {
    let h = harness(Mode::Practice);
    let v = preview(&h);
    assert_eq!(v["migration_offer"], true);
    let id = v["preview_id"].as_str().unwrap().to_owned();
    assert_eq!(
        invoke(
            &h.window,
            "restore_migrate",
            json!({"previewId": id, "typedName": "x"})
        ),
        Err("restore.confirmation_mismatch".into())
    );
    assert_eq!(
        invoke(
            &h.window,
            "restore_migrate",
            json!({"previewId": "other", "typedName": DEST})
        ),
        Err("restore.stale_preview".into())
    );
    let r = invoke(
        &h.window,
        "restore_migrate",
        json!({"previewId": id, "typedName": DEST}),
    )
    .unwrap();
    assert!(r["migrated"].as_u64().unwrap() > 0);
    // The preview said, from the source account at Meta, how many Meta would copy.
    assert_eq!(v["migration"]["migrating"], r["migrated"]);
    assert!(
        v["migration"]["lines"].as_array().unwrap().len()
            >= r["migrated"].as_u64().unwrap() as usize
    );
}

/// The handler is generated from `commands.list`: a listed command answers through the IPC, a
/// name the list lacks is refused before any code runs.
#[test]
fn only_the_listed_commands_exist() {
    let h = harness(Mode::Practice);
    assert!(invoke(&h.window, "app_info", json!({})).is_ok());
    let req = InvokeRequest {
        cmd: "delete_everything".into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(json!({})),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    let err = get_ipc_response(&h.window, req).unwrap_err();
    assert!(
        err.to_string().contains("not found"),
        "an unlisted command: {err}"
    );
}

#[path = "ipc_move_tests.rs"]
mod moving;
/// "Liberar vários números" through the IPC.
#[path = "ipc_release_tests.rs"]
mod release;

/// A damaged practice company is set aside, never written over, and the app names the copy
/// (`files_set_aside`, shown on screen once the app has started).
#[test]
fn a_damaged_file_set_aside_is_named_to_the_admin() {
    let h = harness(Mode::Practice);
    let data = h.app.state::<AppState>().data_dir.clone();
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("practice-world.json"), b"{\"businesses\": [").unwrap();
    invoke(&h.window, "practice_start", json!({"fresh": false})).unwrap();
    let copy = data.join("practice-world.json.damaged-1");
    assert_eq!(std::fs::read(&copy).unwrap(), b"{\"businesses\": [");
    let named = invoke(&h.window, "files_set_aside", json!({})).unwrap();
    assert!(
        named
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p.as_str() == Some(copy.display().to_string().as_str())),
        "{named}"
    );
}
