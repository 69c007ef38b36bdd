//! The preview: which templates of the backup will be created in the destination WABA, and which
//! are skipped and why, with counts.

use crate::graph::model::{Template, TemplateStatus};
use crate::graph::NewTemplate;
use crate::steps::backup::read::{scan, BackupFile, BackupHead, FileError};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// The same name and language already exist in the destination.
    Duplicate,
    /// REJECTED, DISABLED, DELETED, PENDING_DELETION in the backup: not worth restoring unless asked.
    Status,
    /// A header image, video or document: Meta needs a new upload, and the backup holds no media.
    MediaHeader,
    /// Name, language, category or body missing in the backup.
    Incomplete,
    /// An AUTHENTICATION template without Meta's one-time-code button: Meta builds these from its own
    /// fixed text and would refuse (or change) one created from the backup's words.
    Category,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanItem {
    pub name: String,
    pub language: String,
    pub category: String,
    /// The status the template had in the backup.
    pub status: Option<String>,
    pub skip: Option<SkipReason>,
}

/// How many skipped templates the preview lists by name (the counts cover them all).
pub const SKIPPED_SHOWN: usize = 200;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RestorePlan {
    pub total: usize,
    /// The first skipped templates, with their reasons (up to `SKIPPED_SHOWN`).
    pub skipped: Vec<PlanItem>,
    pub to_create: usize,
    pub duplicates: usize,
    pub by_status: usize,
    pub media: usize,
    pub incomplete: usize,
    pub category: usize,
}

fn not_worth(s: Option<&TemplateStatus>) -> bool {
    matches!(
        s,
        Some(
            TemplateStatus::Rejected
                | TemplateStatus::Disabled
                | TemplateStatus::Deleted
                | TemplateStatus::PendingDeletion
        )
    )
}

/// Meta's authentication templates carry its one-time-code button (`OTP`).
fn authentication_without_code(t: &Template) -> bool {
    t.category.as_deref() == Some("AUTHENTICATION")
        && !t
            .components
            .as_ref()
            .and_then(|c| c.as_array())
            .into_iter()
            .flatten()
            .filter(|c| c["type"] == "BUTTONS")
            .flat_map(|c| c["buttons"].as_array().cloned().unwrap_or_default())
            .any(|b| b["type"] == "OTP")
}

fn media_header(t: &Template) -> bool {
    t.components
        .as_ref()
        .and_then(|c| c.as_array())
        .into_iter()
        .flatten()
        .any(|c| {
            c["type"] == "HEADER"
                && matches!(c["format"].as_str(), Some("IMAGE" | "VIDEO" | "DOCUMENT"))
        })
}

/// Builds a plan one template at a time, keeping only the counts and the first skipped ones.
pub struct Planner<'a> {
    existing: &'a HashSet<(String, String)>,
    include_not_approved: bool,
    plan: RestorePlan,
}

impl<'a> Planner<'a> {
    pub fn new(existing: &'a HashSet<(String, String)>, include_not_approved: bool) -> Self {
        Self {
            existing,
            include_not_approved,
            plan: RestorePlan::default(),
        }
    }

