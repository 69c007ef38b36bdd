//! "Levar para outro provedor ou conta" (`docs/meta-rules.md` §13) through the core API against the
//! sandbox: each requirement Meta states is read and can fail on its own, and nothing is deleted
//! or deregistered on this path.

use crate::common;
use common::*;
use waba_core::removal::move_report::{MoveItemId, MoveStatus};
use waba_core::removal::{
    receipt, JournalStore, Journey, JourneyError, JourneyPath, Readiness, Stage,
};
use waba_core::sandbox::seed::*;
use waba_core::sandbox::Sandbox;

struct Run {
    sb: Sandbox,
    c: waba_core::graph::GraphClient,
    dir: tempfile::TempDir,
    j: Journey,
}

/// A journey at the choice, for the number `pn` of `waba`, on a sandbox `edit` may change first.
async fn at_the_choice(
    waba: &str,
    pn: &str,
    edit: impl FnOnce(&mut waba_core::sandbox::World),
) -> Run {
    let sb = strict(&[]).await;
    sb.with_world(edit);
    let c = fast_client(&sb);
    let dir = tempfile::tempdir().unwrap();
    let j = JourneyAt::new(&c, dir.path())
        .number(waba, pn)
        .at(At::NumberChosen)
        .await;
    Run { sb, c, dir, j }
}

fn status_of(report: &waba_core::removal::MoveReport, id: MoveItemId) -> MoveStatus {
    report.items.iter().find(|i| i.id == id).unwrap().status
}

#[tokio::test]
async fn the_move_path_reads_the_requirements_and_removes_nothing() {
    let mut r = at_the_choice(WABA_PROMOCOES, PN_READY, |_| {}).await;
    r.j.choose_path(JourneyPath::Move).unwrap();
    assert_eq!(r.j.journal().stage, Stage::Move);
    let report = r.j.move_roads(&r.c).await.unwrap().report;
    assert!(report.ready, "{report:?}");
    assert_eq!(status_of(&report, MoveItemId::PinOff), MoveStatus::Todo);
    assert_eq!(status_of(&report, MoveItemId::WhoStarts), MoveStatus::Info);
    // The same backup as the removal, and the journey stays on this path.
    let s =
        r.j.backup(&r.c, &r.dir.path().join("backup.json"))
            .await
            .unwrap();
    assert_eq!(s.templates, 260);
    assert_eq!(r.j.journal().stage, Stage::Move);
    // No way from here to a deletion or a deregister.
    assert!(matches!(
        r.j.confirm_checks(true, vec![]),
        Err(JourneyError::WrongStage { .. })
    ));
    assert!(matches!(
        r.j.confirm_delete_number(&r.c, "5678", Readiness::YES)
            .await,
        Err(JourneyError::WrongStage { .. })
    ));
    let card = r.j.move_card().unwrap();
    for needle in ["+55 11 98888-5678", PN_READY, WABA_PROMOCOES, "CONNECTED"] {
        assert!(card.text.contains(needle), "{needle} in {}", card.text);
    }
    assert!(!card.text.contains(r.sb.token().reveal_practice().unwrap()));
    r.j.finish_move().unwrap();
    assert_eq!(r.j.journal().stage, Stage::Done);
    assert!(r.j.journal().incoherence().is_none());
    assert!(Journey::resume(JournalStore::new(r.dir.path())).is_some());
    let rc = receipt::receipt(r.j.journal());
    assert_eq!(rc.path, Some(JourneyPath::Move));
    assert!(rc.number_removed_at.is_none());
    assert!(receipt::receipt_html(&rc).contains("nada foi excluído"));
    assert!(r.sb.writes().is_empty(), "{:?}", r.sb.writes());
}

#[tokio::test]
async fn the_admin_may_change_their_mind_before_confirming() {
    let mut r = at_the_choice(WABA_PROMOCOES, PN_READY, |_| {}).await;
    r.j.choose_path(JourneyPath::Move).unwrap();
    r.j.choose_path(JourneyPath::Close).unwrap();
    assert_eq!(r.j.journal().stage, Stage::Checks);
    r.j.run_checks(&r.c).await.unwrap();
    r.j.confirm_checks(true, vec![]).unwrap();
    // On the backup screen: "Mudei de ideia: levar para outro provedor" still goes to the move.
    r.j.choose_path(JourneyPath::Move).unwrap();
    assert_eq!(r.j.journal().stage, Stage::Move);
    // But back to the deletion only through the choice again, never by a shortcut.
    r.j.choose_path(JourneyPath::Close).unwrap();
    assert_eq!(r.j.journal().stage, Stage::Checks);
    assert!(r.sb.writes().is_empty());
}

