//! The sandbox's HTTP side: logging, faults, auth, rate-limit accounting and headers, Meta's
//! error envelope (`docs/meta-rules.md` §1, §6). Path handling is in `routes`, Meta's write rules in `rules`.

use super::faults::{self, Fault, FaultRule};
use super::world::World;
use super::{routes, rules};
use crate::vault::AccessToken;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::Response;
use axum::Router;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

pub(crate) struct TokenRec {
    pub token: AccessToken,
    pub user_id: String,
    pub permissions: Vec<String>,
    pub expired: bool,
}

/// One request as the sandbox saw it; the token is never recorded.
#[derive(Debug, Clone, Serialize)]
pub struct LoggedRequest {
    pub method: String,
    /// Path after the host, e.g. `/v25.0/3000000000000004/deregister`.
    pub path: String,
    /// Query without `access_token`.
    pub query: Vec<(String, String)>,
    /// For a Graph batch: its items as `METHOD relative_url`.
    pub batch: Vec<String>,
    pub is_write: bool,
}

pub(crate) struct Shared {
    pub world: Mutex<World>,
    pub tokens: Vec<TokenRec>,
    pub faults: Mutex<Vec<FaultRule>>,
    pub log: Mutex<Vec<LoggedRequest>>,
    pub clock_offset: Mutex<chrono::Duration>,
    pub latency_ms: AtomicU64,
    waba_calls: Mutex<HashMap<String, Vec<DateTime<Utc>>>>,
    app_calls: Mutex<Vec<DateTime<Utc>>>,
    per_hour: u32,
    pub base_url: String,
    state_file: Option<PathBuf>,
    expected_writes: Option<Vec<String>>,
    pub unexpected: Mutex<Vec<String>>,
    trace_seq: AtomicU64,
    /// How long after a manual click Meta's deletion takes effect.
    pub manual_delay_ms: AtomicU64,
}

/// An error answer in Meta's envelope.
#[derive(Debug, Clone)]
pub(crate) struct SbErr {
    pub http: u16,
    pub code: i64,
    pub subcode: Option<i64>,
    pub message: String,
    pub user_msg: Option<String>,
    pub details: Option<String>,
    pub transient: Option<bool>,
    pub regain_minutes: Option<u32>,
}

impl SbErr {
    pub fn new(code: i64, message: impl Into<String>) -> Self {
        Self {
            http: 400,
            code,
            subcode: None,
            message: message.into(),
            user_msg: None,
            details: None,
            transient: Some(false),
            regain_minutes: None,
        }
    }
    pub fn sub(mut self, s: i64) -> Self {
        self.subcode = Some(s);
        self
    }
    pub fn http(mut self, h: u16) -> Self {
        self.http = h;
        self
    }
    pub fn user_msg(mut self, m: impl Into<String>) -> Self {
        self.user_msg = Some(m.into());
        self
    }
    pub fn details(mut self, d: impl Into<String>) -> Self {
        self.details = Some(d.into());
        self
    }
    /// "Unsupported get request. Object ... does not exist" (code 100, subcode 33).
    pub fn no_object(id: &str) -> Self {
        Self::new(100, format!("Unsupported get request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation."))
            .sub(33)
    }
    pub fn permission(perm: &str) -> Self {
        Self::new(
            200,
            format!("(#200) Requires {perm} permission to manage the object"),
        )
        .http(403)
    }
    pub fn envelope(&self, trace: &str) -> Value {
        let mut e = json!({"message": self.message, "type": "OAuthException", "code": self.code, "fbtrace_id": trace});
        if let Some(s) = self.subcode {
            e["error_subcode"] = json!(s);
        }
        if let Some(m) = &self.user_msg {
            e["error_user_msg"] = json!(m);
        }
        if let Some(d) = &self.details {
            e["error_data"] = json!({"messaging_product": "whatsapp", "details": d});
        }
        if let Some(t) = self.transient {
            e["is_transient"] = json!(t);
        }
        json!({ "error": e })
    }
}

/// Who is calling, resolved from the token.
pub(crate) struct Caller {
    pub user_id: String,
    pub permissions: Vec<String>,
    /// The bearer text as received (to build `paging.next` like Meta, which puts it in the URL).
    pub presented: String,
}

impl Caller {
    pub fn has(&self, perm: &str) -> bool {
        self.permissions.iter().any(|p| p == perm)
    }
}

