//! The words the app and its web view share: every enum that crosses the IPC (modes, stages,
//! checks and their verdicts, outcomes, reasons) is declared with [`ipc_enum!`], serialized in
//! snake_case and lists its variants, so the UI's constants (`ui/vocabulary.js`) are generated
//! from here and a test fails when the two disagree.

/// An enum the web view receives or sends: its name, every variant and their Rust names.
pub trait Vocabulary: Sized + Copy + serde::Serialize + 'static {
    /// The enum's Rust name (`Stage`), also the constant's name in `ui/vocabulary.js`.
    const NAME: &'static str;
    /// Every variant, in declaration order.
    const ALL: &'static [Self];
    /// Each variant's Rust name (`DeleteNumber`), in the same order.
    const IDENTS: &'static [&'static str];

    /// The variants as the IPC spells them (`delete_number`).
    fn wire_names() -> Vec<(&'static str, String)> {
        Self::IDENTS
            .iter()
            .zip(Self::ALL)
            .map(|(ident, v)| {
                let wire = serde_json::to_value(v)
                    .ok()
                    .and_then(|j| j.as_str().map(str::to_owned))
                    .unwrap_or_default();
                (*ident, wire)
            })
            .collect()
    }
}

/// Declares an enum that crosses the IPC (see [`Vocabulary`]). Extra derives and docs go
/// before `pub enum`.
macro_rules! ipc_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $crate::vocabulary::Vocabulary for $name {
            const NAME: &'static str = stringify!($name);
            const ALL: &'static [Self] = &[$(Self::$variant,)+];
            const IDENTS: &'static [&'static str] = &[$(stringify!($variant),)+];
        }
    };
}

pub(crate) use ipc_enum;

#[cfg(test)]
mod tests {
    use super::Vocabulary;
    use crate::removal::Stage;

    #[test]
    fn variants_are_listed_in_order_with_their_wire_names() {
        let w = Stage::wire_names();
        assert_eq!(
            w.first().unwrap(),
            &("ChooseBusiness", "choose_business".to_owned())
        );
        assert_eq!(w.last().unwrap(), &("Done", "done".to_owned()));
        assert_eq!(w.len(), Stage::ALL.len());
    }
}