/// The way back to the move is open on the deletion screen until the disconnect leaves, and
/// closed after it (a deregister breaks a migration, `docs/meta-rules.md` §13).
#[tokio::test]
async fn the_way_back_to_the_move_closes_with_the_disconnect() {
    let sb = strict(&[]).await;
    let c = fast_client(&sb);
    let dir = tempfile::tempdir().unwrap();
    let mut j = JourneyAt::new(&c, dir.path())
        .number(WABA_PROMOCOES, PN_READY)
        .at(At::BackupSkipped)
        .await;
    assert_eq!(j.journal().stage, Stage::DeleteNumber);
    j.choose_path(JourneyPath::Move).unwrap();
    assert_eq!(j.journal().stage, Stage::Move);
    let dir = tempfile::tempdir().unwrap();
    let mut j = JourneyAt::new(&c, dir.path())
        .number(WABA_PROMOCOES, PN_READY)
        .at(At::NumberWait)
        .await;
    assert!(matches!(
        j.choose_path(JourneyPath::Move),
        Err(JourneyError::WrongStage { .. })
    ));
    assert_eq!(j.journal().stage, Stage::DeleteNumber);
}

/// Each requirement fails on its own when Meta's data says so.
#[tokio::test]
async fn each_requirement_of_the_migration_can_fail() {
    type Edit = fn(&mut waba_core::sandbox::World);
    let cases: [(MoveItemId, Edit); 6] = [
        (MoveItemId::DisplayName, |w| {
            w.number_mut(PN_READY).unwrap().info.new_name_status = Some("PENDING_REVIEW".into())
        }),
        (MoveItemId::NotTestNumber, |w| {
            w.number_mut(PN_READY).unwrap().info.account_mode = Some("SANDBOX".into())
        }),
        (MoveItemId::Registered, |w| {
            w.number_mut(PN_READY).unwrap().info.platform_type = Some("NOT_APPLICABLE".into())
        }),
        (MoveItemId::WabaApproved, |w| {
            w.waba_mut(WABA_PROMOCOES)
                .unwrap()
                .info
                .account_review_status = Some(waba_core::graph::model::ReviewStatus::Pending)
        }),
        (MoveItemId::BusinessVerified, |w| {
            w.waba_mut(WABA_PROMOCOES)
                .unwrap()
                .info
                .business_verification_status = Some("pending_submission".into())
        }),
        (MoveItemId::NotCoexistence, |w| {
            w.number_mut(PN_READY).unwrap().info.is_on_biz_app = Some(true)
        }),
    ];
    for (id, edit) in cases {
        let mut r = at_the_choice(WABA_PROMOCOES, PN_READY, edit).await;
        r.j.choose_path(JourneyPath::Move).unwrap();
        let report = r.j.move_roads(&r.c).await.unwrap().report;
        assert_eq!(status_of(&report, id), MoveStatus::Fail, "{id:?}");
        assert!(!report.ready, "{id:?}");
        let others = report
            .items
            .iter()
            .filter(|i| i.id != id && i.status == MoveStatus::Fail)
            .count();
        assert_eq!(others, 0, "only {id:?} fails: {report:?}");
    }
    // The seeded Coexistence number, as the sandbox has it.
    let mut r = at_the_choice(WABA_ATENDIMENTO, PN_COEXISTENCE, |_| {}).await;
    r.j.choose_path(JourneyPath::Move).unwrap();
    let report = r.j.move_roads(&r.c).await.unwrap().report;
    assert_eq!(
        status_of(&report, MoveItemId::NotCoexistence),
        MoveStatus::Fail
    );
}

