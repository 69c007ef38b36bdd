//! The real app under Xvfb, driven through WebDriver (tauri-driver + WebKitWebDriver), the way a
//! new admin would use it: the whole practice journey with a screenshot per
//! screen and one step by keyboard only; a kill while polling, then resume; a real-mode token
//! kept in the keyring that never leaks into files.
//!
//! The harness starts D-Bus, an unlocked gnome-keyring, Xvfb and tauri-driver itself, on free
//! ports, and stops them on failure too. Screenshots go to `target/e2e-screenshots/`.

mod common;
use common::driver::{click, shots_dir, wait_id, wait_text, Driver, T};
use common::session::require;
use fantoccini::{key::Key, Client, Locator};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

async fn shot(c: &Client, name: &str) {
    tokio::time::sleep(Duration::from_millis(300)).await;
    let png = c.screenshot().await.expect("screenshot");
    std::fs::write(shots_dir().join(format!("{name}.png")), png).unwrap();
    // A value the code forgot to turn into words never reaches the admin.
    let leaked = c
        .execute(
            r"const m = document.body.innerText.match(/(^|[^\p{L}\p{N}_])(null|undefined|NaN)(?![\p{L}\p{N}_])|\[object Object\]/u); return m ? m[0] : '';",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(leaked.as_str(), Some(""), "a raw value is shown on {name}");
    // Plain words (issue 17): outside "Detalhes para o suporte", no English text of Meta's, no
    // raw 15-16 digit id, and no AM/PM in Portuguese.
    let trace = c
        .execute(
            r"const hidden = [...document.querySelectorAll('details.support, details.ids')];
              hidden.forEach((d) => { d.dataset.shown = d.style.display; d.style.display = 'none'; });
              const text = document.body.innerText;
              hidden.forEach((d) => { d.style.display = d.dataset.shown; });
              const meta = text.match(/\(#\d+\)|Error validating|Requires [a-z_]+ permission|Unsupported (get|post|delete) request|Tried accessing|Session has expired/);
              if (meta) return 'Meta in English: ' + meta[0];
              const id = text.match(/(^|[^\d+])(\d{15,16})(?!\d)/);
              if (id) return 'raw id: ' + id[2];
              if (document.documentElement.lang === 'pt-BR') {
                const ampm = text.match(/\d{1,2}:\d{2}\s?(AM|PM|am|pm)/);
                if (ampm) return 'AM/PM in Portuguese: ' + ampm[0];
              }
              return '';",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(trace.as_str(), Some(""), "plain words on {name}");
    let bad = axe(c).await;
    if std::env::var("AXE_REPORT").is_ok() {
        eprintln!("AXE {name}: {bad:#?}");
        return;
    }
    assert!(
        bad.is_empty(),
        "accessibility (WCAG 2.1 A/AA) on {name}: {bad:#?}"
    );
}

/// A screenshot of a taller window, for what sits below the fold (WebKitWebDriver pictures the
/// top of the page whatever the scroll), then the usual size again.
async fn tall_shot(c: &Client, name: &str) {
    let (w, h) = c.get_window_size().await.unwrap();
    c.set_window_size(w as u32, 1250).await.unwrap();
    shot(c, name).await;
    c.set_window_size(w as u32, h as u32).await.unwrap();
}

/// Deque's axe-core (a test-only file fetched by `scripts/install-deps.sh test`) on the page as
/// it is now: WCAG 2.1 A and AA rules. Returns one line per failing rule and node.
async fn axe(c: &Client) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/tools/axe-core/axe.min.js");
    let src = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} missing: run scripts/install-deps.sh test",
            path.display()
        )
    });
    c.execute(&format!("{src}\nreturn true;"), vec![])
        .await
        .expect("axe-core loads in the page");
    let out = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
               .then((r) => done(r.violations.flatMap((v) => v.nodes.map((n) =>
                   v.id + ': ' + n.target.join(' ') + ' — ' + (n.failureSummary || '').split('\\n').slice(1, 2).join('')))))
               .catch((e) => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .expect("axe runs");
    out.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

async fn active_id(c: &Client) -> String {
    c.execute(
        "return document.activeElement ? document.activeElement.id : ''",
        vec![],
    )
    .await
    .unwrap()
    .as_str()
    .unwrap_or("")
    .to_owned()
}

async fn press(c: &Client, key: Key) {
    c.active_element()
        .await
        .unwrap()
        .send_keys(&key.to_string())
        .await
        .unwrap();
}

/// From the business screen to the backup screen of the Promoções number.
async fn walk_to_backup(c: &Client, screenshots: bool) {
    walk_to_backup_shots(c, screenshots.then_some("")).await;
}

/// The journey to the backup screen, with a screenshot of each screen named `{prefix}{name}`.
async fn walk_to_backup_shots(c: &Client, prefix: Option<&str>) {
    let snap = |name: &'static str| async move {
        if let Some(p) = prefix {
            shot(c, &format!("{p}{name}")).await;
        }
    };
    wait_id(c, "screen-business").await;
    snap("01-business").await;
    click(c, "business-1000000000000001").await;
    wait_id(c, "waba-2000000000000002").await;
    snap("02-whatsapp-accounts").await;
    click(c, "waba-2000000000000002").await;
    wait_id(c, "trash-3000000000000004").await;
    snap("03-whatsapp-manager").await;
    click(c, "trash-3000000000000004").await;
    wait_id(c, "path-close").await;
    snap("03b-move-or-close").await;
    click(c, "path-close").await;
    wait_id(c, "checklist").await;
    snap("04-prerequisites").await;
    click(c, "ack-loss").await;
    click(c, "checks-continue").await;
    wait_id(c, "screen-backup").await;
    snap("05-backup").await;
}

