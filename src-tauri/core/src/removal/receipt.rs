//! Concluído: the receipt (what, when, IDs, trace ids, overrides), as JSON and a readable HTML
//! page, and the calendar reminder for "removal + 30 days" (the article's Considerações finais, `docs/journey.md`).

use super::journal::{Journal, ProofKind, RemovalProof};
use super::links::links;
use crate::connection::Mode;
use crate::graph::{BusinessId, PhoneNumberId, WabaId};
use crate::steps::deregister_record::DeregisterRecord;
use chrono::{NaiveDate, Utc};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Receipt {
    pub journey_id: String,
    pub mode: Mode,
    /// Which way the journey went: removal ("close") or migration ("move", nothing removed).
    pub path: Option<super::move_report::JourneyPath>,
    pub business: (Option<BusinessId>, Option<String>),
    pub waba: (Option<WabaId>, Option<String>),
    pub phone_number: (Option<PhoneNumberId>, Option<String>),
    pub started_at: String,
    pub finished_at: Option<String>,
    pub number_removed_at: Option<String>,
    pub number_evidence: Option<String>,
    pub waba_removed_at: Option<String>,
    pub waba_evidence: Option<String>,
    pub waba_skipped: Option<String>,
    pub deregister: Option<DeregisterRecord>,
    /// Deregisters this app sent for the number in the 72 h before the receipt.
    pub deregisters_in_72h: usize,
    pub number_proof: Option<RemovalProof>,
    pub waba_proof: Option<RemovalProof>,
    pub overrides: Vec<String>,
    pub backup: Option<String>,
    pub free_to_move_on: Option<NaiveDate>,
    pub billing_link: String,
    pub insights_link: String,
    pub events: Vec<(String, String, Option<String>)>,
}

pub fn receipt(j: &Journal) -> Receipt {
    let t = &j.target;
    let l = links(
        t.business_id.as_deref().unwrap_or(""),
        t.waba_id.as_deref().unwrap_or(""),
    );
    let proof = |p: &Option<RemovalProof>| {
        p.as_ref().map(|p| {
            let how = match p.kind {
                Some(ProofKind::AbsentFromParent) => "ausente da lista da Meta".to_owned(),
                Some(ProofKind::Deleted803) => "a Meta respondeu 803 (excluído)".to_owned(),
                None => format!("código {} da Meta", p.evidence_code),
            };
            format!(
                "{how}, após {} consultas{}",
                p.polls,
                p.trace_id
                    .as_ref()
                    .map(|t| format!(", trace {t}"))
                    .unwrap_or_default()
            )
        })
    };
    Receipt {
        journey_id: j.id.clone(),
        mode: j.mode,
        path: j.path,
        business: (t.business_id.clone(), t.business_name.clone()),
        waba: (t.waba_id.clone(), t.waba_name.clone()),
        phone_number: (t.phone_number_id.clone(), t.display_phone_number.clone()),
        started_at: j.started_at.to_rfc3339(),
        finished_at: j.finished_at.map(|d| d.to_rfc3339()),
        number_removed_at: j
            .number_removed
            .as_ref()
            .map(|p| p.verified_at.to_rfc3339()),
        number_evidence: proof(&j.number_removed),
        waba_removed_at: j.waba_removed.as_ref().map(|p| p.verified_at.to_rfc3339()),
        waba_evidence: proof(&j.waba_removed),
        waba_skipped: j.waba_skipped.clone(),
        deregister: j.deregister.clone(),
        deregisters_in_72h: j.deregisters_in_72h(Utc::now()),
        number_proof: j.number_removed.clone(),
        waba_proof: j.waba_removed.clone(),
        overrides: j
            .overrides
            .iter()
            .map(|o| {
                serde_json::to_value(o)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            })
            .collect(),
        backup: j.backup.as_ref().map(|b| {
            if b.skipped {
                "skipped (PULAR BACKUP typed)".to_owned()
            } else {
                format!(
                    "{} ({} templates, verified)",
                    b.path.clone().unwrap_or_default(),
                    b.templates
                )
            }
        }),
        free_to_move_on: j.free_to_move_on(),
        billing_link: l.billing,
        insights_link: l.insights,
        events: j
            .events
            .iter()
            .map(|e| (e.at.to_rfc3339(), e.what.clone(), e.trace_id.clone()))
            .collect(),
    }
}

use crate::files::esc;

