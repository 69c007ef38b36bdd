//! A failing call on each screen: its sentence, Meta's code, nothing lost.

use crate::driver::{click, token_input, wait_id, wait_text, Driver};
use crate::harness::{alert_says, confirm_number, shot};
use fantoccini::Locator;

/// A call that fails on each screen (the token lost access to the account, once) shows its
/// sentence in Portuguese with Meta's code, loses nothing, and the same screen goes on after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_call_on_each_screen_shows_its_sentence_and_loses_nothing() {
    use waba_core::sandbox::{Fault, FaultRule, Sandbox, SandboxOptions};
    let sb = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let token_text = sb.token().reveal_practice().unwrap().to_owned();
    let d = Driver::start(&[("WABA_REMOVER_GRAPH_URL", sb.url())]);
    let c = d.launch().await;
    click(&c, "connect-real").await;
    token_input(&c).await.send_keys(&token_text).await.unwrap();
    click(&c, "connect-submit").await;
    wait_text(&c, "connected-as", "Ana Souza").await;
    let sentence = "Falta permissão ou acesso a esta conta";
    let fail_once = |path: &str| {
        sb.inject(FaultRule::once(
            None,
            Some(path),
            Fault::missing_permission(),
        ));
    };

    // Screen 1: the businesses.
    fail_once("me/businesses");
    click(&c, "start-journey").await;
    alert_says(&c, sentence).await;
    // Another way on besides "Tentar de novo", for how she is connected (a system user's token).
    c.find(Locator::Css("[role=alert] [id^=switch-account-]"))
        .await
        .expect("'Trocar de conta' beside the error");
    shot(&c, "16-error-on-business-screen").await;
    // Meta's code, message and trace id wait under "Detalhes para o suporte".
    c.execute(
        "document.querySelector('[role=alert] details.support summary').click(); return true;",
        vec![],
    )
    .await
    .unwrap();
    alert_says(&c, "200").await;
    alert_says(&c, "SbX").await;
    alert_says(&c, "Requires whatsapp_business_management").await;
    click(&c, "screen-retry").await;
    // Screen 2: choosing the business reads it back; then the WABAs.
    click(&c, "business-1000000000000001").await;
    wait_id(&c, "waba-2000000000000002").await;
    // Screen 3: the numbers.
    fail_once("/phone_numbers");
    click(&c, "waba-2000000000000002").await;
    alert_says(&c, sentence).await;
    click(&c, "screen-retry").await;
    wait_id(&c, "choose-3000000000000004").await;
    // Screen 4: the checks (one batch, the only POST of the step).
    sb.inject(FaultRule::once(
        Some("POST"),
        None,
        Fault::missing_permission(),
    ));
    click(&c, "choose-3000000000000004").await;
    click(&c, "path-close").await;
    alert_says(&c, sentence).await;
    click(&c, "checks-rerun").await;
    wait_id(&c, "checklist").await;
    click(&c, "ack-loss").await;
    click(&c, "checks-continue").await;
    // Screen 5: the backup.
    fail_once("message_templates");
    click(&c, "backup-save").await;
    alert_says(&c, sentence).await;
    click(&c, "backup-save").await;
    wait_id(&c, "backup-verified").await;
    click(&c, "backup-continue").await;
    // Screen 6: the disconnect fails inside its pop-up, which stays open with what was typed.
    fail_once("/deregister");
    confirm_number(&c, false).await;
    alert_says(&c, sentence).await;
    let typed = wait_id(&c, "delete-number-input").await;
    assert_eq!(typed.prop("value").await.unwrap().as_deref(), Some("5678"));
    shot(&c, "17-error-inside-the-disconnect-popup").await;
    click(&c, "delete-number-confirm").await;
    wait_id(&c, "waiting-panel").await;
    assert_eq!(
        sb.writes()
            .iter()
            .filter(|w| w.path.ends_with("/deregister"))
            .count(),
        2,
        "the refused deregister, then the one the admin confirmed again"
    );
    c.close().await.unwrap();
}
