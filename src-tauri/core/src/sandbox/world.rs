//! The sandbox's data: a fictional company's Meta objects and the state Meta's rules need.

use crate::graph::model::{
    AppData, AssignedUser, Business, BusinessProfile, BusinessRole, CreditLine, PhoneNumber,
    Template, Waba,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct World {
    pub businesses: Vec<Business>,
    pub wabas: Vec<WabaRec>,
    pub numbers: Vec<NumberRec>,
    pub users: Vec<UserRec>,
    pub credit_lines: Vec<CreditLineRec>,
    pub usage: Vec<UsagePoint>,
    /// The app the practice token belongs to (what `subscribed_apps` lists).
    pub app: AppData,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WabaRec {
    pub business_id: String,
    /// Owned by the business (true) or a client WABA shared with it (false).
    pub owned: bool,
    pub info: Waba,
    pub templates: Vec<Template>,
    pub assigned: Vec<AssignedUser>,
    pub subscribed_apps: Vec<AppData>,
    pub removed_at: Option<DateTime<Utc>>,
    /// Templates created through the API, waiting for review (id, when created).
    #[serde(default)]
    pub in_review: Vec<(String, DateTime<Utc>)>,
    /// The Partners tab of the account in Business Settings (no Graph API lists it).
    #[serde(default)]
    pub partners: Vec<crate::graph::practice::Partner>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NumberRec {
    pub waba_id: String,
    pub info: PhoneNumber,
    /// Registered on Cloud API (deregister is refused otherwise, subcode 2207051).
    pub registered: bool,
    pub profile: BusinessProfile,
    /// Register/deregister calls, for the shared budget of 10 per 72 h (`docs/meta-rules.md` §5).
    pub registration_calls: Vec<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
    /// The two-step PIN as Meta keeps it: here a salted, stretched hash, never the digits (the
    /// practice world is saved to disk, privately, and an admin may type a real PIN while
    /// rehearsing).
    #[serde(default)]
    pub pin_hash: Option<String>,
}

/// Rounds of the PIN's key stretching: a six-digit PIN has a million values, so each guess must
/// cost (with a random salt per PIN, no table serves two PINs).
const PIN_ROUNDS: u32 = 20_000;

fn stretch(salt: &[u8], pin: &str) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let mut h: [u8; 32] = Sha256::new()
        .chain_update(salt)
        .chain_update(pin.as_bytes())
        .finalize()
        .into();
    for _ in 0..PIN_ROUNDS {
        h = Sha256::new()
            .chain_update(salt)
            .chain_update(h)
            .finalize()
            .into();
    }
    h
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|b| format!("{b:02x}")).collect()
}

/// The stored form of a two-step PIN: `s1$salt$hash`, a random salt and a stretched hash,
/// never the digits nor a fast hash of them.
pub fn pin_hash(pin: &str) -> String {
    let salt: [u8; 16] = rand::random();
    format!("s1${}${}", hex(&salt), hex(&stretch(&salt, pin)))
}

/// Whether `pin` is the PIN stored as `stored` (a stored form this version does not know never
/// matches).
pub fn pin_matches(pin: &str, stored: &str) -> bool {
    let mut parts = stored.split('$');
    let (Some("s1"), Some(salt), Some(hash), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let salt: Option<Vec<u8>> = (0..salt.len())
        .step_by(2)
        .map(|i| {
            salt.get(i..i + 2)
                .and_then(|x| u8::from_str_radix(x, 16).ok())
        })
        .collect();
    salt.is_some_and(|salt| hex(&stretch(&salt, pin)) == hash)
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UserRec {
    pub id: String,
    pub name: String,
    pub business_id: String,
    pub role: BusinessRole,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreditLineRec {
    pub business_id: String,
    pub line: CreditLine,
}

/// One day of usage of one number (the source of `pricing_analytics`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UsagePoint {
    pub waba_id: String,
    pub phone_digits: String,
    pub day_start: i64,
    pub volume: u32,
    /// `None` on credit-line WABAs, where Meta may omit COST (`docs/meta-rules.md` §4).
    pub cost: Option<f64>,
    pub pricing_type: String,
    pub pricing_category: String,
}

impl NumberRec {
    /// Deleted by `now`. Meta applies a deletion a little after the click, so `deleted_at` may
    /// lie in the future for a few seconds.
    pub fn gone(&self, now: DateTime<Utc>) -> bool {
        self.deleted_at.is_some_and(|t| t <= now)
    }
}

impl WabaRec {
    /// Removed from the portfolio by `now`.
    pub fn gone(&self, now: DateTime<Utc>) -> bool {
        self.removed_at.is_some_and(|t| t <= now)
    }
}

impl World {
    pub fn waba(&self, id: &str) -> Option<&WabaRec> {
        self.wabas.iter().find(|w| w.info.id == id)
    }
    pub fn waba_mut(&mut self, id: &str) -> Option<&mut WabaRec> {
        self.wabas.iter_mut().find(|w| w.info.id == id)
    }
    pub fn number(&self, id: &str) -> Option<&NumberRec> {
        self.numbers.iter().find(|n| n.info.id == id)
    }
    pub fn number_mut(&mut self, id: &str) -> Option<&mut NumberRec> {
        self.numbers.iter_mut().find(|n| n.info.id == id)
    }
    pub fn business(&self, id: &str) -> Option<&Business> {
        self.businesses.iter().find(|b| b.id == id)
    }
    pub fn user(&self, id: &str) -> Option<&UserRec> {
        self.users.iter().find(|u| u.id == id)
    }
    /// Numbers still in a WABA at `now` (not deleted).
    pub fn live_numbers_of<'a>(
        &'a self,
        waba_id: &'a str,
        now: DateTime<Utc>,
    ) -> impl Iterator<Item = &'a NumberRec> + 'a {
        self.numbers
            .iter()
            .filter(move |n| n.waba_id == waba_id && !n.gone(now))
    }
    /// The business a WABA-level object (WABA or number) bills its calls to.
    pub fn business_of_object(&self, id: &str) -> Option<String> {
        if let Some(w) = self.waba(id) {
            return Some(w.business_id.clone());
        }
        let n = self.number(id)?;
        self.waba(&n.waba_id).map(|w| w.business_id.clone())
    }
    /// The WABA a call about `id` counts against (for the WABA rate limit).
    pub fn waba_of_object(&self, id: &str) -> Option<String> {
        if self.waba(id).is_some() {
            return Some(id.to_owned());
        }
        self.number(id).map(|n| n.waba_id.clone())
    }
}

#[cfg(test)]
mod pin_tests {
    use super::*;

    #[test]
    fn a_pin_is_kept_salted_and_stretched_never_as_digits() {
        let a = pin_hash("271828");
        let b = pin_hash("271828");
        assert_ne!(a, b, "a random salt per PIN");
        assert!(!a.contains("271828"));
        assert!(pin_matches("271828", &a) && pin_matches("271828", &b));
        assert!(!pin_matches("271829", &a));
        // The old unsalted form is never accepted.
        assert!(!pin_matches("271828", "ab12"));
    }
}
