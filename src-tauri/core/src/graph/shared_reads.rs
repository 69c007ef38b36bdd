//! Reads a run shares between its numbers (`docs/meta-rules.md` §1, the budget). Meta counts
//! every call against the hour's budget, each item of a batch included, so what belongs to the
//! connection (`me`, its permissions), to the portfolio or to the account (the account, its
//! numbers, access, webhooks, credit, a year of usage, its templates) is read once per run, not
//! once per number: the support console's release of 20 numbers in 5 accounts then costs about
//! half the calls.
//!
//! Only Meta's successful answers are kept, and only for the run that made the value (it is
//! dropped with the run). What proves a number's state after a write (the deregister, the
//! proof that a number left its account) is never read through it.

use super::batch::BatchAnswers;
use super::client::GraphClient;
use super::error::GraphError;
use super::ids::{PhoneNumberId, WabaId};
use super::model::PhoneNumber;
use super::wire::Page;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Debug, Default)]
pub struct SharedReads {
    /// A read's key (its relative URL, or a name for a read whose URL carries the time) →
    /// Meta's answer.
    answers: Mutex<HashMap<String, Value>>,
    /// Account id → a verified backup of this run holding the account's templates.
    templates: Mutex<HashMap<String, PathBuf>>,
}

impl SharedReads {
    /// Meta's answer kept under `key`, decoded as `T`.
    pub fn get<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        let answers = self.answers.lock().unwrap_or_else(|p| p.into_inner());
        serde_json::from_value(answers.get(key)?.clone()).ok()
    }

    fn keep_value(&self, key: &str, v: Value) {
        self.answers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key.to_owned(), v);
    }

    /// `read`'s answer, from this run's earlier read under `key` when there is one.
    pub async fn read<T, F>(&self, key: &str, read: F) -> Result<T, GraphError>
    where
        T: Serialize + DeserializeOwned,
        F: Future<Output = Result<T, GraphError>>,
    {
        if let Some(v) = self.get(key) {
            return Ok(v);
        }
        let v = read.await?;
        if let Ok(json) = serde_json::to_value(&v) {
            self.keep_value(key, json);
        }
        Ok(v)
    }

    /// The number as this run's read of its account's list gave it (the same fields as its own
    /// read), when the run read that list.
    pub fn listed_number(
        &self,
        client: &GraphClient,
        waba: &WabaId,
        number: &PhoneNumberId,
    ) -> Option<PhoneNumber> {
        self.get::<Page<PhoneNumber>>(&client.phone_numbers_relative(waba))?
            .data
            .into_iter()
            .find(|n| n.id == number.as_str())
    }

    /// The number's fields: from this run's list of its account, or read.
    pub async fn number(
        &self,
        client: &GraphClient,
        waba: &WabaId,
        number: &PhoneNumberId,
    ) -> Result<PhoneNumber, GraphError> {
        match self.listed_number(client, waba, number) {
            Some(n) => Ok(n),
            None => client.phone_number(number).await,
        }
    }

    /// A verified backup of this run that holds `account`'s templates.
    pub fn templates_in(&self, account: &str) -> Option<PathBuf> {
        self.templates
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(account)
            .cloned()
    }

    /// Notes that `backup` (verified) holds `account`'s templates, read from Meta in this run.
    pub fn keep_templates_in(&self, account: &str, backup: &Path) {
        self.templates
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(account.to_owned(), backup.to_path_buf());
    }
}

impl GraphClient {
    /// A batch of reads where `shared` (when given) answers what this run already read; the
    /// rest goes to Meta in one batch, and the answers whose index `keep` names are kept for
    /// the run's next numbers.
    pub async fn batch_get_sharing(
        &self,
        relative_urls: &[String],
        shared: Option<&SharedReads>,
        keep: impl Fn(usize) -> bool,
    ) -> Result<BatchAnswers, GraphError> {
        let Some(shared) = shared else {
            return self.batch_get(relative_urls).await;
        };
        let known: Vec<Option<Value>> = relative_urls
            .iter()
            .enumerate()
            .map(|(i, u)| keep(i).then(|| shared.get::<Value>(u)).flatten())
            .collect();
        let missing: Vec<String> = relative_urls
            .iter()
            .zip(&known)
            .filter(|(_, k)| k.is_none())
            .map(|(u, _)| u.clone())
            .collect();
        let mut asked = if missing.is_empty() {
            Vec::new().into_iter()
        } else {
            self.batch_get(&missing).await?.into_inner().into_iter()
        };
        let mut out = Vec::with_capacity(relative_urls.len());
        for (i, (url, known)) in relative_urls.iter().zip(known).enumerate() {
            let answer = match known {
                Some(v) => Ok(v),
                None => asked.next().unwrap_or_else(|| {
                    Err(GraphError::Unexpected {
                        status: 200,
                        snippet: format!("batch answer {i} missing"),
                        trace_id: None,
                    })
                }),
            };
            if let (true, Ok(v)) = (keep(i), &answer) {
                shared.keep_value(url, v.clone());
            }
            out.push(answer);
        }
        Ok(BatchAnswers::from_answers(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_kept_read_is_not_read_again_and_an_error_is_not_kept() {
        let shared = SharedReads::default();
        let calls = std::sync::atomic::AtomicUsize::new(0);
        let read = || async {
            calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Ok::<_, GraphError>(vec![1, 2, 3])
        };
        assert_eq!(shared.read("k", read()).await.unwrap(), vec![1, 2, 3]);
        assert_eq!(shared.read("k", read()).await.unwrap(), vec![1, 2, 3]);
        assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 1);
        let failing = async { Err::<Vec<u8>, _>(GraphError::Config("no".into())) };
        assert!(shared.read("e", failing).await.is_err());
        assert!(shared.get::<Vec<u8>>("e").is_none());
    }
}
