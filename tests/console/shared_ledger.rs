//! One number, one ledger (`docs/security.md`, the shared ledgers): two consoles, or a console
//! beside the app, never both deregister a number; Meta's 72 h budget counts every run's calls;
//! the hourly cap is one for every process; an ambiguous answer is never "released".

use super::*;
use waba_core::number_ledger::{NumberLedger, Program, Step};
use waba_core::sandbox::{Fault, FaultRule};

fn release_args<'a>(out: &'a str, pn: &'a str) -> Vec<&'a str> {
    vec![
        "release", "--to", "close", "--yes", "--json", "--number", pn, "--out", out,
    ]
}

/// Two analysts (two terminals, two `--out` folders) release the same number at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_consoles_on_one_number_send_one_deregister() {
    let sb = sandbox(Scenario::Default).await;
    sb.set_latency(std::time::Duration::from_millis(150));
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    let (oa, ob) = tokio::join!(
        run(console(&sb, &release_args(a.to_str().unwrap(), PN_READY))),
        run(console(&sb, &release_args(b.to_str().unwrap(), PN_READY))),
    );
    exits(&oa, 0);
    exits(&ob, 0);
    assert_eq!(deregisters(&sb, PN_READY), 1, "one deregister for two runs");
    let outcomes: Vec<String> = [&oa, &ob]
        .iter()
        .map(|o| {
            json(o)["numbers"][0]["deregister"]["outcome"]
                .as_str()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    assert!(outcomes.contains(&"sent".to_owned()), "{outcomes:?}");
    assert!(outcomes.contains(&"not_needed".to_owned()), "{outcomes:?}");
}

/// The app's journey holds the number (its disconnect in flight): the console waits for it and
/// then finds the number already disconnected.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_beside_the_apps_disconnect_sends_nothing_more() {
    let sb = sandbox(Scenario::Default).await;
    let data = data_root(&sb).join("data");
    let app = NumberLedger::real(&data, Program::App);
    let held = app.lock(PN_READY, Step::Deregister).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap().to_owned();
    let console_run = tokio::spawn(run(console(&sb, &release_args(&out, PN_READY))));
    // The app's disconnect, while the console waits for the number.
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let c = sb.client().unwrap();
    c.deregister(&waba_core::graph::PhoneNumberId::parse(PN_READY).unwrap())
        .await
        .unwrap();
    drop(held);
    let o = console_run.await.unwrap();
    exits(&o, 0);
    assert_eq!(deregisters(&sb, PN_READY), 1);
    assert_eq!(
        json(&o)["numbers"][0]["deregister"]["outcome"],
        "not_needed"
    );
}

/// Meta's 10 register/deregister calls per number in 72 h count every run: ten releases in
/// three `--out` folders (the number registered again between them), then the eleventh is refused
/// here, with the date, before anything is sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_72h_budget_counts_every_run_whatever_its_folder() {
    let sb = sandbox(Scenario::Default).await;
    let dir = tempfile::tempdir().unwrap();
    let folders: Vec<String> = ["a", "b", "c"]
        .iter()
        .map(|f| dir.path().join(f).to_str().unwrap().to_owned())
        .collect();
    let registered_again = |sb: &Sandbox| {
        sb.with_world(|w| {
            let n = w
                .numbers
                .iter_mut()
                .find(|n| n.info.id == PN_READY)
                .unwrap();
            n.registered = true;
            n.info.status = Some(waba_core::graph::model::NumberStatus::Connected);
            n.info.platform_type = Some("CLOUD_API".into());
            // Meta's own count is not what this test holds: only the app's.
            n.registration_calls.clear();
        })
    };
    for i in 0..10 {
        // A new folder each time (a finished release is never redone in its own folder).
        let out = format!("{}-{i}", folders[i % 3]);
        let o = run(roomy(console(&sb, &release_args(&out, PN_READY)))).await;
        exits(&o, 0);
        assert_eq!(deregisters(&sb, PN_READY), i + 1);
        registered_again(&sb);
    }
    let out = format!("{}-last", folders[0]);
    let o = run(roomy(console(&sb, &release_args(&out, PN_READY)))).await;
    exits(&o, 1);
    assert_eq!(deregisters(&sb, PN_READY), 10, "the eleventh never left");
    let v = json(&o);
    let err = &v["numbers"][0]["error"];
    assert_eq!(err["code"], serde_json::Value::Null);
    assert!(
        err["message"].as_str().unwrap().contains(" until 20"),
        "the date the budget frees: {err}"
    );
}

