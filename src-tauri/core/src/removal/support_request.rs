//! Where only Meta's support can move things on (`docs/journey.md`, "Quando só o suporte da
//! Meta resolve"): a credit line or balance of the old provider, an account a partner created in
//! the business's name (On-Behalf-Of), a two-step PIN nobody can turn off. The app says so and
//! hands a request ready for Meta's support: in English (the language Meta's support forms
//! answer in everywhere), with every id Meta asks for and the trace ids of the app's last
//! answers, and what to ask the old provider first. Never a token.

use crate::steps::target::Target;
use crate::vocabulary::ipc_enum;
use serde::Serialize;

ipc_enum! {
    /// Why Meta's support is the way on.
    pub enum SupportCase {
        /// The account is funded by the old provider's credit line, or owes it a balance.
        CreditLine,
        /// The old provider created the account on behalf of the business and still owns it.
        OnBehalfOf,
        /// Nobody can turn the two-step PIN off (no one knows it; Meta's e-mail does not arrive).
        PinUnknown,
    }
}

/// The request, ready to paste into Meta's support form.
#[derive(Debug, Clone, Serialize)]
pub struct SupportRequest {
    pub case: SupportCase,
    /// English, plain text.
    pub text: String,
    /// Meta's support asks whether the old provider was asked first: the screen says what to
    /// ask it (`true` for the provider's credit line and account).
    pub ask_old_provider_first: bool,
}

/// The request for `case` about the number and account of `t`; `traces` are Meta's trace ids
/// of the app's last answers (the newest last), which support uses to find the calls.
pub fn support_request(t: &Target, case: SupportCase, traces: &[String]) -> SupportRequest {
    let or_unknown = |v: Option<&str>| v.unwrap_or("(unknown)").to_owned();
    let ids = [
        format!(
            "Business portfolio: {} (ID {})",
            or_unknown(t.business_name.as_deref()),
            or_unknown(t.business_id.as_ref().map(|b| b.as_str()))
        ),
        format!(
            "WhatsApp Business Account: {} (ID {})",
            or_unknown(t.waba_name.as_deref()),
            or_unknown(t.waba_id.as_ref().map(|w| w.as_str()))
        ),
        format!(
            "Phone number: {} (phone number ID {})",
            or_unknown(t.display_phone_number.as_deref()),
            or_unknown(t.phone_number_id.as_ref().map(|p| p.as_str()))
        ),
    ];
    let (subject, body, ask_first) = match case {
        SupportCase::CreditLine => (
            "Detaching a previous solution partner's credit line",
            "This WhatsApp Business Account is funded by the credit line of our previous solution \
             partner. We no longer work with that partner. Please detach their credit line (or \
             tell us how to settle any balance left on it) so that billing moves to our own \
             payment method, and tell us whether sending will pause meanwhile. We have asked the \
             previous partner first.",
            true,
        ),
        SupportCase::OnBehalfOf => (
            "Account created on our behalf by a previous solution partner",
            "This WhatsApp Business Account was created by our previous solution partner on behalf \
             of our business (On-Behalf-Of), and the partner still owns it. We no longer work with \
             that partner. Please transfer the account to our business portfolio, or tell us how \
             to migrate this phone number to an account our business owns, keeping its display \
             name and quality rating. We have asked the previous partner first.",
            true,
        ),
        SupportCase::PinUnknown => (
            "Two-step verification PIN that nobody can turn off",
            "Nobody in our business knows the two-step verification PIN of this phone number, and \
             the confirmation e-mail to turn it off in WhatsApp Manager does not reach us. Please \
             help us turn two-step verification off (or reset it) so that the number can be \
             migrated to another account (the migration fails with error 2388001 while it is on).",
            false,
        ),
    };
    let mut text = format!(
        "Subject: {subject}\n\nHello Meta support,\n\n{}\n\n{body}\n",
        ids.join("\n")
    );
    let recent: Vec<&String> = traces.iter().rev().take(5).collect();
    if !recent.is_empty() {
        text.push_str("\nTrace IDs of our latest API calls: ");
        text.push_str(
            &recent
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        );
        text.push('\n');
    }
    text.push_str("\nThank you.\n");
    SupportRequest {
        case,
        text,
        ask_old_provider_first: ask_first,
    }
}

impl super::journey::Journey {
    /// The request for `case` about this journey's number, with the trace ids its journal keeps.
    pub fn support_request(&self, case: SupportCase) -> SupportRequest {
        let j = self.journal();
        let traces: Vec<String> = j.events.iter().filter_map(|e| e.trace_id.clone()).collect();
        support_request(&j.target, case, &traces)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{BusinessId, PhoneNumberId, WabaId};
    use crate::vocabulary::Vocabulary;

    fn target() -> Target {
        Target {
            business_id: BusinessId::parse("1000000000000001").ok(),
            business_name: Some("Doces da Vila".into()),
            waba_id: WabaId::parse("2000000000000002").ok(),
            waba_name: Some("Doces da Vila Promoções".into()),
            phone_number_id: PhoneNumberId::parse("3000000000000004").ok(),
            display_phone_number: Some("+55 11 98888-5678".into()),
            ..Default::default()
        }
    }

    #[test]
    fn every_request_names_every_id_and_the_traces_in_english() {
        for case in SupportCase::ALL {
            let r = support_request(&target(), *case, &["AbC1".into(), "DeF2".into()]);
            for id in [
                "1000000000000001",
                "2000000000000002",
                "3000000000000004",
                "+55 11 98888-5678",
            ] {
                assert!(r.text.contains(id), "{case:?}: {id}");
            }
            assert!(
                r.text.contains("DeF2, AbC1"),
                "newest trace first: {}",
                r.text
            );
            assert!(r.text.starts_with("Subject: ") && r.text.contains("Hello Meta support"));
            assert!(!r.text.contains("EAA"), "never a token");
        }
        assert!(support_request(&target(), SupportCase::PinUnknown, &[])
            .text
            .contains("2388001"));
    }
}
