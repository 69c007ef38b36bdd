//! The preview: which templates of the backup will be created in the destination WABA, and which
//! are skipped and why, with counts.

use super::file::BackupFile;
use crate::graph::model::{Template, TemplateStatus};
use crate::graph::NewTemplate;
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
    /// What is sent on creation (only the fields Meta accepts), when created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<NewTemplate>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RestorePlan {
    pub items: Vec<PlanItem>,
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

/// The plan for `backup` into a destination holding `existing` (name, language) pairs.
pub fn plan(
    backup: &BackupFile,
    existing: &HashSet<(String, String)>,
    include_not_approved: bool,
) -> RestorePlan {
    let mut p = RestorePlan::default();
    let mut seen = existing.clone();
    for t in &backup.templates {
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
        } else if seen.contains(&(name.clone(), language.clone())) {
            Some(SkipReason::Duplicate)
        } else if !include_not_approved && not_worth(t.status.as_ref()) {
            Some(SkipReason::Status)
        } else if media_header(t) {
            Some(SkipReason::MediaHeader)
        } else if authentication_without_code(t) {
            Some(SkipReason::Category)
        } else {
            None
        };
        match skip {
            Some(SkipReason::Duplicate) => p.duplicates += 1,
            Some(SkipReason::Status) => p.by_status += 1,
            Some(SkipReason::MediaHeader) => p.media += 1,
            Some(SkipReason::Incomplete) => p.incomplete += 1,
            Some(SkipReason::Category) => p.category += 1,
            None => {
                p.to_create += 1;
                seen.insert((name.clone(), language.clone()));
            }
        }
        let new = skip.is_none().then(|| NewTemplate {
            name: name.clone(),
            language: language.clone(),
            category: category.clone(),
            parameter_format: t.parameter_format.clone(),
            components: t.components.clone().unwrap_or_default(),
        });
        p.items.push(PlanItem {
            name,
            language,
            category,
            status: t.status.as_ref().map(|s| s.as_str().to_owned()),
            skip,
            new,
        });
    }
    p
}
