//! A private desktop session for tests that need the real parts: a D-Bus session bus, an
//! unlocked gnome-keyring (Secret Service), and Xvfb. Started and stopped by the test itself;
//! a missing tool fails the test with what to install (never a skip). On Windows and macOS the
//! runner's own desktop and vault are the session (nothing to start).
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The repository's root (the folder with `tauri.conf.json`), whichever crate's test this is.
pub fn repo_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .find(|d| d.join("tauri.conf.json").is_file())
        .unwrap_or(here)
        .to_path_buf()
}

pub fn require(tool: &str, package: &str) -> PathBuf {
    let extra = repo_root().join("target/tools/bin");
    let path = std::env::var("PATH").unwrap_or_default();
    let file = format!("{tool}{}", std::env::consts::EXE_SUFFIX);
    for dir in std::iter::once(extra).chain(std::env::split_paths(&path)) {
        let p = dir.join(&file);
        if p.is_file() {
            return p;
        }
    }
    panic!("`{tool}` is missing: install {package} (run `make test`, which installs it)");
}

pub struct Session {
    children: Vec<Child>,
    pub bus: String,
    pub display: Option<String>,
    pub dir: tempfile::TempDir,
}

impl Session {
    /// D-Bus + unlocked keyring; with `xvfb`, also an X display.
    pub fn start(xvfb: bool) -> Session {
        Self::start_with(xvfb, true)
    }

    /// With `unlock: false` the keyring daemon runs but nothing unlocks it (a locked keyring).
    #[cfg(not(target_os = "linux"))]
    pub fn start_with(_xvfb: bool, _unlock: bool) -> Session {
        Session {
            children: vec![],
            bus: String::new(),
            display: None,
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// With `unlock: false` the keyring daemon runs but nothing unlocks it (a locked keyring).
    #[cfg(target_os = "linux")]
    pub fn start_with(xvfb: bool, unlock: bool) -> Session {
        let dir = tempfile::tempdir().unwrap();
        let mut children = vec![];
        let dbus = require("dbus-daemon", "dbus");
        let mut bus_child = Command::new(dbus)
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon starts");
        let mut line = String::new();
        BufReader::new(bus_child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let bus = line.trim().to_owned();
        assert!(!bus.is_empty(), "dbus-daemon printed no address");
        children.push(bus_child);

        let keyring_home = dir.path().join("keyring-data");
        let runtime = dir.path().join("runtime");
        std::fs::create_dir_all(&keyring_home).unwrap();
        std::fs::create_dir_all(&runtime).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
        }
        let gk = require("gnome-keyring-daemon", "gnome-keyring");
        let args: &[&str] = if unlock {
            &["--foreground", "--unlock", "--components=secrets"]
        } else {
            &["--foreground", "--components=secrets"]
        };
        let mut keyring = Command::new(gk)
            .args(args)
            .env("DBUS_SESSION_BUS_ADDRESS", &bus)
            .env("XDG_DATA_HOME", &keyring_home)
            .env("XDG_RUNTIME_DIR", &runtime)
            .env_remove("DISPLAY")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("gnome-keyring-daemon starts");
        {
            let mut stdin = keyring.stdin.take().unwrap();
            if unlock {
                stdin.write_all(b"ci-password").unwrap();
            }
        }
        children.push(keyring);

        let mut s = Session {
            children,
            bus,
            display: None,
            dir,
        };
        s.wait_for_secret_service();
        if xvfb {
            let x = require("Xvfb", "xvfb");
            let mut xc = Command::new(x)
                .args([
                    "-displayfd",
                    "1",
                    "-screen",
                    "0",
                    "1280x800x24",
                    "-nolisten",
                    "tcp",
                ])
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .expect("Xvfb starts");
            let mut l = String::new();
            BufReader::new(xc.stdout.take().unwrap())
                .read_line(&mut l)
                .unwrap();
            s.display = Some(format!(":{}", l.trim()));
            s.children.push(xc);
        }
        s
    }

    #[cfg(target_os = "linux")]
    fn wait_for_secret_service(&self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            let ok = Command::new("dbus-send")
                .args([
                    "--session",
                    "--print-reply",
                    "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus",
                    "org.freedesktop.DBus.NameHasOwner",
                    "string:org.freedesktop.secrets",
                ])
                .env("DBUS_SESSION_BUS_ADDRESS", &self.bus)
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).contains("boolean true"))
                .unwrap_or(false);
            if ok {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("the Secret Service did not come up on the private bus");
    }

    /// Environment for a child that should live in this session.
    pub fn envs(&self) -> Vec<(String, String)> {
        if self.bus.is_empty() {
            return vec![];
        }
        let mut v = vec![
            ("DBUS_SESSION_BUS_ADDRESS".into(), self.bus.clone()),
            ("NO_AT_BRIDGE".into(), "1".into()),
        ];
        if let Some(d) = &self.display {
            v.push(("DISPLAY".into(), d.clone()));
        }
        v
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        for c in self.children.iter_mut().rev() {
            terminate(c);
        }
    }
}

/// SIGTERM, then SIGKILL after 5 s.
pub fn terminate(c: &mut Child) {
    unsafe_sigterm(c.id());
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = c.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = c.kill();
    let _ = c.wait();
}

#[cfg(unix)]
fn unsafe_sigterm(pid: u32) {
    let _ = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
}

/// Windows has no SIGTERM: `terminate` ends the child after the grace period.
#[cfg(not(unix))]
fn unsafe_sigterm(_pid: u32) {}
