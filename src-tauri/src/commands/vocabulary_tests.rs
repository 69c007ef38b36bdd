//! `ui/vocabulary.js` is generated from the enums that cross the IPC (`waba_core::vocabulary`):
//! the screens compare with its constants, never with string literals. This test fails when the
//! file and the Rust enums disagree; `WRITE_VOCABULARY=1 cargo test vocabulary` rewrites it.

use waba_core::connection::Mode;
use waba_core::release::{ReleaseRoad, ReleaseStatus};
use waba_core::removal::roads::{Asset, Downtime, Goal, NotThisRoad, RoadId, RoadStep};
use waba_core::removal::support_request::SupportCase;
use waba_core::removal::{JourneyPath, MoveItemId, MoveStatus, PollTarget, ProofKind, Stage};
use waba_core::restore::migrate::NotMigrated;
use waba_core::steps::checks::{CheckId, CheckStatus};
use waba_core::steps::deregister_record::{DeregisterOutcome, NotNeeded};
use waba_core::vocabulary::Vocabulary;

fn constant<V: Vocabulary>() -> String {
    let mut out = format!("export const {} = Object.freeze({{\n", V::NAME);
    for (ident, wire) in V::wire_names() {
        let mut key = String::new();
        for (i, ch) in ident.chars().enumerate() {
            if ch.is_uppercase() && i > 0 {
                key.push('_');
            }
            key.push(ch.to_ascii_uppercase());
        }
        out.push_str(&format!("  {key}: '{wire}',\n"));
    }
    out.push_str("});\n");
    out
}

/// Every enum that crosses the IPC, once: its JavaScript constant and its wire names.
fn every_enum() -> Vec<(String, Vec<(&'static str, String)>)> {
    fn one<V: Vocabulary>() -> (String, Vec<(&'static str, String)>) {
        (constant::<V>(), V::wire_names())
    }
    vec![
        one::<Mode>(),
        one::<Stage>(),
        one::<JourneyPath>(),
        one::<CheckId>(),
        one::<CheckStatus>(),
        one::<DeregisterOutcome>(),
        one::<NotNeeded>(),
        one::<ProofKind>(),
        one::<PollTarget>(),
        one::<MoveItemId>(),
        one::<MoveStatus>(),
        one::<ReleaseStatus>(),
        one::<ReleaseRoad>(),
        one::<Goal>(),
        one::<RoadId>(),
        one::<NotThisRoad>(),
        one::<Asset>(),
        one::<Downtime>(),
        one::<RoadStep>(),
        one::<NotMigrated>(),
        one::<SupportCase>(),
    ]
}

fn generated() -> String {
    let mut out = String::from(
        "// The words this page and the app share, generated from the Rust enums that cross the IPC\n\
         // (src-tauri/core/src/vocabulary.rs). Do not edit: `WRITE_VOCABULARY=1 cargo test\n\
         // vocabulary` rewrites it, and the tests fail when it differs from Rust.\n",
    );
    for (c, _) in every_enum() {
        out.push('\n');
        out.push_str(&c);
    }
    out
}

#[test]
fn ui_vocabulary_matches_the_rust_enums() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/vocabulary.js");
    let want = generated();
    if std::env::var_os("WRITE_VOCABULARY").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "ui/vocabulary.js differs from the Rust enums: run `WRITE_VOCABULARY=1 cargo test vocabulary`"
    );
}

/// The screens compare IPC values with the vocabulary's constants: a quoted wire name in a
/// comparison (`=== 'practice'`) is a string where a type belongs.
#[test]
fn screens_compare_with_the_vocabulary_not_with_literals() {
    let wires: Vec<String> = every_enum()
        .into_iter()
        .flat_map(|(_, names)| names.into_iter().map(|(_, w)| w))
        .collect();
    let files: Vec<_> = super::tests::ui_modules()
        .into_iter()
        .filter(|p| !p.ends_with("vocabulary.js"))
        .collect();
    let mut found = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for w in &wires {
            for op in ["=== ", "!== ", "case "] {
                if text.contains(&format!("{op}'{w}'")) {
                    found.push(format!("{}: {op}'{w}'", f.display()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "literals where the vocabulary belongs: {found:#?}"
    );
}
