//! The support console: subcommands of the app's own binary for the people who release or
//! remove numbers every week (`docs/support.md`). Each uses the core as the app does (the same
//! checks, backup, deregister and proof rules); nothing here imports Tauri.
//!
//! Conventions: human text (pt-BR) by default, `--json` for one documented JSON document on
//! stdout; progress and questions on stderr; `NO_COLOR` honoured; the token from the keyring
//! (bound to the Graph host, as in the app) or `WABA_REMOVER_TOKEN`, never from an argument and
//! never printed; exit codes in [`Exit`].

mod args;
mod connect;
mod exit;
pub mod help;
mod inputs;
mod out;
mod plan;
mod read_only;
mod release;
mod update;
mod words;

pub use exit::Exit;

/// The subcommands, as `entry.rs` dispatches them for both binaries.
pub const SUBCOMMANDS: &[&str] = &["status", "check", "backup", "release", "wait", "update"];

/// `waba-remover-cli <something else>`: said on stderr (never repeated when it looks like a
/// token), the list of subcommands on stdout, exit 2.
pub fn not_a_subcommand(arg: &str) -> i32 {
    eprintln!("waba-remover: '{}' não é um subcomando", out::shown(arg));
    help::main(None);
    Exit::Usage as i32
}

/// Runs `waba-remover <command> <args>`; answers the process's exit code.
pub fn main(command: &str, args: &[String]) -> i32 {
    // Needs no token and no connection: only the published update address.
    if command == "update" {
        return update::main(args);
    }
    let opts = match args::parse(command, args) {
        Ok(o) => o,
        Err(problem) => return out::usage(command, &problem) as i32,
    };
    if opts.help {
        return out::usage(command, "") as i32;
    }
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("waba-remover: não foi possível iniciar: {e}");
            return Exit::Failed as i32;
        }
    };
    let printer = out::Printer::new(opts.json);
    let code = rt.block_on(async {
        let conn = match connect::connect(&opts).await {
            Ok(c) => c,
            Err(e) => return printer.fail(&e),
        };
        let r = match command {
            "status" => read_only::status(&conn, &printer).await,
            "check" => read_only::check(&conn, &opts, &printer).await,
            "backup" => read_only::backup(&conn, &opts, &printer).await,
            "wait" => read_only::wait(&conn, &opts, &printer).await,
            "release" => release::release(&conn, &opts, &printer).await,
            _ => unreachable!("dispatched by main.rs"),
        };
        r.unwrap_or_else(|e| printer.fail(&e))
    });
    // A damaged file of the app's (the call ledger, a journal) was set aside: said, never silent.
    for p in waba_core::files::set_aside_so_far() {
        eprintln!(
            "waba-remover: um arquivo danificado foi guardado à parte, sem apagar nada: {}",
            out::clean(&p.display().to_string())
        );
    }
    code as i32
}
