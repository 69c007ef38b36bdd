//! Facts derived from Graph answers, for the pre-requisites of the article (`docs/journey.md`) (`docs/meta-rules.md` §2, §4).

use super::model::{
    AssignedUser, BusinessRole, BusinessUser, CanSend, CreditLine, PhoneNumber, ReviewStatus, Waba,
    WabaPricing,
};
use chrono::{DateTime, Days, NaiveDate};
use serde::Serialize;

/// Whether the token's user may delete a number: "only a business admin may delete a number";
/// WABA tasks MANAGE or FULL_CONTROL count as full control (`docs/meta-rules.md` §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AdminFact {
    /// Role ADMIN in the business.
    BusinessAdmin,
    /// Not listed among business users (a system user), but full control of the WABA.
    FullControlOfWaba,
    /// Listed with another role, or no full control.
    NotAdmin,
}

pub fn admin_fact(me_id: &str, users: &[BusinessUser], assigned: &[AssignedUser]) -> AdminFact {
    if let Some(u) = users.iter().find(|u| u.id == me_id) {
        return if u.role == Some(BusinessRole::Admin) {
            AdminFact::BusinessAdmin
        } else {
            AdminFact::NotAdmin
        };
    }
    let full = assigned
        .iter()
        .find(|a| a.id == me_id)
        .is_some_and(|a| a.tasks.iter().any(|t| t == "MANAGE" || t == "FULL_CONTROL"));
    if full {
        AdminFact::FullControlOfWaba
    } else {
        AdminFact::NotAdmin
    }
}

/// "The number must be linked to an active WABA": review APPROVED and not BLOCKED.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActiveFact {
    pub active: bool,
    pub review_status: Option<String>,
    pub can_send: Option<String>,
}

pub fn active_waba(w: &Waba) -> ActiveFact {
    let approved = w.account_review_status == Some(ReviewStatus::Approved);
    let can_send = w
        .health_status
        .as_ref()
        .and_then(|h| h.can_send_message.clone());
    let blocked = can_send == Some(CanSend::Blocked);
    ActiveFact {
        active: approved && !blocked,
        review_status: w
            .account_review_status
            .as_ref()
            .map(|s| s.as_str().to_owned()),
        can_send: can_send.map(|c| c.as_str().to_owned()),
    }
}

/// "Meta refuses to delete a number that sent paid messages in the last 30 days" (`docs/meta-rules.md` §4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaidFact {
    pub last_paid_day: Option<NaiveDate>,
    /// Last paid day + 30 days; `None` when no paid message was found.
    pub deletable_from: Option<NaiveDate>,
}

impl PaidFact {
    pub fn allows_deletion_on(&self, today: NaiveDate) -> bool {
        self.deletable_from.is_none_or(|d| today >= d)
    }
}

/// Last day with a paid data point for `phone_digits` (or for all numbers when a point carries
/// no number): COST > 0, or, when COST is missing (credit-line WABAs), VOLUME > 0 of a pricing
/// type that is not free.
pub fn paid_fact(p: &WabaPricing, phone_digits: &str) -> PaidFact {
    let last = p
        .pricing_analytics
        .iter()
        .flat_map(|a| a.data.iter())
        .flat_map(|s| s.data_points.iter())
        .filter(|d| d.phone_number.as_deref().is_none_or(|n| n == phone_digits))
        .filter(|d| match d.cost {
            Some(c) => c > 0.0,
            None => {
                d.volume.unwrap_or(0.0) > 0.0
                    && !d
                        .pricing_type
                        .as_deref()
                        .is_some_and(|t| t.starts_with("FREE"))
            }
        })
        .filter_map(|d| {
            d.start
                .and_then(|s| DateTime::from_timestamp(s, 0))
                .map(|t| t.date_naive())
        })
        .max();
    PaidFact {
        last_paid_day: last,
        deletable_from: last.and_then(|d| d.checked_add_days(Days::new(30))),
    }
}

/// Registered on Cloud API, so a deregister applies (`docs/meta-rules.md`, deregister).
pub fn registered(n: &PhoneNumber) -> bool {
    n.platform() == Some("CLOUD_API")
        || n.status == Some(crate::graph::model::NumberStatus::Connected)
}

/// `is_on_biz_app: true`: the number is also in the WhatsApp Business app (Coexistence);
/// deregister is refused for it (`docs/meta-rules.md`, deregister).
pub fn coexistence(n: &PhoneNumber) -> bool {
    n.is_on_biz_app == Some(true)
}