/// The one step a move needs on Meta's site: the PIN off, recorded as the admin's word (no API
/// reads it), and the card says so, with Meta's code for a PIN still on.
#[tokio::test]
async fn the_pin_step_is_the_admins_word_and_the_card_says_so() {
    let mut r = at_the_choice(WABA_PROMOCOES, PN_READY, |_| {}).await;
    assert!(matches!(
        r.j.say_pin_off(),
        Err(JourneyError::WrongStage { .. })
    ));
    r.j.choose_path(JourneyPath::Move).unwrap();
    r.j.move_roads(&r.c).await.unwrap();
    let before = r.j.move_card().unwrap().text;
    assert!(before.contains("ainda não confirmado"), "{before}");
    assert!(before.contains("2388001"), "{before}");
    r.j.say_pin_off().unwrap();
    assert!(r.j.journal().pin_off_said_at.is_some());
    let after = r.j.move_card().unwrap().text;
    assert!(after.contains("segundo o administrador"), "{after}");
    assert!(after.contains("not readable through the API"), "{after}");
    assert!(r.sb.writes().is_empty());
}

/// The advisor reads who owns the account: an account a partner owns (On-Behalf-Of) cannot just
/// change partner, and says why; the practice company's own account can. Both are in the
/// practice company, as an admin rehearses them.
#[tokio::test]
async fn the_roads_follow_who_owns_the_account() {
    use waba_core::removal::roads::{NotThisRoad, RoadId};
    let mut own = at_the_choice(WABA_PROMOCOES, PN_READY, |_| {}).await;
    own.j.choose_path(JourneyPath::Move).unwrap();
    let advice = own.j.move_roads(&own.c).await.unwrap();
    assert_eq!(advice.roads[0].id, RoadId::ChangePartner);
    assert!(advice.roads[0].applies);
    // The practice company's On-Behalf-Of account, shared with it by the partner that owns it.
    let mut partner = at_the_choice(WABA_DELIVERY, PN_DELIVERY, |_| {}).await;
    partner.j.choose_path(JourneyPath::Move).unwrap();
    let advice = partner.j.move_roads(&partner.c).await.unwrap();
    let change = advice
        .roads
        .iter()
        .find(|r| r.id == RoadId::ChangePartner)
        .unwrap();
    assert_eq!(change.why_not, Some(NotThisRoad::PartnerOwned));
    assert_eq!(advice.roads[0].id, RoadId::SecondPartner);
    assert!(partner.sb.writes().is_empty());
}

/// The path screen's advice, before any choice: each answer with the roads the advisor decides
/// from Meta's facts (two reads), nothing written; a Coexistence number's way back to the app
/// is the disconnect in the phone's app, nothing deleted here.
#[tokio::test]
async fn the_path_screen_says_what_each_answer_allows_now() {
    use waba_core::removal::roads::{Goal, RoadId, RoadStep};
    let r = at_the_choice(WABA_PROMOCOES, PN_READY, |_| {}).await;
    let by_goal = r.j.path_roads(&r.c).await.unwrap();
    let first = |goal: Goal| {
        by_goal
            .iter()
            .find(|g| g.goal == goal)
            .unwrap()
            .roads
            .iter()
            .find(|x| x.applies)
            .map(|x| x.id)
    };
    assert_eq!(first(Goal::OtherProvider), Some(RoadId::ChangePartner));
    assert_eq!(first(Goal::BackToApp), Some(RoadId::BackToApp));
    assert_eq!(first(Goal::StopUsing), Some(RoadId::Close));
    assert!(r.sb.writes().is_empty());
    let coex = at_the_choice(WABA_ATENDIMENTO, PN_COEXISTENCE, |_| {}).await;
    let by_goal = coex.j.path_roads(&coex.c).await.unwrap();
    let app = by_goal.iter().find(|g| g.goal == Goal::BackToApp).unwrap();
    let back = app
        .roads
        .iter()
        .find(|x| x.id == RoadId::BackToApp)
        .unwrap();
    assert!(back.applies);
    assert_eq!(back.admin_steps, [RoadStep::DisconnectInPhoneApp]);
    assert!(coex.sb.writes().is_empty());
}

/// "Voltar para o app no celular" is a road of its own: the removal's steps (the checks come
/// next, as for closing), and the journal says which road the number took (the last screen and
/// the receipt speak of that road only).
#[tokio::test]
async fn back_to_the_app_is_recorded_as_its_own_road() {
    let mut r = at_the_choice(WABA_PROMOCOES, PN_READY, |_| {}).await;
    r.j.choose_path(JourneyPath::BackToApp).unwrap();
    assert_eq!(r.j.journal().stage, Stage::Checks);
    assert_eq!(r.j.journal().path, Some(JourneyPath::BackToApp));
    let saved = JournalStore::new(r.dir.path()).load().unwrap();
    assert_eq!(saved.path, Some(JourneyPath::BackToApp));
}
