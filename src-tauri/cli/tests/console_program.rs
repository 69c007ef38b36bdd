//! `waba-remover-cli`, run as an analyst's script on Windows runs it: the same subcommands and
//! exit codes as the app's binary, and without a subcommand the list of them, never a window.

/// `waba-remover-cli` (the console program of the Windows installers): the same subcommands and
/// exit codes as the app's binary, and without a subcommand the list of them, never a window.
#[test]
fn the_console_program_runs_the_subcommands_and_never_a_window() {
    let cli = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_waba-remover-cli"))
            .args(args)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env("LANG", "pt_BR.UTF-8")
            .env("DBUS_SESSION_BUS_ADDRESS", "disabled:")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    };
    for args in [&[][..], &["--help"][..]] {
        let o = cli(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let text = String::from_utf8_lossy(&o.stdout);
        for sub in ["status", "check", "backup", "release", "wait"] {
            assert!(text.contains(sub), "{args:?}: {text}");
        }
    }
    let o = cli(&["abrir"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("não é um subcomando"));
    // A token typed where a subcommand goes is never repeated.
    let o = cli(&["EAAtokenlike0123456789"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&o.stderr).contains("EAA"));
    let o = cli(&["status", "--practice", "--json"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["businesses"].as_array().is_some_and(|b| !b.is_empty()));
    let o = cli(&["release", "--practice"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "release without --to is a usage error"
    );
}
