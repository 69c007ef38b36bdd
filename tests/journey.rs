//! The journey through the core API against the sandbox: happy path, failing
//! checks, faults at each step, crash and resume, and the rules on destructive calls.

use crate::common;
use common::*;
use std::time::Duration;
use tokio::sync::watch;
use waba_core::graph::GraphClient;
use waba_core::removal::journal::ProofKind;
use waba_core::removal::Readiness;
use waba_core::removal::{receipt, JournalStore, Journey, JourneyError, Pace, PollTarget, Stage};
use waba_core::sandbox::seed::*;
use waba_core::sandbox::{Fault, FaultRule, Sandbox};
use waba_core::steps::checks::{CheckId, CheckStatus};
use waba_core::steps::deregister_record::{DeregisterRecord, NotNeeded};

fn pace() -> Pace {
    Pace::practice().scaled_to(Duration::from_millis(30))
}

fn never_cancel() -> watch::Receiver<bool> {
    let (tx, rx) = watch::channel(false);
    std::mem::forget(tx);
    rx
}

struct Run {
    sb: Sandbox,
    c: GraphClient,
    dir: tempfile::TempDir,
    j: Journey,
}

impl Run {
    fn store(&self) -> JournalStore {
        JournalStore::new(self.dir.path().join("data"))
    }
    /// Simulates a crash: the journey object is gone; a new one is read from the journal.
    fn crash_and_resume(&mut self) {
        let resumed = Journey::resume(self.store()).expect("journal on disk");
        assert_eq!(
            resumed.journal(),
            self.j.journal(),
            "the journal holds everything"
        );
        self.j = resumed;
    }
    /// The disconnect's pop-up confirmed with the Promoções number's last four digits.
    async fn disconnect(&mut self) -> Result<DeregisterRecord, JourneyError> {
        self.j
            .confirm_delete_number(&self.c, "5678", Readiness::YES)
            .await
    }
    /// Meta answers the next deregister with `fault`.
    fn fail_next_deregister(&self, fault: Fault) {
        self.sb
            .inject(FaultRule::once(Some("POST"), Some("/deregister"), fault));
    }
    /// How many writes reached a path ending in `suffix`.
    fn writes_to(&self, suffix: &str) -> usize {
        self.writes().iter().filter(|w| w.ends_with(suffix)).count()
    }
    fn writes(&self) -> Vec<String> {
        self.sb
            .writes()
            .iter()
            .map(|w| format!("{} {}", w.method, w.path))
            .collect()
    }
}

async fn start(waba: &str, pn: &str) -> Run {
    let sb = strict(&["/deregister", "/subscribed_apps", "/__practice/"]).await;
    let c = fast_client(&sb);
    let dir = tempfile::tempdir().unwrap();
    let j = JourneyAt::new(&c, &dir.path().join("data"))
        .number(waba, pn)
        .at(At::NumberChosen)
        .await;
    Run { sb, c, dir, j }
}

/// At the deletion screen: checks confirmed, a verified backup made.
async fn at_delete(waba: &str, pn: &str) -> Run {
    let mut r = start(waba, pn).await;
    through_backup(&mut r).await;
    r
}

async fn through_backup(r: &mut Run) {
    let report = r.j.run_checks(&r.c).await.unwrap();
    let failed = report.blockers(&[]);
    r.j.confirm_checks(true, failed).unwrap();
    let dest = r.dir.path().join("backup.json");
    r.j.backup(&r.c, &dest).await.unwrap();
}

