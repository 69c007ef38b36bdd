//! Meta object ids as they reach the client: digits only, checked when made, so a typo or a
//! pasted URL can never become another call. Three kinds are typed apart (`BusinessId`, `WabaId`,
//! `PhoneNumberId`) so that one cannot be passed where another is meant.

use super::error::GraphError;
use serde::{Deserialize, Serialize};

/// A Graph object id as a path segment: digits only. Anything else (a pasted URL, `../`) is refused
/// before a request is made.
pub fn seg(id: &str) -> Result<&str, GraphError> {
    let id = id.trim();
    if !id.is_empty() && id.len() <= 32 && id.bytes().all(|b| b.is_ascii_digit()) {
        Ok(id)
    } else {
        Err(GraphError::Config(format!(
            "'{}' is not a Meta object id (digits only)",
            id.chars().take(40).collect::<String>()
        )))
    }
}

macro_rules! object_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Checked when made: digits only (see [`seg`]).
            pub fn parse(raw: &str) -> Result<Self, GraphError> {
                seg(raw).map(|d| Self(d.to_owned()))
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = GraphError;
            fn try_from(raw: String) -> Result<Self, GraphError> {
                Self::parse(&raw)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        /// Reads as the digits wherever text is expected (links, file names); typed apart otherwise.
        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                self == &other.0
            }
        }
    };
}

object_id!(
    /// A business portfolio (Business Manager).
    BusinessId
);
object_id!(
    /// A WhatsApp Business Account.
    WabaId
);
object_id!(
    /// A phone number of a WABA (its Graph id, not the digits).
    PhoneNumberId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_digits_only() {
        assert!(seg("1234567890").is_ok());
        assert!(seg("../me").is_err());
        assert!(seg("").is_err());
        assert!(seg("12a").is_err());
    }

    #[test]
    fn typed_ids_are_checked_when_made_also_from_json() {
        assert_eq!(WabaId::parse(" 42 ").unwrap().as_str(), "42");
        assert!(BusinessId::parse("https://evil.example/1").is_err());
        assert!(serde_json::from_str::<PhoneNumberId>("\"../me\"").is_err());
        let id: PhoneNumberId = serde_json::from_str("\"3000\"").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"3000\"");
    }
}
