//! Graph paths of the sandbox (`docs/meta-rules.md` §2-§5), one module per area of the client's
//! `graph/` (me, businesses, wabas, phone_numbers, templates, profile, analytics, batch). Every
//! answer is built from the client's own contract types (`graph::model`), so a change in the
//! contract that the sandbox does not follow fails to compile.

mod analytics;
mod batch;
mod businesses;
mod common;
mod me;
mod phone_numbers;
mod profile;
mod router;
mod templates;
mod wabas;

pub(crate) use batch::batch_items;
pub(crate) use common::is_version;
use common::{Query, Usage};

use super::shared::{Caller, SbErr, Shared};
use axum::body::Bytes;
use axum::http::Method;
use axum::response::Response;
use serde_json::Value;

pub(crate) fn is_batch_path(path: &str) -> bool {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    segs.len() == 1 && is_version(segs[0])
}

pub(crate) fn is_practice_path(path: &str) -> bool {
    path.starts_with("/__practice/")
}

/// `/__practice/cdn/profile/{pn}.png`: the profile picture, public like a CDN link.
pub(crate) fn picture_path(path: &str) -> Option<&str> {
    path.strip_prefix("/__practice/cdn/profile/")?
        .strip_suffix(".png")
}

pub(crate) fn picture(s: &Shared, pn: &str) -> Response {
    let known = s.world.lock().unwrap().number(pn).is_some();
    let (status, body) = if known {
        (200, super::seed::picture_png().to_vec())
    } else {
        (404, b"not found".to_vec())
    };
    Response::builder()
        .status(status)
        .header("content-type", "image/png")
        .body(axum::body::Body::from(body))
        .unwrap()
}

/// A Graph request: version check, batch, WABA rate limit, then the path.
pub(crate) fn graph(
    s: &Shared,
    caller: &Caller,
    method: &Method,
    path: &str,
    query: &Query,
    body: &Bytes,
) -> (Result<Value, SbErr>, Usage) {
    let segs: Vec<&str> = path.split('/').filter(|x| !x.is_empty()).collect();
    if segs.is_empty() || !is_version(segs[0]) {
        return (
            Err(SbErr::new(
                2500,
                "Unknown path components: a Graph version like v25.0 is required",
            )),
            None,
        );
    }
    let rest: Vec<&str> = segs[1..].to_vec();
    if rest.is_empty() {
        return if *method == Method::POST {
            batch::batch(s, caller, body)
        } else {
            (Err(SbErr::new(100, "Unsupported request")), None)
        };
    }
    // Like Graph, a write's parameters may come in the query, a form body or a JSON body.
    let mut params = query.to_vec();
    if *method == Method::POST || *method == Method::DELETE {
        params.extend(common::body_params(body));
    }
    router::one(s, caller, method, &rest, &params)
}