impl Shared {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        world: World,
        tokens: Vec<TokenRec>,
        latency: std::time::Duration,
        per_hour: u32,
        base_url: String,
        state_file: Option<PathBuf>,
        expected_writes: Option<Vec<String>>,
    ) -> Self {
        Self {
            world: Mutex::new(world),
            tokens,
            faults: Mutex::new(vec![]),
            log: Mutex::new(vec![]),
            clock_offset: Mutex::new(chrono::Duration::zero()),
            latency_ms: AtomicU64::new(latency.as_millis() as u64),
            waba_calls: Mutex::new(HashMap::new()),
            app_calls: Mutex::new(vec![]),
            per_hour: per_hour.max(1),
            base_url,
            state_file,
            expected_writes,
            unexpected: Mutex::new(vec![]),
            trace_seq: AtomicU64::new(1),
            manual_delay_ms: AtomicU64::new(0),
        }
    }

    pub fn manual_delay(&self) -> chrono::Duration {
        chrono::Duration::milliseconds(self.manual_delay_ms.load(Ordering::Relaxed) as i64)
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + *self.clock_offset.lock().unwrap()
    }

    pub fn trace_id(&self) -> String {
        let n = self.trace_seq.fetch_add(1, Ordering::Relaxed);
        format!(
            "SbX{n:06}{}",
            &Utc::now().timestamp_subsec_nanos().to_string()
        )
    }

    /// Saves the world after a change, when practice mode keeps it between runs (atomic write).
    pub fn persist(&self) {
        let Some(path) = &self.state_file else { return };
        let bytes = match serde_json::to_vec(&*self.world.lock().unwrap()) {
            Ok(b) => b,
            Err(_) => return,
        };
        let tmp = path.with_extension("tmp");
        if std::fs::write(&tmp, bytes).is_ok() {
            let _ = std::fs::rename(&tmp, path);
        }
    }

    /// Counts a call against the WABA budget (about 200/h, `docs/meta-rules.md` §1). `Err` when over it.
    pub fn count_waba_call(&self, waba: &str) -> Result<f64, SbErr> {
        let now = self.now();
        let mut all = self.waba_calls.lock().unwrap();
        let calls = all.entry(waba.to_owned()).or_default();
        calls.retain(|t| now - *t < chrono::Duration::hours(1));
        if calls.len() as u32 >= self.per_hour {
            let oldest = calls.first().copied().unwrap_or(now);
            let minutes = (60 - (now - oldest).num_minutes()).max(1) as u32;
            let mut e = SbErr::new(80008, "(#80008) There have been too many calls to this WhatsApp Business account. Wait a bit and try again.");
            e.regain_minutes = Some(minutes);
            e.transient = Some(true);
            return Err(e);
        }
        calls.push(now);
        Ok(calls.len() as f64 * 100.0 / self.per_hour as f64)
    }

    fn count_app_call(&self) -> f64 {
        let now = self.now();
        let mut calls = self.app_calls.lock().unwrap();
        calls.retain(|t| now - *t < chrono::Duration::hours(1));
        calls.push(now);
        (calls.len() as f64 * 100.0 / 5000.0).min(100.0)
    }

    fn record(&self, r: LoggedRequest) {
        if r.is_write {
            if let Some(allowed) = &self.expected_writes {
                let all = std::iter::once(r.path.clone()).chain(r.batch.iter().cloned());
                for p in all {
                    if !allowed.iter().any(|a| p.contains(a.as_str())) {
                        self.unexpected
                            .lock()
                            .unwrap()
                            .push(format!("{} {p}", r.method));
                    }
                }
            }
        }
        self.log.lock().unwrap().push(r);
    }
}

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

    let caller = match authenticate(s, headers, query) {
        Ok(c) => c,
        Err(e) => return error_response(&e, &trace, None),
    };

    if routes::is_practice_path(&path) {
        return rules::manual_action(s, &caller, method, &path, &trace);
    }

    let (result, usage) = routes::graph(s, &caller, method, &path, query, body);
    match result {
        Ok(v) => json_response(StatusCode::OK, &v, &trace, usage, s.count_app_call()),
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
    let Some(rec) = s.tokens.iter().find(|t| t.token.matches_bearer(&presented)) else {
        return Err(SbErr::new(
            190,
            "Invalid OAuth access token - Cannot parse access token",
        )
        .http(401));
    };
    if rec.expired {
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
            let mut e = SbErr::new(code, message).http(http);
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
