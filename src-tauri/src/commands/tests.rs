//! One list of commands: `commands.list` is what `build.rs` turns into the handler and the
//! permissions; the capability grants that set and the UI calls only what it lists.

/// Every JavaScript module of the UI, in every folder.
pub(super) fn ui_modules() -> Vec<std::path::PathBuf> {
    fn walk(d: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "js") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui"),
        &mut out,
    );
    out
}

/// `area::command` per line, as build.rs reads it.
fn listed_paths() -> Vec<&'static str> {
    include_str!("../../commands.list")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// The command names the web view calls.
fn listed() -> Vec<&'static str> {
    listed_paths()
        .into_iter()
        .map(|p| p.rsplit("::").next().unwrap())
        .collect()
}

/// The capability grants the generated set and the progress events, nothing else; the set
/// build.rs wrote allows exactly the listed commands.
#[test]
fn the_capability_allows_exactly_the_listed_commands() {
    let cap: serde_json::Value =
        serde_json::from_str(include_str!("../../capabilities/main.json")).unwrap();
    assert_eq!(
        cap["permissions"],
        serde_json::json!([
            "core:event:allow-listen",
            "core:event:allow-unlisten",
            "app-commands"
        ])
    );
    let set = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("permissions/app-commands.toml"),
    )
    .unwrap();
    let mut allowed: Vec<&str> = set
        .lines()
        .filter_map(|l| l.trim().strip_prefix("\"allow-"))
        .map(|l| l.trim_end_matches("\","))
        .collect();
    allowed.sort();
    let mut expected: Vec<String> = listed().iter().map(|c| c.replace('_', "-")).collect();
    expected.sort();
    assert_eq!(allowed, expected);
}

/// Every command the UI invokes is listed (a missing one would be denied at run time), and
/// every listed command is named somewhere in the UI (none is dead).
#[test]
fn the_ui_invokes_exactly_the_listed_commands() {
    let src: String = ui_modules()
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

/// The UI's state lives in `ui/app.js`'s `state` and changes only through `ctx.set`: no module
/// assigns `ctx.<key> = …` (which would also throw at run time).
#[test]
fn the_ui_state_changes_only_through_ctx_set() {
    let files = ui_modules();
    let mut found = Vec::new();
    for f in &files {
        for (n, line) in std::fs::read_to_string(f).unwrap().lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for part in code.split("ctx.").skip(1) {
                let key: String = part
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let rest = part[key.len()..].trim_start();
                if rest.starts_with('=') && !rest.starts_with("==") {
                    found.push(format!("{}:{}: ctx.{key} =", f.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "state changed outside ctx.set: {found:#?}"
    );
    // Screens are screens: none imports another (shared pieces live in ui/widgets/).
    for f in files
        .iter()
        .filter(|f| f.parent().is_some_and(|d| d.ends_with("screens")))
    {
        let text = std::fs::read_to_string(f).unwrap();
        assert!(
            !text.contains("from './"),
            "{} imports another screen",
            f.display()
        );
    }
}

/// Thin doors (`ARCHITECTURE.md`): a command decodes, calls the core, encodes. One over 40 lines
/// is deciding something the core should: this test reads every command's body and fails.
#[test]
fn every_command_is_a_thin_door() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/src/commands");
    let mut thick = Vec::new();
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let path = entry.path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".rs") || name.contains("tests") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if line.trim() != "#[tauri::command]" {
                continue;
            }
            seen += 1;
            let start = (i + 1..lines.len())
                .find(|&j| lines[j].contains("fn "))
                .unwrap();
            let mut depth = 0i32;
            let mut opened = false;
            let mut end = start;
            for (j, l) in lines.iter().enumerate().skip(start) {
                depth += l.matches('{').count() as i32 - l.matches('}').count() as i32;
                opened |= l.contains('{');
                if opened && depth == 0 {
                    end = j;
                    break;
                }
            }
            let len = end - start + 1;
            if len > 40 {
                thick.push(format!("{name}: {} ({len} lines)", lines[start].trim()));
            }
        }
    }
    assert!(seen > 40, "{seen} commands found");
    assert!(thick.is_empty(), "commands over 40 lines: {thick:#?}");
}

/// One list of events (`commands/events.rs`): Rust sends none under another name, the UI listens
/// to each of them and to nothing else.
#[test]
fn events_come_from_one_list() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sent_literal = Vec::new();
    for entry in std::fs::read_dir(root.join("src-tauri/src/commands"))
        .unwrap()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "events.rs" || name.contains("tests") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for needle in ["emit(\"", "emit_to(\"main\", \""] {
            if text.contains(needle) {
                sent_literal.push(name.clone());
            }
        }
    }
    assert!(
        sent_literal.is_empty(),
        "events named outside events.rs: {sent_literal:?}"
    );
    let mut heard = std::collections::BTreeSet::new();
    let mut stack = vec![root.join("ui")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "js") {
                let text = std::fs::read_to_string(&p).unwrap();
                for part in text.split("listen('").skip(1) {
                    heard.insert(part.split('\'').next().unwrap().to_owned());
                }
            }
        }
    }
    let listed: std::collections::BTreeSet<String> =
        super::events::ALL.iter().map(|e| (*e).to_owned()).collect();
    assert_eq!(heard, listed, "the UI listens to exactly the listed events");
}
