//! The right road for the number (`docs/meta-rules.md` §13, §17): most admins delete a number
//! only to get it working somewhere else. From Meta's facts (who owns the account, Coexistence,
//! registration, the display name, the business's verification, the last paid message) and the
//! admin's answer to "O que você vai fazer com este número?", this decides which roads apply, in
//! order of what they keep, each with what is kept and lost, the downtime, what the admin does on
//! Meta's site and what the new provider does. A road that does not apply says why in one word
//! of the vocabulary. The screens and the console show this decision; neither decides.

use super::move_report::{MoveItemId, MoveReport, MoveStatus};
use crate::graph::model::Waba;
use crate::vocabulary::ipc_enum;
use serde::Serialize;

ipc_enum! {
    /// The admin's answer: where the number should end up.
    pub enum Goal {
        /// Working with another provider, CRM or account.
        OtherProvider,
        /// Back on the phone, in the WhatsApp Business app.
        BackToApp,
        /// Not used any more.
        StopUsing,
    }
}

ipc_enum! {
    /// The roads, in order of what they keep.
    pub enum RoadId {
        /// Keep the account, change the partner (customer-owned accounts): nothing moves.
        ChangePartner,
        /// Meta's new account model (beta): a second partner onboarded on the same number.
        SecondPartner,
        /// Migrate the number to another account: it stays registered until the destination
        /// registers it.
        Migrate,
        /// Back to the WhatsApp Business app: deregister, then the deletion, proved.
        BackToApp,
        /// Close: the help article's road (deregister, deletion, the account removed).
        Close,
    }
}

ipc_enum! {
    /// Why a road does not apply.
    pub enum NotThisRoad {
        /// The admin's answer asks for something else.
        OtherGoal,
        /// The account belongs to a partner (On-Behalf-Of), not to the admin's portfolio.
        PartnerOwned,
        /// Meta did not say who owns the account.
        OwnershipUnknown,
        /// A Coexistence number: it is also in the WhatsApp Business app.
        Coexistence,
        /// Not registered on the Cloud API (a migration starts from a registered number).
        NotRegistered,
        /// The display name is not approved, or a change waits for Meta's review.
        NameNotApproved,
        /// A test number.
        TestNumber,
        /// The account is not approved by Meta.
        AccountNotApproved,
        /// The business is not verified.
        BusinessNotVerified,
        /// Meta's facts could not be read: the road cannot be confirmed.
        Unread,
    }
}

ipc_enum! {
    /// What a road keeps, or loses.
    pub enum Asset {
        /// The number itself, on the platform.
        Number,
        DisplayName,
        QualityRating,
        MessagingLimit,
        Templates,
        /// The conversations' history on the provider's side.
        History,
    }
}

ipc_enum! {
    /// How long the number cannot send.
    pub enum Downtime {
        None,
        /// Sending may stop until the new partner's credit line takes over (Meta: the 1st of
        /// the next month).
        UntilNewCreditLine,
        /// From the deregister until the number is active on the phone.
        UntilActiveOnPhone,
        /// For good.
        ForGood,
    }
}

ipc_enum! {
    /// A step on Meta's site or in the app on the phone.
    pub enum RoadStep {
        /// Business Settings › Accounts › WhatsApp accounts › Partners: remove the old partner.
        RemoveOldPartner,
        /// Share the account with the new partner (accept the request the new partner sends).
        ShareWithNewPartner,
        /// The new partner asks for access to the customer's account.
        RequestAccess,
        /// The new partner's sign-up, on the same number (the admin's side).
        OnboardOnSameNumber,
        /// The new partner offers its sign-up on the same number (the provider's side).
        OfferSameNumberSignup,
        /// WhatsApp Manager › the number › Two-step verification › Turn off (confirmed by e-mail).
        TurnPinOff,
        /// The new provider starts the migration (request a code, verify it, register).
        StartMigration,
        /// This app disconnects the number (one deregister).
        Disconnect,
        /// WhatsApp Manager: the trash icon, "Avançar".
        DeleteInWhatsAppManager,
        /// In the app on the phone: Settings › Account › Business Platform › Disconnect.
        DisconnectInPhoneApp,
        /// Activate the number in the WhatsApp Business app once Meta frees it.
        ActivateInPhoneApp,
        /// Business Settings: "Remover do Portfólio Empresarial".
        RemoveAccount,
    }
}

