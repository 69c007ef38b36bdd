//! The glossary (`docs/glossary.md`) held over every sentence of both languages: a word it says
//! never appears on screen is refused outside the places listed with it (Meta's own labels, the
//! screens that explain the technical connection), and no sentence needs a "(s)" plural (counts
//! go after a colon).

use serde_json::Value;

/// A word (matched whole, case-insensitive) or phrase, and the keys (prefixes) where it may
/// appear.
const NEVER: &[(&str, &[&str])] = &[
    // The portfolio is "portfólio empresarial"; "BM" only in the app's name, the help article's
    // title, and the one sentence that ties the two together.
    (
        "bm",
        &[
            "app.title",
            "app.help_article",
            "business.intro",
            "settings.version",
        ],
    ),
    // The account is "a conta do WhatsApp Business" ("(WABA)" once, in the help; the keyring
    // item's name, "waba-remover", in Settings).
    ("waba", &["help.", "settings.forget_token"]),
    // What the admin pastes is explained where it is asked for; a journey screen never says it.
    (
        "token",
        &[
            "connect.",
            "login.",
            "settings.",
            "help.",
            "errors.token.",
            "errors.vault.",
            "errors.login.",
            "errors.connection.",
            // The sentences for a connection made with a token (the Facebook and practice
            // connections have their own: `errors.meta.190_facebook`, …).
            "errors.meta.10",
            "errors.meta.102",
            "errors.meta.190",
        ],
    ),
    ("webhook", &[]),
    ("webhooks", &[]),
    ("deregister", &[]),
    ("desregistro", &[]),
    ("sandbox", &[]),
    ("hsm", &[]),
    ("2fa", &[]),
    ("cloud api", &[]),
    ("api de nuvem", &[]),
    ("graph api", &["settings.", "connect.", "errors.graph."]),
    ("sessões", &[]),
];

fn sentences(v: &Value, key: String, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                let key = if key.is_empty() {
                    k.clone()
                } else {
                    format!("{key}.{k}")
                };
                sentences(v, key, out);
            }
        }
        Value::String(s) => out.push((key, s.clone())),
        _ => {}
    }
}

/// The sentence without its `{placeholders}` (a value Meta gives is not a word of ours).
fn words_of(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        let word_char = |c: char| c.is_alphanumeric() || c == '_';
        !before.is_some_and(word_char) && !after.is_some_and(word_char)
    })
}

#[test]
fn every_sentence_keeps_the_glossary() {
    let mut offenders = Vec::new();
    for lang in ["pt-BR", "en"] {
        let path = format!("{}/ui/i18n/{lang}.json", env!("CARGO_MANIFEST_DIR"));
        let json: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut all = Vec::new();
        sentences(&json, String::new(), &mut all);
        assert!(all.len() > 300, "{lang}: {} sentences", all.len());
        for (key, sentence) in &all {
            let text = words_of(sentence);
            if text.contains("(s)") {
                offenders.push(format!("{lang} {key}: \"(s)\" in {sentence:?}"));
            }
            for (word, allowed) in NEVER {
                if contains_word(&text, word) && !allowed.iter().any(|a| key.starts_with(a)) {
                    offenders.push(format!("{lang} {key}: \"{word}\" in {sentence:?}"));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "words the glossary keeps off the screen:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_word_test_matches_whole_words_only() {
    assert!(contains_word("o token expirou", "token"));
    assert!(!contains_word("os tokens", "token"));
    assert!(!contains_word("submarine", "bm"));
    assert!(!contains_word("waba_remover_graph_url", "waba"));
    assert_eq!(words_of("Conta {waba} aprovada"), "conta  aprovada");
}
