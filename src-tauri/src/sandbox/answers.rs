//! Answers as Meta sends them: JSON with trace and usage headers, or the error envelope.

use super::shared::SbErr;
use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

/// Usage headers as Meta sends them (`docs/meta-rules.md` §1).
fn usage_headers(
    h: &mut HeaderMap,
    usage: Option<(String, f64)>,
    app_pct: f64,
    regain: Option<u32>,
) {
    if let Some((biz, pct)) = usage {
        let v = json!({ biz: [{"type": "whatsapp_business_management", "call_count": pct.round() as i64,
            "total_cputime": (pct / 4.0).round() as i64, "total_time": (pct / 3.0).round() as i64,
            "estimated_time_to_regain_access": regain.unwrap_or(0)}]});
        h.insert(
            "x-business-use-case-usage",
            HeaderValue::from_str(&v.to_string()).unwrap(),
        );
    }
    let app = json!({"call_count": app_pct.round() as i64, "total_cputime": 0, "total_time": 0});
    h.insert(
        "x-app-usage",
        HeaderValue::from_str(&app.to_string()).unwrap(),
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