/// A self-contained HTML page (pt-BR) for printing or filing.
pub fn receipt_html(r: &Receipt) -> String {
    let row = |k: &str, v: Option<&str>| {
        format!(
            "<tr><th>{}</th><td>{}</td></tr>",
            esc(k),
            esc(v.unwrap_or("—"))
        )
    };
    let mut rows = vec![
        row(
            "Modo",
            Some(if r.mode == Mode::Practice {
                "Treino (nada foi alterado na Meta)"
            } else {
                "Real"
            }),
        ),
        row(
            "Caminho",
            Some(match r.path {
                Some(super::move_report::JourneyPath::Move) => {
                    "Levar para outro provedor ou conta (nada foi excluído nem desconectado)"
                }
                Some(super::move_report::JourneyPath::BackToApp) => {
                    "Voltar para o app WhatsApp Business no celular: excluir o número aqui e ativá-lo no app quando a Meta o liberar"
                }
                _ => "Encerrar: excluir o número e remover a WABA",
            }),
        ),
        row("Empresa", r.business.1.as_deref()),
        row("ID da empresa", r.business.0.as_deref()),
        row("Conta do WhatsApp (WABA)", r.waba.1.as_deref()),
        row("ID da WABA", r.waba.0.as_deref()),
        row("Número", r.phone_number.1.as_deref()),
        row("ID do número", r.phone_number.0.as_deref()),
        row("Número removido em", r.number_removed_at.as_deref()),
        row("Comprovação (número)", r.number_evidence.as_deref()),
        row("WABA removida em", r.waba_removed_at.as_deref()),
        row("Comprovação (WABA)", r.waba_evidence.as_deref()),
        row("WABA mantida porque", r.waba_skipped.as_deref()),
        row("Backup", r.backup.as_deref()),
        row(
            "Verificações ignoradas",
            Some(&if r.overrides.is_empty() {
                "nenhuma".to_owned()
            } else {
                r.overrides.join(", ")
            }),
        ),
        row(
            "Livre para migrar a partir de",
            r.free_to_move_on
                .map(|d| d.format("%d/%m/%Y").to_string())
                .as_deref(),
        ),
    ];
    rows.push(row(
        "Desconexão da API (deregister)",
        Some(match &r.deregister {
            Some(DeregisterRecord::Sent { .. }) => "enviada e aceita pela Meta",
            Some(DeregisterRecord::NotNeeded { .. }) => "não era necessária",
            Some(DeregisterRecord::Unknown { .. }) => "enviada, resposta não recebida",
            Some(DeregisterRecord::Failed { .. }) => "recusada pela Meta",
            Some(DeregisterRecord::Sending { .. }) => "em andamento quando o app fechou",
            None => "—",
        }),
    ));
    for p in r.number_proof.iter().chain(&r.waba_proof) {
        for e in &p.evidence {
            rows.push(format!(
                "<tr><th>Evidência</th><td>{} — <code>{}</code>: {}{}</td></tr>",
                esc(&e.at.to_rfc3339()),
                esc(&e.call),
                esc(&e.answer),
                e.trace_id
                    .as_ref()
                    .map(|t| format!(" <small>(trace {})</small>", esc(t)))
                    .unwrap_or_default()
            ));
        }
    }
    for (at, what, trace) in &r.events {
        rows.push(format!(
            "<tr><td>{}</td><td>{}{}</td></tr>",
            esc(at),
            esc(what),
            trace
                .as_ref()
                .map(|t| format!(" <small>(trace {})</small>", esc(t)))
                .unwrap_or_default()
        ));
    }
    format!(
        "<!doctype html><html lang=\"pt-BR\"><head><meta charset=\"utf-8\"><title>Comprovante de remoção</title>\
<style>body{{font-family:system-ui,sans-serif;max-width:760px;margin:2rem auto;color:#1c1e21}}th{{text-align:left;padding-right:1rem;vertical-align:top}}td,th{{padding:.3rem 0;border-bottom:1px solid #ddd}}table{{border-collapse:collapse;width:100%}}</style>\
</head><body><h1>Comprovante de remoção</h1><p>Gerado por waba-remover em {}.</p><table>{}</table>\
<p>As cobranças já geradas continuam valendo: confira em <a href=\"{}\">Cobrança e pagamentos</a>.</p></body></html>",
        Utc::now().format("%d/%m/%Y %H:%M UTC"),
        rows.join(""),
        esc(&r.billing_link)
    )
}

/// Writes the receipt as HTML at `path` (never over an existing file) and as JSON beside it.
/// Returns the HTML's path.
pub fn save_receipt(j: &Journal, path: &std::path::Path) -> std::io::Result<std::path::PathBuf> {
    let r = receipt(j);
    let html = crate::files::free_name(path);
    crate::files::write_atomic(&html, receipt_html(&r).as_bytes())?;
    let json = serde_json::to_vec_pretty(&r).map_err(std::io::Error::other)?;
    crate::files::write_atomic(
        &crate::files::free_name(&html.with_extension("json")),
        &json,
    )?;
    Ok(html)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::removal::journal::RemovalProof;

    #[test]
    fn reminder_is_thirty_days_after_removal() {
        let mut j = Journal::new(Mode::Practice, Utc::now());
        j.target.display_phone_number = Some("+55 11 98888-5678".into());
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-25T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        j.number_removed = Some(RemovalProof {
            verified_at: at,
            evidence_code: 0,
            trace_id: Some("T1".into()),
            polls: 2,
            kind: Some(ProofKind::AbsentFromParent),
            evidence: vec![],
        });
        let r = receipt(&j);
        assert_eq!(r.free_to_move_on, NaiveDate::from_ymd_opt(2026, 12, 25));
        let ics = super::super::calendar::free_to_move_ics(&r).unwrap();
        assert!(ics.contains("DTSTART;VALUE=DATE:20261225"));
        assert!(ics.contains("DTEND;VALUE=DATE:20261226"));
        assert!(receipt_html(&r).contains("25/12/2026"));
    }

    #[test]
    fn html_escapes_names() {
        let mut j = Journal::new(Mode::Real, Utc::now());
        j.target.business_name = Some("<script>x</script>".into());
        assert!(!receipt_html(&receipt(&j)).contains("<script>x"));
    }
}
