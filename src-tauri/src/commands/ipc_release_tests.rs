//! "Liberar vários números" through the IPC, as a script in the page would call it: the ids, the
//! account, the typed name and the road are checked in Rust; one batch at a time; bound to its
//! connection.

use super::*;

fn deregisters(sb: &Sandbox) -> usize {
    sb.writes()
        .iter()
        .filter(|w| w.path.ends_with("/deregister"))
        .count()
}

/// A small business's portfolio (no client's account): the provider's tool is refused in Rust,
/// whatever the page sends.
#[test]
fn the_batch_is_a_providers_tool() {
    let h = harness(Mode::Practice);
    assert_eq!(
        invoke(
            &h.window,
            "release_batch_start",
            json!({"wabaId": WABA_ATENDIMENTO, "phoneNumberIds": [PN_PAID_RECENTLY], "typedName": "Doces da Vila Atendimento", "road": "close"}),
        )
        .unwrap_err(),
        "release.not_a_provider"
    );
    assert_eq!(deregisters(&h.sandbox), 0);
}

/// "Liberar vários números": the page's ids, account and typed name are checked in Rust before
/// anything is sent; a double click runs one batch; each number is deregistered once.
#[test]
fn a_batch_release_is_checked_in_rust_and_runs_once() {
    let h = harness_in(Mode::Practice, waba_core::sandbox::Scenario::Provider);
    let start = |ids: Value, typed: &str| {
        invoke(
            &h.window,
            "release_batch_start",
            json!({"wabaId": WABA_ATENDIMENTO, "phoneNumberIds": ids, "typedName": typed, "road": "close"}),
        )
    };
    let two = json!([PN_PAID_RECENTLY, PN_PENDING]);
    assert_eq!(
        start(two.clone(), "Outra conta").unwrap_err(),
        "release.confirmation_mismatch"
    );
    assert_eq!(
        start(json!([PN_READY]), "Doces da Vila Atendimento").unwrap_err(),
        "release.not_in_account",
        "a number of another account"
    );
    assert_eq!(
        start(json!(["12ab"]), "Doces da Vila Atendimento").unwrap_err(),
        "journey.unknown_id"
    );
    assert_eq!(start(json!([]), "x").unwrap_err(), "release.no_numbers");
    assert_eq!(deregisters(&h.sandbox), 0, "nothing sent before the checks");
    let first = start(two.clone(), " doces da vila atendimento ").unwrap();
    assert_eq!(first["running"], true);
    assert_eq!(
        start(two, "Doces da Vila Atendimento").unwrap_err(),
        "release.busy"
    );
    let until = Instant::now() + Duration::from_secs(20);
    while h.app.state::<AppState>().release.lock().unwrap().running() {
        assert!(Instant::now() < until, "the batch still runs");
        std::thread::sleep(Duration::from_millis(50));
    }
    let v = invoke(&h.window, "release_batch_state", json!({})).unwrap();
    assert_eq!(v["running"], false);
    assert!(v["numbers"]
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["result"]["status"] == "released"));
    assert!(v["report_html"].as_str().is_some());
    assert_eq!(deregisters(&h.sandbox), 1, "the pending number needed none");
}

/// The batch's road comes from the page as one of three names; the road to another provider
/// sends nothing that changes a number; without a road, or an unknown one, nothing starts.
#[test]
fn a_batch_release_goes_by_the_road_the_page_names() {
    let h = harness_in(Mode::Practice, waba_core::sandbox::Scenario::Provider);
    let start = |road: Value| {
        let mut args = json!({"wabaId": WABA_ATENDIMENTO, "phoneNumberIds": [PN_PAID_RECENTLY, PN_PENDING], "typedName": "Doces da Vila Atendimento"});
        if !road.is_null() {
            args["road"] = road;
        }
        invoke(&h.window, "release_batch_start", args)
    };
    assert!(start(Value::Null).is_err(), "no road, no start");
    assert!(start(json!("delete")).is_err(), "an unknown road");
    assert!(start(json!("Provider")).is_err(), "only the wire names");
    assert!(!h.app.state::<AppState>().release.lock().unwrap().running());
    start(json!("provider")).unwrap();
    let until = Instant::now() + Duration::from_secs(20);
    while h.app.state::<AppState>().release.lock().unwrap().running() {
        assert!(Instant::now() < until, "the batch still runs");
        std::thread::sleep(Duration::from_millis(50));
    }
    let v = invoke(&h.window, "release_batch_state", json!({})).unwrap();
    assert!(
        v["numbers"]
            .as_array()
            .unwrap()
            .iter()
            .all(|n| n["result"]["status"] == "ready_to_move"),
        "{v}"
    );
    assert_eq!(deregisters(&h.sandbox), 0, "a move disconnects nothing");
    assert!(!h.sandbox.writes().iter().any(|w| w.method == "DELETE"));
}

/// Leaving the connection (another account, practice, disconnect) stops a batch after the number
/// it is on: the rest is not started, and another connection does not see it.
#[test]
fn leaving_the_connection_stops_a_batch_release() {
    let h = harness_in(Mode::Practice, waba_core::sandbox::Scenario::Provider);
    invoke(
        &h.window,
        "release_batch_start",
        json!({"wabaId": WABA_ATENDIMENTO, "phoneNumberIds": [PN_PAID_RECENTLY, PN_COEXISTENCE, PN_PENDING], "typedName": "Doces da Vila Atendimento", "road": "app"}),
    )
    .unwrap();
    let state = h.app.state::<AppState>();
    state.leave_connection();
    let until = Instant::now() + Duration::from_secs(20);
    while state.release.lock().unwrap().running() {
        assert!(Instant::now() < until, "the batch still runs");
        std::thread::sleep(Duration::from_millis(50));
    }
    let v = invoke(&h.window, "release_batch_state", json!({})).unwrap();
    let statuses: Vec<&str> = v["numbers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["result"]["status"].as_str().unwrap_or(""))
        .collect();
    assert!(statuses.contains(&"not_started"), "{statuses:?}");
    assert!(v["stopped"].is_object());
    assert!(deregisters(&h.sandbox) <= 1);
}
