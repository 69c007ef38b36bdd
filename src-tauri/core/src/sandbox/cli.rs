//! `waba-remover sandbox [--port N] [--scenario NAME] [--latency-ms N] [--templates N] [--roomy]`:
//! runs the practice
//! sandbox alone and prints one JSON line `{"url": …, "token": …, "version": …}` so support can
//! demo and any client can be pointed at it. Stops on Ctrl-C.

use super::{Sandbox, SandboxOptions, Scenario};
use std::time::Duration;

pub fn main(args: &[String]) -> i32 {
    let mut opts = SandboxOptions::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let val = |it: &mut std::slice::Iter<String>| it.next().cloned().unwrap_or_default();
        match a.as_str() {
            "--port" => match val(&mut it).parse() {
                Ok(p) => opts.port = p,
                Err(_) => return usage("--port needs a number"),
            },
            "--scenario" => {
                let name = val(&mut it);
                match Scenario::parse(&name) {
                    Some(s) => opts.scenario = s,
                    None => return usage(&format!("unknown scenario '{name}'")),
                }
            }
            "--latency-ms" => match val(&mut it).parse() {
                Ok(ms) => opts.latency = Duration::from_millis(ms),
                Err(_) => return usage("--latency-ms needs a number"),
            },
            // Templates of the Promoções WABA (the one backed up in the practice journey).
            "--templates" => match val(&mut it).parse() {
                Ok(n) => opts.templates.1 = n,
                Err(_) => return usage("--templates needs a number"),
            },
            // Hourly limits out of the way (benchmarks).
            "--roomy" => {
                opts.waba_calls_per_hour = 1_000_000;
                opts.templates_per_hour = 1_000_000;
            }
            "-h" | "--help" => return usage(""),
            other => return usage(&format!("unknown argument '{other}'")),
        }
    }
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("could not start: {e}");
            return 1;
        }
    };
    rt.block_on(async {
        let sb = match Sandbox::start(opts.clone()).await {
            Ok(sb) => sb,
            Err(e) => {
                eprintln!("could not listen on 127.0.0.1:{}: {e}", opts.port);
                return 1;
            }
        };
        let token = sb.token();
        let line = serde_json::json!({
            "url": sb.url(),
            "token": token.reveal_practice().unwrap_or_default(),
            "version": sb.version(),
            "scenario": opts.scenario.name(),
        });
        println!("{line}");
        let _ = tokio::signal::ctrl_c().await;
        0
    })
}

fn usage(problem: &str) -> i32 {
    if !problem.is_empty() {
        eprintln!("waba-remover sandbox: {problem}");
    }
    let names: Vec<&str> = Scenario::ALL.iter().map(|s| s.name()).collect();
    eprintln!(
        "usage: waba-remover sandbox [--port N] [--scenario {}] [--latency-ms N] [--templates N] [--roomy]",
        names.join("|")
    );
    if problem.is_empty() {
        0
    } else {
        2
    }
}
