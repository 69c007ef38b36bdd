//! Upgrades keep what the admin saved (`scripts/upgrade-test.sh` takes this version's .deb and a
//! newer one repacked from it, then runs this test with their paths): install the old package, connect a real
//! account (the token saved in the Secret Service) and leave a removal unfinished; install the
//! newer package over it; the app, started as the menu entry starts it, still has the token and
//! offers "Continuar a remoção". Removing the package leaves the keyring entry. Without the two
//! package paths the test says it was skipped.

mod common;
#[path = "common/driver.rs"]
mod driver;
use driver::{app, click, token_input, wait_id, wait_text, Driver};
use std::process::Command;
use waba_core::sandbox::{Sandbox, SandboxOptions};

fn dpkg(args: &[&str]) {
    let root = Command::new("id").arg("-u").output().unwrap().stdout == b"0\n";
    let status = if root {
        Command::new("dpkg").args(args).status()
    } else {
        Command::new("sudo").arg("dpkg").args(args).status()
    }
    .expect("dpkg runs");
    assert!(status.success(), "dpkg {args:?}");
}

fn installed_version() -> String {
    let out = Command::new("dpkg-query")
        .args(["-W", "-f=${Version}", "waba-remover"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// The menu entry the package installs: its words, and the command it starts.
fn menu_entry_command() -> String {
    let text = std::fs::read_dir("/usr/share/applications")
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .find(|t| t.contains("Exec=waba-remover"))
        .expect("the package installs a menu entry");
    for line in [
        "Name=Remover número da BM",
        "Name[pt_BR]=Remover número da BM",
        "Comment[pt_BR]=",
        "Comment[en]=",
        "Keywords=WhatsApp;BM;WABA;",
    ] {
        assert!(text.contains(line), "menu entry: {line}");
    }
    let exec = text
        .lines()
        .find_map(|l| l.strip_prefix("Exec="))
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    let which = Command::new("sh")
        .args(["-c", &format!("command -v {exec}")])
        .output()
        .unwrap();
    String::from_utf8_lossy(&which.stdout).trim().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upgrade_keeps_the_token_and_the_unfinished_removal() {
    let (Ok(old), Ok(new)) = (
        std::env::var("WABA_REMOVER_UPGRADE_OLD_DEB"),
        std::env::var("WABA_REMOVER_UPGRADE_NEW_DEB"),
    ) else {
        eprintln!("skipped: run scripts/upgrade-test.sh (it builds the two packages)");
        return;
    };
    dpkg(&["-i", &old]);
    let first = installed_version();
    // The app as the menu entry starts it.
    let exe = menu_entry_command();
    assert!(!exe.is_empty(), "the menu entry's command is on the PATH");
    std::env::set_var("WABA_REMOVER_APP_UNDER_TEST", &exe);
    assert_eq!(app(), exe);

    // A real connection (the sandbox as the Graph host), the token kept, a removal left unfinished.
    let sb = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let token = sb.token().reveal_practice().unwrap().to_owned();
    let d = Driver::start(&[("WABA_REMOVER_GRAPH_URL", sb.url())]);
    let c = d.launch_raw().await;
    click(&c, "welcome-real").await;
    token_input(&c).await.send_keys(&token).await.unwrap();
    click(&c, "connect-submit").await;
    wait_text(&c, "connected-as", "Ana Souza").await;
    click(&c, "start-journey").await;
    click(&c, "business-1000000000000001").await;
    click(&c, "waba-2000000000000002").await;
    click(&c, "choose-3000000000000004").await;
    // As the admin does: the advice under each answer is read before she picks one.
    wait_id(&c, "path-best-stop_using").await;
    click(&c, "path-close").await;
    wait_id(&c, "checklist").await;
    c.close().await.unwrap();
    assert_eq!(d.keyring_token(&sb.url()), token);

    // The newer package over it.
    dpkg(&["-i", &new]);
    let second = installed_version();
    assert_ne!(first, second, "a newer version was installed");
    let c = d.launch_raw().await;
    wait_text(&c, "screen-resume", "+55 11 98888-5678").await;
    click(&c, "resume-continue").await;
    wait_id(&c, "checklist").await;
    wait_text(&c, "mode-badge", "CONTA REAL").await;
    c.close().await.unwrap();
    assert_eq!(
        d.keyring_token(&sb.url()),
        token,
        "the token survived the upgrade"
    );

    // Removing the package leaves the keyring entry (Settings say how to forget it).
    dpkg(&["-r", "waba-remover"]);
    assert_eq!(d.keyring_token(&sb.url()), token);
}
