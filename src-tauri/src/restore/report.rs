//! The per-template report of a restore, as a readable page (pt-BR) and JSON beside it.

use super::run::{Restore, RunState};
use crate::removal::files::{esc, free_name, write_atomic};
use std::path::{Path, PathBuf};

fn state_text(s: &RunState) -> String {
    match s {
        RunState::Created { status, .. } => format!(
            "Criado ({})",
            match status.as_deref() {
                Some("APPROVED") => "aprovado",
                Some("REJECTED") => "recusado",
                _ => "em análise pela Meta",
            }
        ),
        RunState::Failed { code, message, trace_id } => format!(
            "Recusado pela Meta: {message}{}{}",
            code.map(|c| format!(" (código {c})")).unwrap_or_default(),
            trace_id.as_ref().map(|t| format!(" · trace {t}")).unwrap_or_default()
        ),
        RunState::Skipped { reason } => format!(
            "Não restaurado: {}",
            match reason {
                super::SkipReason::Duplicate => "já existe com este nome e idioma",
                super::SkipReason::Status => "recusado ou desativado no backup",
                super::SkipReason::MediaHeader =>
                    "cabeçalho com mídia: recrie-o enviando a imagem, o vídeo ou o documento de novo",
                super::SkipReason::Incomplete => "incompleto no backup",
            }
        ),
        RunState::Waiting | RunState::Sending => "Não enviado (restauração interrompida)".into(),
    }
}

pub fn report_html(r: &Restore) -> String {
    let p = r.progress(None);
    let rows: String = r
        .items
        .iter()
        .map(|i| {
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&i.name),
                esc(&i.language),
                esc(&i.category),
                esc(&state_text(&i.state))
            )
        })
        .collect();
    format!(
        "<!doctype html><html lang=\"pt-BR\"><head><meta charset=\"utf-8\"><title>Relatório da restauração de modelos</title>\
<style>body{{font-family:system-ui,sans-serif;margin:2rem;color:#1c1e21}}table{{border-collapse:collapse;width:100%}}\
th,td{{border:1px solid #ccd0d5;padding:.4rem .6rem;text-align:left}}th{{background:#f0f2f5}}</style></head><body>\
<h1>Restauração de modelos de mensagem</h1><p>Para a conta {dest} ({dest_id}), a partir do backup de {src}.<br>\
Criados: {c} · Recusados: {f} · Não restaurados: {s} · Total: {t}</p>\
<table><thead><tr><th>Nome</th><th>Idioma</th><th>Categoria</th><th>Resultado</th></tr></thead><tbody>{rows}</tbody></table></body></html>",
        dest = esc(r.dest_name.as_deref().unwrap_or("—")),
        dest_id = esc(r.dest_waba.as_str()),
        src = esc(r.source_number.as_deref().unwrap_or("—")),
        c = p.created,
        f = p.failed,
        s = p.skipped,
        t = p.total,
    )
}

/// Writes the report at `path` (HTML) and its JSON beside it; never over an existing file.
pub fn save_report(r: &Restore, path: &Path) -> std::io::Result<PathBuf> {
    let html = free_name(path);
    write_atomic(&html, report_html(r).as_bytes())?;
    let json = serde_json::to_vec_pretty(r).map_err(std::io::Error::other)?;
    write_atomic(&free_name(&html.with_extension("json")), &json)?;
    Ok(html)
}
