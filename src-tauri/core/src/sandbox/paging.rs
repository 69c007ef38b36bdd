//! Cursor paging as Meta does it: `limit`, `after`, and an absolute `next` link carrying the
//! original query (and, like Meta, the access token) in the version that was asked.

use super::shared::{Caller, Shared};
use crate::graph::wire::{Cursors, Page, Paging};
use base64::Engine;
use serde_json::Value;

type Query = [(String, String)];

fn q<'a>(query: &'a Query, key: &str) -> Option<&'a str> {
    query
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Cursor paging: `limit` (default/max per edge), `after` cursor, absolute `next` link carrying
/// the original query, like Meta (which also puts the access token in it).
pub(crate) fn paged(
    s: &Shared,
    caller: &Caller,
    items: Vec<Value>,
    query: &Query,
    path: &str,
    default: usize,
    max: usize,
) -> Value {
    paged_slice(s, caller, &items, Value::clone, query, path, default, max)
}

/// Paging over a slice: only the page's items are turned into JSON.
#[allow(clippy::too_many_arguments)]
pub(crate) fn paged_slice<T>(
    s: &Shared,
    caller: &Caller,
    items: &[T],
    to_json: impl Fn(&T) -> Value,
    query: &Query,
    path: &str,
    default: usize,
    max: usize,
) -> Value {
    let total = items.len();
    let limit = q(query, "limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(default)
        .clamp(1, max);
    let offset = q(query, "after")
        .and_then(decode_cursor)
        .unwrap_or(0)
        .min(total);
    let end = (offset + limit).min(total);
    let data: Vec<Value> = items[offset..end].iter().map(to_json).collect();
    let next = (end < total).then(|| {
        let mut next =
            url::Url::parse(&format!("{}/{}{path}", s.base_url, caller.version)).unwrap();
        {
            let mut qp = next.query_pairs_mut();
            for (k, v) in query
                .iter()
                .filter(|(k, _)| k != "after" && k != "access_token" && k != "limit")
            {
                qp.append_pair(k, v);
            }
            qp.append_pair("limit", &limit.to_string());
            qp.append_pair("access_token", &caller.presented);
            qp.append_pair("after", &encode_cursor(end));
        }
        next.to_string()
    });
    let paging = (total > 0).then(|| Paging {
        cursors: Some(Cursors {
            before: Some(encode_cursor(offset)),
            after: Some(encode_cursor(end)),
        }),
        next,
    });
    serde_json::to_value(Page { data, paging }).expect("contract types serialize")
}

fn encode_cursor(offset: usize) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("offset:{offset}"))
}

fn decode_cursor(c: &str) -> Option<usize> {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(c)
        .ok()?;
    String::from_utf8(raw)
        .ok()?
        .strip_prefix("offset:")?
        .parse()
        .ok()
}
