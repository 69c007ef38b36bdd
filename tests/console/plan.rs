//! The analyst with twenty clients (`docs/support.md`): `release --plan` says each number's road,
//! account and what would be sent, and sends nothing; numbers named as ids, as E.164 or as a
//! whole `--account`; a `--from` CSV whose other columns reach the report's CSV.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_plan_names_every_number_and_sends_nothing() {
    let sb = sandbox(Scenario::Provider).await;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("run");
    let o = run(console(
        &sb,
        &[
            "release",
            "--to",
            "close",
            "--plan",
            "--json",
            "--account",
            &seed::client_waba_id(0),
            "--number",
            "+55 11 91000-0005",
            "--out",
            out.to_str().unwrap(),
        ],
    ))
    .await;
    exits(&o, 0);
    let v = json(&o);
    let numbers = v["plan"]["numbers"].as_array().unwrap();
    assert_eq!(numbers.len(), 5, "{v}");
    assert_eq!(
        numbers[0]["phone_number_id"],
        seed::client_number_id(1, 0),
        "the phone, resolved through what the token sees"
    );
    assert!(numbers.iter().all(|n| n["writes"]["deregister"] == 1));
    assert_eq!(v["plan"]["accounts"].as_array().unwrap().len(), 2);
    assert!(sb.writes().is_empty(), "a plan sends nothing");
    assert!(!out.exists(), "a plan writes nothing");
    // The move road's plan: nothing would be disconnected.
    let o = run(console(
        &sb,
        &[
            "release",
            "--to",
            "provider",
            "--plan",
            "--account",
            &seed::client_waba_id(0),
        ],
    ))
    .await;
    exits(&o, 0);
    assert!(String::from_utf8_lossy(&o.stdout).contains("nada é desconectado"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_csv_of_clients_reaches_the_reports_csv() {
    let sb = sandbox(Scenario::Provider).await;
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("clientes.csv");
    std::fs::write(
        &list,
        format!(
            "numero;cliente;chamado\n+55 11 91000-0009;Padaria Sol;T-9\n{};Doces;=HYPERLINK(1)\n",
            seed::client_number_id(2, 1)
        ),
    )
    .unwrap();
    let out = dir.path().join("run");
    let o = run(console(
        &sb,
        &[
            "release",
            "--to",
            "provider",
            "--yes",
            "--json",
            "--from",
            list.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    ))
    .await;
    exits(&o, 0);
    let v = json(&o);
    let csv = std::fs::read_to_string(v["report"]["csv"].as_str().unwrap()).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].ends_with("cliente,chamado"), "{csv}");
    assert!(lines[1].starts_with(&seed::client_number_id(2, 0)), "{csv}");
    assert!(lines[1].contains("provider,ready_to_move"), "{csv}");
    assert!(lines[1].ends_with("Padaria Sol,T-9"), "{csv}");
    assert!(
        lines[2].ends_with("Doces,'=HYPERLINK(1)"),
        "never a formula: {csv}"
    );
    assert!(sb.writes().is_empty());
}

/// On a terminal, a plan of many numbers is confirmed once, by their count typed back; a typo
/// asks again.
#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_numbers_are_confirmed_once_by_their_count() {
    let sb = sandbox(Scenario::Provider).await;
    let dir = tempfile::tempdir().unwrap();
    let line = format!(
        "{APP} release --to provider --account {} --out {}",
        seed::client_waba_id(3),
        dir.path().display()
    );
    let o = tokio::task::block_in_place(|| on_a_terminal(&sb, &line, &["3", "4"]));
    exits(&o, 0);
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.contains("Digite quantos números são (4)"), "{said}");
    assert!(said.contains("tente de novo"), "{said}");
}
