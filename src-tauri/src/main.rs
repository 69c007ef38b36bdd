// Prevents an extra console window on Windows in release.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("sandbox") => std::process::exit(waba_core::sandbox::cli::main(&args[2..])),
        Some("keyring-check") => std::process::exit(waba_core::vault::check::main()),
        // The subcommands and their options, without opening the window.
        Some("--help" | "-h" | "help") => {
            attach_console();
            std::process::exit(waba_remover::console::help::main(
                args.get(2).map(String::as_str),
            ))
        }
        Some(cmd) if waba_remover::console::SUBCOMMANDS.contains(&cmd) => {
            attach_console();
            std::process::exit(waba_remover::console::main(cmd, &args[2..]))
        }
        _ => {}
    }
    waba_remover::run();
}

/// A release build on Windows is a GUI program with no console of its own: the support console's
/// subcommands write into the terminal that started them.
#[cfg(windows)]
fn attach_console() {
    #[link(name = "kernel32")]
    extern "system" {
        fn AttachConsole(process_id: u32) -> i32;
    }
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
    // SAFETY: a plain Win32 call with a constant argument; failure (no parent console) is fine.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

#[cfg(not(windows))]
fn attach_console() {}
