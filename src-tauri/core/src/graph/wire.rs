//! The wrappers Meta puts around answers (`docs/meta-rules.md` §1, §2, §6): pages, the write
//! answer, the error envelope, batch items and the usage headers. Shared by the client, which
//! reads them, and the practice sandbox, which writes them.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A page of an edge: `{"data":[...],"paging":{"cursors":{...},"next":"<absolute url>"}}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Page<T> {
    #[serde(default = "Vec::new")]
    pub data: Vec<T>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paging: Option<Paging>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Paging {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursors: Option<Cursors>,
    /// Absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Cursors {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

/// An object of which only the id was asked (`fields=id`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdOnly {
    pub id: String,
}

/// `{"success": true}` of the three writes (`docs/meta-rules.md` §5).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Success {
    #[serde(default)]
    pub success: bool,
}

/// Meta's error envelope (`docs/meta-rules.md` §6). Every field but `message`/`code` may be missing; here
/// even those are optional so that a half envelope still parses.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ErrorEnvelope {
    pub error: ErrorBody,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ErrorBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_subcode: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_user_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_user_msg: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_data: Option<ErrorData>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_transient: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fbtrace_id: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ErrorData {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messaging_product: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
}

/// One item of a batch answer: `{"code":200,"body":"<json string>"}`; `null` on timeout.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BatchItem {
    pub code: u16,
    #[serde(default)]
    pub body: Option<String>,
}

/// One request of a batch: reads only (`docs/meta-rules.md` §1: "Batch only reads").
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BatchRequest {
    pub method: String,
    pub relative_url: String,
}

/// One entry of the `x-business-use-case-usage` header, per business id (`docs/meta-rules.md` §1).
/// Figures are percentages of the budget; Meta sends integers, read as numbers of any kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BusinessUseCaseUsage {
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_count: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_cputime: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_time: Option<f64>,
    /// Minutes until calls are accepted again; 0 when not throttled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_time_to_regain_access: Option<f64>,
}

/// The whole `x-business-use-case-usage` header: business id → entries.
pub type BusinessUseCaseHeader = BTreeMap<String, Vec<BusinessUseCaseUsage>>;

/// The `x-app-usage` header.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AppUsage {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_count: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_cputime: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_time: Option<f64>,
}

impl BusinessUseCaseUsage {
    /// The highest of the three figures.
    pub fn peak(&self) -> Option<f64> {
        peak([self.call_count, self.total_cputime, self.total_time])
    }
}

impl AppUsage {
    pub fn peak(&self) -> Option<f64> {
        peak([self.call_count, self.total_cputime, self.total_time])
    }
}

fn peak(v: [Option<f64>; 3]) -> Option<f64> {
    v.into_iter()
        .flatten()
        .fold(None, |m, x| Some(m.map_or(x, |m: f64| m.max(x))))
}
