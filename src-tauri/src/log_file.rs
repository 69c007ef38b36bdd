//! The app's log, written through `waba_core::files` like every file of the app (private,
//! appended without following a symlink, rotated at 512 KiB keeping 5 copies). What goes in it
//! never holds the token: the core's errors and log lines withhold it (`docs/security.md`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use waba_core::files;

const MAX_BYTES: u64 = 512 * 1024;
const KEEP: usize = 5;
pub const FILE_NAME: &str = "waba-remover.log";

struct FileLog {
    path: PathBuf,
    /// The open file and how many bytes it holds.
    open: Mutex<Option<(std::fs::File, u64)>>,
}

impl log::Log for FileLog {
    fn enabled(&self, m: &log::Metadata) -> bool {
        m.level() <= log::Level::Info
    }

    fn log(&self, r: &log::Record) {
        if !self.enabled(r.metadata()) {
            return;
        }
        let line = format!(
            "[{}][{}][{}] {}\n",
            chrono::Local::now().format("%Y-%m-%d %H:%M:%S"),
            r.level(),
            r.target(),
            r.args()
        );
        // The terminal that started the app sees it too (a developer, a support analyst).
        let _ = std::io::stderr().write_all(line.as_bytes());
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        if open.is_none() {
            *open = files::append_private(&self.path).ok().map(|f| {
                let len = f.metadata().map(|m| m.len()).unwrap_or(0);
                (f, len)
            });
        }
        let Some((f, len)) = open.as_mut() else {
            return;
        };
        if f.write_all(line.as_bytes()).is_ok() {
            *len += line.len() as u64;
        }
        if *len >= MAX_BYTES {
            *open = None;
            let _ = files::rotate(&self.path, KEEP);
        }
    }

    fn flush(&self) {
        if let Some((f, _)) = self.open.lock().unwrap_or_else(|p| p.into_inner()).as_mut() {
            let _ = f.flush();
        }
    }
}

/// Sends the app's log lines to `dir/waba-remover.log` from now on (once per process).
pub fn install(dir: &Path) {
    if let Err(e) = files::create_private_dir(dir) {
        eprintln!("the log folder {} cannot be used: {e}", dir.display());
        return;
    }
    let logger = FileLog {
        path: dir.join(FILE_NAME),
        open: Mutex::new(None),
    };
    if log::set_logger(Box::leak(Box::new(logger))).is_ok() {
        log::set_max_level(log::LevelFilter::Info);
    }
}
