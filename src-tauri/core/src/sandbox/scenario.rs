//! Named starting situations for practice and support demos (`waba-remover sandbox --scenario`).

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scenario {
    /// The seeded company, an admin's token with both permissions.
    Default,
    /// The token belongs to an employee (not a business admin).
    Employee,
    /// The token expired (190/463 on every call).
    ExpiredToken,
    /// The token lacks `business_management`.
    MissingPermission,
    /// 800 ms per request.
    Slow,
    /// A WABA budget of 20 calls per hour instead of 200.
    RateLimited,
    /// A provider's client base: the seeded company plus five client accounts of four
    /// registered numbers each (20 numbers in 5 WABAs), for the support console's `release`.
    Provider,
}

impl Scenario {
    pub const ALL: [Scenario; 7] = [
        Scenario::Default,
        Scenario::Employee,
        Scenario::ExpiredToken,
        Scenario::MissingPermission,
        Scenario::Slow,
        Scenario::RateLimited,
        Scenario::Provider,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Scenario::Default => "default",
            Scenario::Employee => "employee",
            Scenario::ExpiredToken => "expired-token",
            Scenario::MissingPermission => "missing-permission",
            Scenario::Slow => "slow",
            Scenario::RateLimited => "rate-limited",
            Scenario::Provider => "provider",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }
}
