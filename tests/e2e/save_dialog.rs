//! The real GTK save dialog, driven with xdotool.

use crate::common::session::require;
use crate::driver::{click, wait_id, wait_text, Driver, T};
use crate::harness::{shot, walk_to_backup};
use std::process::Command;
use std::time::{Duration, Instant};

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
