//! The HTTP core of the Graph client: one request, decoding, read retries, paging, writes.
//! Endpoint functions live in one file per API area and call into this.

use super::config::GraphConfig;
use super::error::{GraphError, MetaError};
use super::ledger::SharedLedger;
use super::retry::{retry_after, RetryPolicy, Usage};
use super::wire::ErrorEnvelope;
use crate::vault::AccessToken;
use reqwest::{header::HeaderMap, Method, StatusCode};
use serde::de::DeserializeOwned;
use std::sync::{Arc, Mutex};
use url::Url;

/// A cloneable Graph client bound to one base URL, version and token.
#[derive(Clone)]
pub struct GraphClient {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    cfg: GraphConfig,
    token: AccessToken,
    usage: Mutex<Usage>,
    /// Every request this client sent in the last hour (the hard cap, see [`CallLedger`]).
    ledger: SharedLedger,
    /// Meta's trace id of the last answer, kept as evidence for proofs built from a success.
    last_trace: Mutex<Option<String>>,
    /// Optional fields Meta no longer serves ("nonexisting field"): asked again without them,
    /// and named to the admin ("não foi possível ler …"), `docs/meta-rules.md` §15.
    unreadable: Mutex<std::collections::BTreeSet<String>>,
}

impl std::fmt::Debug for GraphClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GraphClient")
            .field("base", &self.inner.cfg.base().as_str())
            .field("version", &self.inner.cfg.version())
            .field("token", &self.inner.token)
            .finish()
    }
}

/// A write's answer: Meta's trace id, kept for the receipt.
#[derive(Debug, Clone, serde::Serialize)]
pub struct WriteReceipt {
    pub trace_id: Option<String>,
}

pub(crate) struct RawAnswer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl GraphClient {
    pub fn new(cfg: GraphConfig, token: AccessToken) -> Result<Self, GraphError> {
        Self::with_ledger(cfg, token, SharedLedger::default())
    }

    /// A client counting its calls in `ledger`, which outlives it: a new connection (another
    /// token pasted, a reconnect) keeps counting the calls of the ones before.
    pub fn with_ledger(
        cfg: GraphConfig,
        token: AccessToken,
        ledger: SharedLedger,
    ) -> Result<Self, GraphError> {
        let http = reqwest::Client::builder()
            .timeout(cfg.timeout)
            .connect_timeout(cfg.timeout.min(std::time::Duration::from_secs(10)))
            .user_agent(concat!("waba-remover/", env!("CARGO_PKG_VERSION")))
            // Never follow redirects: one could carry the Authorization header to another host.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| GraphError::Config(e.to_string()))?;
        Ok(Self {
            inner: Arc::new(Inner {
                http,
                cfg,
                token,
                usage: Mutex::new(Usage::default()),
                ledger,
                last_trace: Mutex::new(None),
                unreadable: Mutex::default(),
            }),
        })
    }

    pub fn config(&self) -> &GraphConfig {
        &self.inner.cfg
    }

