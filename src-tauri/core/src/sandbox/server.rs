//! The sandbox's HTTP side: logging, faults, auth, rate-limit accounting and headers, Meta's
//! error envelope (`docs/meta-rules.md` §1, §6). Path handling is in `routes`, the practice screens in `practice`.

use super::answers::{error_response, json_response};
use super::faults::{self, Fault};
use super::shared::{Caller, LoggedRequest, SbErr, Shared};
use super::{login, practice, routes};
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::Response;
use axum::Router;
use serde_json::json;
use std::sync::atomic::Ordering;
use std::sync::Arc;

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new().fallback(handle).with_state(shared)
}

async fn handle(
    State(s): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_owned();
    let query: Vec<(String, String)> =
        url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    let batch_items = if method == Method::POST && routes::is_batch_path(&path) {
        routes::batch_items(&body)
    } else {
        vec![]
    };
    let is_write = match method {
        Method::DELETE => true,
        Method::POST if routes::is_batch_path(&path) => {
            batch_items.iter().any(|b| !b.starts_with("GET "))
        }
        Method::POST => true,
        _ => false,
    };
    s.record(LoggedRequest {
        method: method.to_string(),
        path: path.clone(),
        query: query
            .iter()
            .filter(|(k, _)| k != "access_token")
            .cloned()
            .collect(),
        batch: batch_items,
        is_write,
    });

    let latency = s.latency_ms.load(Ordering::Relaxed);
    if latency > 0 {
        tokio::time::sleep(faults::latency(latency)).await;
    }
    let fault = faults::take(&mut s.faults.lock().unwrap(), method.as_str(), &path);
    let trace = s.trace_id();
    let mut reset_after = false;
    let mut regain = None;
    match fault {
        Some(Fault::AppliedThenReset) => reset_after = true,
        Some(Fault::RegainOnSuccess { minutes }) => regain = Some(minutes),
        Some(f) => {
            if let Some(resp) = apply_fault(f, &trace).await {
                return resp;
            }
        }
        None => {}
    }
    let mut resp = answer(&s, &method, &path, &headers, &query, &body, &trace);
    if reset_after {
        return reset_response();
    }
    // Meta answers with the version that was asked.
    if let Some(v) = path
        .split('/')
        .find(|p| !p.is_empty())
        .filter(|v| routes::is_version(v))
    {
        if let Ok(h) = HeaderValue::from_str(v) {
            resp.headers_mut().insert("facebook-api-version", h);
        }
    }
    if let Some(m) = regain {
        let v = format!(
            r#"{{"{}":[{{"type":"whatsapp_business_management","call_count":40,"total_cputime":5,"total_time":5,"estimated_time_to_regain_access":{m}}}]}}"#,
            crate::sandbox::seed::BUSINESS_ID
        );
        if let Ok(h) = HeaderValue::from_str(&v) {
            resp.headers_mut().insert("x-business-use-case-usage", h);
        }
    }
    resp
}

fn answer(
    s: &Shared,
    method: &Method,
    path: &str,
    headers: &HeaderMap,
    query: &[(String, String)],
    body: &Bytes,
    trace: &str,
) -> Response {
    let trace = trace.to_owned();
    let path = path.to_owned();

    if let Some(pn) = routes::picture_path(&path) {
        return routes::picture(s, pn);
    }
    // The login dialog and its two answers need no token (`docs/meta-rules.md` §9).
    if let Some(resp) = login::route(s, method, &path, query, body) {
        return resp;
    }

    let mut caller = match authenticate(s, headers, query) {
        Ok(c) => c,
        Err(e) => return error_response(&e, &trace, None),
    };
    if let Some(v) = path
        .split('/')
        .find(|p| !p.is_empty())
        .filter(|v| routes::is_version(v))
    {
        caller.version = v.to_owned();
    }

    if routes::is_practice_path(&path) {
        return practice::manual_action(s, &caller, method, &path, body, &trace);
    }

    let (result, usage) = routes::graph(s, &caller, method, &path, query, body);
    match result {
        Ok(v) => {
            // Meta counts each item of a batch as a call (`docs/meta-rules.md` §1).
            let calls = if routes::is_batch_path(&path) {
                routes::batch_items(body).len()
            } else {
                1
            };
            json_response(StatusCode::OK, &v, &trace, usage, s.count_app_calls(calls))
        }
        Err(e) => error_response(&e, &trace, usage),
    }
}