#[tokio::test]
async fn happy_path_number_then_waba_with_proof_from_the_api() {
    let mut r = start(WABA_PROMOCOES, PN_READY).await;
    let report = r.j.run_checks(&r.c).await.unwrap();
    assert!(report.blockers(&[]).is_empty(), "{:?}", report.checks);
    assert!(
        report.registered
            && !report.coexistence
            && report.other_numbers.is_empty()
            && report.app_subscribed
    );
    assert_eq!(
        r.sb.requests().len(),
        4 + 1,
        "4 reads choosing by id (business, owned + client WABAs, numbers), one batch for every check"
    );
    r.j.confirm_checks(true, vec![]).unwrap();
    let dest = r.dir.path().join("backup.json");
    let s = r.j.backup(&r.c, &dest).await.unwrap();
    assert_eq!(s.templates, 260);
    assert!(s.picture_bytes > 0 && s.has_profile && s.usage_points > 0 && s.assigned_users > 0);
    // A readable copy of the templates sits beside the JSON: one row per template.
    let html_path = s.html_path.clone().expect("a readable copy");
    assert_eq!(html_path, r.dir.path().join("backup.html"));
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert_eq!(html.matches("<tr><td>").count(), 260);
    assert!(html.ends_with("</html>"));

    let rec = r.disconnect().await.unwrap();
    assert!(matches!(
        rec,
        DeregisterRecord::Sent {
            trace_id: Some(_),
            ..
        }
    ));
    r.j.practice_delete_number(&r.c, None).await.unwrap();
    r.j.wait_removed(&r.c, PollTarget::Number, pace(), never_cancel(), |_| {})
        .await
        .unwrap();
    assert_eq!(r.j.journal().stage, Stage::RemoveWaba);
    let proof = r.j.journal().number_removed.clone().unwrap();
    assert_eq!(proof.kind, Some(ProofKind::AbsentFromParent));
    assert!(
        proof.evidence[0].call.ends_with("/phone_numbers"),
        "{proof:?}"
    );

    let info = r.j.remove_waba_info(&r.c).await.unwrap();
    assert!(info.other_numbers.is_empty() && info.app_subscribed);
    // The partner app stops only with the account's name typed in its pop-up.
    assert!(matches!(
        r.j.unsubscribe_app(&r.c, "outra conta").await,
        Err(JourneyError::ConfirmationMismatch)
    ));
    assert!(r.writes().iter().all(|w| !w.contains("subscribed_apps")));
    r.j.unsubscribe_app(&r.c, "Doces da Vila Promoções")
        .await
        .unwrap();
    r.j.confirm_remove_waba(&r.c, "doces da vila promoções")
        .await
        .unwrap();
    r.j.practice_remove_waba(&r.c).await.unwrap();
    r.j.wait_removed(&r.c, PollTarget::Waba, pace(), never_cancel(), |_| {})
        .await
        .unwrap();
    assert_eq!(r.j.journal().stage, Stage::Done);
    let proof = r.j.journal().waba_removed.clone().unwrap();
    assert_eq!(proof.kind, Some(ProofKind::AbsentFromParent));
    assert!(proof.evidence[0]
        .call
        .contains("owned_whatsapp_business_accounts"));

    let w = r.writes();
    assert_eq!(w.len(), 4, "{w:?}");
    assert!(w[0].ends_with("/deregister"));
    assert!(w[1].contains("/__practice/whatsapp-manager/"));
    assert!(w[2].starts_with("DELETE") && w[2].ends_with("/subscribed_apps"));
    assert!(w[3].contains("/__practice/business-settings/"));
    assert_no_unexpected_writes(&r.sb);

    let rc = receipt::receipt(r.j.journal());
    assert!(
        rc.free_to_move_on.is_some() && rc.number_evidence.is_some() && rc.waba_evidence.is_some()
    );
    assert!(waba_core::removal::calendar::free_to_move_ics(&rc)
        .unwrap()
        .contains("BEGIN:VEVENT"));
}

#[tokio::test]
async fn nothing_destructive_before_backup_checks_and_typed_confirmation() {
    let mut r = start(WABA_PROMOCOES, PN_READY).await;
    // Checks not run, not confirmed, no backup: the delete step refuses.
    assert!(matches!(
        r.disconnect().await,
        Err(JourneyError::WrongStage { .. })
    ));
    r.j.run_checks(&r.c).await.unwrap();
    assert!(matches!(
        r.j.confirm_checks(false, vec![]),
        Err(JourneyError::LossNotAcknowledged)
    ));
    r.j.confirm_checks(true, vec![]).unwrap();
    assert!(matches!(
        r.disconnect().await,
        Err(JourneyError::WrongStage { .. })
    ));
    assert!(matches!(
        r.j.skip_backup("pular"),
        Err(JourneyError::ConfirmationMismatch)
    ));
    r.j.skip_backup("PULAR BACKUP").unwrap();
    assert!(r.j.journal().backup.as_ref().unwrap().skipped);
    // Wrong digits: nothing sent.
    assert!(matches!(
        r.j.confirm_delete_number(&r.c, "1234", Readiness::YES)
            .await,
        Err(JourneyError::ConfirmationMismatch)
    ));
    assert!(matches!(
        r.j.practice_delete_number(&r.c, None).await,
        Err(JourneyError::ConfirmationMismatch)
    ));
    assert!(r.writes().is_empty(), "{:?}", r.writes());
    r.j.confirm_delete_number(&r.c, "56 78", Readiness::YES)
        .await
        .unwrap();
    assert_eq!(r.writes().len(), 1);
}

