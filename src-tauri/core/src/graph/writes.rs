//! The client's writes (`docs/meta-rules.md` §5): each sent exactly once, never retried; Meta's
//! `{"success": true}` checked in one place.

use super::client::{header_str, GraphClient, RawAnswer, WriteReceipt};
use super::error::GraphError;
use super::wire::Success;
use reqwest::Method;
use serde::de::DeserializeOwned;

impl GraphClient {
    /// A write: sent exactly once, never retried (`docs/meta-rules.md` §5).
    pub(crate) async fn write(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<WriteReceipt, GraphError> {
        let a = self.send_once(method, self.url(path, query), None).await?;
        self.success(&a)
    }

    /// Meta's `{"success": true}`; anything else is an unexpected answer.
    fn success(&self, a: &RawAnswer) -> Result<WriteReceipt, GraphError> {
        let trace_id = header_str(&a.headers, "x-fb-trace-id");
        let ok: Success = self.decode(a)?;
        if !ok.success {
            return Err(GraphError::Unexpected {
                status: a.status.as_u16(),
                snippet: "success: false".into(),
                trace_id,
            });
        }
        Ok(WriteReceipt { trace_id })
    }

    /// A write (form body) whose answer is an object of its own, not `{"success": true}`.
    pub(crate) async fn write_form_answer<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        form: &[(String, String)],
    ) -> Result<T, GraphError> {
        let a = self
            .send_once(method, self.url(path, &[]), Some(form))
            .await?;
        self.decode(&a)
    }

    /// A write whose parameters go in the form body (a secret never travels in a URL).
    pub(crate) async fn write_form(
        &self,
        method: Method,
        path: &str,
        form: &[(String, String)],
    ) -> Result<WriteReceipt, GraphError> {
        let a = self
            .send_once(method, self.url(path, &[]), Some(form))
            .await?;
        self.success(&a)
    }
}
