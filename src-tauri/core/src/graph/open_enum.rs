//! Meta's enums are open (`docs/meta-rules.md` §1: "treat unknown values as unknown, never fail").
//! `open_enum!` makes a string enum that keeps any value it does not know.

macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant,)+
            /// A value Meta sent that this version does not know yet.
            Unknown(String),
        }

        impl $name {
            /// Every value this version knows.
            pub const KNOWN: &'static [Self] = &[$(Self::$variant,)+];

            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $text,)+
                    Self::Unknown(s) => s.as_str(),
                }
            }
        }

        impl From<&str> for $name {
            /// Compared without regard to case (Meta's spec and pages differ in case at times).
            fn from(s: &str) -> Self {
                $(if s.eq_ignore_ascii_case($text) {
                    return Self::$variant;
                })+
                Self::Unknown(s.to_owned())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                Ok(Self::from(s.as_ref()))
            }
        }
    };
}

// Crate-private: the macro is not public API, and `graph/` does not import the crate root for it.
pub(crate) use open_enum;
