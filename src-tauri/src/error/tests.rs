//! Every code reaches the UI with a sentence in both languages; Meta's code and trace id ride along.

use super::*;
use waba_core::graph::MetaError;

fn meta(code: i64) -> GraphError {
    GraphError::Meta(Box::new(MetaError {
        code,
        subcode: Some(463),
        message: "m".into(),
        user_title: None,
        user_msg: Some("Sessão expirada".into()),
        details: None,
        trace_id: Some("AbC".into()),
        is_transient: None,
        http_status: 400,
        retry_after: None,
    }))
}

#[test]
fn meta_errors_reach_the_ui_with_code_and_trace() {
    let e: CommandError = meta(190).into();
    let v = serde_json::to_value(&e).unwrap();
    assert_eq!(v["code"], "meta.190");
    assert_eq!(v["details"]["trace_id"], "AbC");
    assert_eq!(v["details"]["subcode"], 463);
    assert!(v.get("message").is_some());
    assert_eq!(
        CommandError::from(meta(4242)).code.as_string(),
        "meta.unknown"
    );
    assert_eq!(CommandError::from(meta(201)).code.as_string(), "meta.200");
}

fn has_key(json: &str, key: &str) -> bool {
    let v: serde_json::Value = serde_json::from_str(json).expect("locale is JSON");
    key.split('.')
        .try_fold(&v, |v, k| v.get(k))
        .is_some_and(serde_json::Value::is_string)
}

/// Every code a command can return has a sentence in both languages.
#[test]
fn every_error_code_has_a_sentence_in_both_languages() {
    let all = ErrorCode::all();
    assert!(all.len() > 60, "{}", all.len());
    for locale in [
        include_str!("../../../ui/i18n/pt-BR.json"),
        include_str!("../../../ui/i18n/en.json"),
    ] {
        for code in &all {
            let key = format!("errors.{}", code.as_string());
            assert!(has_key(locale, &key), "no sentence for {key}");
        }
    }
}

/// Every reason a deregister was not needed has its sentence (the UI builds the key from it).
#[test]
fn every_not_needed_reason_has_a_sentence() {
    use waba_core::removal::journal::NotNeeded::*;
    for r in [Coexistence, NotRegistered, AlreadyGone, NotFound] {
        let name = serde_json::to_value(r).unwrap();
        let key = format!(
            "delete_number.deregister_not_needed_{}",
            name.as_str().unwrap()
        );
        for locale in [
            include_str!("../../../ui/i18n/pt-BR.json"),
            include_str!("../../../ui/i18n/en.json"),
        ] {
            assert!(has_key(locale, &key), "no sentence for {key}");
        }
    }
}

#[test]
fn every_code_of_metas_table_keeps_its_own_code() {
    for (c, _) in CODE_TABLE {
        assert_eq!(CommandError::from(meta(*c)).code, ErrorCode::Meta(*c));
    }
}
