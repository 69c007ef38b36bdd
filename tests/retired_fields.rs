//! Meta renames and retires fields between versions, and asking for a field a node no longer has
//! fails the whole read (`docs/meta-rules.md` §15). Every read the app makes (the checks, the
//! backup, the proof) is run against the sandbox with one field retired at a time: an optional
//! field is read again without it and named as unreadable; a required one stops with its own error.

use crate::common;
use common::*;
use std::time::Duration;
use tokio::sync::watch;
use waba_core::graph::documented::{self, Node, REQUIRED};
use waba_core::graph::{field_lists, GraphError};
use waba_core::removal::poll::until_gone;
use waba_core::removal::{Pace, PollPlan, PollTarget};
use waba_core::sandbox::seed::*;
use waba_core::sandbox::Sandbox;
use waba_core::steps::checks::run_checks;
use waba_core::steps::target::Target;

fn target() -> Target {
    Target {
        business_id: Some(biz_id(BUSINESS_ID)),
        waba_id: Some(waba_id(WABA_PROMOCOES)),
        waba_name: Some("Doces da Vila Promoções".into()),
        phone_number_id: Some(pn_id(PN_READY)),
        display_phone_number: Some("+55 11 98888-5678".into()),
        ..Default::default()
    }
}

/// Every field the app asks for, with its node.
fn asked() -> Vec<(&'static Node, &'static str)> {
    [
        (&documented::WABA, field_lists::WABA),
        (&documented::PHONE_NUMBER, field_lists::PHONE_NUMBER),
        (&documented::TEMPLATE, field_lists::TEMPLATE),
        (&documented::PROFILE, field_lists::PROFILE),
        (&documented::BUSINESS_USER, field_lists::BUSINESS_USER),
        (&documented::CREDIT_LINE, field_lists::CREDIT_LINE),
    ]
    .into_iter()
    .flat_map(|(node, list)| list.split(',').map(move |f| (node, f)))
    .collect()
}

/// The checks, the backup and the proof, in order; `Err` names the first that failed.
async fn every_read(sb: &Sandbox) -> Result<Vec<String>, (&'static str, GraphError)> {
    let c = fast_client(sb);
    let t = target();
    run_checks(&c, &t, chrono::Utc::now())
        .await
        .map_err(|e| ("checks", e))?;
    let dir = tempfile::tempdir().unwrap();
    waba_core::steps::backup::write_backup(&c, &t, &dir.path().join("b.json"), chrono::Utc::now())
        .await
        .map_err(|e| match e {
            waba_core::steps::backup::BackupError::Graph(g) => ("backup", g),
            other => panic!("backup: {other}"),
        })?;
    sb.manual_delete_number(PN_READY).unwrap();
    let plan = PollPlan {
        target: PollTarget::Number,
        business_id: biz_id(BUSINESS_ID),
        waba_id: waba_id(WABA_PROMOCOES),
        phone_number_id: pn_id(PN_READY),
        opened_at: chrono::Utc::now(),
    };
    let (_tx, rx) = watch::channel(false);
    let pace = Pace::real().scaled_to(Duration::from_millis(5));
    until_gone(&c, &plan, pace, None, rx, |_| {})
        .await
        .map_err(|e| ("proof", GraphError::Config(format!("{e:?}"))))?;
    Ok(c.unreadable_fields())
}

#[tokio::test]
async fn every_read_survives_meta_retiring_an_optional_field_and_names_it() {
    for (node, field) in asked() {
        if REQUIRED.contains(&field) {
            continue;
        }
        let sb = with(waba_core::sandbox::SandboxOptions {
            manual_delay: Duration::ZERO,
            ..Default::default()
        })
        .await;
        sb.retire_field(node.name, field);
        let unreadable = every_read(&sb).await.unwrap_or_else(|(step, e)| {
            panic!("{} {field} retired: {step} failed: {e}", node.name)
        });
        assert!(
            unreadable.iter().any(|f| f == field),
            "{} {field}: not named as unreadable ({unreadable:?})",
            node.name
        );
    }
}

#[tokio::test]
async fn a_required_field_retired_stops_the_read_with_its_name() {
    for (node, field) in [
        (&documented::PHONE_NUMBER, "display_phone_number"),
        (&documented::TEMPLATE, "components"),
    ] {
        let sb = strict(&[]).await;
        sb.retire_field(node.name, field);
        let (_, e) = every_read(&sb).await.unwrap_err();
        assert!(
            matches!(&e, GraphError::FieldRetired { field: f, .. } if f == field),
            "{field}: {e}"
        );
    }
}

/// The sandbox answers an unknown field as Meta does: HTTP 400, code 100, Meta's wording.
#[tokio::test]
async fn an_unknown_field_is_refused_with_metas_error() {
    let sb = strict(&[]).await;
    let r = reqwest::Client::new()
        .get(format!("{}/v25.0/{PN_READY}?fields=id,foo_bar", sb.url()))
        .header("authorization", sb.token().authorization_header())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], 100);
    assert_eq!(
        v["error"]["message"],
        "(#100) Tried accessing nonexisting field (foo_bar) on node type (WhatsAppBusinessPhoneNumber)"
    );
}
