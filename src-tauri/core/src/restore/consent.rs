//! What the admin consents to before anything is published under their WhatsApp account
//! (`docs/meta-rules.md` §14): every template to be created, with every link and phone number its
//! buttons carry, and the destination account's name typed back. Rust compares; the web view only
//! shows.

use super::store::Spool;
use crate::graph::NewTemplate;
use serde::Serialize;
use serde_json::Value;

/// One template the restore would create, as the preview lists it: everything that would be
/// published under the admin's account, its text included.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsentItem {
    pub name: String,
    pub language: String,
    pub category: String,
    /// The header's text (a media header has none).
    pub header: Option<String>,
    pub body: Option<String>,
    pub footer: Option<String>,
    /// Every button's label, in order.
    pub buttons: Vec<String>,
    /// Every `URL` button's address (a hand-edited backup could point anywhere).
    pub urls: Vec<String>,
    /// Every `PHONE_NUMBER` button's number.
    pub phones: Vec<String>,
}

/// A component's or button's `type`, compared without case (a backup is hostile input: `url`
/// is a URL button too).
fn is(v: &Value, kind: &str) -> bool {
    v["type"]
        .as_str()
        .is_some_and(|t| t.eq_ignore_ascii_case(kind))
}

impl ConsentItem {
    pub fn of(t: &NewTemplate) -> Self {
        let components: Vec<&Value> = t.components.as_array().into_iter().flatten().collect();
        let text = |kind: &str| {
            components
                .iter()
                .find(|c| is(c, kind))
                .and_then(|c| c["text"].as_str())
                .map(str::to_owned)
        };
        let buttons: Vec<&Value> = components
            .iter()
            .filter(|c| is(c, "BUTTONS"))
            .flat_map(|c| c["buttons"].as_array().into_iter().flatten())
            .collect();
        let field = |kind: &str, key: &str| -> Vec<String> {
            buttons
                .iter()
                .filter(|b| is(b, kind))
                .filter_map(|b| b[key].as_str().map(str::to_owned))
                .collect()
        };
        Self {
            name: t.name.clone(),
            language: t.language.clone(),
            category: t.category.clone(),
            header: text("HEADER"),
            body: text("BODY"),
            footer: text("FOOTER"),
            buttons: buttons
                .iter()
                .filter_map(|b| b["text"].as_str().map(str::to_owned))
                .collect(),
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
        assert_eq!(i.body.as_deref(), Some("Oi"));
        assert_eq!(i.buttons, vec!["Ver", "Ligar", "Sim"]);
    }

    /// The text that would be published is shown whole, and a type in another case is still
    /// the same kind of button (a hand-edited backup cannot hide a link).
    #[test]
    fn every_text_is_listed_and_types_compare_without_case() {
        let t = NewTemplate {
            name: "aviso".into(),
            language: "pt_BR".into(),
            category: "UTILITY".into(),
            parameter_format: None,
            components: json!([
                {"type": "header", "format": "TEXT", "text": "Pedido {{1}}"},
                {"type": "Body", "text": "Seu pedido saiu."},
                {"type": "FOOTER", "text": "Doces da Vila"},
                {"type": "buttons", "buttons": [
                    {"type": "url", "text": "Rastrear", "url": "https://outro.example/x"},
                    {"type": "Phone_Number", "text": "Ligar", "phone_number": "+5511988887777"}
                ]}
            ]),
        };
        let i = ConsentItem::of(&t);
        assert_eq!(i.header.as_deref(), Some("Pedido {{1}}"));
        assert_eq!(i.body.as_deref(), Some("Seu pedido saiu."));
        assert_eq!(i.footer.as_deref(), Some("Doces da Vila"));
        assert_eq!(i.urls, vec!["https://outro.example/x"]);
        assert_eq!(i.phones, vec!["+5511988887777"]);
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
