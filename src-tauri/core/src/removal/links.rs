//! Links to Meta's screens (`docs/meta-rules.md` §7; patterns unverified, so they live in this one place).
//! Only `https://business.facebook.com/` is ever opened.

use serde::Serialize;

pub const BUSINESS_SUITE: &str = "https://business.facebook.com/";

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Links {
    pub whatsapp_manager: String,
    pub business_settings_waba: String,
    pub billing: String,
    pub insights: String,
    pub system_users: String,
}

pub fn links(business_id: &str, waba_id: &str) -> Links {
    Links {
        whatsapp_manager: format!("{BUSINESS_SUITE}wa/manage/phone-numbers/?waba_id={waba_id}&business_id={business_id}"),
        business_settings_waba: format!("{BUSINESS_SUITE}settings/whatsapp-business-accounts/{waba_id}?business_id={business_id}"),
        billing: format!("{BUSINESS_SUITE}billing_hub/payment_settings/?business_id={business_id}"),
        insights: format!("{BUSINESS_SUITE}wa/manage/insights/?waba_id={waba_id}&business_id={business_id}"),
        system_users: format!("{BUSINESS_SUITE}settings/system-users?business_id={business_id}"),
    }
}

impl Links {
    /// One of Meta's screens by the name the UI asks for; `None` for any other name.
    pub fn by_name(&self, which: &str) -> Option<&str> {
        Some(match which {
            "whatsapp_manager" => &self.whatsapp_manager,
            "business_settings" => &self.business_settings_waba,
            "billing" => &self.billing,
            "insights" => &self.insights,
            "system_users" => &self.system_users,
            _ => return None,
        })
    }
}

/// The links of a journey's target (ids left empty where not chosen yet).
pub fn for_target(t: &crate::steps::target::Target) -> Links {
    links(
        t.business_id.as_deref().unwrap_or(""),
        t.waba_id.as_deref().unwrap_or(""),
    )
}

/// Whether a URL may be opened in the system browser.
pub fn allowed(url: &str) -> bool {
    url.starts_with(BUSINESS_SUITE) && !url.contains(['\n', '\r', ' '])
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_business_suite_links_are_allowed() {
        let l = super::links("1", "2");
        for u in [
            &l.whatsapp_manager,
            &l.business_settings_waba,
            &l.billing,
            &l.insights,
            &l.system_users,
        ] {
            assert!(super::allowed(u), "{u}");
        }
        assert!(!super::allowed("https://evil.example/"));
        assert!(!super::allowed(
            "https://business.facebook.com.evil.example/"
        ));
    }
}
