//! The binary's own subcommands, run as a user or a script runs them: `waba-remover sandbox`
//! (the practice Meta for scripts and tests).

#[test]
fn the_sandbox_command_prints_one_json_line() {
    use std::io::{BufRead, BufReader};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_waba-remover"))
        .args(["sandbox", "--scenario", "employee"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let v: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert!(v["url"].as_str().unwrap().starts_with("http://127.0.0.1:"));
    assert!(v["token"].as_str().unwrap().starts_with("PRACTICE"));
    assert_eq!(v["version"], "v25.0");
    assert_eq!(v["scenario"], "employee");
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_waba-remover"))
        .args(["sandbox", "--scenario", "nope"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

/// `--help` lists the subcommands and `help SUBCOMMAND` its options, without a display (no
/// window opens), in Portuguese, or in English under `LANG=en*`; an unknown one exits 2.
#[test]
fn help_prints_the_subcommands_without_a_window() {
    let run = |args: &[&str], lang: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_waba-remover"))
            .args(args)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .output()
            .unwrap()
    };
    let pt = run(&["--help"], "pt_BR.UTF-8");
    assert_eq!(pt.status.code(), Some(0));
    let text = String::from_utf8_lossy(&pt.stdout);
    for sub in ["status", "check", "backup", "release", "wait"] {
        assert!(text.contains(sub), "{text}");
    }
    assert!(text.contains("subcomandos"), "{text}");
    let en = run(&["help", "release"], "en_US.UTF-8");
    assert_eq!(en.status.code(), Some(0));
    let text = String::from_utf8_lossy(&en.stdout);
    assert!(
        text.contains("--to provider|app|close") && text.contains("road"),
        "{text}"
    );
    let bad = run(&["help", "nope"], "pt_BR.UTF-8");
    assert_eq!(bad.status.code(), Some(2));
}
