//! Graph batch of reads (`docs/meta-rules.md` §1): `POST /` with `batch=[...]`, at most 50 items, answers in
//! request order, an item may be `null`. Only GETs go in a batch: the type has no other method.

use super::client::{parse_envelope, GraphClient};
use super::error::{GraphError, TransportKind};
use super::wire::{BatchItem, BatchRequest};
use serde::de::DeserializeOwned;
use serde_json::Value;

pub const MAX_BATCH: usize = 50;

/// Answers of a batch, one per read, in order.
#[derive(Debug)]
pub struct BatchAnswers(Vec<Result<Value, GraphError>>);

impl BatchAnswers {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(super) fn from_answers(answers: Vec<Result<Value, GraphError>>) -> Self {
        Self(answers)
    }

    pub(super) fn into_inner(self) -> Vec<Result<Value, GraphError>> {
        self.0
    }

    /// The `i`th answer decoded as `T`.
    pub fn take<T: DeserializeOwned>(&mut self, i: usize) -> Result<T, GraphError> {
        let slot = self.0.get_mut(i).ok_or_else(|| GraphError::Unexpected {
            status: 200,
            snippet: format!("batch answer {i} missing"),
            trace_id: None,
        })?;
        let v = std::mem::replace(slot, Ok(Value::Null))?;
        serde_json::from_value(v).map_err(|e| GraphError::Unexpected {
            status: 200,
            snippet: format!(
                "batch answer {i} has an unexpected shape (at line {}, column {})",
                e.line(),
                e.column()
            ),
            trace_id: None,
        })
    }
}

impl GraphClient {
    /// A relative URL for a batch item: `{version}/{path}?{query}`.
    pub fn relative(&self, path: &str, query: &[(&str, &str)]) -> String {
        let u = self.url(path, query);
        let base_path = self.config().base().path();
        let p = u
            .path()
            .strip_prefix(base_path)
            .unwrap_or(u.path())
            .to_owned();
        match u.query() {
            Some(q) => format!("{p}?{q}"),
            None => p,
        }
    }

    /// Sends reads as Graph batches of up to 50, one round trip per 50.
    pub async fn batch_get(&self, relative_urls: &[String]) -> Result<BatchAnswers, GraphError> {
        let mut out = Vec::with_capacity(relative_urls.len());
        for chunk in relative_urls.chunks(MAX_BATCH) {
            let reqs: Vec<BatchRequest> = chunk
                .iter()
                .map(|u| BatchRequest {
                    method: "GET".into(),
                    relative_url: u.clone(),
                })
                .collect();
            let form = vec![
                (
                    "batch".to_owned(),
                    serde_json::to_string(&reqs).expect("plain strings serialize"),
                ),
                ("include_headers".to_owned(), "false".to_owned()),
            ];
            // Meta counts each item of a batch as one call (`docs/meta-rules.md` §1).
            let calls = u32::try_from(chunk.len()).unwrap_or(u32::MAX);
            let items: Vec<Option<BatchItem>> = self.post_form_read("", &form, calls).await?;
            if items.len() != chunk.len() {
                return Err(GraphError::Unexpected {
                    status: 200,
                    snippet: format!(
                        "batch answered {} items for {} requests",
                        items.len(),
                        chunk.len()
                    ),
                    trace_id: None,
                });
            }
            for (item, relative) in items.into_iter().zip(chunk) {
                let answer = decode_item(item).map_err(|e| match e {
                    GraphError::Meta(m) => GraphError::Meta(Box::new(self.redacted(*m))),
                    other => other,
                });
                // Meta retired a field of this read: it is read again alone, without that field
                // when it is optional (the read loop knows how), `docs/meta-rules.md` §15.
                let retired = answer
                    .as_ref()
                    .err()
                    .and_then(|e| e.meta())
                    .is_some_and(|m| {
                        m.code == super::error::codes::INVALID_PARAMETER
                            && super::documented::nonexisting_field(&m.message).is_some()
                    });
                if retired {
                    let url = self.config().base().join(relative).map_err(|_| {
                        GraphError::Config("a batch item's address is not valid".into())
                    })?;
                    out.push(self.read_url::<Value>(url).await);
                } else {
                    out.push(answer);
                }
            }
        }
        Ok(BatchAnswers(out))
    }
}

fn decode_item(item: Option<BatchItem>) -> Result<Value, GraphError> {
    let Some(item) = item else {
        return Err(GraphError::Transport {
            kind: TransportKind::Timeout,
            detail: "a batch item timed out".into(),
        });
    };
    let body = item.body.unwrap_or_default();
    if let Some(meta) = parse_envelope(body.as_bytes(), item.code, None) {
        return Err(GraphError::Meta(Box::new(meta)));
    }
    if (200..300).contains(&item.code) {
        serde_json::from_str(&body).map_err(|_| GraphError::Unexpected {
            status: item.code,
            snippet: super::error::describe_body(body.as_bytes()),
            trace_id: None,
        })
    } else {
        Err(GraphError::Unexpected {
            status: item.code,
            snippet: super::error::describe_body(body.as_bytes()),
            trace_id: None,
        })
    }
}
