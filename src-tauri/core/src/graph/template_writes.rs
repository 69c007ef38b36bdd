//! Creating message templates and migrating them between WABAs (`docs/meta-rules.md` §14). Both
//! are writes: sent once, never retried; an unknown outcome is settled by reading.

use super::client::GraphClient;
use super::error::GraphError;
use super::ids::WabaId;
use super::wire::Page;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What `POST /{waba}/message_templates` accepts on creation (the fields Meta takes, no more).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewTemplate {
    pub name: String,
    pub language: String,
    pub category: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameter_format: Option<String>,
    pub components: Value,
}

/// Meta's answer to a creation: the new id, its review status and category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreatedTemplate {
    pub id: String,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub category: Option<String>,
}

/// `POST /{dest}/migrate_message_templates`: what moved and what did not (id → reason).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MigrationAnswer {
    #[serde(default)]
    pub migrated_templates: Vec<String>,
    #[serde(default)]
    pub failed_templates: serde_json::Map<String, Value>,
}

/// Meta's page size for template migration.
pub const MIGRATION_PAGE: usize = 500;

impl GraphClient {
    pub async fn create_template(
        &self,
        waba_id: &WabaId,
        t: &NewTemplate,
    ) -> Result<CreatedTemplate, GraphError> {
        let mut form = vec![
            ("name".to_owned(), t.name.clone()),
            ("language".to_owned(), t.language.clone()),
            ("category".to_owned(), t.category.clone()),
            ("components".to_owned(), t.components.to_string()),
        ];
        if let Some(p) = &t.parameter_format {
            form.push(("parameter_format".to_owned(), p.clone()));
        }
        self.write_form_answer(
            Method::POST,
            &format!("{}/message_templates", waba_id.as_str()),
            &form,
        )
        .await
    }

    /// Whether a template of this name and language exists (to settle a creation whose answer
    /// was lost, before anything is sent again).
    pub async fn template_exists(
        &self,
        waba_id: &WabaId,
        name: &str,
        language: &str,
    ) -> Result<bool, GraphError> {
        #[derive(Deserialize)]
        struct NameLang {
            #[serde(default)]
            name: Option<String>,
            #[serde(default)]
            language: Option<String>,
        }
        let page: Page<NameLang> = self
            .get(
                &format!("{}/message_templates", waba_id.as_str()),
                &[
                    ("fields", "name,language"),
                    ("name", name),
                    ("limit", "100"),
                ],
            )
            .await?;
        Ok(page
            .data
            .iter()
            .any(|t| t.name.as_deref() == Some(name) && t.language.as_deref() == Some(language)))
    }

    /// One page (zero-based, up to 500 templates) of Meta's template migration from `source`.
    pub async fn migrate_templates(
        &self,
        dest: &WabaId,
        source: &WabaId,
        page_number: usize,
    ) -> Result<MigrationAnswer, GraphError> {
        let form = vec![
            ("source_waba_id".to_owned(), source.as_str().to_owned()),
            ("page_number".to_owned(), page_number.to_string()),
            ("count".to_owned(), MIGRATION_PAGE.to_string()),
        ];
        self.write_form_answer(
            Method::POST,
            &format!("{}/migrate_message_templates", dest.as_str()),
            &form,
        )
        .await
    }
}
