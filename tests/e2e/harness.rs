//! The e2e's own gestures: a screenshot per screen held to axe-core (WCAG 2.1 AA) and to the
//! plain-words rules, keyboard helpers, and the walk every flow starts with.

use crate::driver::{click, shots_dir, wait_id, T};
use fantoccini::{key::Key, Client, Locator};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub async fn shot(c: &Client, name: &str) {
    // WebKit may hand over the previous frame right after a change: wait for two frames to be
    // painted, then a moment for the compositor, so the picture is the screen the test sees.
    let _ = c
        .execute_async(
            "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            vec![],
        )
        .await;
    tokio::time::sleep(Duration::from_millis(400)).await;
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
    // Plain words (`docs/glossary.md`): outside "Detalhes para o suporte", no English text of Meta's, no
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
              // A test's temporary folder is not what an admin's screen shows.
              const tmp = text.match(/\/tmp\/|\.tmp[A-Za-z0-9]{6}/);
              if (tmp) return 'a temporary path: ' + tmp[0];
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

/// Opens the `<details>` the CSS selector names (its summary clicked, as the admin would).
pub async fn unfold(c: &Client, details: &str) {
    c.find(Locator::Css(&format!("{details} summary")))
        .await
        .unwrap_or_else(|e| panic!("{details}: {e}"))
        .click()
        .await
        .unwrap();
}

/// A screenshot of a taller window, for what sits below the fold (WebKitWebDriver pictures the
/// top of the page whatever the scroll), then the usual size again.
pub async fn tall_shot(c: &Client, name: &str) {
    let (w, h) = c.get_window_size().await.unwrap();
    c.set_window_size(w as u32, 1250).await.unwrap();
    shot(c, name).await;
    c.set_window_size(w as u32, h as u32).await.unwrap();
}

/// Deque's axe-core (a test-only file fetched by `scripts/install-deps.sh test`) on the page as
/// it is now: WCAG 2.1 A and AA rules. Returns one line per failing rule and node.
pub async fn axe(c: &Client) -> Vec<String> {
    let path = crate::common::session::repo_root().join("target/tools/axe-core/axe.min.js");
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

pub async fn active_id(c: &Client) -> String {
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

pub async fn press(c: &Client, key: Key) {
    c.active_element()
        .await
        .unwrap()
        .send_keys(&key.to_string())
        .await
        .unwrap();
}

/// From the business screen to the backup screen of the Promoções number.
pub async fn walk_to_backup(c: &Client, screenshots: bool) {
    walk_to_backup_shots(c, screenshots.then_some("")).await;
}

/// The journey to the backup screen, with a screenshot of each screen named `{prefix}{name}`.
pub async fn walk_to_backup_shots(c: &Client, prefix: Option<&str>) {
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
    wait_id(c, "choose-3000000000000004").await;
    // A small business's own portfolio: no provider's tool under its numbers.
    assert!(
        c.find(Locator::Id("release-batch")).await.is_err(),
        "the release of several numbers is a provider's tool"
    );
    snap("03-whatsapp-manager").await;
    click(c, "choose-3000000000000004").await;
    wait_id(c, "path-close").await;
    // Each answer says what Meta allows now, as the core's advisor decided it.
    wait_id(c, "path-best-stop_using").await;
    snap("03b-move-or-close").await;
    click(c, "path-close").await;
    wait_id(c, "checklist").await;
    snap("04-prerequisites").await;
    click(c, "ack-loss").await;
    click(c, "checks-continue").await;
    wait_id(c, "screen-backup").await;
    snap("05-backup").await;
}

/// From the checklist to the delete screen, as the admin goes: the loss acknowledged, the
/// backup saved and verified, then on.
pub async fn checks_then_backup(c: &Client) {
    click(c, "ack-loss").await;
    click(c, "checks-continue").await;
    click(c, "backup-save").await;
    wait_id(c, "backup-verified").await;
    click(c, "backup-continue").await;
}

/// The backup skipped the explicit way: the folded option unfolded and its phrase typed.
pub async fn skip_backup(c: &Client) {
    unfold(c, "#screen-backup details").await;
    wait_id(c, "skip-input")
        .await
        .send_keys("PULAR BACKUP")
        .await
        .unwrap();
    click(c, "backup-skip").await;
}

/// From the delete screen: the honest "Desconectar … e abrir a Meta" button, the pop-up's two
/// questions and the last 4 digits, then its confirm button.
pub async fn confirm_number(c: &Client, screenshots: bool) {
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

/// Calls a command from the page as any script in the web view could; answers the error code
/// (or "ok").
pub async fn invoke_from_page(c: &Client, cmd: &str, args: serde_json::Value) -> String {
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

pub fn graph_gets(sb: &waba_core::sandbox::Sandbox, fragment: &str) -> usize {
    sb.requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path.contains(fragment))
        .count()
}

/// The alert on the current screen says `needle` (the sentence of an error code).
pub async fn alert_says(c: &Client, needle: &str) {
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

pub fn scan_for(root: &Path, needle: &[u8], hits: &mut Vec<PathBuf>) {
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

pub fn walkdir_count(root: &Path) -> usize {
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

/// From the business screen of the practice company: the WABA `waba`, then "Escolher este número"
/// on the number `number` (the path choice follows).
pub async fn choose_number(c: &Client, waba: &str, number: &str) {
    wait_id(c, "screen-business").await;
    click(c, "business-1000000000000001").await;
    click(c, &format!("waba-{waba}")).await;
    click(c, &format!("choose-{number}")).await;
}
