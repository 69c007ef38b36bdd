//! The web view is untrusted: the rules hold against a script in the page.

use crate::driver::{click, token_input, wait_id, wait_text, Driver};
use crate::harness::{
    confirm_number, graph_gets, invoke_from_page, shot, skip_backup, walk_to_backup,
};
use fantoccini::Locator;
use std::time::Duration;

/// The web view is untrusted: out-of-order and foreign calls are refused in Rust, a language
/// switch while waiting does not start a second poll loop, "Parar de esperar" stops polling,
/// and no settings change can send the token to another host.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_web_view_cannot_bend_the_rules() {
    use waba_core::sandbox::{Sandbox, SandboxOptions};
    let sb = Sandbox::start(SandboxOptions {
        expected_writes: Some(vec!["/deregister".into()]),
        ..Default::default()
    })
    .await
    .unwrap();
    // A second server: the token must never reach it.
    let other = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let token_text = sb.token().reveal_practice().unwrap().to_owned();
    let d = Driver::start(&[
        ("WABA_REMOVER_GRAPH_URL", sb.url()),
        ("WABA_REMOVER_POLL_MS", "300".into()),
        // This flow's browser cannot open: the fallback (the address to copy) is tested here.
        (
            "WABA_REMOVER_BROWSER_LOG",
            "/nonexistent-waba-remover/browser.log".into(),
        ),
    ]);
    let c = d.launch().await;
    click(&c, "connect-real").await;
    token_input(&c).await.send_keys(&token_text).await.unwrap();
    click(&c, "connect-submit").await;
    wait_text(&c, "connected-as", "Ana Souza").await;
    click(&c, "start-journey").await;
    wait_id(&c, "screen-business").await;

    // Out of order, foreign ids, unknown links: Rust refuses each.
    let refused = [
        (
            "delete_number_confirm",
            serde_json::json!({"typedLast4": "5678", "answers": {"admin_on_meta": true, "knows_pin": true}}),
            "journey.wrong_stage",
        ),
        (
            "choose_business",
            serde_json::json!({"businessId": "../me"}),
            "journey.unknown_id",
        ),
        (
            "choose_business",
            serde_json::json!({"businessId": "999"}),
            "journey.unknown_id",
        ),
        (
            "delete_number_practice",
            serde_json::json!({}),
            "journey.wrong_stage",
        ),
        (
            "remove_waba_wait",
            serde_json::json!({}),
            "journey.wrong_stage",
        ),
        (
            "open_link",
            serde_json::json!({"which": "https://evil.example/"}),
            "link.refused",
        ),
        (
            "folder_open",
            serde_json::json!({"path": "/etc/passwd"}),
            "file.not_saved_here",
        ),
        (
            "checks_reminder_save",
            serde_json::json!({}),
            "journey.wrong_stage",
        ),
        (
            "choose_number",
            serde_json::json!({"phoneNumberId": "3000000000000004"}),
            "journey.wrong_stage",
        ),
    ];
    for (cmd, args, code) in refused {
        assert_eq!(invoke_from_page(&c, cmd, args).await, code, "{cmd}");
    }
    // A settings change naming another host is accepted only for what it may change.
    let ok = invoke_from_page(
        &c,
        "settings_set",
        serde_json::json!({"settings": {"graph_url": other.url(), "graph_version": null, "language": "pt-BR"}}),
    )
    .await;
    assert_eq!(ok, "ok");
    assert!(sb.writes().is_empty(), "nothing was written at Meta");

    // To the waiting screen in real mode (backup skipped the explicit way).
    walk_to_backup(&c, false).await;
    skip_backup(&c).await;
    // In real mode the copy of Meta's screen is a preview: no live control inside it.
    wait_id(&c, "mirror-numbers").await;
    let live = c
        .find_all(Locator::Css(
            "#mirror-numbers button, #mirror-numbers input, #mirror-numbers a",
        ))
        .await
        .unwrap();
    assert!(
        live.is_empty(),
        "a live control inside the mirrored screen in real mode"
    );
    shot(&c, "15-real-mode-preview-and-disconnect-button").await;
    confirm_number(&c, false).await;
    wait_id(&c, "waiting-panel").await;
    // The browser cannot open here: the screen says so and gives the address.
    wait_id(&c, "opened-note-url").await;
    tokio::time::sleep(Duration::from_secs(2)).await;

    // Two language switches while waiting: one poll loop at ~300 ms, not two, not a runaway.
    let before = graph_gets(&sb, "/phone_numbers");
    click(&c, "lang-toggle").await;
    wait_id(&c, "waiting-panel").await;
    click(&c, "lang-toggle").await;
    wait_id(&c, "waiting-panel").await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let during = graph_gets(&sb, "/phone_numbers") - before;
    assert!(
        (3..=16).contains(&during),
        "{during} polls in about 3.5 s with two redraws"
    );
    // The waiting screen in English, as an admin who switched would read it.
    click(&c, "lang-toggle").await;
    wait_text(&c, "lang-toggle", "Português").await;
    wait_id(&c, "waiting-panel").await;
    assert_eq!(
        c.execute("return document.documentElement.lang", vec![])
            .await
            .unwrap()
            .as_str(),
        Some("en")
    );
    shot(&c, "14-waiting-after-language-switch").await;
    click(&c, "lang-toggle").await;
    wait_text(&c, "lang-toggle", "English").await;
    wait_text(&c, "wait-cancel", "Parar de esperar").await;
    click(&c, "wait-cancel").await;
    wait_id(&c, "wait-cancelled").await;
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let stopped = graph_gets(&sb, "/phone_numbers");
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        graph_gets(&sb, "/phone_numbers"),
        stopped,
        "polling stopped"
    );
    c.close().await.unwrap();

    // Relaunch: the saved token connects to its own host only.
    let c = d.launch().await;
    wait_id(&c, "resume-continue").await;
    c.close().await.unwrap();
    assert!(
        other.requests().is_empty(),
        "the other host received {:?}",
        other.requests()
    );
    assert_eq!(sb.writes().len(), 1, "one deregister, nothing else");
}