/// A credit line funds this WABA: it cannot be detached, and a pending balance can block WABA
/// removal until Meta support clears it (`docs/meta-rules.md` §4).
pub fn credit_line_of<'a>(w: &Waba, lines: &'a [CreditLine]) -> Option<&'a CreditLine> {
    let funding = w.primary_funding_id.as_deref()?;
    lines.iter().find(|l| l.id == funding)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::model::{HealthStatus, PricingAnalytics, PricingDataPoint, PricingSeries};

    fn user(id: &str, role: &str) -> BusinessUser {
        BusinessUser {
            id: id.into(),
            name: None,
            role: Some(role.into()),
        }
    }

    #[test]
    fn only_admins_or_full_control_may_delete() {
        let users = vec![user("1", "ADMIN"), user("2", "EMPLOYEE")];
        let assigned = vec![
            AssignedUser {
                id: "3".into(),
                name: None,
                tasks: vec!["MANAGE".into()],
            },
            AssignedUser {
                id: "4".into(),
                name: None,
                tasks: vec!["DEVELOP".into()],
            },
            AssignedUser {
                id: "2".into(),
                name: None,
                tasks: vec!["FULL_CONTROL".into()],
            },
        ];
        assert_eq!(admin_fact("1", &users, &assigned), AdminFact::BusinessAdmin);
        assert_eq!(
            admin_fact("2", &users, &assigned),
            AdminFact::NotAdmin,
            "employee role wins over tasks"
        );
        assert_eq!(
            admin_fact("3", &users, &assigned),
            AdminFact::FullControlOfWaba
        );
        assert_eq!(admin_fact("4", &users, &assigned), AdminFact::NotAdmin);
        assert_eq!(admin_fact("9", &users, &assigned), AdminFact::NotAdmin);
    }

    fn waba(review: &str, send: Option<&str>) -> Waba {
        serde_json::from_value(serde_json::json!({"id":"1","account_review_status":review,
            "health_status": send.map(|s| serde_json::json!({"can_send_message": s}))}))
        .unwrap()
    }

    #[test]
    fn active_means_approved_and_not_blocked() {
        assert!(active_waba(&waba("APPROVED", Some("AVAILABLE"))).active);
        assert!(active_waba(&waba("APPROVED", None)).active);
        assert!(!active_waba(&waba("APPROVED", Some("BLOCKED"))).active);
        assert!(!active_waba(&waba("PENDING", Some("AVAILABLE"))).active);
        assert!(!active_waba(&waba("SOMETHING_NEW", None)).active);
        let _ = HealthStatus {
            can_send_message: None,
            entities: vec![],
        };
    }

    fn point(day: i64, cost: Option<f64>, vol: f64, ty: &str) -> PricingDataPoint {
        PricingDataPoint {
            start: Some(day * 86_400),
            end: Some((day + 1) * 86_400),
            volume: Some(vol),
            cost,
            pricing_type: Some(ty.into()),
            pricing_category: None,
            phone_number: Some("5511".into()),
        }
    }

    fn pricing(points: Vec<PricingDataPoint>) -> WabaPricing {
        WabaPricing {
            id: None,
            pricing_analytics: Some(PricingAnalytics {
                data: vec![PricingSeries {
                    data_points: points,
                }],
            }),
        }
    }

    #[test]
    fn deletion_waits_30_days_after_paid_message() {
        let f = paid_fact(
            &pricing(vec![
                point(20_000, Some(0.5), 3.0, "REGULAR"),
                point(20_010, Some(0.0), 9.0, "FREE_CUSTOMER_SERVICE"),
            ]),
            "5511",
        );
        let last = NaiveDate::from_ymd_opt(2024, 10, 4).unwrap(); // day 20000
        assert_eq!(f.last_paid_day, Some(last));
        assert_eq!(f.deletable_from, Some(last + Days::new(30)));
        assert!(!f.allows_deletion_on(last + Days::new(29)));
        assert!(f.allows_deletion_on(last + Days::new(30)));
    }

    #[test]
    fn without_cost_paid_volume_counts() {
        let f = paid_fact(
            &pricing(vec![
                point(20_000, None, 4.0, "REGULAR"),
                point(20_005, None, 7.0, "FREE_ENTRY_POINT"),
            ]),
            "5511",
        );
        assert_eq!(f.last_paid_day, NaiveDate::from_ymd_opt(2024, 10, 4));
    }

    #[test]
    fn no_paid_message_allows_deletion_now() {
        let f = paid_fact(
            &pricing(vec![point(20_000, None, 4.0, "FREE_CUSTOMER_SERVICE")]),
            "5511",
        );
        assert_eq!(f.deletable_from, None);
        assert!(f.allows_deletion_on(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()));
        assert_eq!(paid_fact(&WabaPricing::default(), "1").last_paid_day, None);
    }

    #[test]
    fn other_numbers_do_not_count() {
        let mut p = point(20_000, Some(1.0), 1.0, "REGULAR");
        p.phone_number = Some("5599".into());
        assert_eq!(paid_fact(&pricing(vec![p]), "5511").last_paid_day, None);
    }

    #[test]
    fn coexistence_and_credit_lines() {
        let n: PhoneNumber = serde_json::from_str(r#"{"id":"1","is_on_biz_app":true}"#).unwrap();
        assert!(coexistence(&n));
        let w: Waba = serde_json::from_str(r#"{"id":"1","primary_funding_id":"77"}"#).unwrap();
        let lines = vec![CreditLine {
            id: "77".into(),
            legal_entity_name: None,
        }];
        assert!(credit_line_of(&w, &lines).is_some());
        assert!(credit_line_of(&w, &[]).is_none());
    }
}
