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

/// A request body's parameters as Graph reads them: a JSON object (each value as its text, or its
/// JSON when it is not a string, the way Meta's examples send `components`) or a form.
pub(crate) fn body_params(body: &[u8]) -> Vec<(String, String)> {
    let trimmed = body.trim_ascii_start();
    if trimmed.first() == Some(&b'{') {
        if let Ok(serde_json::Value::Object(map)) = serde_json::from_slice(trimmed) {
            return map
                .into_iter()
                .map(|(k, v)| match v {
                    serde_json::Value::String(s) => (k, s),
                    other => (k, other.to_string()),
                })
                .collect();
        }
    }
    url::form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

#[cfg(test)]
mod body_tests {
    use super::body_params;

    #[test]
    fn json_and_form_bodies_give_the_same_parameters() {
        let json =
            br#"{"name":"promo","components":[{"type":"BODY","text":"Oi"}],"page_number":0}"#;
        let form = b"name=promo&components=%5B%7B%22type%22%3A%22BODY%22%2C%22text%22%3A%22Oi%22%7D%5D&page_number=0";
        let parse = |p: Vec<(String, String)>| {
            let mut p: Vec<(String, serde_json::Value)> = p
                .into_iter()
                .map(|(k, v)| {
                    let v = serde_json::from_str(&v).unwrap_or(serde_json::Value::String(v));
                    (k, v)
                })
                .collect();
            p.sort_by(|a, b| a.0.cmp(&b.0));
            p
        };
        assert_eq!(parse(body_params(json)), parse(body_params(form)));
    }
}
