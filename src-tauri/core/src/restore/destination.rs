//! The destination WABA as Meta lists it: it must be one of the business's (owned or client), its
//! templates' names and languages are read for the preview, and Meta's migration applies when the
//! backup's source WABA is another WABA of the same business (`docs/meta-rules.md` §14).

use crate::graph::{BusinessId, GraphClient, GraphError, WabaId};
use std::collections::HashSet;

pub struct Destination {
    pub name: Option<String>,
    /// (name, language) of the templates already there.
    pub existing: HashSet<(String, String)>,
    pub migration_offer: bool,
}

/// Reads the destination back from Meta; `None` when it is not one of the business's WABAs.
pub async fn read_destination(
    client: &GraphClient,
    business: &BusinessId,
    dest: &WabaId,
    source: Option<&str>,
) -> Result<Option<Destination>, GraphError> {
    let (owned, shared) = tokio::join!(client.owned_wabas(business), client.client_wabas(business));
    let wabas: Vec<_> = owned?
        .into_iter()
        .chain(shared.unwrap_or_default())
        .collect();
    let Some(found) = wabas.iter().find(|w| *dest == w.id) else {
        return Ok(None);
    };
    let existing = client
        .templates(dest)
        .await?
        .into_iter()
        .map(|t| (t.name.unwrap_or_default(), t.language.unwrap_or_default()))
        .collect();
    let migration_offer =
        source.is_some_and(|src| src != dest.as_str() && wabas.iter().any(|w| w.id == src));
    Ok(Some(Destination {
        name: found.name.clone(),
        existing,
        migration_offer,
    }))
}
