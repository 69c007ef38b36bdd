//! Fields Meta retires or renames between versions (`docs/meta-rules.md` §15): asking for one fails
//! the whole read with "(#100) Tried accessing nonexisting field (NAME) on node type (TYPE)". An
//! optional field is dropped from the read's `fields` and the read goes again; a field the read
//! cannot do without stops it with its own error.

use super::documented::{field_name, nonexisting_field, split_fields, REQUIRED};
use super::error::GraphError;
use url::Url;

/// For a read Meta refused over a field: `Some(Ok((url without the field, field)))` when the
/// field is optional, `Some(Err(FieldRetired))` when it is required, `None` when the error is
/// something else (or the field is not in this read's list).
pub(crate) fn without_retired_field(
    e: &GraphError,
    url: &Url,
) -> Option<Result<(Url, String), GraphError>> {
    let m = e
        .meta()
        .filter(|m| m.code == super::error::codes::INVALID_PARAMETER)?;
    let (field, node) = nonexisting_field(&m.message)?;
    let fields = url
        .query_pairs()
        .find(|(k, _)| k == "fields")
        .map(|(_, v)| v.into_owned())?;
    let all = split_fields(&fields);
    let kept: Vec<&str> = all
        .iter()
        .map(String::as_str)
        .filter(|f| field_name(f) != field)
        .collect();
    if kept.len() == all.len() {
        return None;
    }
    if REQUIRED.contains(&field) {
        return Some(Err(GraphError::FieldRetired {
            field: field.to_owned(),
            node: node.map(str::to_owned),
        }));
    }
    let mut u = url.clone();
    let others: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| k != "fields")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    {
        let mut q = u.query_pairs_mut();
        q.clear();
        q.extend_pairs(others);
        q.append_pair("fields", &kept.join(","));
    }
    Some(Ok((u, field.to_owned())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::error::MetaError;

    fn refused(field: &str) -> GraphError {
        GraphError::Meta(Box::new(MetaError {
            code: 100,
            subcode: None,
            message: format!(
                "(#100) Tried accessing nonexisting field ({field}) on node type (WhatsAppBusinessPhoneNumber)"
            ),
            user_title: None,
            user_msg: None,
            details: None,
            trace_id: None,
            is_transient: None,
            http_status: 400,
            retry_after: None,
        }))
    }

    #[test]
    fn an_optional_field_is_dropped_and_a_required_one_stops() {
        let u = Url::parse("http://h/v25.0/1?fields=id,status,throughput&limit=5").unwrap();
        let (shorter, f) = without_retired_field(&refused("throughput"), &u)
            .unwrap()
            .unwrap();
        assert_eq!(f, "throughput");
        let q: Vec<(String, String)> = shorter.query_pairs().into_owned().collect();
        assert!(q.contains(&("fields".into(), "id,status".into())));
        assert!(q.contains(&("limit".into(), "5".into())));
        assert!(matches!(
            without_retired_field(&refused("status"), &u),
            Some(Err(GraphError::FieldRetired { .. }))
        ));
        assert!(without_retired_field(&refused("name"), &u).is_none());
    }
}
