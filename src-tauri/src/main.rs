// Prevents an extra console window on Windows in release.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if waba_remover::entry::names_a_subcommand(&args) {
        // A subcommand writes into the terminal that started it (on Windows the app has no
        // console of its own; `waba-remover-cli.exe` is the console program that ships there).
        attach_console();
        if let Some(code) = waba_remover::entry::subcommand(&args) {
            std::process::exit(code);
        }
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
