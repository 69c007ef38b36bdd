//! "Voltar para o app WhatsApp Business no celular", walked to its last screen in practice: the
//! removal's steps (disconnect, the number deleted in the copy of WhatsApp Manager, the account
//! removed), and a last screen and receipt that speak of this road only.

use crate::driver::{click, wait_id, wait_text, Driver};
use crate::harness::{checks_then_backup, choose_number, confirm_number, shot};
use fantoccini::Locator;

#[tokio::test]
async fn back_to_the_phone_app_ends_on_its_own_last_screen() {
    let d = Driver::start(&[]);
    let c = d.launch().await;
    choose_number(&c, "2000000000000002", "3000000000000004").await;
    // The advice under the answer is read before she picks it.
    wait_text(&c, "path-best-back_to_app", "celular").await;
    click(&c, "path-app").await;
    wait_id(&c, "checklist").await;
    checks_then_backup(&c).await;
    confirm_number(&c, false).await;
    wait_text(&c, "deregister-result", "desconectado").await;
    click(&c, "trash-3000000000000004").await;
    // Only the sandbox's answer (the number gone from the account's list) moves the journey on.
    wait_id(&c, "waba-page").await;
    click(&c, "waba-more").await;
    click(&c, "menu-remove").await;
    wait_id(&c, "delete-waba-input")
        .await
        .send_keys("Doces da Vila Promoções")
        .await
        .unwrap();
    click(&c, "delete-waba-confirm").await;
    wait_id(&c, "screen-done").await;
    wait_text(&c, "done-summary", "98888-5678").await;
    // The phone's app next, with the day Meta frees the number; the charges stay; nothing of
    // the other roads (the migration's next steps, reconnecting to the platform, restoring
    // templates into an account) and the day said once.
    wait_text(&c, "done-app-next", "WhatsApp Business no celular").await;
    wait_id(&c, "done-charges").await;
    for other in [
        "done-move-next",
        "done-reconnect",
        "restore-entry",
        "free-on",
    ] {
        assert!(
            c.find(Locator::Id(other)).await.is_err(),
            "#{other} belongs to another road"
        );
    }
    shot(&c, "08d-done-back-to-app").await;
    click(&c, "save-receipt").await;
    wait_text(&c, "done-saved", ".html").await;
    let receipt = std::fs::read_dir(d.saved())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with("comprovante-remocao-") && name.ends_with(".html")
        })
        .expect("the receipt is saved");
    let html = std::fs::read_to_string(&receipt).unwrap();
    assert!(html.contains("98888-5678"), "{html}");
    assert!(
        html.contains("Voltar para o app WhatsApp Business no celular"),
        "the receipt names the road taken: {html}"
    );
    c.close().await.unwrap();
}
