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
