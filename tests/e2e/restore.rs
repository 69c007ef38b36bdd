//! A backup made by the journey restores its templates into another WABA.

use crate::driver::{click, wait_id, wait_text, Driver};
use crate::harness::{choose_number, invoke_from_page, shot};
use fantoccini::Locator;
use std::time::{Duration, Instant};

/// A backup made by the journey restores into another practice WABA, end to end.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_restores_its_templates_into_another_waba() {
    let name = format!(
        "backup-whatsapp-5511988885678-{}.json",
        chrono::Utc::now().format("%Y-%m-%d")
    );
    let d = Driver::start(&[("WABA_REMOVER_OPEN_FILE", name)]);
    let c = d.launch().await;
    choose_number(&c, "2000000000000002", "3000000000000004").await;
    click(&c, "path-move").await;
    click(&c, "move-backup").await;
    wait_text(&c, "move-backup-done", "260").await;
    click(&c, "move-finish").await;
    click(&c, "open-restore").await;
    click(&c, "restore-pick").await;
    wait_text(&c, "restore-file", "260").await;
    click(&c, "restore-to-2000000000000001").await;
    wait_id(&c, "plan-create").await;
    wait_id(&c, "restore-migration").await;
    wait_id(&c, "restore-items").await;
    shot(&c, "09b-restore-preview").await;
    // Consent is checked in Rust: a script cannot create without the account's name typed, nor
    // for a preview other than the one shown.
    assert_eq!(
        invoke_from_page(
            &c,
            "restore_start",
            serde_json::json!({"previewId": "x", "typedName": "Doces da Vila Atendimento"})
        )
        .await,
        "restore.stale_preview"
    );
    click(&c, "restore-start").await;
    wait_id(&c, "restore-confirm-input")
        .await
        .send_keys("doces da vila atendimento")
        .await
        .unwrap();
    shot(&c, "09b-restore-confirm").await;
    // A double click on the pop-up's button starts one run.
    let ok = wait_id(&c, "restore-confirm-confirm").await;
    let _ = ok.click().await;
    let _ = ok.click().await;
    wait_id(&c, "restore-bar").await;
    // A second start while one runs is refused in Rust.
    assert_eq!(
        invoke_from_page(&c, "restore_resume", serde_json::json!({})).await,
        "restore.busy"
    );
    let deadline = Instant::now() + Duration::from_secs(120);
    while c.find(Locator::Id("restore-finished")).await.is_err() {
        assert!(Instant::now() < deadline, "the restore never finished");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    wait_text(&c, "restore-line", "recusados 0").await;
    click(&c, "restore-report").await;
    wait_text(&c, "restore-report-file", ".html").await;
    shot(&c, "09c-restore-done").await;
    c.close().await.unwrap();
}
