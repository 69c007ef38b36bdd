//! Writing the app's files safely (`docs/security.md`, files): journal, backups, receipts, the
//! restore's spool and log, the practice world, settings. Every file the app writes goes through
//! this module (a test reads the code and fails on any other writer).
//!
//! - private: created `0600` on Unix (a receipt or backup names the business and its numbers); on
//!   Windows and macOS the files live in the user's own profile folders, which only that user can
//!   read;
//! - atomic: written to a new temp file (created exclusively, so a planted symlink is never
//!   followed), synced, renamed over the target, and the folder synced;
//! - appended logs are opened without following a symlink (`O_NOFOLLOW` on Unix; a link is
//!   refused on every system);
//! - never overwriting silently: saving next to an existing file picks a free numbered name.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A new private file; fails when anything (a file or a symlink) is already at `path`.
pub fn create_new_private(path: &Path) -> std::io::Result<File> {
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

/// Opens `path` to append (creating it private when missing), never through a symlink.
pub fn append_private(path: &Path) -> std::io::Result<File> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "refusing to write through a symbolic link",
        ));
    }
    let mut o = OpenOptions::new();
    o.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Between the check above and the open, a planted link still fails here.
        o.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    o.open(path)
}

/// A lock file (private, created when missing, never through a symlink) for
/// [`std::fs::File::lock`]: the operating system frees the lock when its process ends, so a
/// crashed run never leaves a number or the call ledger locked. The file holds no data (on
/// Windows a locked file cannot be read by another process, so what the lock guards lives in a
/// file beside it).
pub fn open_lock(path: &Path) -> std::io::Result<File> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "refusing to lock through a symbolic link",
        ));
    }
    let mut o = OpenOptions::new();
    o.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    o.open(path)
}

/// A private folder (`0700` on Unix), created with its parents when missing. An existing one is
/// checked before use: a symlink, something else than a folder, or (Unix) a folder of another
/// user is refused; one this user owns that others could read is made private.
pub fn create_private_dir(path: &Path) -> std::io::Result<()> {
    let refuse = |why: &str| {
        Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            format!("{}: {why}", path.display()),
        ))
    };
    if let Ok(m) = std::fs::symlink_metadata(path) {
        if m.file_type().is_symlink() {
            return refuse("is a symbolic link");
        }
        if !m.is_dir() {
            return refuse("is not a folder");
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::{MetadataExt, PermissionsExt};
            // SAFETY: geteuid has no preconditions and cannot fail.
            if m.uid() != unsafe { libc::geteuid() } {
                return refuse("belongs to another user");
            }
            if m.mode() & 0o077 != 0 {
                std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))?;
            }
        }
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(path)
}

fn temp_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{:08x}.tmp", rand::random::<u32>()))
}

/// Creates the folders of `path` that are missing, private (`0700` on Unix); folders already
/// there are left as they are (a folder the admin chose, like her Documents, is hers, not ours).
pub fn create_missing_dirs(path: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(path)
}

/// A new private folder (`0700` on Unix); fails when anything is already at `path`.
pub fn create_new_private_dir(path: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(path)
}

/// Moves a file of the app's to `to`, never over anything already there.
pub fn move_new(from: &Path, to: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(from, to) {
        Ok(()) => std::fs::remove_file(from),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        // A file system without hard links (FAT, some network shares).
        Err(_) if std::fs::symlink_metadata(to).is_err() => std::fs::rename(from, to),
        Err(e) => Err(e),
    }
}

/// Rotates a log: `name.4` → `name.5`, …, `name` → `name.1`, keeping `keep` old copies (the
/// oldest is dropped).
pub fn rotate(path: &Path, keep: usize) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let nth = |i: usize| path.with_file_name(format!("{name}.{i}"));
    match std::fs::remove_file(nth(keep)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    for i in (1..keep).rev() {
        if std::fs::symlink_metadata(nth(i)).is_ok() {
            move_new(&nth(i), &nth(i + 1))?;
        }
    }
    move_new(path, &nth(1))
}

