//! A WABA's message templates (graph area `templates`, `docs/meta-rules.md` §3).

use super::super::fields::select;
use super::super::paging::paged_slice;
use super::super::shared::{Caller, SbErr, Shared};
use super::common::{to_json, Query};
use super::wabas;
use serde_json::Value;

const DEFAULT_FIELDS: &[&str] = &["name", "language", "status", "category", "components"];

pub(super) fn route(
    s: &Shared,
    caller: &Caller,
    method: &str,
    rest: &[&str],
    query: &Query,
    fields: Option<&str>,
) -> Option<Result<Value, SbErr>> {
    let ("GET", [waba, "message_templates"]) = (method, rest) else {
        return None;
    };
    let path = format!("/{waba}/message_templates");
    let w = s.world.lock().unwrap();
    // Only the requested page is turned into JSON (a 6,000-template WABA stays cheap).
    let answer = wabas::visible(&w, s, caller, waba).map(|rec| {
        let entry = |t: &crate::graph::model::Template| select(to_json(t), fields, DEFAULT_FIELDS);
        paged_slice(s, caller, &rec.templates, entry, query, &path, 25, 1000)
    });
    Some(answer)
}
