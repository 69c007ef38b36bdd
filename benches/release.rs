//! `make bench`, the support console's release: 20 numbers in 5 client accounts of the
//! sandbox's provider scenario, with 100 ms injected latency per request. Not a timed test: it
//! prints the calls per number and whether the targets are met.
//!
//! Targets: exactly one deregister per number and at most one unsubscribe per account (never a
//! retry, never a batch), every other call a read (the checks, the backup, the card), at most 7
//! calls per number counted as Meta counts them (each item of a batch is a call): what belongs
//! to the connection and to an account is read once per run, not once per number; and the
//! calls per number no higher in a run of 20 than in a run of 4 in one account.

use std::time::{Duration, Instant};
use waba_core::graph::{GraphClient, GraphConfig};
use waba_core::number_ledger::{NumberLedger, Program};
use waba_core::release::{release, Directory, Pacing, ReleaseRoad, ReleaseStatus, RunOptions};
use waba_core::sandbox::{seed, Sandbox, SandboxOptions, Scenario};

const LATENCY: Duration = Duration::from_millis(100);

struct Run {
    numbers: usize,
    released: usize,
    deregisters: Vec<usize>,
    unsubscribes: Vec<usize>,
    /// Reads as Meta counts them: a batch counts each of its items.
    reads: usize,
    /// HTTP requests that were reads (a batch is one).
    read_requests: usize,
    other_writes: usize,
    took: Duration,
}

async fn run(accounts: usize) -> Run {
    let sb = Sandbox::start(SandboxOptions {
        scenario: Scenario::Provider,
        latency: LATENCY,
        ..Default::default()
    })
    .await
    .unwrap();
    let mut cfg = GraphConfig::new(&sb.url(), sb.version()).unwrap();
    cfg.hourly_cap = 100_000;
    let client = GraphClient::new(cfg, sb.token()).unwrap();
    let ids: Vec<String> = (0..accounts)
        .flat_map(|a| (0..seed::NUMBERS_PER_CLIENT).map(move |n| seed::client_number_id(a, n)))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let directory = Directory::read(&client).await.unwrap();
    let opts = RunOptions {
        // The road that writes: one deregister per number (a move road sends none).
        road: ReleaseRoad::Close,
        pacing: Pacing {
            per_account_gap: Duration::from_millis(200),
        },
        ledger: NumberLedger::at(dir.path().join("numbers"), Program::Console),
        owner: waba_core::connection::Owner {
            mode: waba_core::connection::Mode::Practice,
            binding: waba_core::connection::Binding::new(
                waba_core::connection::Mode::Practice,
                String::new(),
                "bench".into(),
            ),
            account: None,
        },
    };
    let (_keep, never) = tokio::sync::watch::channel(false);
    let report = release(&client, dir.path(), &ids, directory, &opts, &never, |_| {})
        .await
        .unwrap();
    let took = started.elapsed();
    let graph = format!("/{}/", sb.version());
    let requests: Vec<_> = sb
        .requests()
        .into_iter()
        .filter(|r| r.path.starts_with(&graph))
        .collect();
    let deregisters: Vec<usize> = ids
        .iter()
        .map(|id| {
            requests
                .iter()
                .filter(|r| r.is_write && r.path.ends_with(&format!("/{id}/deregister")))
                .count()
        })
        .collect();
    let unsubscribes = (0..accounts)
        .map(|a| {
            let waba = seed::client_waba_id(a);
            requests
                .iter()
                .filter(|r| {
                    r.method == "DELETE" && r.path.ends_with(&format!("/{waba}/subscribed_apps"))
                })
                .count()
        })
        .collect::<Vec<_>>();
    let writes = requests.iter().filter(|r| r.is_write).count();
    let counted = deregisters.iter().sum::<usize>() + unsubscribes.iter().sum::<usize>();
    Run {
        numbers: ids.len(),
        released: report.count(ReleaseStatus::Released),
        other_writes: writes.saturating_sub(counted),
        deregisters,
        unsubscribes,
        reads: requests
            .iter()
            .filter(|r| !r.is_write)
            .map(|r| r.batch.len().max(1))
            .sum(),
        read_requests: requests.iter().filter(|r| !r.is_write).count(),
        took,
    }
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let small = rt.block_on(run(1));
    let big = rt.block_on(run(seed::CLIENT_ACCOUNTS));
    let per = |r: &Run| r.reads as f64 / r.numbers as f64;
    let total = |r: &Run| {
        (r.reads + r.deregisters.iter().sum::<usize>() + r.unsubscribes.iter().sum::<usize>())
            as f64
            / r.numbers as f64
    };
    println!(
        "release of {} numbers in {} accounts ({} ms latency per request)",
        big.numbers,
        seed::CLIENT_ACCOUNTS,
        LATENCY.as_millis()
    );
    println!("  released   : {}/{}", big.released, big.numbers);
    println!(
        "  calls/number (as Meta counts, each batch item a call): {:.1} reads + {:.1} deregister + {:.2} unsubscribe = {:.1}",
        per(&big),
        big.deregisters.iter().sum::<usize>() as f64 / big.numbers as f64,
        big.unsubscribes.iter().sum::<usize>() as f64 / big.numbers as f64,
        total(&big)
    );
    println!(
        "  HTTP requests/number that were reads: {:.1}",
        big.read_requests as f64 / big.numbers as f64
    );
    println!(
        "  calls/number for 4 numbers in 1 account: {:.1}",
        total(&small)
    );
    println!(
        "  took       : {:.1} s ({:.2} s per number)",
        big.took.as_secs_f64(),
        big.took.as_secs_f64() / big.numbers as f64
    );
    let once = big.deregisters.iter().all(|&d| d == 1);
    let unsub = big.unsubscribes.iter().all(|&u| u <= 1);
    let flat = total(&big) <= total(&small) * 1.1;
    let within = total(&big) <= 7.0;
    let verdict = |ok: bool| if ok { "MET" } else { "NOT MET" };
    println!("  one deregister per number        : {}", verdict(once));
    println!("  at most one unsubscribe per account: {}", verdict(unsub));
    println!(
        "  no other write                   : {}",
        verdict(big.other_writes == 0)
    );
    println!("  calls per number flat in the run : {}", verdict(flat));
    println!("  at most 7 calls per number       : {}", verdict(within));
    let all =
        once && unsub && flat && within && big.other_writes == 0 && big.released == big.numbers;
    println!("release targets met: {}", if all { "yes" } else { "NO" });
    if !all {
        std::process::exit(1);
    }
}
