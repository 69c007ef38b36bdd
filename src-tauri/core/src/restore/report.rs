//! The per-template report of a restore, as a readable page in the UI's language (pt-BR or en)
//! and JSON beside it.

use super::model::{Restore, RunState};
use super::store::RestoreStore;
use crate::files::{esc, free_name, write_atomic};
use std::path::{Path, PathBuf};

/// The report's words in one language.
struct Words {
    created: &'static str,
    approved: &'static str,
    rejected: &'static str,
    in_review: &'static str,
    refused: &'static str,
    code: &'static str,
    skipped: &'static str,
    duplicate: &'static str,
    status: &'static str,
    media: &'static str,
    incomplete: &'static str,
    category: &'static str,
    not_sent: &'static str,
    title: &'static str,
    into: &'static str,
    from: &'static str,
    counts: [&'static str; 4],
    columns: [&'static str; 4],
}

const PT: Words = Words {
    created: "Criado",
    approved: "aprovado",
    rejected: "recusado",
    in_review: "em análise pela Meta",
    refused: "Recusado pela Meta",
    code: "código",
    skipped: "Não restaurado",
    duplicate: "já existe com este nome e idioma",
    status: "recusado ou desativado no backup",
    media: "cabeçalho com mídia: recrie-o enviando a imagem, o vídeo ou o documento de novo",
    incomplete: "incompleto no backup",
    category: "autenticação sem o botão de código da Meta: recrie-o no formato de código da Meta",
    not_sent: "Não enviado (restauração interrompida)",
    title: "Restauração de modelos de mensagem",
    into: "Para a conta",
    from: "a partir do backup de",
    counts: ["Criados", "Recusados", "Não restaurados", "Total"],
    columns: ["Nome", "Idioma", "Categoria", "Resultado"],
};

const EN: Words = Words {
    created: "Created",
    approved: "approved",
    rejected: "rejected",
    in_review: "in review by Meta",
    refused: "Refused by Meta",
    code: "code",
    skipped: "Not restored",
    duplicate: "already there with this name and language",
    status: "rejected or disabled in the backup",
    media: "media header: recreate it by uploading the image, video or document again",
    incomplete: "incomplete in the backup",
    category: "authentication without Meta's code button: recreate it in Meta's code format",
    not_sent: "Not sent (restore interrupted)",
    title: "Restore of message templates",
    into: "Into the account",
    from: "from the backup of",
    counts: ["Created", "Refused", "Not restored", "Total"],
    columns: ["Name", "Language", "Category", "Result"],
};

fn state_text(s: &RunState, w: &Words) -> String {
    match s {
        RunState::Created { status, .. } => format!(
            "{} ({})",
            w.created,
            match status.as_deref() {
                Some("APPROVED") => w.approved,
                Some("REJECTED") => w.rejected,
                _ => w.in_review,
            }
        ),
        RunState::Failed {
            code,
            message,
            trace_id,
        } => format!(
            "{}: {message}{}{}",
            w.refused,
            code.map(|c| format!(" ({} {c})", w.code))
                .unwrap_or_default(),
            trace_id
                .as_ref()
                .map(|t| format!(" · trace {t}"))
                .unwrap_or_default()
        ),
        RunState::Skipped { reason } => format!(
            "{}: {}",
            w.skipped,
            match reason {
                super::plan::SkipReason::Duplicate => w.duplicate,
                super::plan::SkipReason::Status => w.status,
                super::plan::SkipReason::MediaHeader => w.media,
                super::plan::SkipReason::Incomplete => w.incomplete,
                super::plan::SkipReason::Category => w.category,
            }
        ),
        RunState::Waiting | RunState::Sending => w.not_sent.into(),
    }
}

/// The report as a page; `english` for an English UI, Portuguese otherwise. Names come from the
/// spool, Meta's answers from the log.
pub fn report_html(r: &Restore, store: &RestoreStore, english: bool) -> std::io::Result<String> {
    let w = if english { &EN } else { &PT };
    let p = r.progress(None);
    let mut last: std::collections::HashMap<usize, RunState> = std::collections::HashMap::new();
    for (i, state) in store.changes() {
        last.insert(i, state);
    }
    let rows: String = store
        .plan_lines()?
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let state = match (last.remove(&i), item.skip) {
                (Some(s), _) => s,
                (None, Some(reason)) => RunState::Skipped { reason },
                (None, None) => RunState::Waiting,
            };
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&item.name),
                esc(&item.language),
                esc(&item.category),
                esc(&state_text(&state, w))
            )
        })
        .collect();
    let head: String = w.columns.iter().map(|c| format!("<th>{c}</th>")).collect();
    Ok(format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title>\
<style>body{{font-family:system-ui,sans-serif;margin:2rem;color:#1c1e21}}table{{border-collapse:collapse;width:100%}}\
th,td{{border:1px solid #ccd0d5;padding:.4rem .6rem;text-align:left}}th{{background:#f0f2f5}}</style></head><body>\
<h1>{title}</h1><p>{into} {dest} ({dest_id}), {from} {src}.<br>\
{c0}: {c} · {c1}: {f} · {c2}: {s} · {c3}: {t}</p>\
<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></body></html>",
        lang = if english { "en" } else { "pt-BR" },
        title = w.title,
        into = w.into,
        from = w.from,
        dest = esc(r.dest_name.as_deref().unwrap_or("—")),
        dest_id = esc(r.dest_waba.as_str()),
        src = esc(r.source_number.as_deref().unwrap_or("—")),
        c0 = w.counts[0],
        c1 = w.counts[1],
        c2 = w.counts[2],
        c3 = w.counts[3],
        c = p.created,
        f = p.failed,
        s = p.skipped,
        t = p.total,
    ))
}

/// Writes the report at `path` (HTML) and its JSON beside it (the restore and every change);
/// never over an existing file.
pub fn save_report(
    r: &Restore,
    store: &RestoreStore,
    path: &Path,
    english: bool,
) -> std::io::Result<PathBuf> {
    let html = free_name(path);
    write_atomic(&html, report_html(r, store, english)?.as_bytes())?;
    let changes: Vec<serde_json::Value> = store
        .changes()
        .into_iter()
        .map(|(i, state)| serde_json::json!({"i": i, "state": state}))
        .collect();
    let json = serde_json::to_vec_pretty(&serde_json::json!({"restore": r, "changes": changes}))
        .map_err(std::io::Error::other)?;
    write_atomic(&free_name(&html.with_extension("json")), &json)?;
    Ok(html)
}
