//! Every code reaches the UI with a sentence in both languages; Meta's code and trace id ride along.

use super::*;
use waba_core::graph::{MetaError, CODE_TABLE};

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
    use waba_core::steps::deregister_record::NotNeeded::*;
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

/// The sentence the UI picks for a code and a connection kind (`ui/api.js`, `errorText`): the
/// kind's own when it has one, else the code's.
fn sentence(json: &str, code: &str, kind: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(json).expect("locale is JSON");
    let at = |key: &str| {
        key.split('.')
            .try_fold(&v, |v, k| v.get(k))
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
    };
    at(&format!("errors.{code}_{kind}"))
        .or_else(|| at(&format!("errors.{code}")))
        .unwrap_or_default()
}

/// Every error code × how the admin is connected: no sentence names a thing that connection
/// does not have (a Facebook login has no system user and nothing to paste; practice has neither).
#[test]
fn no_error_sentence_names_what_the_connection_does_not_have() {
    let locale = include_str!("../../../ui/i18n/pt-BR.json");
    // Codes a connection cannot meet: the Facebook login exists only with an App ID, and
    // practice logs in through its own dialog, which needs none.
    let unreachable = [
        ("facebook", "login.no_app_id"),
        ("practice", "login.no_app_id"),
    ];
    let forbidden = [
        (
            "facebook",
            [
                "usuário do sistema",
                "Gere um novo token",
                "cole um novo token",
            ],
        ),
        (
            "practice",
            [
                "usuário do sistema",
                "Gere um novo token",
                "Entre de novo com o Facebook",
            ],
        ),
    ];
    let mut found = Vec::new();
    for code in ErrorCode::all() {
        let code = code.as_string();
        for (kind, words) in &forbidden {
            if unreachable.contains(&(*kind, code.as_str())) {
                continue;
            }
            let s = sentence(locale, &code, kind);
            for w in words {
                if s.contains(w) {
                    found.push(format!("{kind} × {code}: {w}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}
