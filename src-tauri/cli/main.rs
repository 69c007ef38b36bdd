//! `waba-remover-cli`: the support console as a console program, the same code as the app's
//! subcommands (`entry.rs`). On Windows the app is a GUI program, which `cmd` and PowerShell do
//! not wait for; this one is of the console subsystem, so the prompt waits, output does not
//! interleave and `%ERRORLEVEL%` / `$LASTEXITCODE` hold the exit codes (`docs/support.md`). It
//! never opens the window.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    std::process::exit(waba_remover::entry::console_program(&args));
}
