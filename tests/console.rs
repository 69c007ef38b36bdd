//! The support console (`waba-remover status|check|backup|release|wait|update`), run as a support
//! analyst or a script runs it: the real binary against the sandbox over HTTP (the Graph host
//! from `WABA_REMOVER_GRAPH_URL`, the token from `WABA_REMOVER_TOKEN`), checking the JSON
//! shapes, the exit codes, that no output or file holds the token, one deregister per number,
//! and a run killed midway that resumes.

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use waba_core::sandbox::seed::{self, *};
use waba_core::sandbox::{Sandbox, SandboxOptions, Scenario};

const APP: &str = env!("CARGO_BIN_EXE_waba-remover");

/// The app's data folder for the processes of one test (its sandbox's port names it): the call
/// ledger and the ledger of numbers they share, as on an analyst's computer.
fn data_root(sb: &Sandbox) -> PathBuf {
    // Named by the sandbox's random token (hashed: a port is reused by later tests).
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    token_text(sb).hash(&mut h);
    // Under the build's own temporary folder (Cargo's CARGO_TARGET_TMPDIR), not the system's:
    // the folders stay with the build they belong to instead of piling up in /tmp.
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "waba-remover-console-test-{}-{:016x}",
        std::process::id(),
        h.finish()
    ))
}

/// The binary pointed at `sb`, with its token in the environment (never an argument), no
/// session bus (so no keyring is asked), fast pacing for a local server and the test's own
/// data folder.
fn console(sb: &Sandbox, args: &[&str]) -> Command {
    let mut c = Command::new(APP);
    c.args(args)
        .env("WABA_REMOVER_DATA_DIR", data_root(sb))
        .env("WABA_REMOVER_GRAPH_URL", sb.url())
        .env("WABA_REMOVER_TOKEN", token_text(sb))
        .env("WABA_REMOVER_POLL_MS", "100")
        .env("WABA_REMOVER_RELEASE_GAP_MS", "20")
        .env("DBUS_SESSION_BUS_ADDRESS", "disabled:")
        .stdin(Stdio::null());
    c
}

/// More calls than the app's hourly cap allows (debug builds only), for runs of 20 numbers.
fn roomy(mut c: Command) -> Command {
    c.env("WABA_REMOVER_HOURLY_CAP", "5000");
    c
}

fn token_text(sb: &Sandbox) -> String {
    sb.token().reveal_practice().unwrap().to_owned()
}

async fn run(mut c: Command) -> Output {
    tokio::task::spawn_blocking(move || c.output().unwrap())
        .await
        .unwrap()
}

/// The process ended with `code` (its output shown when it did not).
fn exits(o: &Output, code: i32) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON document ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

/// Neither stdout nor stderr holds the token (nor a long slice of it).
fn no_token_in(o: &Output, sb: &Sandbox) {
    let token = sb.token();
    for (name, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        assert!(!token.appears_in(&text), "the token in {name}");
        assert!(
            !token.shares_slice_with(&text, 16),
            "a slice of the token in {name}"
        );
    }
}

fn no_token_in_files(dir: &Path, sb: &Sandbox) {
    let token = token_text(sb);
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            no_token_in_files(&p, sb);
        } else {
            let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
            assert!(!text.contains(&token), "the token in {}", p.display());
        }
    }
}

async fn sandbox(scenario: Scenario) -> Sandbox {
    Sandbox::start(SandboxOptions {
        scenario,
        ..Default::default()
    })
    .await
    .unwrap()
}

