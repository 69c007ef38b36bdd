//! The practice sandbox alone, without the app's window (the same as `waba-remover sandbox`):
//! the benchmark runs it in a process of its own, and it builds without Tauri or WebKit.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(waba_core::sandbox::cli::main(&args));
}