/// From the delete screen: the honest "Desconectar … e abrir a Meta" button, the pop-up's two
/// questions and the last 4 digits, then its confirm button.
async fn confirm_number(c: &Client, screenshots: bool) {
    wait_id(c, "screen-delete_number").await;
    if screenshots {
        shot(c, "06-delete-number").await;
    }
    click(c, "disconnect-open").await;
    let input = wait_id(c, "delete-number-input").await;
    input.send_keys("5678").await.unwrap();
    let confirm = wait_id(c, "delete-number-confirm").await;
    assert!(
        confirm.attr("disabled").await.unwrap().is_some(),
        "the disconnect waits for the two answers"
    );
    click(c, "delete-number-admin").await;
    click(c, "delete-number-pin").await;
    if screenshots {
        shot(c, "06b-popup-desconectar").await;
    }
    click(c, "delete-number-confirm").await;
}

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

/// "Esqueci o PIN" in practice: the pop-up takes the last 4 digits and the PIN twice; Rust refuses
/// a PIN that is not six digits or typed differently; the PIN is in no file afterwards.
#[tokio::test]
async fn forgot_the_pin_sets_a_new_one_that_no_file_keeps() {
    let d = Driver::start(&[]);
    let c = d.launch().await;
    wait_id(&c, "screen-business").await;
    click(&c, "business-1000000000000001").await;
    click(&c, "waba-2000000000000002").await;
    click(&c, "trash-3000000000000004").await;
    click(&c, "path-close").await;
    wait_id(&c, "checklist").await;
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
    click(&c, "ack-loss").await;
    click(&c, "checks-continue").await;
    click(&c, "backup-save").await;
    wait_id(&c, "backup-verified").await;
    click(&c, "backup-continue").await;
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

/// Issue 9 in practice: three clicks from the first screen to the business screen, through a
/// second window that has no IPC at all.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_clicks_log_in_with_facebook_in_practice() {
    let d = Driver::start(&[]);
    let c = d.launch().await;
    wait_id(&c, "screen-business").await;
    let main = c.window().await.unwrap();
    click(&c, "connect-real").await;
    wait_id(&c, "facebook-card").await;
    shot(&c, "00c-connect-with-facebook").await;
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
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/wm_close.py"))
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

/// Issue 9 on a test host (real mode): cancel, a declined permission and "tentar de novo", the
/// keyring entry, and a token that expires in mid-journey: log in again, the journey goes on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn facebook_login_keeps_the_token_and_survives_its_expiry() {
    use waba_remover::sandbox::{Sandbox, SandboxOptions};
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
    let out = Command::new(require("secret-tool", "libsecret-tools"))
        .args([
            "lookup",
            "service",
            "waba-remover",
            "username",
            &format!("meta-default@{}", sb.url().trim_start_matches("http://")),
        ])
        .envs(d.session.envs())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), newest);
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
    wait_id(&c, "trash-3000000000000004").await;
    // Both paths are reachable in real mode too: "Levar" reads Meta's requirements.
    click(&c, "trash-3000000000000004").await;
    click(&c, "path-move").await;
    wait_id(&c, "move-verdict").await;
    wait_text(&c, "mode-badge", "CONTA REAL").await;
    let mut hits = vec![];
    scan_for(d.root.path(), newest.as_bytes(), &mut hits);
    assert!(hits.is_empty(), "token found in {hits:?}");
    c.close().await.unwrap();
}

