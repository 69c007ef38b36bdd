//! The WebDriver harness: D-Bus, an unlocked gnome-keyring, Xvfb and tauri-driver started on free
//! ports for one test, stopped on failure too; and the few gestures every test uses.
#![allow(dead_code)]

use crate::common::session::{require, terminate, Session};
use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// The app under test: the binary cargo built, or an installed one (`WABA_REMOVER_APP_UNDER_TEST`,
/// the upgrade test's packaged app).
pub fn app() -> String {
    std::env::var("WABA_REMOVER_APP_UNDER_TEST")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_waba-remover").to_owned())
}
pub const T: Duration = Duration::from_secs(30);

/// The save folder, named as on an admin's computer (the screens say "na pasta Documentos").
pub const SAVED: &str = "Documentos";

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn shots_dir() -> PathBuf {
    let d = crate::common::session::repo_root().join("target/e2e-screenshots");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The app's world for one test: its own XDG dirs and save folder.
pub struct Driver {
    driver: Option<Child>,
    pub port: u16,
    pub root: tempfile::TempDir,
    pub session: Session,
}

impl Driver {
    /// The token the app saved in this session's Secret Service for the Graph host at `url`, as
    /// another process reads it (`secret-tool`).
    pub fn keyring_token(&self, url: &str) -> String {
        let out = Command::new(require("secret-tool", "libsecret-tools"))
            .args([
                "lookup",
                "service",
                "waba-remover",
                "username",
                // Bound to the host it was saved for (a sandbox, not graph.facebook.com).
                &format!("meta-default@{}", url.trim_start_matches("http://")),
            ])
            .envs(self.session.envs())
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    pub fn start(extra_env: &[(&str, String)]) -> Driver {
        Self::start_with(extra_env, true)
    }

    /// `save_dir: false` leaves the native save dialog in place.
    pub fn start_with(extra_env: &[(&str, String)], save_dir: bool) -> Driver {
        let session = Session::start(true);
        // The web view's own driver: WebKitWebDriver on Linux (tauri-driver finds it on PATH),
        // Microsoft's Edge driver matching the runner's WebView2 on Windows.
        #[cfg(target_os = "linux")]
        let native_driver: Option<PathBuf> = {
            require("WebKitWebDriver", "webkit2gtk-driver");
            None
        };
        #[cfg(not(target_os = "linux"))]
        let native_driver = Some(require(
            "msedgedriver",
            "Microsoft Edge WebDriver matching WebView2 (msedgedriver-tool)",
        ));
        let tauri_driver = require(
            "tauri-driver",
            "tauri-driver 2 (cargo install tauri-driver --version 2.1.0 --locked)",
        );
        let root = tempfile::tempdir().unwrap();
        for d in ["data", "config", "cache", SAVED] {
            std::fs::create_dir_all(root.path().join(d)).unwrap();
        }
        let (port, native) = (free_port(), free_port());
        let mut cmd = Command::new(tauri_driver);
        cmd.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native.to_string(),
        ])
        .args(
            native_driver
                .iter()
                .flat_map(|d| ["--native-driver".into(), d.clone().into_os_string()]),
        )
        .envs(session.envs())
        .env("XDG_DATA_HOME", root.path().join("data"))
        .env("XDG_CONFIG_HOME", root.path().join("config"))
        .env("XDG_CACHE_HOME", root.path().join("cache"))
        .env_remove("WABA_REMOVER_SAVE_DIR")
        .env_remove("WABA_REMOVER_GRAPH_URL")
        .env_remove("WABA_REMOVER_DATA_DIR")
        // No update source unless a test names one (`docs/updates.md`).
        .env_remove("WABA_REMOVER_UPDATE_URL")
        .env_remove("WABA_REMOVER_UPDATE_PUBKEY")
        .env_remove("WABA_REMOVER_UPDATE_EXE")
        // WebKitWebDriver drives only the automation context: the login window uses it (and is
        // cleared when it closes) instead of its own ephemeral store (debug builds only).
        .env("WABA_REMOVER_LOGIN_SHARED_STORE", "1")
        // The "browser" writes where it was sent (the screens show the browser opened, as on
        // an admin's computer); a test that needs the browser to fail names an unwritable file.
        .env("WABA_REMOVER_BROWSER_LOG", root.path().join("browser.log"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
        if save_dir {
            cmd.env("WABA_REMOVER_SAVE_DIR", root.path().join(SAVED));
        }
        // Windows and macOS name the app's folders from the user's profile, not XDG: the test's
        // own folder instead (a debug build's `WABA_REMOVER_DATA_DIR`), so tests share nothing.
        #[cfg(not(target_os = "linux"))]
        cmd.env("WABA_REMOVER_DATA_DIR", root.path());
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let driver = cmd.spawn().expect("tauri-driver starts");
        let deadline = Instant::now() + Duration::from_secs(15);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not open its port"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver {
            driver: Some(driver),
            port,
            root,
            session,
        }
    }

    /// The app, past the first launch's welcome (practice chosen, as most tests rehearse).
    pub async fn launch(&self) -> Client {
        let c = self.launch_raw().await;
        let deadline = Instant::now() + T;
        loop {
            let shown = c
                .execute(
                    "const s = document.querySelector('section.screen'); return s ? s.id : '';",
                    vec![],
                )
                .await
                .unwrap();
            match shown.as_str() {
                Some("screen-welcome") => {
                    click(&c, "welcome-practice").await;
                    return c;
                }
                Some(id) if !id.is_empty() => return c,
                _ => {}
            }
            assert!(Instant::now() < deadline, "the app showed no screen");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The app as it opens (the first launch's welcome included).
    pub async fn launch_raw(&self) -> Client {
        // The app of an earlier session may still be closing: a second instance would hand over
        // to it (single instance) and the new session would wait for a window that never comes.
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.app_pids().is_empty() && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        for pid in self.app_pids() {
            kill_pid(pid);
        }
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({"application": app(), "args": []}),
        );
        let url = format!("http://127.0.0.1:{}", self.port);
        let mut builder =
            ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
        builder.capabilities(caps);
        // A session that never opens fails the test instead of hanging the run. The driver may
        // drop the first request while WebKitWebDriver starts on a busy machine (seen once under
        // load: "IncompleteMessage"): one more try; an app that cannot start fails both.
        // A first launch that hangs past 90 s on a loaded machine gets the same one more try.
        for attempt in 0..2 {
            let opened =
                match tokio::time::timeout(Duration::from_secs(90), builder.connect(&url)).await {
                    Ok(opened) => opened.map_err(|e| e.to_string()),
                    Err(_) if attempt == 0 => Err("no session within 90 s".to_owned()),
                    Err(_) => panic!("the app did not open within 90 s, twice"),
                };
            match opened {
                Ok(c) => return c,
                Err(e) if attempt == 0 => {
                    eprintln!("WebDriver session refused ({e}); trying once more");
                    tokio::time::sleep(Duration::from_secs(2)).await;
                    for pid in self.app_pids() {
                        kill_pid(pid);
                    }
                }
                Err(e) => panic!("a WebDriver session with the app: {e}"),
            }
        }
        unreachable!("the loop returns or panics")
    }

    pub fn saved(&self) -> PathBuf {
        self.root.path().join(SAVED)
    }

    /// Every address the app sent to the browser (or folder it showed), in order.
    pub fn opened(&self) -> Vec<String> {
        std::fs::read_to_string(self.root.path().join("browser.log"))
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// The app processes running the binary under test (Windows: the e2e job runs one test at a
    /// time, so these are this test's).
    #[cfg(not(target_os = "linux"))]
    pub fn app_pids(&self) -> Vec<u32> {
        let script = format!(
            "Get-CimInstance Win32_Process | Where-Object {{ $_.ExecutablePath -eq '{}' }} | ForEach-Object {{ $_.ProcessId }}",
            app().replace('\'', "''")
        );
        let out = Command::new("powershell")
            .args(["-NoProfile", "-Command", &script])
            .output();
        out.map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .filter_map(|l| l.trim().parse().ok())
                .collect()
        })
        .unwrap_or_default()
    }

    /// The app processes this driver started (descendants of its tauri-driver running the app's
    /// binary): only these are ever killed, never another test's or the user's.
    #[cfg(target_os = "linux")]
    pub fn app_pids(&self) -> Vec<u32> {
        let Some(root) = self.driver.as_ref().map(Child::id) else {
            return vec![];
        };
        let parent_of = |pid: u32| -> Option<u32> {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            let after = stat.rsplit_once(')')?.1;
            after.split_whitespace().nth(1)?.parse().ok()
        };
        let descends = |mut pid: u32| {
            for _ in 0..16 {
                match parent_of(pid) {
                    Some(p) if p == root => return true,
                    Some(p) if p > 1 => pid = p,
                    _ => return false,
                }
            }
            false
        };
        std::fs::read_dir("/proc")
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
            .filter(|pid| {
                std::fs::read_link(format!("/proc/{pid}/exe"))
                    .is_ok_and(|exe| exe == std::path::Path::new(&app()))
            })
            .filter(|pid| descends(*pid))
            .collect()
    }

    /// Kills the app as a crash would (SIGKILL), leaving WebDriver's session dangling.
    pub fn kill_app(&self) {
        let pids = self.app_pids();
        assert!(!pids.is_empty(), "the app this test started is running");
        for pid in pids {
            kill_pid(pid);
        }
        std::thread::sleep(Duration::from_millis(300));
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        for pid in self.app_pids() {
            kill_pid(pid);
        }
        if let Some(mut d) = self.driver.take() {
            terminate(&mut d);
        }
        let _ = &self.session;
    }
}

/// Ends a process as a crash would (no chance to save anything).
fn kill_pid(pid: u32) {
    #[cfg(unix)]
    let _ = Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status();
    #[cfg(windows)]
    let _ = Command::new("taskkill")
        .args(["/F", "/PID", &pid.to_string()])
        .status();
}

pub async fn wait_id(c: &Client, id: &str) -> fantoccini::elements::Element {
    match c
        .wait()
        .at_most(T)
        .every(Duration::from_millis(100))
        .for_element(Locator::Id(id))
        .await
    {
        Ok(el) => el,
        Err(e) => panic!(
            "#{id} never appeared: {e}\nthe screen said instead:\n{}",
            screen_text(c).await
        ),
    }
}

/// What the admin sees now (the main area's text, cut), for a failure's message.
pub async fn screen_text(c: &Client) -> String {
    let said = c
        .execute(
            "const m = document.querySelector('main') || document.body; return m ? m.innerText : '';",
            vec![],
        )
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    said.chars().take(1500).collect()
}

/// The token field, as a technical person reaches it: in a build without an App ID it waits
/// folded under "Para quem cuida da parte técnica", which is opened first.
pub async fn token_input(c: &Client) -> fantoccini::elements::Element {
    wait_id(c, "connect-submit").await;
    if let Ok(folded) = c
        .find(Locator::Css(
            "details#technical-connect:not([open]) > summary",
        ))
        .await
    {
        folded.click().await.expect("the technical part opens");
    }
    wait_id(c, "token-input").await
}

pub async fn click(c: &Client, id: &str) {
    let deadline = Instant::now() + T;
    loop {
        // Found again on every try: a redraw may have replaced the element.
        let el = wait_id(c, id).await;
        match el.click().await {
            Ok(()) => return,
            Err(e) if Instant::now() < deadline => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(150)).await;
            }
            Err(e) => panic!("could not click #{id}: {e}"),
        }
    }
}

pub async fn wait_text(c: &Client, id: &str, needle: &str) -> String {
    let deadline = Instant::now() + T;
    loop {
        if let Ok(el) = c.find(Locator::Id(id)).await {
            if let Ok(t) = el.text().await {
                if t.contains(needle) {
                    return t;
                }
            }
        }
        if Instant::now() >= deadline {
            panic!(
                "#{id} never said '{needle}'\nthe screen said instead:\n{}",
                screen_text(c).await
            );
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}
