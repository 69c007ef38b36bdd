//! "Para provedores: liberar vários números" in practice, on the provider's company (five client
//! accounts shared with it): the road asked once, tick numbers, type the account's name, follow
//! the progress list to the report; nothing deleted. The road to another provider disconnects
//! nothing; the road that closes disconnects each number once.

use crate::driver::{click, wait_id, wait_text, Driver};
use crate::harness::{tall_shot, unfold};
use fantoccini::Locator;

/// Practice as a provider: the company holds its clients' accounts.
fn provider() -> Vec<(&'static str, String)> {
    vec![("WABA_REMOVER_PRACTICE_SCENARIO", "provider".into())]
}

#[tokio::test]
async fn several_numbers_of_one_account_are_released_with_a_progress_list() {
    let d = Driver::start(&provider());
    let c = d.launch().await;
    wait_id(&c, "screen-business").await;
    click(&c, "business-1000000000000001").await;
    click(&c, "waba-2100000000000001").await;
    wait_id(&c, "numbers-table").await;
    // Closed by default: the admin's own path stays "Escolher este número".
    unfold(&c, "#release-batch").await;
    click(&c, "release-pick-3100000000000001").await;
    click(&c, "release-pick-3100000000000003").await;
    wait_text(&c, "release-start", "(2)").await;
    // No road chosen yet: nothing can start.
    let start = wait_id(&c, "release-start").await;
    assert!(
        start.attr("disabled").await.unwrap().is_some(),
        "a road first"
    );
    click(&c, "release-road-close").await;
    tall_shot(&c, "03c-release-batch-choice").await;
    click(&c, "release-start").await;
    wait_id(&c, "release-modal-input")
        .await
        .send_keys("Cliente 1 Atendimento")
        .await
        .unwrap();
    click(&c, "release-modal-confirm").await;
    let done = wait_text(&c, "release-done", "2").await;
    assert!(done.contains("Pronto"), "{done}");
    let list = wait_id(&c, "release-progress").await.text().await.unwrap();
    assert!(list.contains("+55 11 91000-0001: desconectado"), "{list}");
    assert!(list.contains("+55 11 91000-0003: desconectado"), "{list}");
    wait_id(&c, "release-report-folder").await;
    // The table is read again: the released numbers show as disconnected (and are still there).
    let table = wait_text(&c, "numbers-table", "Desconectado").await;
    assert!(table.contains("+55 11 91000-0001"), "{table}");
    tall_shot(&c, "03d-release-batch-done").await;
    c.close().await.unwrap();
}

/// The road to another provider: each number ready to move, none disconnected.
#[tokio::test]
async fn the_road_to_another_provider_disconnects_nothing() {
    let d = Driver::start(&provider());
    let c = d.launch().await;
    wait_id(&c, "screen-business").await;
    click(&c, "business-1000000000000001").await;
    click(&c, "waba-2100000000000001").await;
    wait_id(&c, "numbers-table").await;
    unfold(&c, "#release-batch").await;
    click(&c, "release-road-provider").await;
    click(&c, "release-pick-3100000000000001").await;
    wait_text(&c, "release-start", "(1)").await;
    click(&c, "release-start").await;
    wait_id(&c, "release-modal-title").await;
    let modal = c
        .find(Locator::Css("form.modal"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(modal.contains("Nada é desconectado"), "{modal}");
    wait_id(&c, "release-modal-input")
        .await
        .send_keys("Cliente 1 Atendimento")
        .await
        .unwrap();
    click(&c, "release-modal-confirm").await;
    wait_text(&c, "release-done", "1").await;
    let list = wait_id(&c, "release-progress").await.text().await.unwrap();
    assert!(
        list.contains("+55 11 91000-0001: pronto para a migração"),
        "{list}"
    );
    tall_shot(&c, "03e-release-batch-move").await;
    // Still connected: the table read again says so.
    let table = wait_id(&c, "numbers-table").await.text().await.unwrap();
    assert!(!table.contains("Desconectado"), "{table}");
    c.close().await.unwrap();
}