fn authenticate(
    s: &Shared,
    headers: &HeaderMap,
    query: &[(String, String)],
) -> Result<Caller, SbErr> {
    let presented = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| {
            query
                .iter()
                .find(|(k, _)| k == "access_token")
                .map(|(_, v)| format!("Bearer {v}"))
        });
    let Some(presented) = presented else {
        return Err(SbErr::new(
            2500,
            "An active access token must be used to query information about the current user.",
        )
        .http(400));
    };
    let tokens = s.tokens.lock().unwrap();
    let Some(rec) = tokens.iter().find(|t| t.token.matches_bearer(&presented)) else {
        return Err(SbErr::new(
            190,
            "Invalid OAuth access token - Cannot parse access token",
        )
        .http(401));
    };
    if rec.expired || rec.expires_at.is_some_and(|at| at <= s.now()) {
        return Err(
            SbErr::new(190, "Error validating access token: Session has expired.")
                .sub(463)
                .http(401),
        );
    }
    Ok(Caller {
        user_id: rec.user_id.clone(),
        permissions: rec.permissions.clone(),
        presented: presented.trim_start_matches("Bearer ").to_owned(),
        version: crate::graph::DEFAULT_GRAPH_VERSION.to_owned(),
    })
}

async fn apply_fault(f: Fault, trace: &str) -> Option<Response> {
    Some(match f {
        Fault::Latency { ms } => {
            tokio::time::sleep(faults::latency(ms)).await;
            return None;
        }
        Fault::HtmlStatus { status } => Response::builder()
            .status(status)
            .header("content-type", "text/html")
            .body(Body::from(format!(
                "<html><body><h1>{status} Bad Gateway</h1><p>proxy error</p></body></html>"
            )))
            .unwrap(),
        Fault::Meta {
            http,
            code,
            subcode,
            message,
            transient,
        } => {
            let mut e = if code == 803 {
                SbErr::deleted(message)
            } else {
                SbErr::new(code, message)
            }
            .http(http);
            e.subcode = subcode;
            e.transient = transient;
            error_response(&e, trace, None)
        }
        Fault::RateLimit {
            code,
            regain_minutes,
        } => {
            let mut e = SbErr::new(code, format!("(#{code}) Application request limit reached"));
            e.regain_minutes = Some(regain_minutes);
            e.transient = Some(true);
            let mut r = error_response(&e, trace, Some(("1000000000000001".into(), 100.0)));
            r.headers_mut()
                .insert("retry-after", HeaderValue::from(regain_minutes as u64 * 60));
            r
        }
        Fault::Reset | Fault::AppliedThenReset => reset_response(),
        Fault::RegainOnSuccess { .. } => return None,
        Fault::Hang { ms } => {
            tokio::time::sleep(faults::latency(ms)).await;
            json_response(StatusCode::OK, &json!({}), trace, None, 0.0)
        }
        Fault::Truncated => Response::builder()
            .status(200)
            .header("content-type", "application/json")
            .body(Body::from("{\"data\":[{\"id\":\"1\",\"na"))
            .unwrap(),
        Fault::Empty => Response::builder().status(200).body(Body::empty()).unwrap(),
        Fault::Raw { status, body } => Response::builder()
            .status(StatusCode::from_u16(status).unwrap_or(StatusCode::OK))
            .header("content-type", "application/json")
            .body(Body::from(body))
            .unwrap(),
    })
    .map(|mut r| {
        r.headers_mut()
            .insert("x-fb-trace-id", HeaderValue::from_str(trace).unwrap());
        r
    })
}

/// An answer whose body breaks off: the client sees a dropped connection.
fn reset_response() -> Response {
    let stream = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::other(
            "connection reset by the practice sandbox",
        ))
    });
    Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .body(Body::from_stream(stream))
        .unwrap()
}
