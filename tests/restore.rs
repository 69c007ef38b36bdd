//! Restoring templates from a backup this app wrote (`docs/meta-rules.md` §14), through the core
//! API against the sandbox over HTTP: the file checks, the preview, creation within Meta's limits,
//! a rate limit mid-way, a lost answer, a crash and resume, duplicates, and Meta's migration.

use crate::common;
use common::*;
use std::collections::HashSet;
use std::time::Duration;
use tokio::sync::watch;
use waba_core::connection::{Mode, Owner};
use waba_core::graph::model::TemplateStatus;
use waba_core::restore::migrate::migrate_all;
use waba_core::restore::{plan, plan_items, prepare, Restore, RestoreStore, RunState, SkipReason};
use waba_core::sandbox::seed::*;
use waba_core::sandbox::{Fault, FaultRule, Sandbox};
use waba_core::steps::backup::read::{read_backup, FileError};
use waba_core::steps::backup::write_backup;
use waba_core::steps::target::Target;

/// A backup of the Promoções number, as the journey writes it.
async fn backup_of_promocoes(sb: &Sandbox, dir: &std::path::Path) -> std::path::PathBuf {
    let c = fast_client(sb);
    let t = Target {
        business_id: Some(biz_id(BUSINESS_ID)),
        waba_id: Some(waba_id(WABA_PROMOCOES)),
        waba_name: Some("Doces da Vila Promoções".into()),
        phone_number_id: Some(pn_id(PN_READY)),
        display_phone_number: Some("+55 11 98888-5678".into()),
        ..Default::default()
    };
    let dest = dir.join("backup.json");
    write_backup(&c, &t, &dest, chrono::Utc::now())
        .await
        .unwrap();
    dest
}

async fn existing(sb: &Sandbox, waba: &str) -> HashSet<(String, String)> {
    fast_client(sb)
        .templates(&waba_id(waba))
        .await
        .unwrap()
        .into_iter()
        .map(|t| (t.name.unwrap_or_default(), t.language.unwrap_or_default()))
        .collect()
}

/// The plan into Atendimento, read from the file one template at a time (with its spool).
async fn prepared(
    sb: &Sandbox,
    dir: &std::path::Path,
    file: &std::path::Path,
) -> waba_core::restore::RestorePlan {
    let existing = existing(sb, WABA_ATENDIMENTO).await;
    prepare(file, &existing, false, &RestoreStore::new(dir).spool())
        .unwrap()
        .1
}

/// A restore of backup `b` into the Atendimento WABA, journaled in `dir`.
fn into_atendimento(
    b: &waba_core::steps::backup::read::BackupFile,
    dir: &std::path::Path,
) -> Restore {
    Restore::new(
        &b.head,
        &RestoreStore::new(dir),
        waba_id(WABA_ATENDIMENTO),
        None,
        practice_owner(),
    )
    .unwrap()
}

/// The practice connection a restore belongs to.
fn practice_owner() -> Owner {
    Owner {
        mode: Mode::Practice,
        binding: practice_binding(),
        account: Some("Ana".into()),
    }
}

fn never() -> watch::Receiver<bool> {
    let (tx, rx) = watch::channel(false);
    std::mem::forget(tx);
    rx
}

/// A sandbox whose hourly limits do not get in the way (the rate-limit test injects its own).
async fn roomy() -> Sandbox {
    Sandbox::start(waba_core::sandbox::SandboxOptions {
        templates_per_hour: 10_000,
        waba_calls_per_hour: 10_000,
        ..Default::default()
    })
    .await
    .unwrap()
}

const GAP: Duration = Duration::from_millis(1);
const PAUSE: Duration = Duration::from_millis(50);

