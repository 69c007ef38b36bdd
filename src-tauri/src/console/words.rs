//! The console says checks and a release's outcomes in the app's own words
//! (`ui/i18n/pt-BR.json`): an analyst and an admin read the same word for the same thing.

use serde::Serialize;
use serde_json::Value;
use std::sync::OnceLock;

fn locale() -> &'static Value {
    static LOCALE: OnceLock<Value> = OnceLock::new();
    LOCALE.get_or_init(|| {
        serde_json::from_str(include_str!("../../../ui/i18n/pt-BR.json")).unwrap_or(Value::Null)
    })
}

/// The sentence at `key` (`checks.admin.title`); the key itself if there is none.
fn word(key: &str) -> String {
    key.split('.')
        .try_fold(locale(), |v, k| v.get(k))
        .and_then(Value::as_str)
        .map_or_else(|| key.to_owned(), str::to_owned)
}

/// An enum's name on the wire (`paid_messages`).
fn wire(v: impl Serialize) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Meta's value in the app's words (`status`, `CONNECTED` → "Conectado"), or Meta's own when the
/// app has none (like the screens' `metaLabel`).
pub fn meta(group: &str, value: Option<&str>) -> String {
    match value {
        None => "—".into(),
        Some(v) => {
            let w = word(&format!("{group}.{v}"));
            if w.starts_with(&format!("{group}.")) {
                v.to_owned()
            } else {
                w
            }
        }
    }
}

/// A check's title, as the Pré-requisitos screen shows it.
pub fn check(id: waba_core::steps::checks::CheckId) -> String {
    word(&format!("checks.{}.title", wire(id)))
}

/// A check's verdict, as the screen's badge says it.
pub fn verdict(s: waba_core::steps::checks::CheckStatus) -> String {
    word(&format!("checks.status_{}", wire(s)))
}

/// Where a number of a release ended, as the app's progress list says it.
pub fn release(s: waba_core::release::ReleaseStatus) -> String {
    word(&format!("release.{}", wire(s)))
}

#[cfg(test)]
mod tests {
    use waba_core::release::ReleaseStatus;
    use waba_core::steps::checks::{CheckId, CheckStatus};
    use waba_core::vocabulary::Vocabulary;

    /// Every value has its word in the app's locale (none falls back to its key).
    #[test]
    fn every_check_verdict_and_outcome_has_the_apps_word() {
        for id in CheckId::ALL {
            assert!(!super::check(*id).starts_with("checks."), "{id:?}");
        }
        for s in CheckStatus::ALL {
            assert!(!super::verdict(*s).starts_with("checks."), "{s:?}");
        }
        for s in ReleaseStatus::ALL {
            assert!(!super::release(*s).starts_with("release."), "{s:?}");
        }
    }
}