    /// Adds a template of the backup: its plan line, and what to send when it is to be created
    /// (only the fields Meta accepts on creation). A backup comes from one WABA, where name and
    /// language are unique, so only the destination's templates can be duplicates.
    pub fn add(&mut self, t: &Template) -> (PlanItem, Option<NewTemplate>) {
        let p = &mut self.plan;
        let name = t.name.clone().unwrap_or_default();
        let language = t.language.clone().unwrap_or_default();
        let category = t.category.clone().unwrap_or_default();
        let has_body = t
            .components
            .as_ref()
            .and_then(|c| c.as_array())
            .is_some_and(|a| a.iter().any(|c| c["type"] == "BODY"));
        let skip = if name.is_empty() || language.is_empty() || category.is_empty() || !has_body {
            Some(SkipReason::Incomplete)
        } else if self.existing.contains(&(name.clone(), language.clone())) {
            Some(SkipReason::Duplicate)
        } else if !self.include_not_approved && not_worth(t.status.as_ref()) {
            Some(SkipReason::Status)
        } else if media_header(t) {
            Some(SkipReason::MediaHeader)
        } else if authentication_without_code(t) {
            Some(SkipReason::Category)
        } else {
            None
        };
        p.total += 1;
        match skip {
            Some(SkipReason::Duplicate) => p.duplicates += 1,
            Some(SkipReason::Status) => p.by_status += 1,
            Some(SkipReason::MediaHeader) => p.media += 1,
            Some(SkipReason::Incomplete) => p.incomplete += 1,
            Some(SkipReason::Category) => p.category += 1,
            None => p.to_create += 1,
        }
        let new = skip.is_none().then(|| NewTemplate {
            name: name.clone(),
            language: language.clone(),
            category: category.clone(),
            parameter_format: t.parameter_format.clone(),
            components: t.components.clone().unwrap_or_default(),
        });
        let item = PlanItem {
            name,
            language,
            category,
            status: t.status.as_ref().map(|s| s.as_str().to_owned()),
            skip,
        };
        if skip.is_some() && p.skipped.len() < SKIPPED_SHOWN {
            p.skipped.push(item.clone());
        }
        (item, new)
    }

    pub fn finish(self) -> RestorePlan {
        self.plan
    }
}

/// Every plan line of a backup in memory (small files and tests).
pub fn plan_items(
    backup: &BackupFile,
    existing: &HashSet<(String, String)>,
    include_not_approved: bool,
) -> Vec<PlanItem> {
    let mut planner = Planner::new(existing, include_not_approved);
    backup.templates.iter().map(|t| planner.add(t).0).collect()
}

/// The plan for a backup in memory (small files and tests).
pub fn plan(
    backup: &BackupFile,
    existing: &HashSet<(String, String)>,
    include_not_approved: bool,
) -> RestorePlan {
    let mut planner = Planner::new(existing, include_not_approved);
    for t in &backup.templates {
        planner.add(t);
    }
    planner.finish()
}

/// One line of the spool per template of the backup: its plan line, and what to send when it is
/// to be created.
#[derive(Serialize, Deserialize)]
pub(crate) struct SpoolLine {
    pub i: usize,
    pub item: PlanItem,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub t: Option<NewTemplate>,
}

/// Reads the backup file one template at a time: the plan's counts and first skipped ones (for the
/// preview) and, in `spool`, one line per template (its plan line, and what to send when it is to
/// be created). Memory stays flat however many templates the backup holds.
pub fn prepare(
    path: &std::path::Path,
    existing: &HashSet<(String, String)>,
    include_not_approved: bool,
    spool: &std::path::Path,
) -> Result<(BackupHead, RestorePlan), FileError> {
    use std::io::Write;
    let io = |e: std::io::Error| FileError::Unreadable(e.kind().to_string());
    if let Some(dir) = spool.parent() {
        crate::files::create_private_dir(dir).map_err(io)?;
    }
    // A private temp file renamed over the spool once whole (no planted link is followed).
    let (file, tmp) = crate::files::temp_file_beside(spool).map_err(io)?;
    let mut out = std::io::BufWriter::new(file);
    let mut planner = Planner::new(existing, include_not_approved);
    let mut write_err = None;
    let head = scan(path, |t| {
        let i = planner.plan.total;
        let (item, new) = planner.add(&t);
        let line =
            serde_json::to_vec(&SpoolLine { i, item, t: new }).map_err(std::io::Error::other);
        let r = line.and_then(|mut l| {
            l.push(b'\n');
            out.write_all(&l)
        });
        if let Err(e) = r {
            write_err.get_or_insert(e);
        }
    });
    let done = (|| {
        let head = head?;
        if let Some(e) = write_err {
            return Err(io(e));
        }
        out.into_inner()
            .map_err(|e| io(e.into_error()))?
            .sync_all()
            .map_err(io)?;
        crate::files::commit(&tmp, spool).map_err(io)?;
        Ok(head)
    })();
    match done {
        Ok(head) => Ok((head, planner.finish())),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}
