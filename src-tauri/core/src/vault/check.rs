//! `waba-remover keyring-check`: a support diagnostic. Saves, reads back and forgets a probe
//! entry (never a real token) and prints one JSON line: which store the vault chose, whether a
//! saved token survives a reboot, and what failed. Answers "why does the app forget my token?".

use super::{chosen_store, forget, load, save, AccessToken, StoreKind};
use serde_json::json;

const PROBE: &str = "__keyring-check__";

pub fn main() -> i32 {
    let probe = AccessToken::generate_practice();
    let store = chosen_store();
    let result = (|| {
        save(PROBE, &probe)?;
        let back = load(PROBE)?;
        let same = back.is_some_and(|b| b.masked() == probe.masked());
        forget(PROBE)?;
        let gone = load(PROBE)?.is_none();
        Ok::<_, super::VaultError>(same && gone)
    })();
    let line = json!({
        "store": store.as_ref().ok(),
        "persistent": store.as_ref().ok().is_some_and(|s: &StoreKind| s.persistent()),
        "round_trip": result.as_ref().ok(),
        "error": result.as_ref().err().map(|e| e.to_string()).or_else(|| store.as_ref().err().map(|e| e.to_string())),
    });
    println!("{line}");
    if matches!(result, Ok(true)) {
        0
    } else {
        1
    }
}
