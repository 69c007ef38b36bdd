// Prevents an extra console window on Windows in release.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("sandbox") => std::process::exit(waba_core::sandbox::cli::main(&args[2..])),
        Some("keyring-check") => std::process::exit(waba_core::vault::check::main()),
        _ => {}
    }
    waba_remover::run();
}