#[tokio::test]
async fn deregister_is_sent_at_most_once_per_confirmation() {
    let mut r = at_delete(WABA_PROMOCOES, PN_READY).await;
    r.disconnect().await.unwrap();
    r.disconnect().await.unwrap();
    r.crash_and_resume();
    r.disconnect().await.unwrap();
    let deregisters = r.writes_to("/deregister");
    assert_eq!(deregisters, 1);
}

#[tokio::test]
async fn a_refused_deregister_needs_a_new_confirmation_and_is_never_retried() {
    let mut r = at_delete(WABA_PROMOCOES, PN_READY).await;
    // A plain refusal (a permission missing): Meta applied nothing.
    r.fail_next_deregister(Fault::missing_permission());
    let e = r.disconnect().await.unwrap_err();
    assert!(matches!(e, JourneyError::Graph(ref g) if g.code() == Some(200)));
    assert!(r.j.journal().number_confirmed_at.is_none());
    assert!(matches!(
        r.j.journal().deregister,
        Some(DeregisterRecord::Failed {
            code: Some(200),
            ..
        })
    ));
    assert_eq!(r.writes().len(), 1);
    r.disconnect().await.unwrap();
    assert_eq!(
        r.writes().len(),
        2,
        "the admin's second confirmation sends once more"
    );
}

