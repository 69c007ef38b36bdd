//! One list of commands: `commands.list` is what `build.rs` turns into permissions; the handler,
//! the capability and the UI must say the same.

fn listed() -> Vec<&'static str> {
    include_str!("../../commands.list")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// The handler registers exactly the listed commands (read from `generate_handler!`).
#[test]
fn the_handler_registers_exactly_the_listed_commands() {
    let src = include_str!("mod.rs");
    let body = src
        .split("generate_handler![")
        .nth(1)
        .and_then(|s| s.split(']').next())
        .expect("generate_handler! in mod.rs");
    let mut handled: Vec<&str> = body
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.rsplit("::").next().unwrap())
        .collect();
    handled.sort();
    let mut list = listed();
    list.sort();
    assert_eq!(handled, list);
}

/// Each listed command is allowed by the main window's capability, and nothing else but the
/// event permission it uses.
#[test]
fn the_capability_allows_exactly_the_listed_commands() {
    let cap: serde_json::Value =
        serde_json::from_str(include_str!("../../capabilities/main.json")).unwrap();
    let mut allowed: Vec<String> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_owned())
        .collect();
    allowed.sort();
    let mut expected: Vec<String> = listed()
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    expected.push("core:event:allow-listen".into());
    expected.push("core:event:allow-unlisten".into());
    expected.sort();
    assert_eq!(allowed, expected);
}

/// Every command the UI invokes is listed (a missing one would be denied at run time), and
/// every listed command is named somewhere in the UI (none is dead).
#[test]
fn the_ui_invokes_exactly_the_listed_commands() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui");
    // Every module of the UI: the top folder and the screens.
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for d in [dir.clone(), dir.join("screens")] {
        files.extend(
            std::fs::read_dir(d)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "js")),
        );
    }
    let src: String = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let list = listed();
    let mut calls = 0;
    for part in src.split("call('").skip(1) {
        calls += 1;
        let name = part.split('\'').next().unwrap();
        assert!(
            list.contains(&name),
            "the UI invokes `{name}`, which commands.list lacks"
        );
    }
    assert!(
        calls > 25,
        "found only {calls} invocations: the scan is broken"
    );
    for name in list {
        assert!(
            src.contains(&format!("'{name}'")),
            "`{name}` is listed but the UI never names it"
        );
    }
}
