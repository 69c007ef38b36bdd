//! A backup file as the restore reads it: written by this app (format and version), whole (the
//! completion marker and as many templates as announced), and from which number and WABA. The
//! templates are read one at a time (`scan`): a backup of thousands of templates is never held
//! whole in memory.

use crate::graph::model::Template;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;
use std::path::Path;

/// The backup file's `format`: what the writer (`super`) puts and this reader requires.
pub const BACKUP_FORMAT: &str = "waba-remover-backup";

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

/// Everything of a backup but its templates.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupHead {
    pub format: String,
    pub version: u64,
    pub created_at: Option<String>,
    pub business: Source,
    pub waba: Source,
    pub phone_number: SourceNumber,
    pub complete: bool,
    pub template_count: usize,
    /// Templates read.
    pub templates_read: usize,
}

/// A whole backup in memory (small files and tests).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BackupFile {
    #[serde(flatten)]
    pub head: BackupHead,
    pub templates: Vec<Template>,
}

struct Scan<'a, F> {
    head: &'a mut BackupHead,
    each: &'a mut F,
}

impl<'de, F: FnMut(Template)> Visitor<'de> for Scan<'_, F> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a backup object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => self.head.format = map.next_value()?,
                "version" => self.head.version = map.next_value()?,
                "created_at" => self.head.created_at = map.next_value()?,
                "business" => self.head.business = map.next_value()?,
                "waba" => self.head.waba = map.next_value()?,
                "phone_number" => self.head.phone_number = map.next_value()?,
                "complete" => self.head.complete = map.next_value()?,
                "template_count" => self.head.template_count = map.next_value()?,
                "templates" => map.next_value_seed(Templates {
                    read: &mut self.head.templates_read,
                    each: &mut *self.each,
                })?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

impl<'de, F: FnMut(Template)> DeserializeSeed<'de> for Scan<'_, F> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

struct Templates<'a, F> {
    read: &'a mut usize,
    each: &'a mut F,
}

impl<'de, F: FnMut(Template)> Visitor<'de> for Templates<'_, F> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of templates")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(t) = seq.next_element::<Template>()? {
            *self.read += 1;
            (self.each)(t);
        }
        Ok(())
    }
}

impl<'de, F: FnMut(Template)> DeserializeSeed<'de> for Templates<'_, F> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

/// Reads a backup, handing each template to `each` as it is read, and checks the file.
pub fn scan(path: &Path, mut each: impl FnMut(Template)) -> Result<BackupHead, FileError> {
    let f = std::fs::File::open(path).map_err(|e| FileError::Unreadable(e.kind().to_string()))?;
    let mut head = BackupHead::default();
    let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::new(f));
    let read = Scan {
        head: &mut head,
        each: &mut each,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end());
    if head.format != BACKUP_FORMAT {
        return Err(FileError::NotABackup);
    }
    if head.version != 1 {
        return Err(FileError::UnknownVersion(head.version));
    }
    if read.is_err() || !head.complete || head.templates_read != head.template_count {
        return Err(FileError::Truncated);
    }
    Ok(head)
}

/// Reads and checks a whole backup (small files and tests).
pub fn read_backup(path: &Path) -> Result<BackupFile, FileError> {
    let mut templates = Vec::new();
    let head = scan(path, |t| templates.push(t))?;
    Ok(BackupFile { head, templates })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hostile_input::{damaged, snapshot};
    use proptest::prelude::*;

    const VALID: &str = r#"{"format":"waba-remover-backup","version":1,"created_at":"2026-12-01T10:00:00Z","business":{"id":"1","name":"Padaria"},"waba":{"id":"2","name":"Atendimento"},"phone_number":{"id":"3","display_phone_number":"+55 11 98888-5678"},"templates":[{"id":"9","name":"boas_vindas","language":"pt_BR","status":"APPROVED","category":"UTILITY","components":[{"type":"BODY","text":"Olá {{1}}"}]},{"id":"10","name":"aviso","language":"pt_BR"}],"template_count":2,"complete":true}"#;

    #[test]
    fn the_valid_sample_reads() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("b.json");
        std::fs::write(&p, VALID).unwrap();
        assert_eq!(read_backup(&p).unwrap().templates.len(), 2);
        assert!(super::super::verify_backup(&p).is_ok());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]
        /// A backup the restore is asked to read, damaged in any way: never a panic, never a
        /// write, and a file that is not whole is refused, never half-read.
        #[test]
        fn a_damaged_backup_is_refused_without_a_panic_or_a_write(
            bytes in damaged(VALID.as_bytes().to_vec()),
        ) {
            let d = tempfile::tempdir().unwrap();
            let p = d.path().join("b.json");
            std::fs::write(&p, &bytes).unwrap();
            let before = snapshot(d.path());
            let mut seen = 0usize;
            let scanned = scan(&p, |_| seen += 1);
            let verified = super::super::verify_backup(&p);
            prop_assert_eq!(snapshot(d.path()), before);
            if let Ok(head) = scanned {
                prop_assert!(head.complete);
                prop_assert_eq!(head.templates_read, head.template_count);
                prop_assert_eq!(seen, head.template_count);
            }
            if let Ok(s) = verified {
                prop_assert!(bytes.len() as u64 == s.bytes);
            }
        }
    }
}
