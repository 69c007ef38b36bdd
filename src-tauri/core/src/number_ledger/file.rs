//! The number's ledger file: hostile input when read back (`docs/security.md`). A damaged file,
//! or one a newer version wrote, is refused with its path, never replaced or half-read.

use super::holder::{CallKind, Holder, LedgerError, Program};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::Path;

const VERSION: u32 = 1;
/// Far more than 72 h of Meta's budget could hold: a bigger file is damaged.
const MAX_CALLS: usize = 1_000;
const MAX_BYTES: u64 = 256 * 1024;

/// One register or deregister sent for the number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallRecord {
    pub at: DateTime<Utc>,
    pub kind: CallKind,
    pub program: Program,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LedgerFile {
    version: u32,
    calls: Vec<CallRecord>,
}

pub(super) fn read(path: &Path) -> Result<Vec<CallRecord>, LedgerError> {
    let damaged = |why: &str| LedgerError::Damaged {
        path: path.to_owned(),
        why: why.to_owned(),
    };
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => return Err(e.into()),
        Ok(m) if !m.is_file() => return Err(damaged("not a plain file")),
        Ok(m) if m.len() > MAX_BYTES => return Err(damaged("too large")),
        Ok(_) => {}
    }
    let bytes = std::fs::read(path)?;
    let f: LedgerFile = serde_json::from_slice(&bytes).map_err(|_| damaged("not its format"))?;
    if f.version != VERSION {
        return Err(damaged("written by another version of the app"));
    }
    if f.calls.len() > MAX_CALLS {
        return Err(damaged("too many calls"));
    }
    Ok(f.calls)
}

pub(super) fn write(path: &Path, calls: &[CallRecord]) -> Result<(), LedgerError> {
    let f = LedgerFile {
        version: VERSION,
        calls: calls.to_vec(),
    };
    let bytes = serde_json::to_vec_pretty(&f).map_err(std::io::Error::other)?;
    crate::files::write_atomic(path, &bytes)?;
    Ok(())
}

/// Who holds the lock, when the holder's file says it (a missing or odd file: nobody named).
pub(super) fn read_holder(path: &Path) -> Option<Holder> {
    let m = std::fs::symlink_metadata(path).ok()?;
    if !m.is_file() || m.len() > 4096 {
        return None;
    }
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
}