/// Writes `bytes` to `path` atomically and privately (see the module doc).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temp_beside(path);
    let result = (|| {
        let mut f = create_new_private(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        sync_dir(path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A new private temp file beside `dest`, for a caller that streams into it, then [`commit`]s.
pub fn temp_file_beside(dest: &Path) -> std::io::Result<(File, PathBuf)> {
    let tmp = temp_beside(dest);
    Ok((create_new_private(&tmp)?, tmp))
}

/// Renames a finished temp file over `dest` and syncs the folder.
pub fn commit(tmp: &Path, dest: &Path) -> std::io::Result<()> {
    std::fs::rename(tmp, dest)?;
    sync_dir(dest)
}

/// Syncs the folder holding `path`, so the rename itself survives a power cut.
fn sync_dir(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// `path` when nothing is there, else `name (2).ext`, `name (3).ext`…
pub fn free_name(path: &Path) -> PathBuf {
    if !path.exists() {
        return path.to_owned();
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    (2..)
        .map(|i| path.with_file_name(format!("{stem} ({i}){ext}")))
        .find(|p| !p.exists())
        .expect("some number is free")
}

/// Every file this process set aside, for the admin to be told once (`set_aside_so_far`).
static SET_ASIDE: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// The copies this process made of damaged files, oldest first: the app names them on screen,
/// the console on its error stream (a damaged file is never lost silently).
pub fn set_aside_so_far() -> Vec<PathBuf> {
    SET_ASIDE.lock().unwrap_or_else(|p| p.into_inner()).clone()
}

/// Moves a file aside as `name.damaged-N`, never over an earlier copy. Returns the new path.
pub fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    let dest = set_aside_quietly(path)?;
    SET_ASIDE
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(dest.clone());
    Ok(dest)
}

fn set_aside_quietly(path: &Path) -> std::io::Result<PathBuf> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for i in 1.. {
        let dest = path.with_file_name(format!("{name}.damaged-{i}"));
        // hard_link fails if dest exists: no earlier copy is ever replaced.
        match std::fs::hard_link(path, &dest) {
            Ok(()) => {
                std::fs::remove_file(path)?;
                return Ok(dest);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                // A file system without hard links: copy exclusively instead.
                let mut f = match create_new_private(&dest) {
                    Ok(f) => f,
                    Err(e2) if e2.kind() == std::io::ErrorKind::AlreadyExists => continue,
                    Err(_) => return Err(e),
                };
                f.write_all(&std::fs::read(path)?)?;
                f.sync_all()?;
                std::fs::remove_file(path)?;
                return Ok(dest);
            }
        }
    }
    unreachable!()
}

/// Text made safe for the HTML pages the app writes (receipt, templates copy).
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn files_are_private_and_never_follow_a_planted_link() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("receipt.html");
        write_atomic(&p, b"ok").unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        // A symlink where an old-style temp file would go is left alone.
        let victim = d.path().join("victim");
        std::fs::write(&victim, b"keep").unwrap();
        std::os::unix::fs::symlink(&victim, d.path().join("receipt.html.tmp")).unwrap();
        write_atomic(&p, b"again").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
        assert_eq!(std::fs::read(&p).unwrap(), b"again");
        let leftovers: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| {
                e.file_name().to_string_lossy().ends_with(".tmp")
                    && e.file_type().unwrap().is_file()
            })
            .collect();
        assert!(leftovers.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn appended_logs_are_private_and_refuse_a_planted_link() {
        use std::io::Write;
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let log = d.path().join("restore.log");
        append_private(&log).unwrap().write_all(b"a\n").unwrap();
        append_private(&log).unwrap().write_all(b"b\n").unwrap();
        assert_eq!(std::fs::read(&log).unwrap(), b"a\nb\n");
        let mode = std::fs::metadata(&log).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let victim = d.path().join("victim");
        std::fs::write(&victim, b"keep").unwrap();
        let link = d.path().join("planted.log");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        assert!(append_private(&link).is_err());
        assert!(create_new_private(&link).is_err());
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
        let sub = d.path().join("a/b");
        create_private_dir(&sub).unwrap();
        let mode = std::fs::metadata(&sub).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
    }

    /// Every file the app writes goes through this module: any other writer in the code (a
    /// `File::create`, an `OpenOptions`, an `fs::write`) fails this test. Tests may write freely.
    #[test]
    fn no_file_is_written_outside_this_module() {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        // The core's sources and the app shell's (`src-tauri/src`, beside this crate).
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut sources = Vec::new();
        walk(&root, &mut sources);
        walk(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("../src"),
            &mut sources,
        );
        assert!(sources.len() > 50, "{}", sources.len());
        // Folders and moves too (a folder made another way is not private), and the Tauri
        // plugins that write their own files (a log, the window's place).
        let writers = [
            "File::create",
            "OpenOptions::new",
            "fs::write(",
            "fs::copy(",
            "create_dir(",
            "create_dir_all(",
            "fs::rename(",
            "hard_link(",
            "DirBuilder",
            "tauri_plugin_log",
            "tauri_plugin_window_state",
        ];
        let mut offenders = Vec::new();
        for p in sources {
            if p.ends_with("files.rs") && p.parent().is_some_and(|d| d == root) {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            // Only the code before a file's test module counts.
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with("_tests.rs") || name == "tests.rs" {
                continue;
            }
            for w in writers {
                if code.contains(w) {
                    offenders.push(format!("{}: {w}", p.display()));
                }
            }
        }
        assert!(
            offenders.is_empty(),
            "writers outside files.rs: {offenders:#?}"
        );
    }

    #[test]
    fn a_log_rotates_without_losing_the_copies_it_keeps() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("app.log");
        for i in 0..4 {
            std::fs::write(&p, format!("{i}")).unwrap();
            rotate(&p, 2).unwrap();
        }
        assert!(!p.exists());
        assert_eq!(
            std::fs::read_to_string(d.path().join("app.log.1")).unwrap(),
            "3"
        );
        assert_eq!(
            std::fs::read_to_string(d.path().join("app.log.2")).unwrap(),
            "2"
        );
        assert!(!d.path().join("app.log.3").exists());
        std::fs::write(d.path().join("x"), "new").unwrap();
        assert!(move_new(&d.path().join("x"), &d.path().join("app.log.1")).is_err());
        assert_eq!(
            std::fs::read_to_string(d.path().join("app.log.1")).unwrap(),
            "3"
        );
    }

    #[cfg(unix)]
    #[test]
    fn missing_folders_are_made_private_and_existing_ones_left_alone() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let deep = d.path().join("a/b");
        create_missing_dirs(&deep).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&deep), 0o700);
        assert_eq!(mode(&d.path().join("a")), 0o700);
        assert_eq!(mode(d.path()), 0o755);
        create_new_private_dir(&d.path().join("c")).unwrap();
        assert_eq!(mode(&d.path().join("c")), 0o700);
        assert!(create_new_private_dir(&d.path().join("c")).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn an_existing_folder_is_checked_before_use() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let open = d.path().join("out");
        std::fs::create_dir(&open).unwrap();
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o755)).unwrap();
        create_private_dir(&open).unwrap();
        let mode = std::fs::metadata(&open).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "made private");
        let link = d.path().join("link");
        std::os::unix::fs::symlink(&open, &link).unwrap();
        assert!(create_private_dir(&link).is_err(), "a link is refused");
        let file = d.path().join("file");
        std::fs::write(&file, b"x").unwrap();
        assert!(create_private_dir(&file).is_err(), "a file is refused");
    }

    #[test]
    fn saving_never_overwrites_and_damaged_copies_are_numbered() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("backup.json");
        assert_eq!(free_name(&p), p);
        std::fs::write(&p, b"1").unwrap();
        assert_eq!(free_name(&p), d.path().join("backup (2).json"));
        let j = d.path().join("journey.json");
        std::fs::write(&j, b"first").unwrap();
        let a = set_aside(&j).unwrap();
        std::fs::write(&j, b"second").unwrap();
        let b = set_aside(&j).unwrap();
        assert_ne!(a, b);
        assert_eq!(std::fs::read(a).unwrap(), b"first");
        assert_eq!(std::fs::read(b).unwrap(), b"second");
    }
}
