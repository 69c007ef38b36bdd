//! "Entrar com o Facebook": three clicks in practice; cancel, a declined permission, the keyring
//! and an expiring token on a test host.

use crate::common::session::require;
use crate::driver::{click, wait_id, wait_text, Driver, T};
use crate::harness::{invoke_from_page, scan_for, shot};
use fantoccini::{Client, Locator};
use std::process::Command;
use std::time::{Duration, Instant};

/// Clicks a button of the login window from a script that returns at once: the window is closed
/// by the app during the navigation it starts, and a WebDriver click would wait for that
/// navigation (until its page-load timeout).
async fn click_in_login_window(c: &Client, id: &str) {
    wait_id(c, id).await;
    c.execute(
        "const id = arguments[0]; setTimeout(() => document.getElementById(id).click(), 0); return true;",
        vec![id.into()],
    )
    .await
    .unwrap();
}

/// Switches to the login window ("Entrar com o Facebook") once it is open.
async fn to_login_window(c: &Client, main: &fantoccini::wd::WindowHandle) {
    let deadline = Instant::now() + T;
    loop {
        let handles = c.windows().await.unwrap();
        if let Some(h) = handles.into_iter().find(|h| h != main) {
            c.switch_to_window(h).await.unwrap();
            return;
        }
        assert!(Instant::now() < deadline, "the login window never opened");
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// The Facebook login in practice: three clicks from the first screen to the business screen, through a
/// second window that has no IPC at all.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_clicks_log_in_with_facebook_in_practice() {
    let d = Driver::start(&[]);
    let c = d.launch().await;
    wait_id(&c, "screen-business").await;
    let main = c.window().await.unwrap();
    click(&c, "connect-real").await;
    // This build has no App ID: one sentence at the top says so, the token waits folded.
    wait_text(&c, "no-facebook-login", "Peça ao seu provedor").await;
    shot(&c, "00b-connect-without-facebook-login").await;
    click(&c, "practice-facebook-login").await;
    to_login_window(&c, &main).await;
    wait_id(&c, "fb-continue").await;
    let ipc = c
        .execute_async(
            "const done = arguments[0];
             try { window.__TAURI_INTERNALS__.invoke('app_info').then(() => done('allowed'), () => done('refused')); }
             catch (e) { done('none'); }",
            vec![],
        )
        .await
        .unwrap();
    assert_ne!(ipc.as_str(), Some("allowed"), "the login window has no IPC");
    shot(&c, "00d-practice-login-window").await;
    // Closing the login window (as the window manager would): a clear sentence, and the app
    // stays where it was.
    c.switch_to_window(main.clone()).await.unwrap();
    // One login at a time: a second start while the window is open is refused in Rust, and the
    // open window still answers to its own request.
    assert_eq!(
        invoke_from_page(
            &c,
            "facebook_login_start",
            serde_json::json!({"practice": true, "remember": false})
        )
        .await,
        "login.busy"
    );
    let found = Command::new(require("xdotool", "xdotool"))
        .args(["search", "--name", "Entrar com o Facebook"])
        .envs(d.session.envs())
        .output()
        .unwrap();
    let ids = String::from_utf8_lossy(&found.stdout).to_string();
    for id in ids.split_whitespace() {
        let closed = Command::new("python3")
            .arg(crate::common::session::repo_root().join("tests/tools/wm_close.py"))
            .arg(id)
            .envs(d.session.envs())
            .status()
            .unwrap();
        assert!(closed.success());
    }
    wait_text(&c, "practice-facebook-login-status", "fechada").await;
    click(&c, "practice-facebook-login").await;
    to_login_window(&c, &main).await;
    click_in_login_window(&c, "fb-continue").await;
    c.switch_to_window(main.clone()).await.unwrap();
    wait_id(&c, "screen-business").await;
    wait_text(&c, "mode-badge", "treino").await;
    c.close().await.unwrap();
}

/// The Facebook login on a test host (real mode): cancel, a declined permission and "tentar de novo", the
/// keyring entry, and a token that expires in mid-journey: log in again, the journey goes on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn facebook_login_keeps_the_token_and_survives_its_expiry() {
    use waba_core::sandbox::{Sandbox, SandboxOptions};
    // Tokens that last 20 minutes: the app says so before any step.
    let sb = Sandbox::start(SandboxOptions {
        login_token_life: Duration::from_secs(1200),
        ..Default::default()
    })
    .await
    .unwrap();
    let d = Driver::start(&[("WABA_REMOVER_GRAPH_URL", sb.url())]);
    let c = d.launch().await;
    let main = c.window().await.unwrap();
    click(&c, "connect-real").await;
    wait_id(&c, "facebook-card").await;
    shot(&c, "00c-connect-with-facebook").await;
    // Cancel: a clear sentence, and the app stays where it was.
    click(&c, "facebook-login").await;
    to_login_window(&c, &main).await;
    click_in_login_window(&c, "fb-cancel").await;
    c.switch_to_window(main.clone()).await.unwrap();
    wait_text(&c, "facebook-login-status", "cancelado").await;
    wait_id(&c, "token-form").await;
    // A declined permission gets its sentence and a "tentar de novo" that asks only for it.
    click(&c, "facebook-login").await;
    to_login_window(&c, &main).await;
    c.find(Locator::Css("input[value=business_management]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    click_in_login_window(&c, "fb-continue").await;
    c.switch_to_window(main.clone()).await.unwrap();
    wait_text(&c, "missing-permissions", "business_management").await;
    click(&c, "login-rerequest").await;
    to_login_window(&c, &main).await;
    wait_id(&c, "fb-continue").await;
    let asked = c
        .find_all(Locator::Css("input[name=granted]"))
        .await
        .unwrap();
    assert_eq!(asked.len(), 1, "only the missing permission is asked again");
    click_in_login_window(&c, "fb-continue").await;
    c.switch_to_window(main.clone()).await.unwrap();
    wait_id(&c, "screen-business").await;
    wait_text(&c, "mode-badge", "CONTA REAL").await;
    wait_text(&c, "session-expiring", "termina").await;
    // The keyring holds the newest login token, bound to this host; the page never had it.
    let newest = sb.login_token_texts().pop().unwrap();
    assert_eq!(d.keyring_token(&sb.url()), newest);
    assert!(!c.source().await.unwrap().contains(&newest));
    // The session ends in mid-journey: log in again, and the journey goes on where it stopped.
    click(&c, "business-1000000000000001").await;
    wait_id(&c, "waba-2000000000000002").await;
    sb.expire_login_tokens();
    click(&c, "waba-2000000000000002").await;
    let again = c
        .wait()
        .at_most(T)
        .for_element(Locator::Css("button[id^=login-again-]"))
        .await
        .expect("an expired session offers to log in again");
    shot(&c, "12b-session-expired").await;
    again.click().await.unwrap();
    to_login_window(&c, &main).await;
    click_in_login_window(&c, "fb-continue").await;
    c.switch_to_window(main.clone()).await.unwrap();
    // The screen is drawn again once the new token is in place (the error goes away).
    let deadline = Instant::now() + T;
    while c
        .find(Locator::Css("button[id^=login-again-]"))
        .await
        .is_ok()
    {
        assert!(
            Instant::now() < deadline,
            "the journey never went on after logging in again"
        );
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    click(&c, "waba-2000000000000002").await;
    wait_id(&c, "choose-3000000000000004").await;
    // Both paths are reachable in real mode too: "Levar" reads Meta's requirements.
    click(&c, "choose-3000000000000004").await;
    click(&c, "path-move").await;
    wait_id(&c, "move-verdict").await;
    wait_text(&c, "mode-badge", "CONTA REAL").await;
    let mut hits = vec![];
    scan_for(d.root.path(), newest.as_bytes(), &mut hits);
    assert!(hits.is_empty(), "token found in {hits:?}");
    c.close().await.unwrap();
}
