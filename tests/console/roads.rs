//! The roads of `release` (`docs/support.md`): a move to another provider sends no deregister
//! and no unsubscribe while Meta still lists the number; the webhooks are left only once the
//! account's list proves the numbers left.

use super::*;

/// Meta moves the account's numbers elsewhere (the new provider registered them): they leave
/// the source account's list.
fn moved_away(sb: &Sandbox, account: usize) {
    let waba = seed::client_waba_id(account);
    sb.with_world(|w| {
        for n in w.numbers.iter_mut().filter(|n| n.waba_id == waba) {
            n.waba_id = "999999999999999".into();
        }
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_move_to_another_provider_keeps_every_number_registered() {
    let sb = sandbox(Scenario::Provider).await;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("run");
    let ids: Vec<String> = (0..seed::NUMBERS_PER_CLIENT)
        .map(|n| seed::client_number_id(0, n))
        .collect();
    let mut args = vec![
        "release",
        "--to",
        "provider",
        "--json",
        "--yes",
        "--out",
        out.to_str().unwrap(),
        "--number",
    ];
    args.extend(ids.iter().map(String::as_str));
    let o = run(console(&sb, &args)).await;
    exits(&o, 0);
    no_token_in(&o, &sb);
    let v = json(&o);
    assert_eq!(v["road"], "provider");
    for n in v["numbers"].as_array().unwrap() {
        assert_eq!(n["status"], "ready_to_move", "{n}");
        assert_eq!(n["road"], "provider");
        assert!(n["deregister"].is_null(), "{n}");
        assert!(Path::new(n["card"].as_str().unwrap()).is_file());
        assert!(Path::new(n["backup"].as_str().unwrap()).is_file());
    }
    assert_eq!(
        v["accounts"][0]["unsubscribe"]["outcome"], "awaiting_move",
        "{v}"
    );
    assert!(
        sb.writes().is_empty(),
        "no deregister, no unsubscribe while Meta lists the numbers: {:?}",
        sb.writes()
    );
    // After the move, the same command leaves the webhooks, once.
    moved_away(&sb, 0);
    let o = run(console(&sb, &args)).await;
    exits(&o, 0);
    let v = json(&o);
    assert_eq!(
        v["accounts"][0]["unsubscribe"]["outcome"], "unsubscribed",
        "{v}"
    );
    assert!(v["numbers"]
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["status"] == "moved"));
    let writes = sb.writes();
    assert_eq!(writes.len(), 1, "{writes:?}");
    assert_eq!(writes[0].method, "DELETE");
    assert!(writes[0].path.ends_with("/subscribed_apps"));
}

/// A run started on one road does not go on by another (its journal says which).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_release_does_not_change_road_midway() {
    let sb = sandbox(Scenario::Provider).await;
    let dir = tempfile::tempdir().unwrap();
    let one = seed::client_number_id(1, 0);
    let out = dir.path().to_str().unwrap();
    let o = run(console(
        &sb,
        &[
            "release", "--to", "provider", "--yes", "--number", &one, "--out", out,
        ],
    ))
    .await;
    exits(&o, 0);
    let o = run(console(
        &sb,
        &[
            "release", "--to", "close", "--yes", "--json", "--number", &one, "--out", out,
        ],
    ))
    .await;
    exits(&o, 1);
    assert_eq!(json(&o)["numbers"][0]["status"], "failed");
    assert_eq!(deregisters(&sb, &one), 0);
}

/// A run folder is its connection's: another Graph host (here a second sandbox, as another
/// token's world would be) resuming it sends nothing for the number and leaves its journal as
/// it was.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_folder_is_not_resumed_by_another_connection() {
    let first = sandbox(Scenario::Provider).await;
    let other = sandbox(Scenario::Provider).await;
    let dir = tempfile::tempdir().unwrap();
    let one = seed::client_number_id(2, 0);
    let out = dir.path().to_str().unwrap();
    let args = [
        "release", "--to", "provider", "--yes", "--json", "--number", &one, "--out", out,
    ];
    exits(&run(console(&first, &args)).await, 0);
    let journal = dir.path().join(&one).join("release.json");
    let kept = std::fs::read(&journal).unwrap();
    let o = run(console(&other, &args)).await;
    exits(&o, 1);
    assert_eq!(json(&o)["numbers"][0]["status"], "failed");
    assert_eq!(std::fs::read(&journal).unwrap(), kept);
    assert!(
        other.writes().is_empty(),
        "nothing sent for another connection's number"
    );
}