#[tokio::test]
async fn deregister_budget_133016_stops_with_the_time_it_lifts() {
    let mut r = at_delete(WABA_PROMOCOES, PN_READY).await;
    let now = r.sb.now();
    r.sb.with_world(|w| w.number_mut(PN_READY).unwrap().registration_calls = vec![now; 10]);
    match r.disconnect().await {
        Err(JourneyError::DeregisterBlocked { until, trace_id }) => {
            assert!(until.unwrap().contains("blocked until"));
            assert!(trace_id.is_some());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(r.j.journal().stage, Stage::DeleteNumber);
}

#[tokio::test]
async fn coexistence_numbers_are_not_deregistered() {
    let mut r = start(WABA_ATENDIMENTO, PN_COEXISTENCE).await;
    let report = r.j.run_checks(&r.c).await.unwrap();
    assert!(report.coexistence);
    let coex = report
        .checks
        .iter()
        .find(|c| c.id == CheckId::Coexistence)
        .unwrap();
    assert_eq!(coex.status, CheckStatus::Warn);
    r.j.confirm_checks(true, report.blockers(&[])).unwrap();
    r.j.skip_backup("PULAR BACKUP").unwrap();
    let rec =
        r.j.confirm_delete_number(&r.c, "1234", Readiness::YES)
            .await
            .unwrap();
    assert_eq!(
        rec,
        DeregisterRecord::NotNeeded {
            reason: NotNeeded::Coexistence
        }
    );
    assert!(r.writes().is_empty());
}

#[tokio::test]
async fn a_paid_message_in_the_last_30_days_blocks_and_cannot_be_overridden() {
    let mut r = start(WABA_ATENDIMENTO, PN_PAID_RECENTLY).await;
    let report = r.j.run_checks(&r.c).await.unwrap();
    let paid = report
        .checks
        .iter()
        .find(|c| c.id == CheckId::PaidMessages)
        .unwrap();
    assert_eq!(paid.status, CheckStatus::Fail);
    assert!(paid.facts["deletable_from"].is_string());
    let billing = report
        .checks
        .iter()
        .find(|c| c.id == CheckId::Billing)
        .unwrap();
    assert_eq!(billing.status, CheckStatus::Warn, "credit line found");
    let others = report
        .checks
        .iter()
        .find(|c| c.id == CheckId::OtherNumbers)
        .unwrap();
    assert_eq!(others.facts["count"], 2);
    assert!(
        matches!(r.j.confirm_checks(true, vec![]), Err(JourneyError::Blocked(ref ids)) if ids == &vec![CheckId::PaidMessages])
    );
    // Meta's data proves it: no override, and the journey stays at the checks.
    assert!(matches!(
        r.j.confirm_checks(true, vec![CheckId::PaidMessages, CheckId::Coexistence]),
        Err(JourneyError::NotOverridable(CheckId::PaidMessages))
    ));
    assert_eq!(r.j.journal().stage, Stage::Checks);
    assert!(r.j.journal().overrides.is_empty());
    // Meta's own screen refuses too (the practice copy follows the same rule).
    let refusal = r.sb.manual_delete_number(PN_PAID_RECENTLY).unwrap_err();
    assert!(refusal.available_from.is_some());
}

#[tokio::test]
async fn an_employee_token_fails_the_admin_check() {
    let sb = strict(&[]).await;
    let c = sb.client_with(sb.employee_token(), |_| {}).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut j = JourneyAt::new(&c, dir.path())
        .number(WABA_ATENDIMENTO, PN_PENDING)
        .at(At::NumberChosen)
        .await;
    let report = j.run_checks(&c).await.unwrap();
    let admin = report
        .checks
        .iter()
        .find(|c| c.id == CheckId::Admin)
        .unwrap();
    assert_eq!(admin.status, CheckStatus::Fail);
    let billing = report
        .checks
        .iter()
        .find(|c| c.id == CheckId::Billing)
        .unwrap();
    assert_eq!(
        billing.status,
        CheckStatus::Unknown,
        "credit lines refused to employees: unknown, not a crash"
    );
    assert!(billing.facts["trace_id"].is_string());
}

#[tokio::test]
async fn an_inactive_waba_fails_its_check() {
    let mut r = start(WABA_PROMOCOES, PN_READY).await;
    r.sb.with_world(|w| {
        w.waba_mut(WABA_PROMOCOES)
            .unwrap()
            .info
            .account_review_status = Some("PENDING".into())
    });
    let report = r.j.run_checks(&r.c).await.unwrap();
    assert_eq!(report.blockers(&[]), vec![CheckId::ActiveWaba]);
}

#[tokio::test]
async fn faults_at_each_step_lose_nothing() {
    let mut r = start(WABA_PROMOCOES, PN_READY).await;
    // Checks: a 5xx and a reset are retried; an expired token stops with 190.
    r.sb.inject(FaultRule::once(
        Some("POST"),
        None,
        Fault::HtmlStatus { status: 503 },
    ));
    r.sb.inject(FaultRule::once(Some("POST"), None, Fault::Reset));
    r.j.run_checks(&r.c).await.unwrap();
    r.sb.inject(FaultRule::once(Some("POST"), None, Fault::expired_token()));
    let e = r.j.run_checks(&r.c).await.unwrap_err();
    assert!(matches!(e, JourneyError::Graph(ref g) if g.code() == Some(190)));
    assert!(r.j.journal().checks.is_some(), "earlier results kept");
    r.j.run_checks(&r.c).await.unwrap();
    r.j.confirm_checks(true, vec![]).unwrap();

    // Backup: a permission error on templates fails the backup and leaves no half file.
    let dest = r.dir.path().join("b.json");
    r.sb.inject(FaultRule::once(
        None,
        Some("message_templates"),
        Fault::missing_permission(),
    ));
    assert!(r.j.backup(&r.c, &dest).await.is_err());
    assert!(!dest.exists() && !dest.with_extension("part").exists());
    assert_eq!(r.j.journal().stage, Stage::Backup);
    // A dropped connection on page 2 and a rate limit are retried; the file is whole.
    r.sb.inject(FaultRule::once(
        None,
        Some("message_templates"),
        Fault::Reset,
    ));
    r.sb.inject(FaultRule::once(
        None,
        Some("message_templates"),
        Fault::RateLimit {
            code: 4,
            regain_minutes: 0,
        },
    ));
    let s = r.j.backup(&r.c, &dest).await.unwrap();
    assert_eq!(s.templates, 260);

    // Deregister refused for missing permission: explained, nothing marked done.
    r.fail_next_deregister(Fault::missing_permission());
    let e = r.disconnect().await.unwrap_err();
    assert!(matches!(e, JourneyError::Graph(ref g) if g.code() == Some(200)));
    r.disconnect().await.unwrap();
    r.j.practice_delete_number(&r.c, None).await.unwrap();

    // Polling: 5xx, latency and rate limits only slow it; the number is found gone.
    r.sb.inject(FaultRule::once(
        Some("GET"),
        Some("/phone_numbers"),
        Fault::HtmlStatus { status: 502 },
    ));
    r.sb.inject(FaultRule::once(
        Some("GET"),
        Some("/phone_numbers"),
        Fault::RateLimit {
            code: 80008,
            regain_minutes: 0,
        },
    ));
    r.sb.inject(FaultRule::once(
        Some("GET"),
        Some("/phone_numbers"),
        Fault::Latency { ms: 150 },
    ));
    let mut seen = vec![];
    r.j.wait_removed(&r.c, PollTarget::Number, pace(), never_cancel(), |p| {
        seen.push(p.last_seen)
    })
    .await
    .unwrap();
    assert!(seen.len() >= 2, "{seen:?}");
}

#[tokio::test]
async fn a_number_already_gone_is_confirmed_without_a_deregister() {
    let mut r = at_delete(WABA_PROMOCOES, PN_READY).await;
    r.sb.manual_delete_number(PN_READY).unwrap();
    let rec = r.disconnect().await.unwrap();
    assert_eq!(
        rec,
        DeregisterRecord::NotNeeded {
            reason: NotNeeded::NotFound
        }
    );
    r.j.wait_removed(&r.c, PollTarget::Number, pace(), never_cancel(), |_| {})
        .await
        .unwrap();
    assert_eq!(r.j.journal().stage, Stage::RemoveWaba);
}

#[tokio::test]
async fn polling_can_be_cancelled_and_resumed() {
    let mut r = at_delete(WABA_PROMOCOES, PN_READY).await;
    r.disconnect().await.unwrap();
    let (tx, rx) = watch::channel(false);
    let cancel = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(120)).await;
        tx.send(true).unwrap();
    });
    let e =
        r.j.wait_removed(&r.c, PollTarget::Number, pace(), rx, |_| {})
            .await
            .unwrap_err();
    assert!(matches!(e, JourneyError::Cancelled));
    cancel.await.unwrap();
    r.crash_and_resume();
    r.sb.manual_delete_number(PN_READY).unwrap();
    r.j.wait_removed(&r.c, PollTarget::Number, pace(), never_cancel(), |_| {})
        .await
        .unwrap();
}

