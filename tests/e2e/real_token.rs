//! Real mode: the token kept in the keyring and never in a file; every screen pictured.

use crate::driver::{click, token_input, wait_id, wait_text, Driver};
use crate::harness::{confirm_number, scan_for, shot, walk_to_backup_shots, walkdir_count};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_token_is_kept_in_the_keyring_and_never_leaks() {
    use waba_core::sandbox::{seed, Sandbox, SandboxOptions};
    // "Real" mode against the sandbox, which speaks Meta's contract over HTTP.
    let sb = Sandbox::start(SandboxOptions {
        expected_writes: Some(vec!["/deregister".into()]),
        ..Default::default()
    })
    .await
    .unwrap();
    let token = sb.token();
    let token_text = token.reveal_practice().unwrap().to_owned();
    let d = Driver::start(&[
        ("WABA_REMOVER_GRAPH_URL", sb.url()),
        ("WABA_REMOVER_POLL_MS", "200".into()),
    ]);
    let c = d.launch().await;
    click(&c, "connect-real").await;
    // A malformed token first: a clear message, nothing saved.
    token_input(&c)
        .await
        .send_keys("EAAG with spaces")
        .await
        .unwrap();
    click(&c, "connect-submit").await;
    wait_text(&c, "connect-result", "espaços").await;
    shot(&c, "11-connect-malformed-token").await;
    let input = token_input(&c).await;
    input.clear().await.unwrap();
    input.send_keys(&token_text).await.unwrap();
    click(&c, "connect-submit").await;
    wait_text(&c, "connected-as", "Ana Souza").await;
    shot(&c, "12-connected-real").await;
    let page = c.source().await.unwrap();
    assert!(
        !page.contains(&token_text),
        "the token is not in the page after connecting"
    );
    let masked = token.masked();
    assert!(!page.contains(&masked), "not even the masked form is shown");
    wait_text(&c, "connected-how", "token de sistema").await;

    // The keyring holds it, as another process sees it.
    assert_eq!(d.keyring_token(&sb.url()), token_text);
    c.close().await.unwrap();

    // Relaunch: the saved token connects by itself, in real mode.
    let c = d.launch().await;
    wait_text(&c, "mode-badge", "CONTA REAL").await;
    // Every screen in real mode too, for the docs (`docs/screens/`).
    walk_to_backup_shots(&c, Some("real-")).await;
    click(&c, "backup-save").await;
    wait_id(&c, "backup-verified").await;
    shot(&c, "real-05b-backup-verified").await;
    click(&c, "backup-continue").await;
    confirm_number(&c, false).await;
    wait_id(&c, "waiting-panel").await;
    // The browser opened WhatsApp Manager (the screen says "abrimos" only because it did).
    wait_id(&c, "opened-note").await;
    assert!(
        d.opened()
            .iter()
            .any(|u| u.starts_with("https://business.facebook.com/")),
        "{:?}",
        d.opened()
    );
    shot(&c, "13-real-mode-waiting").await;
    // The admin deletes the number on Meta's screen; the app sees it through the API.
    sb.manual_delete_number(seed::PN_READY).unwrap();
    wait_id(&c, "waba-page").await;
    shot(&c, "real-07-remove-waba").await;
    click(&c, "waba-open").await;
    // In real mode the pop-up says what it does: it opens Meta, where the irreversible click is.
    wait_text(&c, "delete-waba-title", "Abrir a Meta").await;
    wait_text(&c, "delete-waba-confirm", "Abrir a Meta").await;
    wait_id(&c, "delete-waba-input")
        .await
        .send_keys("Doces da Vila Promoções")
        .await
        .unwrap();
    shot(&c, "real-07c-popup-excluir-conta").await;
    click(&c, "delete-waba-confirm").await;
    wait_id(&c, "waiting-panel").await;
    sb.manual_remove_waba(seed::WABA_PROMOCOES).unwrap();
    wait_id(&c, "screen-done").await;
    wait_text(&c, "done-summary", "98888-5678").await;
    shot(&c, "real-08-done").await;
    c.close().await.unwrap();
    assert_eq!(
        sb.writes()
            .iter()
            .filter(|w| w.path.ends_with("/deregister"))
            .count(),
        1
    );
    assert!(
        sb.unexpected_writes().is_empty(),
        "{:?}",
        sb.unexpected_writes()
    );

    // No file the app wrote holds the token: data, config, cache, logs, saved files.
    let mut hits = vec![];
    scan_for(d.root.path(), token_text.as_bytes(), &mut hits);
    assert!(hits.is_empty(), "token found in {hits:?}");
    let scanned = walkdir_count(d.root.path());
    assert!(
        scanned > 3,
        "the scan looked at the app's files ({scanned})"
    );
}