fn deregisters(sb: &Sandbox, pn: &str) -> usize {
    sb.writes()
        .iter()
        .filter(|w| w.method == "POST" && w.path.ends_with(&format!("/{pn}/deregister")))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_lists_businesses_accounts_and_numbers_as_json() {
    let sb = sandbox(Scenario::Default).await;
    let o = run(console(&sb, &["status", "--json"])).await;
    exits(&o, 0);
    no_token_in(&o, &sb);
    let v = json(&o);
    assert_eq!(v["connection"]["mode"], "real");
    assert_eq!(v["connection"]["token_source"], "environment");
    assert_eq!(v["connection"]["user"]["id"], USER_ADMIN);
    let accounts = &v["businesses"][0]["accounts"];
    assert_eq!(v["businesses"][0]["id"], BUSINESS_ID);
    let coex = accounts[0]["numbers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == PN_COEXISTENCE)
        .unwrap();
    assert_eq!(coex["coexistence"], true);
    assert_eq!(coex["registered"], true);
    for key in [
        "display_phone_number",
        "verified_name",
        "status",
        "quality_rating",
    ] {
        assert!(coex.get(key).is_some(), "{key}");
    }
    // The human text, without colour through a pipe.
    let o = run(console(&sb, &["status"])).await;
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("+55 11 98888-5678") && text.contains("Coexistência"),
        "{text}"
    );
    assert!(!text.contains('\x1b'));
    assert!(sb.writes().is_empty(), "status writes nothing");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_gives_each_verdict_and_the_first_day_a_deletion_is_allowed() {
    let sb = sandbox(Scenario::Default).await;
    let o = run(console(
        &sb,
        &["check", "--json", "--number", PN_PAID_RECENTLY],
    ))
    .await;
    assert_eq!(o.status.code(), Some(1), "a blocking check fails");
    let v = json(&o);
    assert_eq!(v["blocking"], serde_json::json!(["paid_messages"]));
    assert!(v["deletable_from"].as_str().is_some_and(|d| d.len() == 10));
    assert_eq!(v["checks"].as_array().unwrap().len(), 8);
    assert_eq!(v["number"]["account"]["id"], WABA_ATENDIMENTO);
    let o = run(console(&sb, &["check", "--json", "--number", PN_READY])).await;
    exits(&o, 0);
    assert_eq!(json(&o)["blocking"], serde_json::json!([]));
    no_token_in(&o, &sb);
    // A number the token does not see: refused, nothing read about it.
    let o = run(console(&sb, &["check", "--number", "3999999999999999"])).await;
    exits(&o, 1);
    assert!(String::from_utf8_lossy(&o.stderr).contains("não está em nenhuma conta"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_writes_the_verified_json_and_readable_page_privately() {
    let sb = sandbox(Scenario::Default).await;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("backups");
    let o = run(console(
        &sb,
        &[
            "backup",
            "--json",
            "--number",
            PN_READY,
            "--out",
            out.to_str().unwrap(),
        ],
    ))
    .await;
    exits(&o, 0);
    let v = json(&o);
    assert_eq!(v["backup"]["templates"], 260);
    let file = Path::new(v["backup"]["path"].as_str().unwrap());
    let html = Path::new(v["backup"]["html_path"].as_str().unwrap());
    assert!(file.starts_with(&out) && file.is_file() && html.is_file());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    no_token_in(&o, &sb);
    no_token_in_files(&out, &sb);
    assert!(sb.writes().is_empty(), "a backup writes nothing at Meta");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn usage_declines_and_missing_tokens_have_their_own_exit_codes() {
    let sb = sandbox(Scenario::Default).await;
    let o = run(console(&sb, &["check", "--frobnicate"])).await;
    exits(&o, 2);
    let o = run(console(&sb, &["check", "--number", "12ab"])).await;
    exits(&o, 2);
    let o = run(console(&sb, &["status", "--token", "EAAGabc"])).await;
    assert_eq!(o.status.code(), Some(2), "a token is never an argument");
    // release without a terminal and without --yes: declined, nothing sent.
    let o = run(console(
        &sb,
        &["release", "--to", "close", "--json", "--number", PN_READY],
    ))
    .await;
    exits(&o, 3);
    assert_eq!(json(&o)["exit"]["name"], "declined");
    assert!(sb.writes().is_empty());
    // release without a road: one sentence per road, nothing sent.
    let o = run(console(&sb, &["release", "--yes", "--number", PN_READY])).await;
    exits(&o, 2);
    let err = String::from_utf8_lossy(&o.stderr);
    for road in ["--to provider", "--to app", "--to close"] {
        assert!(err.contains(road), "{err}");
    }
    assert!(sb.writes().is_empty());
    // No token anywhere: not authorised, and it says where a token comes from.
    let o = run({
        let mut c = console(&sb, &["status"]);
        c.env_remove("WABA_REMOVER_TOKEN");
        c
    })
    .await;
    exits(&o, 4);
    assert!(String::from_utf8_lossy(&o.stderr).contains("WABA_REMOVER_TOKEN"));
    // A token Meta no longer accepts: not authorised, with Meta's code.
    let expired = sandbox(Scenario::ExpiredToken).await;
    let o = run(console(&expired, &["status", "--json"])).await;
    exits(&o, 4);
    assert_eq!(json(&o)["error"]["code"], 190);
    no_token_in(&o, &expired);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wait_proves_the_deletion_or_says_metas_screen_is_still_to_do() {
    let sb = sandbox(Scenario::Default).await;
    // Deleted on Meta's screen while the console polls: the account's list proves it.
    let o = {
        let mut c = console(
            &sb,
            &[
                "wait",
                "--json",
                "--number",
                PN_PAID_RECENTLY,
                "--timeout",
                "20",
            ],
        );
        let waiting = tokio::task::spawn_blocking(move || c.output().unwrap());
        tokio::time::sleep(std::time::Duration::from_millis(700)).await;
        sb.with_world(|w| {
            let n = w
                .numbers
                .iter_mut()
                .find(|n| n.info.id == PN_PAID_RECENTLY)
                .unwrap();
            n.deleted_at = Some(chrono::Utc::now());
        });
        waiting.await.unwrap()
    };
    exits(&o, 0);
    assert_eq!(json(&o)["outcome"], "gone");
    assert_eq!(json(&o)["proof"]["kind"], "absent_from_parent");
    let o = run(console(
        &sb,
        &["wait", "--json", "--number", PN_READY, "--timeout", "1"],
    ))
    .await;
    assert_eq!(o.status.code(), Some(5), "still there when the time is up");
    assert_eq!(json(&o)["outcome"], "still_there");
    sb.manual_delete_number(PN_READY).unwrap();
    let o = run(console(
        &sb,
        &["wait", "--json", "--number", PN_READY, "--timeout", "30"],
    ))
    .await;
    // The number is gone from the list the console found it in: the proof reads the account.
    exits(&o, 1);
}

fn all_client_numbers() -> Vec<String> {
    (0..seed::CLIENT_ACCOUNTS)
        .flat_map(|a| (0..seed::NUMBERS_PER_CLIENT).map(move |n| seed::client_number_id(a, n)))
        .collect()
}

/// 20 numbers in 5 client accounts: each deregistered once, each account's webhooks left once,
/// a card and a verified backup per number, the report in JSON and HTML, the token nowhere.
/// (The run is given more than Meta's hour here; the next test holds it to the app's cap.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_release_of_20_numbers_in_5_accounts() {
    let sb = sandbox(Scenario::Provider).await;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("run");
    let ids = all_client_numbers();
    let list = dir.path().join("numbers.txt");
    std::fs::write(&list, ids.join("\n")).unwrap();
    let o = run(roomy(console(
        &sb,
        &[
            "release",
            "--to",
            "close",
            "--json",
            "--yes",
            "--from",
            list.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    )))
    .await;
    exits(&o, 0);
    no_token_in(&o, &sb);
    no_token_in_files(&out, &sb);
    let v = json(&o);
    let numbers = v["numbers"].as_array().unwrap();
    assert_eq!(numbers.len(), 20);
    for (n, id) in numbers.iter().zip(&ids) {
        assert_eq!(n["phone_number_id"], id.as_str(), "in the order given");
        assert_eq!(n["status"], "released");
        assert_eq!(n["road"], "close");
        assert_eq!(n["deregister"]["outcome"], "sent");
        assert!(n["card"].is_null(), "no migration card after a deregister");
        assert!(Path::new(n["backup"].as_str().unwrap()).is_file());
        assert_eq!(deregisters(&sb, id), 1, "{id}");
    }
    let accounts = v["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 5);
    for a in accounts {
        assert_eq!(a["unsubscribe"]["outcome"], "unsubscribed", "{a}");
        let waba = a["account_id"].as_str().unwrap();
        let leaves = sb
            .writes()
            .iter()
            .filter(|w| {
                w.method == "DELETE" && w.path.ends_with(&format!("/{waba}/subscribed_apps"))
            })
            .count();
        assert_eq!(leaves, 1, "{waba}");
    }
    assert!(Path::new(v["report"]["html"].as_str().unwrap()).is_file());
    assert!(out.join("release-report.json").is_file());
    // Never a deletion: every number is still in its account.
    let listed: usize = (0..seed::CLIENT_ACCOUNTS)
        .map(|a| {
            sb.with_world(|w| {
                w.numbers
                    .iter()
                    .filter(|n| n.waba_id == seed::client_waba_id(a) && n.deleted_at.is_none())
                    .count()
            })
        })
        .sum();
    assert_eq!(listed, 20);
    // Released again: nothing is sent twice (the calls of the first run still count in this
    // hour: the app's ledger is shared by every run).
    let writes = sb.writes().len();
    let o = run(roomy(console(
        &sb,
        &[
            "release",
            "--to",
            "close",
            "--yes",
            "--number",
            &ids[0],
            "--out",
            out.to_str().unwrap(),
        ],
    )))
    .await;
    exits(&o, 0);
    assert_eq!(
        sb.writes().len(),
        writes,
        "a finished number is not released twice"
    );
}

/// Part of the account released: its webhooks keep serving the numbers that stay.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_with_numbers_left_keeps_its_webhooks() {
    let sb = sandbox(Scenario::Provider).await;
    let dir = tempfile::tempdir().unwrap();
    let one = seed::client_number_id(0, 0);
    let o = run(console(
        &sb,
        &[
            "release",
            "--to",
            "close",
            "--json",
            "--yes",
            "--number",
            &one,
            "--out",
            dir.path().to_str().unwrap(),
        ],
    ))
    .await;
    exits(&o, 0);
    let v = json(&o);
    assert_eq!(v["accounts"][0]["unsubscribe"]["outcome"], "kept");
    assert_eq!(v["accounts"][0]["unsubscribe"]["numbers_left"], 3);
    assert!(!sb.writes().iter().any(|w| w.method == "DELETE"));
}

/// Killed in the middle of a run, then started again with the same folder: it resumes, and no
/// number is deregistered twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_killed_midway_resumes_without_a_second_deregister() {
    let sb = sandbox(Scenario::Provider).await;
    sb.set_latency(std::time::Duration::from_millis(40));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("run");
    let ids = all_client_numbers();
    let mut args: Vec<&str> = vec![
        "release",
        "--to",
        "app",
        "--yes",
        "--out",
        out.to_str().unwrap(),
        "--number",
    ];
    args.extend(ids.iter().map(String::as_str));
    let mut child = roomy(console(&sb, &args))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let reached = tokio::task::spawn_blocking(move || {
        let mut done = 0;
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.starts_with('[') {
                done += 1;
                if done == 5 {
                    break;
                }
            }
        }
        done
    })
    .await
    .unwrap();
    child.kill().unwrap();
    let _ = child.wait();
    assert_eq!(reached, 5);
    let sent_before: usize = ids.iter().map(|id| deregisters(&sb, id)).sum();
    assert!((5..20).contains(&sent_before), "{sent_before}");
    sb.set_latency(std::time::Duration::ZERO);
    let o = run(roomy(console(
        &sb,
        &args.iter().copied().chain(["--json"]).collect::<Vec<_>>(),
    )))
    .await;
    exits(&o, 0);
    let v = json(&o);
    assert!(v["numbers"]
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["status"] == "released"));
    for id in &ids {
        assert_eq!(deregisters(&sb, id), 1, "{id} deregistered once");
    }
}

/// The app's hourly cap holds in a batch: the run stops before the call that would pass it,
/// says when, leaves the numbers not reached as `not_started`, and the same command resumes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_stops_at_the_hourly_cap_and_the_same_command_resumes() {
    let sb = sandbox(Scenario::Provider).await;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("run");
    let ids = all_client_numbers();
    let mut args: Vec<&str> = vec![
        "release",
        "--to",
        "close",
        "--json",
        "--yes",
        "--out",
        out.to_str().unwrap(),
    ];
    args.push("--number");
    args.extend(ids.iter().map(String::as_str));
    let capped = {
        let mut c = console(&sb, &args);
        c.env("WABA_REMOVER_HOURLY_CAP", "100");
        c
    };
    let o = run(capped).await;
    exits(&o, 1);
    let v = json(&o);
    assert!(
        v["stopped"]["message"].as_str().unwrap().contains("hourly"),
        "{v}"
    );
    // Graph calls (the profile pictures come from Meta's CDN, outside the Graph budget).
    let graph = format!("/{}/", sb.version());
    let calls = sb
        .requests()
        .iter()
        .filter(|r| r.path.starts_with(&graph))
        .count();
    assert!(calls <= 100, "{calls} Graph calls for a cap of 100");
    let not_started = v["numbers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["status"] == "not_started")
        .count();
    assert!(not_started > 0);
    let o = run(roomy(console(&sb, &args))).await;
    exits(&o, 0);
    for id in &ids {
        assert_eq!(deregisters(&sb, id), 1, "{id}");
    }
}

/// On a terminal, `release` asks for each number's last four digits before anything is sent: a
/// typo asks again, three wrong answers decline (exit 3, nothing sent), the right ones go on. (`script` gives the
/// command a terminal, as an analyst's shell would.)
#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_terminal_release_asks_for_the_last_four_digits() {
    let sb = sandbox(Scenario::Default).await;
    let dir = tempfile::tempdir().unwrap();
    let line = format!(
        "{APP} release --to close --number {PN_READY} --out {}",
        dir.path().display()
    );
    let typed = |answers: &[&str]| on_a_terminal(&sb, &line, answers);
    // A typo asks again; three wrong answers decline.
    let o = tokio::task::block_in_place(|| typed(&["1234", "1234", "1234"]));
    exits(&o, 3);
    assert!(String::from_utf8_lossy(&o.stdout).contains("tente de novo"));
    assert!(String::from_utf8_lossy(&o.stdout).contains("4 últimos dígitos"));
    assert_eq!(deregisters(&sb, PN_READY), 0, "nothing sent");
    let o = tokio::task::block_in_place(|| typed(&["1234", "5678"]));
    exits(&o, 0);
    assert_eq!(deregisters(&sb, PN_READY), 1);
    no_token_in(&o, &sb);
}

/// `line` run on a terminal (`script` gives the command one, as an analyst's shell would), with
/// the test's environment, `answers` typed one at a time as a person would after each question.
#[cfg(target_os = "linux")]
fn on_a_terminal(sb: &Sandbox, line: &str, answers: &[&str]) -> Output {
    let template = console(sb, &[]);
    let mut c = Command::new("script");
    c.args(["-q", "-e", "-c", line, "/dev/null"])
        .envs(template.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("script (util-linux) runs");
    use std::io::Write;
    let mut stdin = child.stdin.take().unwrap();
    let answers: Vec<String> = answers.iter().map(|a| format!("{a}\n")).collect();
    let typist = std::thread::spawn(move || {
        for a in answers {
            let _ = stdin.write_all(a.as_bytes());
            let _ = stdin.flush();
            std::thread::sleep(std::time::Duration::from_millis(800));
        }
        stdin
    });
    let out = child.wait_with_output().unwrap();
    drop(typist.join());
    out
}

/// The runs of one computer share Meta's limits and never race on a number.
#[path = "console/shared_ledger.rs"]
mod shared_ledger;

/// `release --to provider`: nothing sent that changes a number.
#[path = "console/roads.rs"]
mod roads;

/// `release --plan`, phones in E.164, whole accounts, a CSV of clients.
#[path = "console/plan.rs"]
mod plan;

/// `update --check`: whether a newer version is published (no token needed).
#[path = "console/update.rs"]
mod update;

#[path = "common/static_http.rs"]
mod static_http;