/// One road, as the core decided it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Road {
    pub id: RoadId,
    pub applies: bool,
    /// Why it does not apply (`None` when it does).
    pub why_not: Option<NotThisRoad>,
    pub keeps: Vec<Asset>,
    pub loses: Vec<Asset>,
    pub downtime: Downtime,
    pub admin_steps: Vec<RoadStep>,
    pub provider_steps: Vec<RoadStep>,
    /// Meta's beta, as Meta's page said when it was read (`docs/meta-rules.md` §17).
    pub beta_read_on: Option<&'static str>,
    /// The first day Meta allows the deletion (a paid message in the last 30 days), when the
    /// road deletes and Meta's data says so.
    pub deletable_from: Option<String>,
    /// A credit line funds the account: the old partner's may stop sending, or block removal.
    pub credit_line: bool,
}

/// The facts the advisor reads, from Meta's answers.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Facts {
    /// The account belongs to the admin's own portfolio (not a partner's, On-Behalf-Of).
    pub customer_owned: Option<bool>,
    /// The migration's requirements, item by item (`removal/move_report.rs`).
    pub move_report: Option<MoveReport>,
    pub coexistence: Option<bool>,
    pub deletable_from: Option<String>,
    /// A credit line funds the account (`None`: not read, as on the move path before the checks).
    pub credit_line: Option<bool>,
}

/// The date Meta's new account model was read (its beta label and phases are Meta's).
pub const ACCOUNT_MODEL_READ_ON: &str = "2026-12-06";

impl Facts {
    /// Who owns the account: the admin's portfolio `business_id` (customer-owned), or a partner.
    pub fn owner(w: &Waba, business_id: &str) -> Option<bool> {
        let owner = w.owner_business_info.as_ref()?.id.as_deref()?;
        Some(owner == business_id)
    }
}

/// Every road, the ones that apply first (in order of what they keep), then the others with why.
pub fn advise(f: &Facts, goal: Goal) -> Vec<Road> {
    let mut roads = vec![
        change_partner(f, goal),
        second_partner(f, goal),
        migrate(f, goal),
        back_to_app(f, goal),
        close(f),
    ];
    roads.sort_by_key(|r| !r.applies); // stable: the order of what they keep stays
    roads
}

fn road(id: RoadId, why_not: Option<NotThisRoad>) -> Road {
    Road {
        id,
        applies: why_not.is_none(),
        why_not,
        keeps: vec![],
        loses: vec![],
        downtime: Downtime::None,
        admin_steps: vec![],
        provider_steps: vec![],
        beta_read_on: None,
        deletable_from: None,
        credit_line: false,
    }
}

const EVERYTHING: [Asset; 6] = [
    Asset::Number,
    Asset::DisplayName,
    Asset::QualityRating,
    Asset::MessagingLimit,
    Asset::Templates,
    Asset::History,
];

fn for_goal(goal: Goal, wanted: Goal) -> Option<NotThisRoad> {
    (goal != wanted).then_some(NotThisRoad::OtherGoal)
}

fn change_partner(f: &Facts, goal: Goal) -> Road {
    let why = for_goal(goal, Goal::OtherProvider).or(match f.customer_owned {
        Some(true) => None,
        Some(false) => Some(NotThisRoad::PartnerOwned),
        None => Some(NotThisRoad::OwnershipUnknown),
    });
    let mut r = road(RoadId::ChangePartner, why);
    r.keeps = EVERYTHING.to_vec();
    // Unknown is said as the possibility it is, never as "no downtime".
    r.downtime = if f.credit_line == Some(false) {
        Downtime::None
    } else {
        Downtime::UntilNewCreditLine
    };
    r.credit_line = f.credit_line == Some(true);
    r.admin_steps = vec![RoadStep::RemoveOldPartner, RoadStep::ShareWithNewPartner];
    r.provider_steps = vec![RoadStep::RequestAccess];
    r
}