#[tokio::test]
async fn a_backup_restores_into_another_waba_and_a_second_time_finds_duplicates() {
    let sb = roomy().await;
    let dir = tempfile::tempdir().unwrap();
    let file = backup_of_promocoes(&sb, dir.path()).await;
    let b = read_backup(&file).unwrap();
    assert_eq!(b.templates.len(), 260);
    assert_eq!(b.head.waba.id.as_deref(), Some(WABA_PROMOCOES));
    let p = prepared(&sb, dir.path(), &file).await;
    assert_eq!(p, plan(&b, &existing(&sb, WABA_ATENDIMENTO).await, false));
    // REJECTED and DISABLED in the backup are skipped unless asked; authentication templates
    // without Meta's code button are listed.
    assert!(p.by_status > 0 && p.to_create > 0 && p.category > 0);
    assert_eq!(
        p.to_create + p.by_status + p.duplicates + p.media + p.incomplete + p.category,
        260
    );
    let c = fast_client(&sb);
    let store = RestoreStore::new(dir.path());
    let mut r = into_atendimento(&b, dir.path());
    let mut heard = 0;
    assert!(r
        .run(&c, &store, never(), GAP, PAUSE, |_| heard += 1)
        .await
        .unwrap());
    let pr = r.progress(None);
    assert_eq!(pr.created, p.to_create);
    assert_eq!(pr.failed, 0);
    assert!(heard >= p.to_create);
    // New templates wait in review, then Meta approves them.
    let c = fast_client(&sb);
    let created: Vec<_> = c.templates(&waba_id(WABA_ATENDIMENTO)).await.unwrap();
    assert!(created
        .iter()
        .any(|t| t.status == Some(TemplateStatus::Pending)));
    sb.advance_clock(chrono::Duration::minutes(5));
    let later = c.templates(&waba_id(WABA_ATENDIMENTO)).await.unwrap();
    assert!(!later
        .iter()
        .any(|t| t.status == Some(TemplateStatus::Pending) && t.id.starts_with('9')));
    // The report, readable and JSON.
    let html = waba_core::restore::report::save_report(
        &r,
        &store,
        &dir.path().join("relatorio.html"),
        false,
    )
    .unwrap();
    assert!(std::fs::read_to_string(&html).unwrap().contains("Criado"));
    let en = waba_core::restore::report::report_html(&r, &store, true).unwrap();
    assert!(en.contains("Created") && en.contains("lang=\"en\""));
    // A second restore finds every created template already there.
    let again = plan(&b, &existing(&sb, WABA_ATENDIMENTO).await, false);
    assert_eq!(again.to_create, 0);
    assert_eq!(again.duplicates, p.to_create);
}

#[tokio::test]
async fn a_rate_limit_mid_way_pauses_and_goes_on() {
    let sb = roomy().await;
    let dir = tempfile::tempdir().unwrap();
    let file = backup_of_promocoes(&sb, dir.path()).await;
    let b = read_backup(&file).unwrap();
    let p = prepared(&sb, dir.path(), &file).await;
    assert_eq!(p, plan(&b, &existing(&sb, WABA_ATENDIMENTO).await, false));
    sb.inject(FaultRule::once(
        Some("POST"),
        Some("/message_templates"),
        Fault::RateLimit {
            code: 80008,
            regain_minutes: 1,
        },
    ));
    let mut paused = false;
    let mut r = into_atendimento(&b, dir.path());
    r.run(
        &fast_client(&sb),
        &RestoreStore::new(dir.path()),
        never(),
        GAP,
        PAUSE,
        |pr| {
            paused |= pr.paused_secs.is_some();
        },
    )
    .await
    .unwrap();
    assert!(paused, "the pause is told");
    assert_eq!(
        r.progress(None).created,
        p.to_create,
        "nothing lost to the limit"
    );
}

#[tokio::test]
async fn a_lost_answer_is_settled_by_reading_and_never_creates_twice() {
    let sb = roomy().await;
    let dir = tempfile::tempdir().unwrap();
    let file = backup_of_promocoes(&sb, dir.path()).await;
    let b = read_backup(&file).unwrap();
    let p = prepared(&sb, dir.path(), &file).await;
    assert_eq!(p, plan(&b, &existing(&sb, WABA_ATENDIMENTO).await, false));
    // The third creation is applied by Meta, but its answer never arrives.
    for _ in 0..2 {
        sb.inject(FaultRule::once(
            Some("POST"),
            Some("/message_templates"),
            Fault::Latency { ms: 0 },
        ));
    }
    sb.inject(FaultRule::once(
        Some("POST"),
        Some("/message_templates"),
        Fault::AppliedThenReset,
    ));
    let mut r = into_atendimento(&b, dir.path());
    r.run(
        &fast_client(&sb),
        &RestoreStore::new(dir.path()),
        never(),
        GAP,
        PAUSE,
        |_| {},
    )
    .await
    .unwrap();
    assert_eq!(r.progress(None).created, p.to_create);
    let after = existing(&sb, WABA_ATENDIMENTO).await;
    let posts = sb
        .writes()
        .iter()
        .filter(|w| w.path.ends_with("/message_templates"))
        .count();
    assert_eq!(posts, p.to_create, "one POST per template, none sent twice");
    assert_eq!(after.len(), 340 + p.to_create);
}

