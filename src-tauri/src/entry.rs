//! What the program does with its command line, shared by both binaries: `waba-remover` (the
//! app; a subcommand runs instead of the window) and `waba-remover-cli` (the console program
//! that ships on Windows: the console subsystem, so `cmd` and PowerShell wait for it and
//! `%ERRORLEVEL%` / `$LASTEXITCODE` hold its exit codes, `docs/support.md`).

/// `args[1]` names a subcommand (the app then runs it instead of opening its window).
pub fn names_a_subcommand(args: &[String]) -> bool {
    matches!(
        args.get(1).map(String::as_str),
        Some("sandbox" | "keyring-check" | "--help" | "-h" | "help")
    ) || args
        .get(1)
        .is_some_and(|a| crate::console::SUBCOMMANDS.contains(&a.as_str()))
}

/// The subcommand `args[1]` names, run to its end: its exit code. `None`: no subcommand (the
/// app opens its window; the console program prints its help).
pub fn subcommand(args: &[String]) -> Option<i32> {
    if !names_a_subcommand(args) {
        return None;
    }
    let rest = args.get(2..).unwrap_or_default();
    Some(match args.get(1).map(String::as_str)? {
        "sandbox" => waba_core::sandbox::cli::main(rest),
        "keyring-check" => waba_core::vault::check::main(),
        // The subcommands and their options, without opening the window.
        "--help" | "-h" | "help" => crate::console::help::main(rest.first().map(String::as_str)),
        cmd => crate::console::main(cmd, rest),
    })
}

/// The console program's whole life: a subcommand, or (none, or one it does not know) the list of
/// subcommands; it never opens the window.
pub fn console_program(args: &[String]) -> i32 {
    match (subcommand(args), args.get(1)) {
        (Some(code), _) => code,
        (None, None) => crate::console::help::main(None),
        (None, Some(other)) => crate::console::not_a_subcommand(other),
    }
}
