//! What the admin consents to before anything is published under their WhatsApp account
//! (`docs/meta-rules.md` §14): every template to be created, with every link and phone number its
//! buttons carry, and the destination account's name typed back. Rust compares; the web view only
//! shows.

use super::store::Spool;
use crate::graph::NewTemplate;
use serde::Serialize;
use serde_json::Value;

/// One template the restore would create, as the preview lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsentItem {
    pub name: String,
    pub language: String,
    pub category: String,
    /// Every `URL` button's address (a hand-edited backup could point anywhere).
    pub urls: Vec<String>,
    /// Every `PHONE_NUMBER` button's number.
    pub phones: Vec<String>,
}

impl ConsentItem {
    pub fn of(t: &NewTemplate) -> Self {
        let buttons: Vec<&Value> = t
            .components
            .as_array()
            .into_iter()
            .flatten()
            .filter(|c| c["type"] == "BUTTONS")
            .flat_map(|c| c["buttons"].as_array().into_iter().flatten())
            .collect();
        let field = |kind: &str, key: &str| -> Vec<String> {
            buttons
                .iter()
                .filter(|b| b["type"] == kind)
                .filter_map(|b| b[key].as_str().map(str::to_owned))
                .collect()
        };
        Self {
            name: t.name.clone(),
            language: t.language.clone(),
            category: t.category.clone(),
            urls: field("URL", "url"),
            phones: field("PHONE_NUMBER", "phone_number"),
        }
    }
}

/// Every template the spool would create, in order.
pub fn items(spool: &std::path::Path) -> std::io::Result<Vec<ConsentItem>> {
    let mut s = Spool::open(spool)?;
    let mut out = Vec::new();
    while let Some(line) = s.next()? {
        if let Some(t) = &line.t {
            out.push(ConsentItem::of(t));
        }
    }
    Ok(out)
}

/// What the admin must type: the destination account's name as Meta gave it, compared as the
/// removal's "Excluir conta" compares it.
pub fn typed_matches(typed: &str, dest_name: Option<&str>) -> bool {
    crate::removal::name_typed_back(typed, dest_name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn buttons_links_and_phones_are_listed() {
        let t = NewTemplate {
            name: "promo".into(),
            language: "pt_BR".into(),
            category: "MARKETING".into(),
            parameter_format: None,
            components: json!([
                {"type": "BODY", "text": "Oi"},
                {"type": "BUTTONS", "buttons": [
                    {"type": "URL", "text": "Ver", "url": "https://exemplo.com.br/{{1}}"},
                    {"type": "PHONE_NUMBER", "text": "Ligar", "phone_number": "+5511999990000"},
                    {"type": "QUICK_REPLY", "text": "Sim"}
                ]}
            ]),
        };
        let i = ConsentItem::of(&t);
        assert_eq!(i.urls, vec!["https://exemplo.com.br/{{1}}"]);
        assert_eq!(i.phones, vec!["+5511999990000"]);
    }

    #[test]
    fn the_typed_name_must_be_the_destination_s() {
        assert!(typed_matches(
            "  atendimento doces ",
            Some("Atendimento Doces")
        ));
        assert!(!typed_matches("Atendimento", Some("Atendimento Doces")));
        assert!(!typed_matches("", None));
        assert!(!typed_matches("", Some("  ")));
    }
}