#[tokio::test]
async fn a_crash_mid_way_resumes_from_the_journal() {
    let sb = roomy().await;
    let dir = tempfile::tempdir().unwrap();
    let file = backup_of_promocoes(&sb, dir.path()).await;
    let b = read_backup(&file).unwrap();
    let p = prepared(&sb, dir.path(), &file).await;
    assert_eq!(p, plan(&b, &existing(&sb, WABA_ATENDIMENTO).await, false));
    let store = RestoreStore::new(dir.path());
    let (tx, rx) = watch::channel(false);
    let mut r = into_atendimento(&b, dir.path());
    let mut n = 0;
    let done = r
        .run(&fast_client(&sb), &store, rx, GAP, PAUSE, |_| {
            n += 1;
            if n == 10 {
                let _ = tx.send(true);
            }
        })
        .await
        .unwrap();
    assert!(!done, "stopped");
    // A crash leaves one template "sending": the resumed run reads before sending it.
    let stopped = store.load().expect("journal on disk");
    let next = stopped.first_waiting().unwrap();
    store.record(next, &RunState::Sending).unwrap();
    let mut resumed = store.load().expect("journal on disk");
    assert!(resumed
        .run(&fast_client(&sb), &store, never(), GAP, PAUSE, |_| {})
        .await
        .unwrap());
    assert_eq!(resumed.progress(None).created, p.to_create);
    assert_eq!(
        existing(&sb, WABA_ATENDIMENTO).await.len(),
        340 + p.to_create
    );
}

#[test]
fn a_malformed_backup_file_is_refused_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let put = |name: &str, body: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, body).unwrap();
        p
    };
    let whole = r#"{"format":"waba-remover-backup","version":1,"complete":true,"template_count":0,"templates":[]}"#;
    assert!(read_backup(&put("ok.json", whole)).is_ok());
    assert_eq!(
        read_backup(&put("cut.json", &whole[..60])).unwrap_err(),
        FileError::Truncated
    );
    assert_eq!(
        read_backup(&put("other.json", r#"{"hello":1}"#)).unwrap_err(),
        FileError::NotABackup
    );
    assert_eq!(
        read_backup(&put(
            "v2.json",
            &whole.replace("\"version\":1", "\"version\":2")
        ))
        .unwrap_err(),
        FileError::UnknownVersion(2)
    );
    let short = whole.replace("\"template_count\":0", "\"template_count\":3");
    assert_eq!(
        read_backup(&put("short.json", &short)).unwrap_err(),
        FileError::Truncated
    );
    assert!(matches!(
        read_backup(&dir.path().join("none.json")),
        Err(FileError::Unreadable(_))
    ));
}

#[test]
fn media_headers_and_rejected_templates_are_listed_not_created() {
    let b: waba_core::steps::backup::read::BackupFile = serde_json::from_value(serde_json::json!({
        "format": "waba-remover-backup", "version": 1, "complete": true, "template_count": 3,
        "templates": [
            {"id": "1", "name": "com_imagem", "language": "pt_BR", "category": "MARKETING", "status": "APPROVED",
             "components": [{"type": "HEADER", "format": "IMAGE"}, {"type": "BODY", "text": "Oi"}]},
            {"id": "2", "name": "recusado", "language": "pt_BR", "category": "MARKETING", "status": "REJECTED",
             "components": [{"type": "BODY", "text": "Oi"}]},
            {"id": "3", "name": "bom", "language": "pt_BR", "category": "UTILITY", "status": "APPROVED",
             "components": [{"type": "BODY", "text": "Oi"}]}
        ]
    }))
    .unwrap();
    let p = plan_items(&b, &HashSet::new(), false);
    assert_eq!(p[0].skip, Some(SkipReason::MediaHeader));
    assert_eq!(p[1].skip, Some(SkipReason::Status));
    assert_eq!(p[2].skip, None);
    let with_rejected = plan_items(&b, &HashSet::new(), true);
    assert_eq!(with_rejected[1].skip, None, "the admin may ask for them");
}

#[tokio::test]
async fn meta_migrates_approved_templates_between_wabas_of_one_business() {
    let sb = roomy().await;
    let c = fast_client(&sb);
    // The preview reads the source account at Meta now: it says what Meta's migration copies,
    // template for template (the sandbox applies Meta's rule on its own).
    let before = existing(&sb, WABA_ATENDIMENTO).await;
    let preview = waba_core::restore::migrate::preview(&c, &waba_id(WABA_PROMOCOES), &before)
        .await
        .unwrap();
    assert_eq!(preview.lines.len(), 260);
    let r = migrate_all(
        &c,
        &waba_id(WABA_ATENDIMENTO),
        &waba_id(WABA_PROMOCOES),
        260,
    )
    .await
    .unwrap();
    assert_eq!(
        preview.migrating, r.migrated,
        "the preview says what Meta copies"
    );
    assert!(r.migrated > 0 && !r.failed.is_empty());
    assert_eq!(r.migrated + r.failed.len(), 260);
    assert_eq!(
        existing(&sb, WABA_ATENDIMENTO).await.len(),
        340 + r.migrated
    );
}