/// A deregister answered with an ambiguous 100 (here 100/33: "does not exist, or no
/// permission") is not a release: cannot verify, and the account keeps its webhooks.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ambiguous_100_is_never_released() {
    let sb = sandbox(Scenario::Provider).await;
    let account = 2;
    let ids: Vec<String> = (0..seed::NUMBERS_PER_CLIENT)
        .map(|n| seed::client_number_id(account, n))
        .collect();
    sb.inject(FaultRule::once(
        Some("POST"),
        Some(&format!("/{}/deregister", ids[0])),
        Fault::Meta {
            http: 400,
            code: 100,
            subcode: Some(33),
            message: "Unsupported post request. Object does not exist or cannot be loaded due to missing permissions".into(),
            transient: Some(false),
        },
    ));
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec![
        "release",
        "--to",
        "close",
        "--yes",
        "--json",
        "--out",
        dir.path().to_str().unwrap(),
        "--number",
    ];
    args.extend(ids.iter().map(String::as_str));
    let o = run(console(&sb, &args)).await;
    exits(&o, 6);
    let v = json(&o);
    assert_eq!(v["numbers"][0]["status"], "cannot_verify", "{v}");
    assert_ne!(v["accounts"][0]["unsubscribe"]["outcome"], "unsubscribed");
    assert!(!sb.writes().iter().any(|w| w.method == "DELETE"));
}

/// One hourly cap for every process: calls another process made count here.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_share_the_hourly_cap() {
    let sb = sandbox(Scenario::Default).await;
    let capped = |args: &[&str]| {
        let mut c = console(&sb, args);
        c.env("WABA_REMOVER_HOURLY_CAP", "12");
        c
    };
    let o = run(capped(&["status", "--json"])).await;
    exits(&o, 0);
    let graph = format!("/{}/", sb.version());
    let first = sb
        .requests()
        .iter()
        .filter(|r| r.path.starts_with(&graph))
        .count();
    assert!(first > 2 && first < 12, "{first}");
    // A second process, then a third: together never more than the cap.
    let _ = run(capped(&["status", "--json"])).await;
    let o = run(capped(&["status"])).await;
    let all = sb
        .requests()
        .iter()
        .filter(|r| r.path.starts_with(&graph))
        .count();
    assert!(all <= 12, "{all} Graph calls for a cap of 12");
    exits(&o, 1);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("dá para continuar às"), "{err}");
    assert!(!err.contains("next call possible"), "{err}");
}

/// No argument ever echoes a token: `--token=…`, a token where an id goes, or in a `--from`
/// file.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn arguments_never_echo_a_token() {
    let sb = sandbox(Scenario::Default).await;
    let token = token_text(&sb);
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("numbers.txt");
    std::fs::write(&list, format!("{PN_READY}\n{token}\n")).unwrap();
    let list = list.to_str().unwrap().to_owned();
    let eq = format!("--token={token}");
    for args in [
        vec!["status", eq.as_str()],
        vec!["status", token.as_str()],
        vec!["check", "--number", token.as_str()],
        vec!["release", "--to", "close", "--from", list.as_str()],
    ] {
        let o = run(console(&sb, &args)).await;
        exits(&o, 2);
        no_token_in(&o, &sb);
    }
}

/// At the hourly cap, `release --wait` says in Portuguese, as a local clock time, when it goes
/// on, sleeps until the hour has room, and finishes the release (one deregister); without
/// `--wait` the same run stops and says when it could go on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn release_wait_sleeps_until_the_hour_has_room() {
    let sb = sandbox(Scenario::Default).await;
    let dir = tempfile::tempdir().unwrap();
    // What the console spends before the release itself (connection, the directory): a plan.
    let plan = run(roomy(console(
        &sb,
        &[
            "release", "--to", "close", "--plan", "--json", "--number", PN_READY,
        ],
    )))
    .await;
    exits(&plan, 0);
    let ledger = data_root(&sb).join("data").join("calls.json");
    let spent = |p: &std::path::Path| {
        serde_json::from_slice::<Vec<serde_json::Value>>(&std::fs::read(p).unwrap())
            .unwrap()
            .len()
    };
    let before = spent(&ledger);
    assert!(before > 0 && before < 20, "{before}");
    // Another process spent 30 calls 59 min 55 s ago: they leave the hour in about 5 s. The cap
    // leaves room for the connection, the directory and the start of the number only.
    let old = chrono::Utc::now() - chrono::Duration::seconds(3595);
    let filled: Vec<_> = std::iter::repeat_n(old, 30).collect();
    std::fs::write(&ledger, serde_json::to_vec(&filled).unwrap()).unwrap();
    let cap = (30 + before + 2).to_string();
    let out = dir.path().join("espera");
    let mut c = console(
        &sb,
        &[
            "release",
            "--to",
            "close",
            "--yes",
            "--wait",
            "--json",
            "--number",
            PN_READY,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    c.env("WABA_REMOVER_HOURLY_CAP", &cap);
    let started = std::time::Instant::now();
    let o = run(c).await;
    exits(&o, 0);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("Limite de consultas por hora atingido: continuo às"),
        "{err}"
    );
    assert!(
        err.contains("não começou (limite de consultas por hora do app; nada foi enviado)"),
        "the first pass says what stopped it, not 'a Meta recusou': {err}"
    );
    assert!(started.elapsed() >= std::time::Duration::from_secs(2));
    let v = json(&o);
    assert_eq!(v["numbers"][0]["status"], "released", "{v}");
    assert_eq!(deregisters(&sb, PN_READY), 1);
}
