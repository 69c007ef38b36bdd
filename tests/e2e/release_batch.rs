//! "Liberar vários números desta conta" in practice: tick numbers, type the account's name,
//! follow the progress list to the report; nothing deleted.

use crate::driver::{click, wait_id, wait_text, Driver};
use crate::harness::tall_shot;
use fantoccini::Locator;

#[tokio::test]
async fn several_numbers_of_one_account_are_released_with_a_progress_list() {
    let d = Driver::start(&[]);
    let c = d.launch().await;
    wait_id(&c, "screen-business").await;
    click(&c, "business-1000000000000001").await;
    click(&c, "waba-2000000000000001").await;
    wait_id(&c, "numbers-table").await;
    // Closed by default: the admin's own path stays the trash icon.
    c.find(Locator::Css("#release-batch summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click(&c, "release-pick-3000000000000001").await;
    click(&c, "release-pick-3000000000000003").await;
    wait_text(&c, "release-start", "(2)").await;
    tall_shot(&c, "03c-release-batch-choice").await;
    click(&c, "release-start").await;
    wait_id(&c, "release-modal-input")
        .await
        .send_keys("Doces da Vila Atendimento")
        .await
        .unwrap();
    click(&c, "release-modal-confirm").await;
    let done = wait_text(&c, "release-done", "2").await;
    assert!(done.contains("Pronto"), "{done}");
    let list = wait_id(&c, "release-progress").await.text().await.unwrap();
    assert!(list.contains("+55 11 4002-8922: liberado"), "{list}");
    assert!(list.contains("+55 21 3003-4000: liberado"), "{list}");
    wait_id(&c, "release-report-folder").await;
    // The table is read again: the released numbers show as disconnected (and are still there).
    let table = wait_text(&c, "numbers-table", "Desconectado").await;
    assert!(table.contains("+55 11 4002-8922"), "{table}");
    tall_shot(&c, "03d-release-batch-done").await;
    c.close().await.unwrap();
}
