//! Where the numbers of a release go (`docs/meta-rules.md` §13, §16): the provider's analyst says
//! it once for the run (`release --to`, the batch's question), and the road decides what is sent.
//! Meta designs a migration for a *registered* number: the old account keeps sending until the
//! new one registers it. So the road to another provider sends no deregister at all, and the
//! provider's app leaves the account's webhooks only once Meta's list proves the number left.

use crate::vocabulary::ipc_enum;

ipc_enum! {
    /// The road of a release.
    pub enum ReleaseRoad {
        /// To another provider or account (a migration): backup and card, nothing deregistered.
        Provider,
        /// Back to the WhatsApp Business app on the phone: one deregister, then Meta's deletion.
        App,
        /// Closing the number: one deregister, then Meta's deletion.
        Close,
    }
}

impl ReleaseRoad {
    /// Whether this road takes the number off the Cloud API (a deregister).
    pub fn deregisters(self) -> bool {
        !matches!(self, ReleaseRoad::Provider)
    }

    /// The road named on the command line (`provider`, `app`, `close`).
    pub fn parse(s: &str) -> Option<Self> {
        use crate::vocabulary::Vocabulary;
        Self::wire_names()
            .into_iter()
            .zip(Self::ALL)
            .find(|((_, wire), _)| wire == s)
            .map(|(_, r)| *r)
    }

    /// The wire name (`provider`…), as the journal and the report spell it.
    pub fn name(self) -> &'static str {
        match self {
            ReleaseRoad::Provider => "provider",
            ReleaseRoad::App => "app",
            ReleaseRoad::Close => "close",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_provider_road_keeps_the_number_registered() {
        assert!(!ReleaseRoad::Provider.deregisters());
        assert!(ReleaseRoad::App.deregisters());
        assert!(ReleaseRoad::Close.deregisters());
        for r in [ReleaseRoad::Provider, ReleaseRoad::App, ReleaseRoad::Close] {
            assert_eq!(ReleaseRoad::parse(r.name()), Some(r));
        }
        assert_eq!(ReleaseRoad::parse("delete"), None);
    }
}
