//! "Levar para outro provedor ou conta": requirements, the migration card, nothing deleted.

use crate::driver::{click, wait_id, wait_text, Driver};
use crate::harness::{choose_number, invoke_from_page, shot, tall_shot, unfold};
use fantoccini::Locator;

/// "Levar para outro provedor ou conta" in practice: the requirements read from the API,
/// the migration card copied and saved, the same backup, and nothing deleted.
#[tokio::test]
async fn moving_the_number_instead_of_deleting_it() {
    let d = Driver::start(&[]);
    let c = d.launch().await;
    choose_number(&c, "2000000000000002", "3000000000000004").await;
    click(&c, "path-move").await;
    wait_id(&c, "move-verdict").await;
    // The advisor's roads, what keeps the most first: the practice company owns its account, so
    // changing the partner in place comes first; the roads for other goals are folded with why.
    let roads = wait_id(&c, "roads").await.text().await.unwrap();
    let first = roads
        .find("Manter a conta e trocar de parceiro")
        .expect("change partner");
    let migrate = roads
        .find("Migrar o número para outra conta")
        .expect("migration");
    assert!(first < migrate, "{roads}");
    wait_id(&c, "road-change_partner").await;
    // Changing the partner is guided like the deletion: a copy of Meta's Partners tab with the
    // one click pointed at (a picture in real mode; the simulated tab in practice).
    wait_text(&c, "mirror-partners", "Parceiros").await;
    wait_id(&c, "partners-pointer").await;
    wait_id(&c, "road-second_partner").await;
    wait_id(&c, "roads-not-here").await;
    tall_shot(&c, "04g-move-roads").await;
    // In practice the Partners tab acts on the fictional company: the old partner removed
    // after Meta's confirmation pop-up.
    click(&c, "partners-remove-1000000000000009").await;
    wait_text(&c, "partner-remove-title", "Parceiro Antigo").await;
    click(&c, "partner-remove-confirm").await;
    wait_id(&c, "partners-none").await;
    c.execute(
        "document.getElementById('mirror-partners').scrollIntoView({block: 'start'})",
        vec![],
    )
    .await
    .unwrap();
    shot(&c, "04j-move-practice-partner-removed").await;
    wait_text(&c, "move-pin_off", "PIN").await;
    // The PIN step guided like the deletion: the copy of Meta's screen (in practice it turns
    // the PIN off in the fictional company), then the admin's word.
    wait_id(&c, "mirror-two-step").await;
    click(&c, "two-step-turn-off").await;
    wait_text(&c, "two-step-state", "Desativada").await;
    c.execute(
        "document.getElementById('mirror-two-step').scrollIntoView({block: 'start'})",
        vec![],
    )
    .await
    .unwrap();
    wait_id(&c, "two-step-practice-note").await;
    shot(&c, "04k-move-practice-pin-off").await;
    // A PIN nobody can turn off: only Meta's support helps, and the request is ready to paste
    // (English, every id; the core writes it).
    unfold(&c, "#pin-off-cannot").await;
    click(&c, "support-pin_unknown").await;
    let request = wait_text(&c, "support-pin_unknown-label", "inglês").await;
    assert!(!request.is_empty());
    let text = wait_id(&c, "support-pin_unknown-text")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(
        text.contains("Hello Meta support") && text.contains("3000000000000004"),
        "{text}"
    );
    tall_shot(&c, "04h-support-request").await;
    click(&c, "pin-off-done").await;
    wait_text(&c, "pin-off-said", "desligou").await;
    wait_text(&c, "move-card-text", "segundo o administrador").await;
    shot(&c, "04e-move-readiness").await;
    click(&c, "move-card-save").await;
    wait_text(&c, "move-card-saved", ".txt").await;
    click(&c, "move-backup").await;
    wait_text(&c, "move-backup-done", "260").await;
    tall_shot(&c, "04f-move-card-and-backup").await;
    click(&c, "move-finish").await;
    wait_text(&c, "done-moved", "Nada foi excluído").await;
    // The last screen speaks of this road only: the migration's next steps, no charges or
    // reconnecting after a deletion.
    wait_text(&c, "done-move-next", "2388001").await;
    assert!(c.find(Locator::Id("done-charges")).await.is_err());
    assert!(c.find(Locator::Id("done-reconnect")).await.is_err());
    shot(&c, "08c-done-moved").await;
    // From the page, as a script would: no removal step opens on this path.
    assert_eq!(
        invoke_from_page(
            &c,
            "delete_number_confirm",
            serde_json::json!({"typedLast4": "5678", "answers": {"admin_on_meta": true, "knows_pin": true}})
        )
        .await,
        "journey.wrong_stage"
    );
    let saved: Vec<String> = std::fs::read_dir(d.saved())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        saved
            .iter()
            .any(|f| f.starts_with("cartao-migracao-") && f.ends_with(".txt")),
        "{saved:?}"
    );
    assert!(saved.iter().any(|f| f.ends_with(".json")), "{saved:?}");
    c.close().await.unwrap();
}

/// An account the old partner owns and runs for the company (On-Behalf-Of), as practice has it:
/// its card says whose it is, changing the partner in place is not offered (with why), and the
/// request for Meta's support is ready, with what to ask the old partner first.
#[tokio::test]
async fn an_account_the_old_partner_owns_is_said_and_its_way_out_is_ready() {
    let d = Driver::start(&[]);
    let c = d.launch().await;
    wait_id(&c, "screen-business").await;
    click(&c, "business-1000000000000001").await;
    wait_text(
        &c,
        "waba-kind-2000000000000003",
        "Parceiro Antigo Tecnologia Ltda",
    )
    .await;
    wait_text(&c, "waba-numbers-2000000000000003", "95555-0101").await;
    click(&c, "waba-2000000000000003").await;
    click(&c, "choose-3000000000000005").await;
    wait_id(&c, "path-best-other_provider").await;
    click(&c, "path-move").await;
    wait_id(&c, "move-verdict").await;
    assert!(
        c.find(Locator::Id("road-change_partner")).await.is_err(),
        "changing the partner in place is not a road for an account the partner owns"
    );
    wait_id(&c, "road-second_partner").await;
    unfold(&c, "#roads-not-here").await;
    wait_text(&c, "road-change_partner-why", "provedor").await;
    click(&c, "support-on_behalf_of").await;
    wait_id(&c, "support-on_behalf_of-first").await;
    let text = wait_id(&c, "support-on_behalf_of-text")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(
        text.contains("On-Behalf-Of") && text.contains("2000000000000003"),
        "{text}"
    );
    tall_shot(&c, "04i-move-partner-owned").await;
    c.close().await.unwrap();
}