#[tokio::test]
async fn a_crash_at_every_step_boundary_resumes_at_the_right_step() {
    let mut r = start(WABA_PROMOCOES, PN_READY).await;
    r.crash_and_resume();
    assert_eq!(r.j.journal().stage, Stage::Checks);
    r.j.run_checks(&r.c).await.unwrap();
    r.crash_and_resume();
    r.j.confirm_checks(true, vec![]).unwrap();
    r.crash_and_resume();
    assert_eq!(r.j.journal().stage, Stage::Backup);
    let dest = r.dir.path().join("b.json");
    r.j.backup(&r.c, &dest).await.unwrap();
    r.crash_and_resume();
    assert_eq!(r.j.journal().stage, Stage::DeleteNumber);
    r.disconnect().await.unwrap();
    r.crash_and_resume();
    r.j.practice_delete_number(&r.c, None).await.unwrap();
    r.crash_and_resume();
    r.j.wait_removed(&r.c, PollTarget::Number, pace(), never_cancel(), |_| {})
        .await
        .unwrap();
    r.crash_and_resume();
    assert_eq!(r.j.journal().stage, Stage::RemoveWaba);
    r.j.confirm_remove_waba(&r.c, "Doces da Vila Promoções")
        .await
        .unwrap();
    r.crash_and_resume();
    r.j.practice_remove_waba(&r.c).await.unwrap();
    r.crash_and_resume();
    r.j.wait_removed(&r.c, PollTarget::Waba, pace(), never_cancel(), |_| {})
        .await
        .unwrap();
    r.crash_and_resume();
    assert_eq!(r.j.journal().stage, Stage::Done);
    assert_eq!(r.writes_to("/deregister"), 1);
    // The journal never holds the token.
    let text = std::fs::read_to_string(r.store().path()).unwrap();
    assert!(!r.sb.token().appears_in(&text));
}

