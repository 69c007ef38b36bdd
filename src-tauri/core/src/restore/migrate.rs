//! Meta's own template migration (`docs/meta-rules.md` §14): when the source WABA still exists in
//! the same business, `POST /{dest}/migrate_message_templates` moves APPROVED templates (quality
//! GREEN or UNKNOWN) and keeps them approved. Pages of up to 500; each page is one write, never
//! retried.

use crate::graph::{GraphClient, GraphError, WabaId, MIGRATION_PAGE};
use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MigrationReport {
    pub migrated: usize,
    /// Template id and Meta's reason.
    pub failed: Vec<(String, String)>,
    pub pages: usize,
}

pub async fn migrate_all(
    client: &GraphClient,
    dest: &WabaId,
    source: &WabaId,
    source_templates: usize,
) -> Result<MigrationReport, GraphError> {
    let pages = source_templates.div_ceil(MIGRATION_PAGE).max(1);
    let mut r = MigrationReport::default();
    for page in 0..pages {
        let a = client.migrate_templates(dest, source, page).await?;
        r.migrated += a.migrated_templates.len();
        r.failed
            .extend(a.failed_templates.into_iter().map(|(id, why)| {
                (
                    id,
                    why.as_str()
                        .map(str::to_owned)
                        .unwrap_or_else(|| why.to_string()),
                )
            }));
        r.pages += 1;
    }
    Ok(r)
}

crate::vocabulary::ipc_enum! {
    /// Why Meta's migration would leave a template of the source account where it is
    /// (`docs/meta-rules.md` §14).
    pub enum NotMigrated {
        /// Only APPROVED templates migrate.
        NotApproved,
        /// Only templates of quality GREEN or UNKNOWN migrate.
        LowQuality,
        /// The destination already has a template with this name and language.
        AlreadyThere,
    }
}

/// One template of the source account, as Meta has it now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MigrationLine {
    pub name: String,
    pub language: String,
    pub category: String,
    /// `None`: Meta's migration copies it (and it stays approved).
    pub not_migrated: Option<NotMigrated>,
}

/// What Meta's migration would copy, read from the source account at Meta (not from the backup
/// file: Meta copies the source's current approved templates, whatever the file holds).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MigrationPreview {
    pub source_waba: String,
    pub read_at: chrono::DateTime<chrono::Utc>,
    /// How many Meta would copy.
    pub migrating: usize,
    /// Every template of the source account, those Meta would copy first.
    pub lines: Vec<MigrationLine>,
}

/// Reads the source account's templates now and says which Meta's migration would copy into a
/// destination holding `existing` (name, language).
pub async fn preview(
    client: &GraphClient,
    source: &WabaId,
    existing: &std::collections::HashSet<(String, String)>,
) -> Result<MigrationPreview, GraphError> {
    let templates = client.templates(source).await?;
    Ok(preview_of(source, &templates, existing, chrono::Utc::now()))
}

/// [`preview`] on templates already read.
pub fn preview_of(
    source: &WabaId,
    templates: &[crate::graph::model::Template],
    existing: &std::collections::HashSet<(String, String)>,
    read_at: chrono::DateTime<chrono::Utc>,
) -> MigrationPreview {
    use crate::graph::model::TemplateStatus;
    let mut copied = std::collections::HashSet::new();
    let mut lines: Vec<MigrationLine> = templates
        .iter()
        .map(|t| {
            let name = t.name.clone().unwrap_or_default();
            let language = t.language.clone().unwrap_or_default();
            let quality = t
                .quality_score
                .as_ref()
                .and_then(|q| q.get("score")?.as_str().map(str::to_ascii_uppercase))
                .unwrap_or_else(|| "UNKNOWN".into());
            let key = (name.clone(), language.clone());
            let not_migrated = if t.status != Some(TemplateStatus::Approved) {
                Some(NotMigrated::NotApproved)
            } else if !matches!(quality.as_str(), "GREEN" | "UNKNOWN") {
                Some(NotMigrated::LowQuality)
            } else if existing.contains(&key) || !copied.insert(key) {
                Some(NotMigrated::AlreadyThere)
            } else {
                None
            };
            MigrationLine {
                name,
                language,
                category: t.category.clone().unwrap_or_default(),
                not_migrated,
            }
        })
        .collect();
    lines.sort_by_key(|l| l.not_migrated.is_some());
    MigrationPreview {
        source_waba: source.as_str().to_owned(),
        read_at,
        migrating: lines.iter().filter(|l| l.not_migrated.is_none()).count(),
        lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::model::{Template, TemplateStatus};

    fn tpl(name: &str, status: TemplateStatus, quality: Option<&str>) -> Template {
        serde_json::from_value(serde_json::json!({
            "id": "1", "name": name, "language": "pt_BR", "category": "UTILITY",
            "status": status, "quality_score": quality.map(|q| serde_json::json!({"score": q})),
        }))
        .unwrap()
    }

    #[test]
    fn only_approved_templates_of_good_or_unknown_quality_not_already_there_are_copied() {
        let existing = [("ja_existe".to_owned(), "pt_BR".to_owned())].into();
        let p = preview_of(
            &WabaId::parse("2").unwrap(),
            &[
                tpl("pendente", TemplateStatus::Pending, None),
                tpl("boas_vindas", TemplateStatus::Approved, Some("GREEN")),
                tpl("vermelho", TemplateStatus::Approved, Some("RED")),
                tpl("sem_nota", TemplateStatus::Approved, None),
                tpl("ja_existe", TemplateStatus::Approved, Some("green")),
            ],
            &existing,
            chrono::Utc::now(),
        );
        assert_eq!(p.migrating, 2);
        let why: Vec<_> = p
            .lines
            .iter()
            .map(|l| (l.name.as_str(), l.not_migrated))
            .collect();
        assert_eq!(
            why,
            [
                ("boas_vindas", None),
                ("sem_nota", None),
                ("pendente", Some(NotMigrated::NotApproved)),
                ("vermelho", Some(NotMigrated::LowQuality)),
                ("ja_existe", Some(NotMigrated::AlreadyThere)),
            ]
        );
    }
}
