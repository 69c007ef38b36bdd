//! A new admin in practice mode: the whole journey with a screenshot per screen, one step by
//! keyboard only; and "Esqueci o PIN".

use crate::driver::{click, wait_id, wait_text, Driver};
use crate::harness::{
    active_id, checks_then_backup, choose_number, confirm_number, invoke_from_page, press,
    scan_for, shot, walk_to_backup,
};
use fantoccini::key::Key;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_user_walks_the_whole_journey_in_practice_mode() {
    let d = Driver::start(&[]);
    let c = d.launch_raw().await;
    // First launch: the two ways in, in the admin's words; rehearsing first.
    wait_id(&c, "screen-welcome").await;
    // The window's first paint: give it a moment before the first picture.
    tokio::time::sleep(Duration::from_millis(1200)).await;
    shot(&c, "00a-welcome").await;
    click(&c, "welcome-practice").await;
    wait_id(&c, "screen-business").await;
    wait_text(&c, "mode-badge", "treino").await;
    let title = c.title().await.unwrap();
    assert_eq!(title, "Remover número da BM");
    // The connection screen (one Rust round trip: practice_start).
    click(&c, "connect-real").await;
    wait_id(&c, "token-form").await;
    shot(&c, "00-connect").await;
    click(&c, "practice-start").await;

    walk_to_backup(&c, true).await;
    shot(&c, "05-backup").await;
    click(&c, "backup-save").await;
    wait_id(&c, "backup-verified").await;
    wait_text(&c, "backup-verified", "260").await;
    // The readable copy is named, and "Abrir pasta" says truthfully what happened.
    wait_text(&c, "backup-html", ".html").await;
    click(&c, "backup-file-folder").await;
    wait_id(&c, "backup-file-folder-note").await;
    shot(&c, "05b-backup-verified").await;
    click(&c, "backup-continue").await;

    confirm_number(&c, true).await;
    wait_id(&c, "practice-next").await;
    wait_text(&c, "deregister-result", "desconectado").await;
    shot(&c, "06c-practice-whatsapp-manager").await;
    click(&c, "trash-3000000000000004").await;
    wait_id(&c, "waiting-panel").await;
    shot(&c, "06d-waiting-for-meta").await;

    // Step 7 by keyboard only: Tab to the three dots, Enter, Enter, type the name, Enter.
    wait_id(&c, "waba-page").await;
    shot(&c, "07-remove-waba").await;
    let mut found = false;
    for _ in 0..40 {
        if active_id(&c).await == "waba-more" {
            found = true;
            break;
        }
        press(&c, Key::Tab).await;
    }
    assert!(found, "the three-dots button is reachable by Tab");
    press(&c, Key::Enter).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        active_id(&c).await,
        "menu-remove",
        "the menu opens with focus on its item"
    );
    shot(&c, "07b-menu-remover-do-portfolio").await;
    press(&c, Key::Enter).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        active_id(&c).await,
        "delete-waba-input",
        "the pop-up takes the focus"
    );
    c.active_element()
        .await
        .unwrap()
        .send_keys("Doces da Vila Promoções")
        .await
        .unwrap();
    shot(&c, "07c-popup-excluir-conta").await;
    press(&c, Key::Enter).await;

    wait_id(&c, "screen-done").await;
    wait_text(&c, "done-summary", "98888-5678").await;
    shot(&c, "08-done").await;
    click(&c, "save-receipt").await;
    wait_text(&c, "done-saved", ".html").await;
    click(&c, "save-reminder").await;
    wait_text(&c, "done-saved", ".ics").await;
    shot(&c, "08b-done-saved").await;

    let files: Vec<String> = std::fs::read_dir(d.saved())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        files
            .iter()
            .any(|f| f.starts_with("backup-whatsapp-5511988885678") && f.ends_with(".json")),
        "{files:?}"
    );
    assert!(
        files
            .iter()
            .any(|f| f.starts_with("comprovante-remocao-") && f.ends_with(".html")),
        "{files:?}"
    );
    assert!(
        files
            .iter()
            .any(|f| f.starts_with("comprovante-remocao-") && f.ends_with(".json")),
        "{files:?}"
    );
    assert!(files.iter().any(|f| f.ends_with(".ics")), "{files:?}");
    assert!(
        files
            .iter()
            .any(|f| f.starts_with("backup-whatsapp-5511988885678") && f.ends_with(".html")),
        "a readable copy of the templates beside the backup: {files:?}"
    );
    c.close().await.unwrap();
}

/// "Esqueci o PIN" in practice, on the road back to the phone's app (the removal's steps): the
/// pop-up takes the last 4 digits and the PIN twice; Rust refuses a PIN that is not six digits or
/// typed differently; the PIN is in no file afterwards.
#[tokio::test]
async fn forgot_the_pin_sets_a_new_one_that_no_file_keeps() {
    let d = Driver::start(&[]);
    let c = d.launch().await;
    choose_number(&c, "2000000000000002", "3000000000000004").await;
    click(&c, "path-app").await;
    wait_id(&c, "checklist").await;
    // The road is recorded as its own (the last screen and the receipt speak of it).
    let path = c
        .execute_async(
            "const done = arguments[0]; window.__TAURI__.core.invoke('journey_state').then((j) => done(j.path));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(path.as_str(), Some("back_to_app"));
    // From the page, as a script would: Rust checks the PIN, not only the pop-up.
    let bad = [
        (
            serde_json::json!({"typedLast4": "5678", "pin": "12", "pinAgain": "12"}),
            "pin.format",
        ),
        (
            serde_json::json!({"typedLast4": "5678", "pin": "123456", "pinAgain": "123457"}),
            "pin.mismatch",
        ),
        (
            serde_json::json!({"typedLast4": "0000", "pin": "123456", "pinAgain": "123456"}),
            "journey.confirmation_mismatch",
        ),
    ];
    for (args, code) in bad {
        assert_eq!(invoke_from_page(&c, "checks_pin_reset", args).await, code);
    }
    click(&c, "pin-reset-open").await;
    wait_id(&c, "pin-modal-input")
        .await
        .send_keys("5678")
        .await
        .unwrap();
    wait_id(&c, "pin-modal-new")
        .await
        .send_keys("246801")
        .await
        .unwrap();
    let confirm = wait_id(&c, "pin-modal-confirm").await;
    assert!(
        !confirm.is_enabled().await.unwrap(),
        "the PIN typed once is not enough"
    );
    wait_id(&c, "pin-modal-again")
        .await
        .send_keys("246801")
        .await
        .unwrap();
    shot(&c, "04c-forgot-the-pin").await;
    click(&c, "pin-modal-confirm").await;
    wait_text(&c, "pin-reset-done", "PIN").await;
    shot(&c, "04d-new-pin-set").await;
    // After the disconnect, the way back: "Reconectar o número" with that PIN, typed twice.
    checks_then_backup(&c).await;
    confirm_number(&c, false).await;
    click(&c, "reconnect-open").await;
    for id in ["reconnect-modal-pin", "reconnect-modal-again"] {
        wait_id(&c, id).await.send_keys("246801").await.unwrap();
    }
    shot(&c, "06e-reconnect-popup").await;
    click(&c, "reconnect-modal-confirm").await;
    wait_id(&c, "reconnected").await;
    wait_id(&c, "disconnect-open").await;
    shot(&c, "06f-reconnected").await;
    let mut hits = vec![];
    scan_for(d.root.path(), b"246801", &mut hits);
    assert!(hits.is_empty(), "the PIN found in {hits:?}");
    c.close().await.unwrap();
}