#[tokio::test]
async fn a_crash_while_deregister_was_in_flight_is_settled_by_reading_first() {
    let mut r = at_delete(WABA_PROMOCOES, PN_READY).await;
    // The journal says "Sending" (the app died mid-call, before the request left).
    let mut j = r.j.journal().clone();
    j.deregister = Some(DeregisterRecord::Sending {
        at: chrono::Utc::now(),
    });
    j.number_confirmed_at = Some(chrono::Utc::now());
    r.store().save(&j).unwrap();
    r.j = Journey::resume(r.store()).unwrap();
    // Resuming says the outcome is unknown and asks again; it never waits as if it were sent.
    assert!(matches!(
        r.j.journal().deregister,
        Some(DeregisterRecord::Unknown { .. })
    ));
    assert!(r.j.journal().number_confirmed_at.is_none());
    assert!(r.writes().is_empty());
    // Confirming again reads the number first: still registered, so one deregister goes out.
    r.sb.clear_log();
    r.disconnect().await.unwrap();
    let log: Vec<String> =
        r.sb.requests()
            .iter()
            .map(|q| format!("{} {}", q.method, q.path))
            .collect();
    assert!(
        log[0].starts_with("GET") && log[0].ends_with(PN_READY),
        "{log:?}"
    );
    assert_eq!(r.writes().len(), 1);
}

#[tokio::test]
async fn a_deregister_applied_then_dropped_is_never_sent_twice() {
    let mut r = at_delete(WABA_PROMOCOES, PN_READY).await;
    r.fail_next_deregister(Fault::AppliedThenReset);
    let rec = r.disconnect().await.unwrap();
    // The answer was lost, but reading the number shows Meta applied it.
    assert!(matches!(rec, DeregisterRecord::Sent { .. }), "{rec:?}");
    assert_eq!(r.writes().len(), 1);
    assert_eq!(r.j.deregisters_left(), 9);
    // Confirming again (a second click) sends nothing.
    r.disconnect().await.unwrap();
    assert_eq!(r.writes().len(), 1);
}

#[tokio::test]
async fn a_lost_deregister_answer_with_the_number_unreadable_is_unknown() {
    let mut r = at_delete(WABA_PROMOCOES, PN_READY).await;
    r.fail_next_deregister(Fault::Reset);
    r.sb.inject(FaultRule::always(
        Some("GET"),
        Some(PN_READY),
        Fault::temporary(),
    ));
    let e = r.disconnect().await.unwrap_err();
    assert!(matches!(e, JourneyError::DeregisterUnknown { .. }), "{e:?}");
    assert!(matches!(
        r.j.journal().deregister,
        Some(DeregisterRecord::Unknown { .. })
    ));
    assert!(r.j.journal().number_confirmed_at.is_none());
    // A new confirmation with the number still unreadable sends nothing.
    assert!(r.disconnect().await.is_err());
    assert_eq!(r.writes().len(), 1, "only the first, lost, deregister");
}

/// Meta's "temporary" error (code 2) does not say nothing was applied: the deregister is
/// "unknown", and the next confirmation reads the number before anything is sent again.
#[tokio::test]
async fn a_temporary_meta_error_on_deregister_is_unknown_and_read_before_a_resend() {
    let mut r = at_delete(WABA_PROMOCOES, PN_READY).await;
    r.fail_next_deregister(Fault::temporary());
    let e = r.disconnect().await.unwrap_err();
    assert!(matches!(e, JourneyError::DeregisterUnknown { .. }), "{e:?}");
    assert!(matches!(
        r.j.journal().deregister,
        Some(DeregisterRecord::Unknown { .. })
    ));
    r.sb.clear_log();
    r.disconnect().await.unwrap();
    let log: Vec<String> =
        r.sb.requests()
            .iter()
            .map(|q| format!("{} {}", q.method, q.path))
            .collect();
    let first_post = log.iter().position(|l| l.starts_with("POST")).unwrap();
    assert!(
        log[..first_post]
            .iter()
            .any(|l| l.starts_with("GET") && l.ends_with(PN_READY)),
        "the number is read before the second deregister: {log:?}"
    );
    assert_eq!(r.writes().len(), 1);
}

