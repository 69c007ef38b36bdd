//! The number's two-step verification PIN (`docs/meta-rules.md` §12). Meta asks for it to delete a
//! connected number, and admins often no longer know it; the API can set a new one (it cannot turn
//! it off, nor read it). The PIN is a secret: held in a `SecretString`, sent once in the form body
//! (never in a URL), never stored, logged or shown again.

use super::client::{GraphClient, WriteReceipt};
use super::error::GraphError;
use super::ids::PhoneNumberId;
use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};

/// Six digits, checked when made.
pub struct TwoStepPin(SecretString);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PinError {
    #[error("a two-step PIN has exactly six digits")]
    Format,
    #[error("the two PINs typed differ")]
    Mismatch,
}

impl TwoStepPin {
    pub fn parse(typed: String) -> Result<Self, PinError> {
        let ok = typed.len() == 6 && typed.bytes().all(|b| b.is_ascii_digit());
        let secret = SecretString::from(typed);
        if ok {
            Ok(Self(secret))
        } else {
            Err(PinError::Format)
        }
    }

    /// The PIN typed twice: both six digits, and the same.
    pub fn typed_twice(first: String, again: String) -> Result<Self, PinError> {
        let pin = Self::parse(first)?;
        let again = Self::parse(again)?;
        if pin.0.expose_secret() == again.0.expose_secret() {
            Ok(pin)
        } else {
            Err(PinError::Mismatch)
        }
    }

    /// Only for the request body (and the practice sandbox's check).
    pub(crate) fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl std::fmt::Debug for TwoStepPin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TwoStepPin(******)")
    }
}

impl GraphClient {
    /// `POST /{pn}` with `pin`: sets a new two-step PIN. A write: sent once, never retried.
    /// Meta needs `whatsapp_business_management` and `whatsapp_business_messaging`.
    pub async fn set_two_step_pin(
        &self,
        phone_number_id: &PhoneNumberId,
        pin: &TwoStepPin,
    ) -> Result<WriteReceipt, GraphError> {
        let mut form = [("pin".to_owned(), pin.expose().to_owned())];
        let sent = self
            .write_form(Method::POST, phone_number_id.as_str(), &form)
            .await;
        // The copy made for the body is wiped once sent (the `SecretString` wipes itself).
        use secrecy::zeroize::Zeroize;
        form[0].1.zeroize();
        sent
    }
}

impl GraphClient {
    /// `POST /{pn}/register` with `messaging_product=whatsapp` and the two-step `pin`
    /// (`docs/meta-rules.md` §15): the number sends and receives again. Counted by Meta with
    /// deregister in the 10 calls per 72 h. A write: sent once, never retried; the PIN travels in
    /// the form body and its copy is wiped once sent.
    pub async fn register_number(
        &self,
        phone_number_id: &PhoneNumberId,
        pin: &TwoStepPin,
    ) -> Result<WriteReceipt, GraphError> {
        let mut form = [
            ("messaging_product".to_owned(), "whatsapp".to_owned()),
            ("pin".to_owned(), pin.expose().to_owned()),
        ];
        let sent = self
            .write_form(
                Method::POST,
                &format!("{}/register", phone_number_id.as_str()),
                &form,
            )
            .await;
        use secrecy::zeroize::Zeroize;
        form[1].1.zeroize();
        sent
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_is_six_digits_typed_twice_and_never_printed() {
        assert_eq!(
            TwoStepPin::parse("12345".into()).err(),
            Some(PinError::Format)
        );
        assert_eq!(
            TwoStepPin::parse("12345a".into()).err(),
            Some(PinError::Format)
        );
        assert_eq!(
            TwoStepPin::typed_twice("123456".into(), "123457".into()).err(),
            Some(PinError::Mismatch)
        );
        let pin = TwoStepPin::typed_twice("482913".into(), "482913".into()).unwrap();
        assert!(!format!("{pin:?}").contains("482913"));
    }
}
