//! Graph batch (`docs/meta-rules.md` §1): up to 50 reads in one request, each answered as
//! `{"code", "body"}` with the body a JSON string (graph area `batch`).

use super::super::shared::{Caller, SbErr, Shared};
use super::common::{is_version, to_json, Usage};
use super::router::one;
use crate::graph::wire::{BatchItem, BatchRequest};
use axum::body::Bytes;
use axum::http::Method;
use serde_json::Value;

/// `batch` items of a form body, as `METHOD relative_url`, for the request log.
pub(crate) fn batch_items(body: &[u8]) -> Vec<String> {
    parse_batch(body)
        .map(|v| {
            v.into_iter()
                .map(|r| format!("{} {}", r.method.to_uppercase(), r.relative_url))
                .collect()
        })
        .unwrap_or_default()
}

fn parse_batch(body: &[u8]) -> Option<Vec<BatchRequest>> {
    let raw = url::form_urlencoded::parse(body)
        .find(|(k, _)| k == "batch")?
        .1
        .into_owned();
    serde_json::from_str(&raw).ok()
}

pub(super) fn batch(s: &Shared, caller: &Caller, body: &Bytes) -> (Result<Value, SbErr>, Usage) {
    let Some(items) = parse_batch(body) else {
        return (
            Err(SbErr::new(
                100,
                "(#100) The parameter batch is required and must be a JSON array",
            )),
            None,
        );
    };
    if items.len() > crate::graph::MAX_BATCH {
        return (
            Err(SbErr::new(
                100,
                "(#100) Too many requests in batch message. Maximum batch size is 50",
            )),
            None,
        );
    }
    let mut usage = None;
    let answers: Vec<BatchItem> = items
        .iter()
        .map(|r| {
            let method =
                Method::from_bytes(r.method.to_uppercase().as_bytes()).unwrap_or(Method::GET);
            let rel = r.relative_url.trim_start_matches('/');
            let (p, q) = rel.split_once('?').unwrap_or((rel, ""));
            let query: Vec<(String, String)> = url::form_urlencoded::parse(q.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            let mut segs: Vec<&str> = p.split('/').filter(|x| !x.is_empty()).collect();
            if segs.first().is_some_and(|f| is_version(f)) {
                segs.remove(0);
            }
            let trace = s.trace_id();
            if segs.is_empty() {
                return BatchItem {
                    code: 400,
                    body: Some(
                        SbErr::new(100, "Unsupported request")
                            .envelope(&trace)
                            .to_string(),
                    ),
                };
            }
            let (res, u) = one(s, caller, &method, &segs, &query);
            usage = u.or(usage.take());
            match res {
                Ok(v) => BatchItem {
                    code: 200,
                    body: Some(v.to_string()),
                },
                Err(e) => BatchItem {
                    code: e.http,
                    body: Some(e.envelope(&trace).to_string()),
                },
            }
        })
        .collect();
    (Ok(to_json(&answers)), usage)
}