/// Meta's beta: whether the new provider offers it is theirs to say, so it applies to every
/// move, marked as a beta with the date Meta's page was read.
fn second_partner(_f: &Facts, goal: Goal) -> Road {
    let mut r = road(RoadId::SecondPartner, for_goal(goal, Goal::OtherProvider));
    r.keeps = EVERYTHING.to_vec();
    r.admin_steps = vec![RoadStep::OnboardOnSameNumber];
    r.provider_steps = vec![RoadStep::OfferSameNumberSignup];
    r.beta_read_on = Some(ACCOUNT_MODEL_READ_ON);
    r
}

/// The migration's first failing requirement, in the order Meta lists them.
fn migration_blocker(report: Option<&MoveReport>) -> Option<NotThisRoad> {
    let Some(report) = report else {
        return Some(NotThisRoad::Unread);
    };
    let status = |id| report.items.iter().find(|i| i.id == id).map(|i| i.status);
    let order = [
        (MoveItemId::NotCoexistence, NotThisRoad::Coexistence),
        (MoveItemId::Registered, NotThisRoad::NotRegistered),
        (MoveItemId::DisplayName, NotThisRoad::NameNotApproved),
        (MoveItemId::NotTestNumber, NotThisRoad::TestNumber),
        (MoveItemId::WabaApproved, NotThisRoad::AccountNotApproved),
        (
            MoveItemId::BusinessVerified,
            NotThisRoad::BusinessNotVerified,
        ),
    ];
    order.iter().find_map(|(id, why)| match status(*id) {
        Some(MoveStatus::Fail) => Some(*why),
        Some(MoveStatus::Unknown) | None => Some(NotThisRoad::Unread),
        _ => None,
    })
}

fn migrate(f: &Facts, goal: Goal) -> Road {
    let why = for_goal(goal, Goal::OtherProvider).or(migration_blocker(f.move_report.as_ref()));
    let mut r = road(RoadId::Migrate, why);
    r.keeps = vec![
        Asset::Number,
        Asset::DisplayName,
        Asset::QualityRating,
        Asset::MessagingLimit,
    ];
    // Templates move only by Meta's template migration or a restore from the backup.
    r.loses = vec![Asset::Templates, Asset::History];
    r.admin_steps = vec![RoadStep::TurnPinOff];
    r.provider_steps = vec![RoadStep::StartMigration];
    r
}

fn back_to_app(f: &Facts, goal: Goal) -> Road {
    let why = for_goal(goal, Goal::BackToApp);
    let mut r = road(RoadId::BackToApp, why);
    r.keeps = vec![Asset::Number];
    r.loses = vec![
        Asset::DisplayName,
        Asset::QualityRating,
        Asset::MessagingLimit,
        Asset::Templates,
        Asset::History,
    ];
    r.downtime = Downtime::UntilActiveOnPhone;
    if f.coexistence == Some(true) {
        // Already in the app: disconnected there, nothing deleted.
        r.admin_steps = vec![RoadStep::DisconnectInPhoneApp];
    } else {
        r.admin_steps = vec![
            RoadStep::Disconnect,
            RoadStep::DeleteInWhatsAppManager,
            RoadStep::ActivateInPhoneApp,
        ];
        r.deletable_from = f.deletable_from.clone();
    }
    r
}

fn close(f: &Facts) -> Road {
    // Always open, always last: the article's road.
    let mut r = road(RoadId::Close, None);
    r.loses = EVERYTHING.to_vec();
    r.downtime = Downtime::ForGood;
    r.admin_steps = vec![
        RoadStep::Disconnect,
        RoadStep::DeleteInWhatsAppManager,
        RoadStep::RemoveAccount,
    ];
    r.deletable_from = f.deletable_from.clone();
    r.credit_line = f.credit_line == Some(true);
    r
}

#[cfg(test)]
mod tests;