    /// The last usage figures Meta reported (`docs/meta-rules.md` §1), to pace polling.
    pub fn usage(&self) -> Usage {
        *self.inner.usage.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The calls sent in the last hour, oldest first (persisted by the wait so a relaunch
    /// keeps counting; see `docs/meta-rules.md`, rate limits).
    pub fn calls_last_hour(&self) -> Vec<chrono::DateTime<chrono::Utc>> {
        let mut l = self.inner.ledger.lock().unwrap_or_else(|p| p.into_inner());
        l.current(chrono::Utc::now())
    }

    /// How long to wait before `calls` more requests fit under the cap minus `reserve` (kept
    /// for the admin's own clicks). `Duration::ZERO` when they fit now.
    pub fn budget_wait(&self, calls: u32, reserve: u32) -> std::time::Duration {
        let cap = self.inner.cfg.hourly_cap.saturating_sub(reserve);
        let mut l = self.inner.ledger.lock().unwrap_or_else(|p| p.into_inner());
        l.room_for(chrono::Utc::now(), cap, calls)
    }

    /// Meta's trace id of the last answer received.
    pub fn last_trace_id(&self) -> Option<String> {
        self.inner
            .last_trace
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Optional fields Meta refused as nonexisting since this client was made (the reads went on
    /// without them).
    pub fn unreadable_fields(&self) -> Vec<String> {
        self.inner
            .unreadable
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .cloned()
            .collect()
    }

    /// A read refused because it asked for a field Meta no longer has: the same URL without that
    /// field when it is optional (and the field noted as unreadable), or the reason to stop.
    fn without_retired_field(&self, e: &GraphError, url: &Url) -> Option<Result<Url, GraphError>> {
        let (shorter, field) = match super::retired::without_retired_field(e, url)? {
            Ok(v) => v,
            Err(stop) => return Some(Err(stop)),
        };
        log::warn!("Meta no longer serves the field {field}: read again without it");
        self.inner
            .unreadable
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(field);
        Some(Ok(shorter))
    }

    /// Masked token, for the connection screen.
    pub fn token_masked(&self) -> String {
        self.inner.token.masked()
    }

    pub(crate) async fn send_once(
        &self,
        method: Method,
        url: Url,
        form: Option<&[(String, String)]>,
    ) -> Result<RawAnswer, GraphError> {
        self.send_counted(method, url, form, 1).await
    }

    /// One request that Meta counts as `calls` calls (a batch counts each of its items).
    async fn send_counted(
        &self,
        method: Method,
        url: Url,
        form: Option<&[(String, String)]>,
        calls: u32,
    ) -> Result<RawAnswer, GraphError> {
        {
            // The hard cap: whatever the UI asks, this client never sends more than
            // `hourly_cap` calls in an hour (Meta allows about 200 per WABA).
            let mut l = self.inner.ledger.lock().unwrap_or_else(|p| p.into_inner());
            l.reserve(chrono::Utc::now(), self.inner.cfg.hourly_cap, calls)
                .map_err(|retry_in| GraphError::LocalBudget { retry_in })?;
        }
        let mut req = self.inner.http.request(method, url).header(
            reqwest::header::AUTHORIZATION,
            self.inner.token.authorization_header(),
        );
        if let Some(form) = form {
            req = req.form(form);
        }
        let resp = req.send().await.map_err(GraphError::from_reqwest)?;
        let status = resp.status();
        let headers = resp.headers().clone();
        if let Some(u) = Usage::from_headers(&headers) {
            *self.inner.usage.lock().unwrap_or_else(|p| p.into_inner()) = u;
        }
        *self
            .inner
            .last_trace
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = header_str(&headers, "x-fb-trace-id");
        let body = read_capped(resp, self.inner.cfg.max_body_bytes).await?;
        Ok(RawAnswer {
            status,
            headers,
            body,
        })
    }

    /// Meta's error text with anything that shares 16 characters with the token withheld (Meta
    /// echoes parameters; every error the client builds passes here, batch items included).
    pub(super) fn redacted(&self, mut meta: MetaError) -> MetaError {
        let tok = &self.inner.token;
        meta.message = super::redact::for_error(&meta.message, tok);
        for f in [&mut meta.user_title, &mut meta.user_msg, &mut meta.details] {
            if let Some(v) = f.as_mut() {
                *v = super::redact::for_error(v, tok);
            }
        }
        meta
    }

    /// Turns an answer into `T`, Meta's error, or an "unexpected answer" error. Never panics.
    pub(crate) fn decode<T: DeserializeOwned>(&self, a: &RawAnswer) -> Result<T, GraphError> {
        let trace = header_str(&a.headers, "x-fb-trace-id");
        if let Some(meta) = parse_envelope(&a.body, a.status.as_u16(), trace.clone()) {
            let mut meta = self.redacted(meta);
            meta.retry_after = retry_after(&a.headers)
                .or_else(|| Usage::from_headers(&a.headers).and_then(|u| u.regain_wait()));
            return Err(GraphError::Meta(Box::new(meta)));
        }
        if a.status.is_success() {
            if let Ok(v) = serde_json::from_slice::<T>(&a.body) {
                return Ok(v);
            }
        }
        Err(GraphError::Unexpected {
            status: a.status.as_u16(),
            snippet: super::error::describe_body(&a.body),
            trace_id: trace,
        })
    }

    /// A read with the client's retry policy: only retryable codes and transport faults retry,
    /// honouring `Retry-After` and `estimated_time_to_regain_access` (`docs/meta-rules.md` §1, §6).
    pub(crate) async fn read_url<T: DeserializeOwned>(&self, url: Url) -> Result<T, GraphError> {
        self.read_with(url, self.inner.cfg.retry).await
    }

    pub(crate) async fn read_with<T: DeserializeOwned>(
        &self,
        url: Url,
        policy: RetryPolicy,
    ) -> Result<T, GraphError> {
        self.read_retrying(Method::GET, url, None, policy, 1).await
    }

    /// The one retry loop for reads (a GET, or the POST that carries a batch of GETs): only
    /// retryable codes and transport faults retry, waiting what the policy and Meta say.
    async fn read_retrying<T: DeserializeOwned>(
        &self,
        method: Method,
        url: Url,
        form: Option<&[(String, String)]>,
        policy: RetryPolicy,
        calls: u32,
    ) -> Result<T, GraphError> {
        let mut attempt = 0;
        let mut url = url;
        loop {
            let result = match self
                .send_counted(method.clone(), url.clone(), form, calls)
                .await
            {
                Ok(a) => self.decode::<T>(&a),
                Err(e) => Err(e),
            };
            // Meta retired a field the app asks for: once more without it (each field once, so
            // this ends), or a clear stop when the read cannot do without it.
            if let Err(e) = &result {
                match self.without_retired_field(e, &url) {
                    Some(Ok(shorter)) => {
                        url = shorter;
                        continue;
                    }
                    Some(Err(stop)) => return Err(stop),
                    None => {}
                }
            }
            match result {
                Err(e) if e.retryable_read() => {
                    let asked = e.meta().and_then(|m| m.retry_after);
                    match policy.delay(attempt, asked) {
                        Some(wait) => {
                            log::info!("graph read failed ({}), retrying in {:?}", short(&e), wait);
                            tokio::time::sleep(wait).await;
                            attempt += 1;
                        }
                        None => return Err(e),
                    }
                }
                other => return other,
            }
        }
    }

    /// `GET {base}/{version}/{path}?query`.
    pub async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<T, GraphError> {
        self.read_url(self.url(path, query)).await
    }

    pub(crate) fn url(&self, path: &str, query: &[(&str, &str)]) -> Url {
        let mut u = self.inner.cfg.url(path);
        if !query.is_empty() {
            u.query_pairs_mut().extend_pairs(query);
        }
        u
    }

    /// POST with a form body, as a read (the Graph batch of `calls` GETs).
    pub(crate) async fn post_form_read<T: DeserializeOwned>(
        &self,
        path: &str,
        form: &[(String, String)],
        calls: u32,
    ) -> Result<T, GraphError> {
        self.read_retrying(
            Method::POST,
            self.url(path, &[]),
            Some(form),
            self.inner.cfg.retry,
            calls,
        )
        .await
    }

    /// Raw bytes of a URL, without the token (profile pictures live on Meta's CDN).
    pub(crate) async fn download_public(
        &self,
        url: Url,
        max_bytes: usize,
    ) -> Result<Vec<u8>, GraphError> {
        let resp = self
            .inner
            .http
            .get(url)
            .send()
            .await
            .map_err(GraphError::from_reqwest)?;
        let status = resp.status();
        if !status.is_success() {
            return Err(GraphError::Unexpected {
                status: status.as_u16(),
                snippet: "picture not available".into(),
                trace_id: None,
            });
        }
        read_capped(resp, max_bytes).await
    }
}

/// Reads a body while it streams, refusing it past `max` bytes (a runaway answer never fills
/// memory).
async fn read_capped(mut resp: reqwest::Response, max: usize) -> Result<Vec<u8>, GraphError> {
    if resp.content_length().is_some_and(|n| n > max as u64) {
        return Err(GraphError::TooLarge { max });
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(GraphError::from_reqwest)? {
        if body.len() + chunk.len() > max {
            return Err(GraphError::TooLarge { max });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

pub(crate) fn header_str(h: &HeaderMap, name: &str) -> Option<String> {
    h.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

/// Meta's envelope when the body is one: a JSON object with an `error` object in it.
pub(crate) fn parse_envelope(body: &[u8], status: u16, trace: Option<String>) -> Option<MetaError> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    if !v.get("error").is_some_and(serde_json::Value::is_object) {
        return None;
    }
    let env: ErrorEnvelope = serde_json::from_value(v).ok()?;
    Some(MetaError::from_body(env.error, status, trace))
}

fn short(e: &GraphError) -> String {
    match e {
        GraphError::Meta(m) => format!("code {}", m.code),
        other => other.to_string(),
    }
}
