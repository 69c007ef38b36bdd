//! `?fields=a,b,c` selection as Graph does it (`docs/meta-rules.md` §1), including the nested
//! `field.modifier(value)` syntax used by `pricing_analytics`.

use serde_json::{Map, Value};

/// Splits a `fields` list on top-level commas (commas inside `(...)` or `[...]` stay).
pub fn split_fields(list: &str) -> Vec<String> {
    let (mut out, mut cur, mut depth) = (Vec::new(), String::new(), 0i32);
    for c in list.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                if !cur.trim().is_empty() {
                    out.push(cur.trim().to_owned());
                }
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_owned());
    }
    out
}

/// The bare name of a field expression: `pricing_analytics.start(1)...` → `pricing_analytics`.
pub fn field_name(expr: &str) -> &str {
    expr.split(['.', '(', '{']).next().unwrap_or(expr).trim()
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
