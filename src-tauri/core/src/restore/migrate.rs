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