/// "Reconectar o número" (`docs/meta-rules.md` §15): after the disconnect, while Meta has not
/// deleted the number, its two-step PIN connects it again; a wrong PIN changes nothing; every call
/// counts in Meta's 10 per 72 h.
#[tokio::test]
async fn a_disconnected_number_can_be_reconnected_with_its_pin() {
    let mut r = at_delete(WABA_PROMOCOES, PN_READY).await;
    r.disconnect().await.unwrap();
    assert!(r.j.may_reconnect());
    let left = r.j.deregisters_left();
    let wrong = waba_core::graph::TwoStepPin::parse("000000".into()).unwrap();
    let e = r.j.reconnect_number(&r.c, wrong).await.unwrap_err();
    assert!(
        matches!(e, JourneyError::Graph(ref g) if g.code() == Some(133005)),
        "{e:?}"
    );
    assert!(
        r.j.journal().number_confirmed_at.is_some(),
        "a refusal changes nothing"
    );
    let pin = waba_core::graph::TwoStepPin::parse(FORGOTTEN_PIN.into()).unwrap();
    r.j.reconnect_number(&r.c, pin).await.unwrap();
    assert_eq!(r.j.deregisters_left(), left - 2);
    assert!(r.j.journal().deregister.is_none());
    assert!(r.j.journal().number_confirmed_at.is_none());
    assert!(!r.j.may_reconnect());
    let n = r.c.phone_number(&pn_id(PN_READY)).await.unwrap();
    assert!(waba_core::graph::facts::registered(&n));
    // The PIN is kept nowhere in the journal.
    let journal = serde_json::to_string(r.j.journal()).unwrap();
    assert!(!journal.contains(FORGOTTEN_PIN));
    let registers = r.writes_to("/register");
    assert_eq!(registers, 2);
}

#[tokio::test]
async fn other_numbers_keep_the_waba() {
    let mut r = at_delete(WABA_ATENDIMENTO, PN_PENDING).await;
    let rec =
        r.j.confirm_delete_number(&r.c, "4000", Readiness::YES)
            .await
            .unwrap();
    assert_eq!(
        rec,
        DeregisterRecord::NotNeeded {
            reason: NotNeeded::NotRegistered
        }
    );
    r.j.practice_delete_number(&r.c, None).await.unwrap();
    r.j.wait_removed(&r.c, PollTarget::Number, pace(), never_cancel(), |_| {})
        .await
        .unwrap();
    let info = r.j.remove_waba_info(&r.c).await.unwrap();
    assert_eq!(info.other_numbers.len(), 2);
    let e =
        r.j.confirm_remove_waba(&r.c, "Doces da Vila Atendimento")
            .await
            .unwrap_err();
    assert!(matches!(e, JourneyError::NumbersRemain(_)));
    r.j.skip_waba("other numbers remain").unwrap();
    assert_eq!(r.j.journal().stage, Stage::Done);
    assert!(r.writes().iter().all(|w| !w.contains("business-settings")));
}

/// "Esqueci o PIN" (`docs/meta-rules.md` §12): nothing leaves before the typed confirmation; a
/// Coexistence number is refused here; the PIN is never kept in the journal.
#[tokio::test]
async fn a_new_pin_is_set_once_after_the_typed_confirmation_and_never_kept() {
    use waba_core::graph::TwoStepPin;
    let pin = || TwoStepPin::typed_twice("640213".into(), "640213".into()).unwrap();
    let mut r = start(WABA_PROMOCOES, PN_READY).await;
    r.j.run_checks(&r.c).await.unwrap();
    let before = r.writes().len();
    assert!(matches!(
        r.j.reset_pin(&r.c, "1234", pin()).await,
        Err(JourneyError::ConfirmationMismatch)
    ));
    assert_eq!(
        r.writes().len(),
        before,
        "nothing sent before the confirmation"
    );
    r.j.reset_pin(&r.c, "5678", pin()).await.unwrap();
    let writes = r.writes();
    assert_eq!(writes.len(), before + 1);
    assert!(
        writes.last().unwrap().ends_with("/3000000000000004"),
        "{writes:?}"
    );
    assert!(r.j.journal().pin_reset_at.is_some());
    let on_disk = std::fs::read_to_string(r.store().path()).unwrap();
    assert!(!on_disk.contains("640213"), "the PIN is not kept");
    r.crash_and_resume();
    // Meta's practice screen now takes the new PIN.
    assert!(
        r.c.practice_delete_number(&pn_id(PN_READY), Some(&pin()))
            .await
            .unwrap()
            .done
    );

    let mut coex = start(WABA_ATENDIMENTO, PN_COEXISTENCE).await;
    coex.j.run_checks(&coex.c).await.unwrap();
    let before = coex.writes().len();
    assert!(matches!(
        coex.j.reset_pin(&coex.c, "1234", pin()).await,
        Err(JourneyError::PinCoexistence)
    ));
    assert_eq!(coex.writes().len(), before);
}
