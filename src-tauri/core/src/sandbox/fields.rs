//! `?fields=a,b,c` selection as Graph does it (`docs/meta-rules.md` §1), including the nested
//! `field.modifier(value)` syntax used by `pricing_analytics`.

use serde_json::{Map, Value};

use crate::graph::documented::Node;
pub use crate::graph::documented::{field_name, split_fields};

/// Meta's answer to a field its node type does not have (or no longer has): HTTP 400, code 100,
/// "(#100) Tried accessing nonexisting field (NAME) on node type (TYPE)". The whole read fails.
pub(crate) fn check_fields(
    fields: Option<&str>,
    node: &Node,
    retired: &[(String, String)],
) -> Result<(), super::shared::SbErr> {
    for expr in split_fields(fields.unwrap_or("")) {
        let name = field_name(&expr);
        let gone = retired.iter().any(|(n, f)| n == node.name && f == name);
        if gone || !node.documents(name) {
            return Err(super::shared::SbErr::new(
                100,
                format!(
                    "(#100) Tried accessing nonexisting field ({name}) on node type ({})",
                    node.name
                ),
            ));
        }
    }
    Ok(())
}

/// Keeps only the requested fields of `obj` (and always `id`, as Graph does). With no list,
/// `default` decides.
pub fn select(obj: Value, fields: Option<&str>, default: &[&str]) -> Value {
    let Value::Object(map) = obj else { return obj };
    let wanted: Vec<String> = match fields {
        Some(f) if !f.trim().is_empty() => split_fields(f)
            .iter()
            .map(|e| field_name(e).to_owned())
            .collect(),
        _ => default.iter().map(|s| (*s).to_owned()).collect(),
    };
    let mut out = Map::new();
    if let Some(id) = map.get("id") {
        out.insert("id".into(), id.clone());
    }
    for k in wanted {
        if let Some(v) = map.get(&k) {
            if !v.is_null() {
                out.insert(k, v.clone());
            }
        }
    }
    Value::Object(out)
}

/// The modifiers of a field expression: `start(1).end(2).phone_numbers(["55"])` →
/// `[("start","1"),("end","2"),("phone_numbers","[\"55\"]")]`.
pub fn modifiers(expr: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = match expr.find('.') {
        Some(i) => &expr[i + 1..],
        None => return out,
    };
    while let Some(open) = rest.find('(') {
        let name = rest[..open].trim_start_matches('.').to_owned();
        let mut depth = 0;
        let mut end = None;
        for (i, c) in rest[open..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(open + i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(end) = end else { break };
        out.push((name, rest[open + 1..end].to_owned()));
        rest = &rest[end + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_expressions_stay_whole() {
        let f = split_fields(
            "id,name,pricing_analytics.start(1).phone_numbers([\"1\",\"2\"]).granularity(DAILY)",
        );
        assert_eq!(f.len(), 3);
        assert_eq!(field_name(&f[2]), "pricing_analytics");
        let m = modifiers(&f[2]);
        assert_eq!(m[0], ("start".into(), "1".into()));
        assert_eq!(m[1], ("phone_numbers".into(), "[\"1\",\"2\"]".into()));
        assert_eq!(m[2], ("granularity".into(), "DAILY".into()));
    }

    #[test]
    fn select_keeps_id_and_requested() {
        let v = select(
            json!({"id":"1","name":"a","secret":"b","n":null}),
            Some("name,n,missing"),
            &[],
        );
        assert_eq!(v, json!({"id":"1","name":"a"}));
        assert_eq!(
            select(json!({"id":"1","name":"a","x":1}), None, &["name"]),
            json!({"id":"1","name":"a"})
        );
    }
}
