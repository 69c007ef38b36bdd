//! A backup file as the restore reads it: written by this app (format and version), whole (the
//! completion marker and as many templates as announced), and from which number and WABA.

use crate::graph::model::Template;
use crate::removal::backup::BACKUP_FORMAT;
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum FileError {
    #[error("the file could not be read: {0}")]
    Unreadable(String),
    #[error("this is not a backup made by this app")]
    NotABackup,
    #[error("the backup's format version {0} is not one this app knows")]
    UnknownVersion(u64),
    #[error("the backup is not whole (cut short or damaged)")]
    Truncated,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Source {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SourceNumber {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub display_phone_number: Option<String>,
}

/// The parts of a backup the restore uses.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BackupFile {
    pub format: String,
    pub version: u64,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub business: Source,
    #[serde(default)]
    pub waba: Source,
    #[serde(default)]
    pub phone_number: SourceNumber,
    #[serde(default)]
    pub complete: bool,
    #[serde(default)]
    pub template_count: usize,
    #[serde(default)]
    pub templates: Vec<Template>,
}

/// Reads and checks a backup file.
pub fn read_backup(path: &Path) -> Result<BackupFile, FileError> {
    let bytes = std::fs::read(path).map_err(|e| FileError::Unreadable(e.kind().to_string()))?;
    let head: serde_json::Value = match serde_json::from_slice(&bytes) {
        Ok(v) => v,
        // Not JSON to the end: a cut-short backup of ours, or something else.
        Err(_)
            if bytes
                .windows(BACKUP_FORMAT.len())
                .any(|w| w == BACKUP_FORMAT.as_bytes()) =>
        {
            return Err(FileError::Truncated)
        }
        Err(_) => return Err(FileError::NotABackup),
    };
    if head["format"] != BACKUP_FORMAT {
        return Err(FileError::NotABackup);
    }
    let version = head["version"].as_u64().unwrap_or(0);
    if version != 1 {
        return Err(FileError::UnknownVersion(version));
    }
    let b: BackupFile = serde_json::from_value(head).map_err(|_| FileError::Truncated)?;
    if !b.complete || b.templates.len() != b.template_count {
        return Err(FileError::Truncated);
    }
    Ok(b)
}
