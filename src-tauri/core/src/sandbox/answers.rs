//! Answers as Meta sends them: JSON with trace and usage headers, or the error envelope.

use super::shared::SbErr;
use crate::graph::wire::{AppUsage, BusinessUseCaseHeader, BusinessUseCaseUsage};
use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::Value;

/// Usage headers as Meta sends them (`docs/meta-rules.md` §1), from the contract types the client
/// reads.
fn usage_headers(
    h: &mut HeaderMap,
    usage: Option<(String, f64)>,
    app_pct: f64,
    regain: Option<u32>,
) {
    if let Some((biz, pct)) = usage {
        let entry = BusinessUseCaseUsage {
            kind: Some("whatsapp_business_management".into()),
            call_count: Some(pct.round()),
            total_cputime: Some((pct / 4.0).round()),
            total_time: Some((pct / 3.0).round()),
            estimated_time_to_regain_access: Some(f64::from(regain.unwrap_or(0))),
        };
        let header: BusinessUseCaseHeader = [(biz, vec![entry])].into_iter().collect();
        insert_json(h, "x-business-use-case-usage", &header);
    }
    let app = AppUsage {
        call_count: Some(app_pct.round()),
        total_cputime: Some(0.0),
        total_time: Some(0.0),
    };
    insert_json(h, "x-app-usage", &app);
}

fn insert_json<T: serde::Serialize>(h: &mut HeaderMap, name: &'static str, v: &T) {
    let text = serde_json::to_string(v).expect("contract types serialize");
    h.insert(
        name,
        HeaderValue::from_str(&text).expect("JSON is a valid header"),
    );
}

pub(crate) fn json_response(
    status: StatusCode,
    v: &Value,
    trace: &str,
    usage: Option<(String, f64)>,
    app_pct: f64,
) -> Response {
    let mut r = Response::builder()
        .status(status)
        .header("content-type", "application/json; charset=UTF-8")
        .header("x-fb-trace-id", trace)
        .header("x-fb-request-id", format!("R{trace}"))
        .header("facebook-api-version", crate::graph::DEFAULT_GRAPH_VERSION)
        .body(Body::from(v.to_string()))
        .unwrap();
    usage_headers(r.headers_mut(), usage, app_pct, None);
    r
}

pub(crate) fn error_response(e: &SbErr, trace: &str, usage: Option<(String, f64)>) -> Response {
    let mut r = Response::builder()
        .status(StatusCode::from_u16(e.http).unwrap_or(StatusCode::BAD_REQUEST))
        .header("content-type", "application/json; charset=UTF-8")
        .header("x-fb-trace-id", trace)
        .header("www-authenticate", "OAuth \"Facebook Platform\"")
        .body(Body::from(e.envelope(trace).to_string()))
        .unwrap();
    let usage = usage.or_else(|| {
        e.regain_minutes
            .map(|_| ("1000000000000001".to_owned(), 100.0))
    });
    usage_headers(r.headers_mut(), usage, 0.0, e.regain_minutes);
    r
}
