//! Message templates, the bulk of the backup (`docs/meta-rules.md` §3).

use super::client::GraphClient;
use super::error::GraphError;
use super::field_lists;
use super::ids::WabaId;
use super::model::Template;

impl GraphClient {
    /// Every template of a WABA, page by page (100 a page), handed to `each` as pages arrive.
    /// Returns the number of pages read.
    pub async fn for_each_template_page<F>(
        &self,
        waba_id: &WabaId,
        each: F,
    ) -> Result<usize, GraphError>
    where
        F: FnMut(Vec<Template>) -> Result<(), GraphError>,
    {
        self.for_each_page(
            &format!("{}/message_templates", waba_id.as_str()),
            &[("fields", field_lists::TEMPLATE), ("limit", "100")],
            each,
        )
        .await
    }

    /// Every template of a WABA, all pages.
    pub async fn templates(&self, waba_id: &WabaId) -> Result<Vec<Template>, GraphError> {
        let mut all = Vec::new();
        self.for_each_template_page(waba_id, |mut p| {
            all.append(&mut p);
            Ok(())
        })
        .await?;
        Ok(all)
    }
}
