//! What every area of the sandbox's routes shares: the query, the usage answer, the version
//! segment, and turning a contract value into JSON.

use serde::Serialize;
use serde_json::Value;

pub(crate) type Query = [(String, String)];
/// The business whose use-case budget a call counted against, and how full it is (percent).
pub(crate) type Usage = Option<(String, f64)>;

/// `v25.0`: a Graph version segment.
pub(crate) fn is_version(s: &str) -> bool {
    s.strip_prefix('v').is_some_and(|r| {
        r.split('.').count() == 2
            && r.split('.')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    })
}

pub(crate) fn q<'a>(query: &'a Query, key: &str) -> Option<&'a str> {
    query
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// A contract value as JSON (the model types always serialize).
pub(crate) fn to_json<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).expect("contract types serialize")
}
