//! A readable copy of the message templates, written beside the JSON backup while the templates
//! stream in (one row each, nothing kept in memory): the admin can open it in any browser, print
//! it, or recreate a template by hand from it.

use crate::files::esc;
use crate::graph::model::Template;
use serde_json::Value;
use std::io::{self, Write};

pub struct TemplatesHtml<W: Write> {
    out: W,
}

impl<W: Write> TemplatesHtml<W> {
    /// Writes the page's head and the table's header.
    pub fn start(mut out: W, account: &str, number: &str, created_at: &str) -> io::Result<Self> {
        write!(
            out,
            "<!doctype html><html lang=\"pt-BR\"><head><meta charset=\"utf-8\"><title>Modelos de mensagem — {a}</title>\
<style>body{{font-family:system-ui,sans-serif;margin:2rem;color:#1c1e21}}table{{border-collapse:collapse;width:100%}}\
th,td{{border:1px solid #ccd0d5;padding:.4rem .6rem;text-align:left;vertical-align:top}}th{{background:#f0f2f5}}\
.text{{white-space:pre-wrap}}.muted{{color:#555}}</style></head><body>\
<h1>Modelos de mensagem</h1><p>Conta: {a}<br>Número: {n}<br>Cópia feita em {c}</p>\
<p class=\"muted\">Cópia legível do backup (o arquivo .json ao lado tem tudo, para restaurar).</p>\
<table><thead><tr><th>Nome</th><th>Idioma</th><th>Categoria</th><th>Status</th><th>Conteúdo</th></tr></thead><tbody>",
            a = esc(account),
            n = esc(number),
            c = esc(created_at),
        )?;
        Ok(Self { out })
    }

    pub fn template(&mut self, t: &Template) -> io::Result<()> {
        let cell = |v: Option<&str>| esc(v.unwrap_or("—"));
        write!(
            self.out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"text\">{}</td></tr>",
            cell(t.name.as_deref()),
            cell(t.language.as_deref()),
            cell(t.category.as_deref()),
            cell(t.status.as_ref().map(|s| s.as_str())),
            esc(&content(t.components.as_ref())),
        )
    }

    /// Closes the table and the page; returns the writer to be flushed and committed.
    pub fn finish(mut self, count: usize) -> io::Result<W> {
        write!(
            self.out,
            "</tbody></table><p>{count} modelo(s).</p></body></html>"
        )?;
        Ok(self.out)
    }
}

/// The words of a template, part by part: header, body, footer, buttons.
fn content(components: Option<&Value>) -> String {
    let mut parts = Vec::new();
    for c in components.and_then(Value::as_array).into_iter().flatten() {
        let kind = c.get("type").and_then(Value::as_str).unwrap_or("");
        let text = c.get("text").and_then(Value::as_str);
        match (kind, text) {
            ("HEADER", Some(t)) => parts.push(format!("Cabeçalho: {t}")),
            ("HEADER", None) => {
                let format = c.get("format").and_then(Value::as_str).unwrap_or("mídia");
                parts.push(format!("Cabeçalho: [{format}]"));
            }
            ("BODY", Some(t)) => parts.push(t.to_owned()),
            ("FOOTER", Some(t)) => parts.push(format!("Rodapé: {t}")),
            ("BUTTONS", _) => {
                for b in c
                    .get("buttons")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    let label = b.get("text").and_then(Value::as_str).unwrap_or("");
                    let extra = b
                        .get("url")
                        .or_else(|| b.get("phone_number"))
                        .and_then(Value::as_str)
                        .map(|x| format!(" ({x})"))
                        .unwrap_or_default();
                    parts.push(format!("Botão: {label}{extra}"));
                }
            }
            (_, Some(t)) => parts.push(t.to_owned()),
            _ => {}
        }
    }
    parts.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_escaped_and_readable() {
        let t: Template = serde_json::from_value(serde_json::json!({
            "id": "1", "name": "boas_vindas", "language": "pt_BR", "status": "APPROVED",
            "category": "MARKETING",
            "components": [
                {"type": "HEADER", "format": "IMAGE"},
                {"type": "BODY", "text": "Olá {{1}} <b>"},
                {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Site", "url": "https://x.example"}]}
            ]
        }))
        .unwrap();
        let mut page = TemplatesHtml::start(Vec::new(), "Atendimento", "+55 11", "hoje").unwrap();
        page.template(&t).unwrap();
        let html = String::from_utf8(page.finish(1).unwrap()).unwrap();
        assert!(html.contains("boas_vindas"));
        assert!(html.contains("Olá {{1}} &lt;b&gt;"));
        assert!(html.contains("Cabeçalho: [IMAGE]"));
        assert!(html.contains("Botão: Site (https://x.example)"));
        assert!(html.ends_with("</html>"));
    }
}
