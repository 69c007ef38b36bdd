//! The advisor's table: facts × answer → roads.

use super::*;
use crate::removal::move_report::MoveItem;
use chrono::Utc;

/// A migration report where every requirement passes, except `failing`.
fn report(failing: Option<MoveItemId>) -> MoveReport {
    let ids = [
        MoveItemId::DisplayName,
        MoveItemId::NotCoexistence,
        MoveItemId::NotTestNumber,
        MoveItemId::Registered,
        MoveItemId::WabaApproved,
        MoveItemId::BusinessVerified,
    ];
    MoveReport {
        at: Utc::now(),
        items: ids
            .iter()
            .map(|id| MoveItem {
                id: *id,
                status: if Some(*id) == failing {
                    MoveStatus::Fail
                } else {
                    MoveStatus::Pass
                },
                facts: serde_json::json!({}),
            })
            .collect(),
        ready: failing.is_none(),
        number_status: Some("CONNECTED".into()),
    }
}

fn facts(customer_owned: Option<bool>, failing: Option<MoveItemId>) -> Facts {
    Facts {
        customer_owned,
        move_report: Some(report(failing)),
        coexistence: Some(failing == Some(MoveItemId::NotCoexistence)),
        deletable_from: None,
        credit_line: Some(false),
    }
}

fn ids(roads: &[Road]) -> Vec<RoadId> {
    roads.iter().filter(|r| r.applies).map(|r| r.id).collect()
}

fn why(roads: &[Road], id: RoadId) -> Option<NotThisRoad> {
    roads.iter().find(|r| r.id == id).unwrap().why_not
}

#[test]
fn another_provider_on_a_customer_owned_account_keeps_everything_first() {
    let roads = advise(&facts(Some(true), None), Goal::OtherProvider);
    assert_eq!(
        ids(&roads),
        [
            RoadId::ChangePartner,
            RoadId::SecondPartner,
            RoadId::Migrate,
            RoadId::Close
        ]
    );
    let first = &roads[0];
    assert_eq!(first.keeps.len(), 6);
    assert!(first.loses.is_empty());
    assert_eq!(first.downtime, Downtime::None);
    assert_eq!(first.admin_steps[0], RoadStep::RemoveOldPartner);
    assert_eq!(roads[1].beta_read_on, Some(ACCOUNT_MODEL_READ_ON));
    // Deletion last, and it keeps nothing.
    let close = roads.iter().find(|r| r.id == RoadId::Close).unwrap();
    assert!(close.keeps.is_empty());
    assert_eq!(close.downtime, Downtime::ForGood);
}

#[test]
fn a_partner_owned_account_cannot_change_partner_in_place() {
    let roads = advise(&facts(Some(false), None), Goal::OtherProvider);
    assert_eq!(
        why(&roads, RoadId::ChangePartner),
        Some(NotThisRoad::PartnerOwned)
    );
    assert_eq!(ids(&roads)[0], RoadId::SecondPartner);
    let roads = advise(&facts(None, None), Goal::OtherProvider);
    assert_eq!(
        why(&roads, RoadId::ChangePartner),
        Some(NotThisRoad::OwnershipUnknown)
    );
}

#[test]
fn each_migration_requirement_closes_the_migration_with_its_reason() {
    for (item, reason) in [
        (MoveItemId::NotCoexistence, NotThisRoad::Coexistence),
        (MoveItemId::Registered, NotThisRoad::NotRegistered),
        (MoveItemId::DisplayName, NotThisRoad::NameNotApproved),
        (MoveItemId::NotTestNumber, NotThisRoad::TestNumber),
        (MoveItemId::WabaApproved, NotThisRoad::AccountNotApproved),
        (
            MoveItemId::BusinessVerified,
            NotThisRoad::BusinessNotVerified,
        ),
    ] {
        let roads = advise(&facts(Some(true), Some(item)), Goal::OtherProvider);
        assert_eq!(why(&roads, RoadId::Migrate), Some(reason), "{item:?}");
    }
    let unread = Facts {
        move_report: None,
        ..facts(Some(true), None)
    };
    assert_eq!(
        why(&advise(&unread, Goal::OtherProvider), RoadId::Migrate),
        Some(NotThisRoad::Unread)
    );
}

#[test]
fn the_migration_keeps_the_name_and_asks_for_the_pin_off() {
    let roads = advise(&facts(Some(false), None), Goal::OtherProvider);
    let m = roads.iter().find(|r| r.id == RoadId::Migrate).unwrap();
    assert!(m.applies);
    assert!(m.keeps.contains(&Asset::DisplayName));
    assert!(m.keeps.contains(&Asset::QualityRating));
    assert_eq!(m.admin_steps, [RoadStep::TurnPinOff]);
    assert_eq!(m.provider_steps, [RoadStep::StartMigration]);
    assert_eq!(
        m.downtime,
        Downtime::None,
        "registered until the destination registers"
    );
}

#[test]
fn back_to_the_app_deregisters_then_deletes_unless_coexistence() {
    let mut f = facts(Some(true), None);
    f.deletable_from = Some("2027-01-05".into());
    let roads = advise(&f, Goal::BackToApp);
    assert_eq!(ids(&roads), [RoadId::BackToApp, RoadId::Close]);
    let app = &roads[0];
    assert_eq!(
        app.admin_steps,
        [
            RoadStep::Disconnect,
            RoadStep::DeleteInWhatsAppManager,
            RoadStep::ActivateInPhoneApp
        ]
    );
    assert_eq!(app.deletable_from.as_deref(), Some("2027-01-05"));
    for other in [
        RoadId::ChangePartner,
        RoadId::SecondPartner,
        RoadId::Migrate,
    ] {
        assert_eq!(why(&roads, other), Some(NotThisRoad::OtherGoal));
    }
    let coex = advise(
        &facts(Some(true), Some(MoveItemId::NotCoexistence)),
        Goal::BackToApp,
    );
    assert_eq!(coex[0].admin_steps, [RoadStep::DisconnectInPhoneApp]);
    assert_eq!(coex[0].deletable_from, None);
}

#[test]
fn stopping_leaves_only_the_close_road() {
    let roads = advise(&facts(Some(true), None), Goal::StopUsing);
    assert_eq!(ids(&roads), [RoadId::Close]);
    assert_eq!(roads.len(), 5, "the others are listed with why");
    assert!(roads[1..]
        .iter()
        .all(|r| r.why_not == Some(NotThisRoad::OtherGoal)));
}

#[test]
fn a_credit_line_is_said_where_it_matters() {
    let mut f = facts(Some(true), None);
    f.credit_line = Some(true);
    let roads = advise(&f, Goal::OtherProvider);
    assert_eq!(roads[0].downtime, Downtime::UntilNewCreditLine);
    assert!(roads[0].credit_line);
    // Not read: said as a possibility, never as "no downtime".
    f.credit_line = None;
    let roads = advise(&f, Goal::OtherProvider);
    assert_eq!(roads[0].downtime, Downtime::UntilNewCreditLine);
    assert!(!roads[0].credit_line);
}
