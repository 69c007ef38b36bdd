//! Where a release run keeps its journals and its report: one home for both names.

use chrono::{DateTime, Local};
use std::path::{Path, PathBuf};

/// The console's folder when `--out` is not given, in the folder the analyst runs it from: one
/// per day, so running the same command again that day resumes where it stopped.
pub fn console_default(now: DateTime<Local>) -> PathBuf {
    PathBuf::from(format!("liberacao-{}", now.format("%Y-%m-%d")))
}

/// The app's batch: a folder per run under the app's data folder (to the millisecond, so two
/// runs never share journals; the app resumes nothing by name).
pub fn app_run(data_dir: &Path, now: DateTime<Local>) -> PathBuf {
    data_dir
        .join("releases")
        .join(now.format("%Y-%m-%d-%H%M%S-%3f").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_two_names() {
        let now = Local.with_ymd_and_hms(2026, 12, 7, 10, 5, 9).unwrap();
        assert_eq!(console_default(now), PathBuf::from("liberacao-2026-12-07"));
        assert_eq!(
            app_run(Path::new("/d"), now),
            Path::new("/d/releases/2026-12-07-100509-000")
        );
    }
}