/// Issue 10: "Levar para outro provedor ou conta" in practice: the requirements read from the API,
/// the migration card copied and saved, the same backup, and nothing deleted.
#[tokio::test]
async fn moving_the_number_instead_of_deleting_it() {
    let d = Driver::start(&[]);
    let c = d.launch().await;
    wait_id(&c, "screen-business").await;
    click(&c, "business-1000000000000001").await;
    click(&c, "waba-2000000000000002").await;
    click(&c, "trash-3000000000000004").await;
    click(&c, "path-move").await;
    wait_id(&c, "move-verdict").await;
    wait_text(&c, "move-pin_off", "PIN").await;
    wait_text(&c, "move-card-text", "3000000000000004").await;
    shot(&c, "04e-move-readiness").await;
    click(&c, "move-card-save").await;
    wait_text(&c, "move-card-saved", ".txt").await;
    click(&c, "move-backup").await;
    wait_text(&c, "move-backup-done", "260").await;
    tall_shot(&c, "04f-move-card-and-backup").await;
    click(&c, "move-finish").await;
    wait_text(&c, "done-moved", "Nada foi excluído").await;
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

/// Issue 11: a backup made by the journey restores into another practice WABA, end to end.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_restores_its_templates_into_another_waba() {
    let name = format!(
        "backup-whatsapp-5511988885678-{}.json",
        chrono::Utc::now().format("%Y-%m-%d")
    );
    let d = Driver::start(&[("WABA_REMOVER_OPEN_FILE", name)]);
    let c = d.launch().await;
    wait_id(&c, "screen-business").await;
    click(&c, "business-1000000000000001").await;
    click(&c, "waba-2000000000000002").await;
    click(&c, "trash-3000000000000004").await;
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

/// Point 3 of the dangerous moment: a paid message in the last 30 days is Meta's data. No
/// override; the way forward is a calendar reminder for the day the rule ends.
#[tokio::test]
async fn a_proven_30_day_block_offers_a_reminder_and_no_way_around() {
    let d = Driver::start(&[]);
    let c = d.launch().await;
    wait_id(&c, "screen-business").await;
    click(&c, "business-1000000000000001").await;
    click(&c, "waba-2000000000000001").await;
    click(&c, "trash-3000000000000001").await;
    click(&c, "path-close").await;
    wait_id(&c, "no-override-paid_messages").await;
    assert!(
        c.find(Locator::Id("override-paid_messages")).await.is_err(),
        "no override for a proven block"
    );
    click(&c, "ack-loss").await;
    let go = wait_id(&c, "checks-continue").await;
    assert!(!go.is_enabled().await.unwrap(), "the journey stops here");
    wait_text(&c, "blocked-hint", "lembrete").await;
    click(&c, "paid-reminder").await;
    wait_text(&c, "paid-reminder-saved", ".ics").await;
    click(&c, "paid-reminder-saved-folder").await;
    wait_id(&c, "paid-reminder-saved-folder-note").await;
    tall_shot(&c, "04b-paid-block-reminder").await;
    let ics: Vec<std::path::PathBuf> = std::fs::read_dir(d.saved())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ics"))
        .collect();
    assert_eq!(ics.len(), 1, "{ics:?}");
    let text = std::fs::read_to_string(&ics[0]).unwrap();
    assert!(text.contains("DTSTART;VALUE=DATE:"), "{text}");
    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_app_while_it_polls_resumes_on_relaunch() {
    let d = Driver::start(&[]);
    let c = d.launch().await;
    wait_id(&c, "screen-business").await;
    // Switch to English: remembered between runs.
    click(&c, "lang-toggle").await;
    wait_text(&c, "lang-toggle", "Português").await;
    wait_text(&c, "screen-business", "business portfolio").await;
    walk_to_backup(&c, false).await;
    // Skip the backup the explicit way.
    c.find(Locator::Css("#screen-backup details summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_id(&c, "skip-input")
        .await
        .send_keys("PULAR BACKUP")
        .await
        .unwrap();
    click(&c, "backup-skip").await;
    confirm_number(&c, false).await;
    wait_id(&c, "practice-next").await;
    click(&c, "trash-3000000000000004").await;
    wait_id(&c, "waiting-panel").await;
    d.kill_app();
    let _ = c.close().await;

    let c = d.launch().await;
    wait_id(&c, "resume-continue").await;
    wait_text(&c, "screen-resume", "+55 11 98888-5678").await;
    wait_text(&c, "screen-resume", "Removal in progress").await;
    shot(&c, "09-resume-offer").await;
    click(&c, "resume-continue").await;
    wait_id(&c, "waba-page").await;
    shot(&c, "10-resumed-after-crash").await;
    c.close().await.unwrap();
}

fn scan_for(root: &Path, needle: &[u8], hits: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(root).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            scan_for(&p, needle, hits);
        } else if let Ok(bytes) = std::fs::read(&p) {
            if bytes.windows(needle.len()).any(|w| w == needle) {
                hits.push(p);
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_token_is_kept_in_the_keyring_and_never_leaks() {
    use waba_remover::sandbox::{seed, Sandbox, SandboxOptions};
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
    wait_id(&c, "token-input")
        .await
        .send_keys("EAAG with spaces")
        .await
        .unwrap();
    click(&c, "connect-submit").await;
    wait_text(&c, "connect-result", "espaços").await;
    shot(&c, "11-connect-malformed-token").await;
    let input = wait_id(&c, "token-input").await;
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
    assert!(page.contains(&masked), "only the masked form is shown");

    // The keyring holds it, as another process sees it.
    let out = Command::new(require("secret-tool", "libsecret-tools"))
        .args([
            "lookup",
            "service",
            "waba-remover",
            "username",
            // Bound to the host it was saved for (here the sandbox, not graph.facebook.com).
            &format!("meta-default@{}", sb.url().trim_start_matches("http://")),
        ])
        .envs(d.session.envs())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), token_text);
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
    shot(&c, "13-real-mode-waiting").await;
    // The admin deletes the number on Meta's screen; the app sees it through the API.
    sb.manual_delete_number(seed::PN_READY).unwrap();
    wait_id(&c, "waba-page").await;
    shot(&c, "real-07-remove-waba").await;
    click(&c, "waba-open").await;
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

fn walkdir_count(root: &Path) -> usize {
    std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| {
            if e.path().is_dir() {
                walkdir_count(&e.path())
            } else {
                1
            }
        })
        .sum()
}

/// The real GTK save dialog, driven as a user would with xdotool: type a path, press Enter.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_native_save_dialog_saves_the_backup() {
    let d = Driver::start_with(&[], false);
    let xdotool = require("xdotool", "xdotool");
    let c = d.launch().await;
    walk_to_backup(&c, false).await;
    click(&c, "backup-save").await;
    let display = d.session.display.clone().unwrap();
    // Find the dialog window (a second top-level window of the app).
    let deadline = Instant::now() + T;
    let win = loop {
        let out = Command::new(&xdotool)
            .args(["search", "--onlyvisible", "--name", "."])
            .env("DISPLAY", &display)
            .output()
            .unwrap();
        let ids: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned)
            .collect();
        let mut found = None;
        for id in &ids {
            let name = Command::new(&xdotool)
                .args(["getwindowname", id])
                .env("DISPLAY", &display)
                .output()
                .unwrap();
            let name = String::from_utf8_lossy(&name.stdout).trim().to_owned();
            if !name.is_empty() && name != "Remover número da BM" {
                found = Some(id.clone());
            }
        }
        if let Some(f) = found {
            break f;
        }
        if Instant::now() >= deadline {
            let names: Vec<String> = ids
                .iter()
                .map(|id| {
                    let n = Command::new(&xdotool)
                        .args(["getwindowname", id])
                        .env("DISPLAY", &display)
                        .output()
                        .unwrap();
                    format!("{id}={}", String::from_utf8_lossy(&n.stdout).trim())
                })
                .collect();
            let _ = Command::new("import")
                .args(["-window", "root", "/tmp/dialog-debug.png"])
                .env("DISPLAY", &display)
                .status();
            panic!("the save dialog never appeared; windows: {names:?}");
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let target = d.saved().join("backup-pelo-dialogo.json");
    let x = |args: &[&str]| {
        let ok = Command::new(&xdotool)
            .args(args)
            .env("DISPLAY", &display)
            .status()
            .unwrap();
        assert!(ok.success(), "xdotool {args:?}");
    };
    x(&["windowfocus", "--sync", &win]);
    std::thread::sleep(Duration::from_millis(300));
    x(&["key", "--clearmodifiers", "ctrl+a"]);
    x(&["type", "--delay", "20", target.to_str().unwrap()]);
    std::thread::sleep(Duration::from_millis(200));
    x(&["key", "Return"]);
    wait_id(&c, "backup-verified").await;
    wait_text(&c, "backup-verified", "backup-pelo-dialogo.json").await;
    shot(&c, "05c-backup-saved-through-the-dialog").await;
    assert!(target.exists());
    c.close().await.unwrap();
}

/// Calls a command from the page as any script in the web view could; answers the error code
/// (or "ok").
async fn invoke_from_page(c: &Client, cmd: &str, args: serde_json::Value) -> String {
    let out = c
        .execute_async(
            "const [cmd, args, done] = arguments;
             window.__TAURI__.core.invoke(cmd, args)
               .then(() => done('ok'), (e) => done((e && e.code) || String(e)));",
            vec![cmd.into(), args],
        )
        .await
        .expect("the script runs");
    out.as_str().unwrap_or("").to_owned()
}

fn graph_gets(sb: &waba_remover::sandbox::Sandbox, fragment: &str) -> usize {
    sb.requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path.contains(fragment))
        .count()
}

/// The web view is untrusted: out-of-order and foreign calls are refused in Rust, a language
/// switch while waiting does not start a second poll loop, "Parar de esperar" stops polling,
/// and no settings change can send the token to another host.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_web_view_cannot_bend_the_rules() {
    use waba_remover::sandbox::{Sandbox, SandboxOptions};
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
    ]);
    let c = d.launch().await;
    click(&c, "connect-real").await;
    wait_id(&c, "token-input")
        .await
        .send_keys(&token_text)
        .await
        .unwrap();
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
    c.find(Locator::Css("#screen-backup details summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_id(&c, "skip-input")
        .await
        .send_keys("PULAR BACKUP")
        .await
        .unwrap();
    click(&c, "backup-skip").await;
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
    wait_id(&c, "opened-note").await;
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
    shot(&c, "14-waiting-after-language-switch").await;
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

/// The alert on the current screen says `needle` (the sentence of an error code).
async fn alert_says(c: &Client, needle: &str) {
    let deadline = Instant::now() + T;
    loop {
        let alerts = c.find_all(Locator::Css("[role=alert]")).await.unwrap();
        for a in alerts {
            if a.text().await.unwrap_or_default().contains(needle) {
                return;
            }
        }
        assert!(Instant::now() < deadline, "no alert said '{needle}'");
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// A call that fails on each screen (the token lost access to the account, once) shows its
/// sentence in Portuguese with Meta's code, loses nothing, and the same screen goes on after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_call_on_each_screen_shows_its_sentence_and_loses_nothing() {
    use waba_remover::sandbox::{Fault, FaultRule, Sandbox, SandboxOptions};
    let sb = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let token_text = sb.token().reveal_practice().unwrap().to_owned();
    let d = Driver::start(&[("WABA_REMOVER_GRAPH_URL", sb.url())]);
    let c = d.launch().await;
    click(&c, "connect-real").await;
    wait_id(&c, "token-input")
        .await
        .send_keys(&token_text)
        .await
        .unwrap();
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
    wait_id(&c, "trash-3000000000000004").await;
    // Screen 4: the checks (one batch, the only POST of the step).
    sb.inject(FaultRule::once(
        Some("POST"),
        None,
        Fault::missing_permission(),
    ));
    click(&c, "trash-3000000000000004").await;
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
