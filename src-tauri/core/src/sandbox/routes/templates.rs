//! A WABA's message templates (graph area `templates`, `docs/meta-rules.md` §3, §14): the list
//! (with a `name` filter), creation with Meta's rules (name and language unique, a body, a known
//! category, an hourly creation limit; new templates wait in review, then are approved), and the
//! migration between two WABAs of the same business.

use super::super::access::{need, WBM};
use super::super::fields::select;
use super::super::paging::paged_slice;
use super::super::shared::{Caller, SbErr, Shared};
use super::common::{q, to_json, Query};
use super::wabas;
use crate::graph::model::{Template, TemplateStatus};
use crate::graph::{CreatedTemplate, MigrationAnswer};
use serde_json::{json, Value};

const DEFAULT_FIELDS: &[&str] = &["name", "language", "status", "category", "components"];
/// How long a new template waits in review on the sandbox's clock.
pub(crate) const REVIEW_SECS: i64 = 60;

pub(super) fn route(
    s: &Shared,
    caller: &Caller,
    method: &str,
    rest: &[&str],
    query: &Query,
    fields: Option<&str>,
) -> Option<Result<Value, SbErr>> {
    Some(match (method, rest) {
        ("GET", [waba, "message_templates"]) => list(s, caller, waba, query, fields),
        ("POST", [waba, "message_templates"]) => create(s, caller, waba, query),
        ("POST", [waba, "migrate_message_templates"]) => migrate(s, caller, waba, query),
        _ => return None,
    })
}

/// Templates whose review time passed are approved (Meta reviews them in minutes).
fn review(s: &Shared, waba: &str) {
    let now = s.now();
    let mut w = s.world.lock().unwrap();
    let Some(rec) = w.waba_mut(waba) else { return };
    let done: Vec<String> = rec
        .in_review
        .iter()
        .filter(|(_, at)| (now - *at).num_seconds() >= REVIEW_SECS)
        .map(|(id, _)| id.clone())
        .collect();
    rec.in_review.retain(|(id, _)| !done.contains(id));
    for t in rec.templates.iter_mut().filter(|t| done.contains(&t.id)) {
        t.status = Some(TemplateStatus::Approved);
    }
}

fn list(
    s: &Shared,
    caller: &Caller,
    waba: &str,
    query: &Query,
    fields: Option<&str>,
) -> Result<Value, SbErr> {
    review(s, waba);
    let path = format!("/{waba}/message_templates");
    let w = s.world.lock().unwrap();
    let rec = wabas::visible(&w, s, caller, waba)?;
    let entry = |t: &&Template| select(to_json(*t), fields, DEFAULT_FIELDS);
    let named: Vec<&Template> = match q(query, "name") {
        Some(name) => rec
            .templates
            .iter()
            .filter(|t| t.name.as_deref() == Some(name))
            .collect(),
        None => rec.templates.iter().collect(),
    };
    // Only the requested page is turned into JSON (a 6,000-template WABA stays cheap).
    Ok(paged_slice(
        s, caller, &named, entry, query, &path, 25, 1000,
    ))
}

fn invalid(msg: &str) -> SbErr {
    SbErr::new(100, "(#100) Invalid parameter").user_msg(msg)
}

/// `POST /{waba}/message_templates`: Meta's rules on a new template.
fn create(s: &Shared, caller: &Caller, waba: &str, query: &Query) -> Result<Value, SbErr> {
    need(caller, WBM)?;
    {
        let w = s.world.lock().unwrap();
        wabas::visible(&w, s, caller, waba)?;
    }
    let name = q(query, "name").unwrap_or("");
    let language = q(query, "language").unwrap_or("");
    let category = q(query, "category").unwrap_or("");
    if name.is_empty()
        || name.len() > 512
        || !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err(invalid(
            "O nome do modelo só pode ter letras minúsculas, números e _.",
        ));
    }
    if language.is_empty() {
        return Err(invalid("Informe o idioma do modelo."));
    }
    if !matches!(category, "MARKETING" | "UTILITY" | "AUTHENTICATION") {
        return Err(invalid("Categoria inválida."));
    }
    let components: Value = q(query, "components")
        .and_then(|c| serde_json::from_str(c).ok())
        .unwrap_or(Value::Null);
    let has_body = components
        .as_array()
        .is_some_and(|a| a.iter().any(|c| c["type"] == "BODY"));
    if !has_body {
        return Err(invalid("Um modelo precisa de um corpo (BODY)."));
    }
    let otp = components.as_array().into_iter().flatten().any(|c| {
        c["type"] == "BUTTONS"
            && c["buttons"]
                .as_array()
                .is_some_and(|b| b.iter().any(|b| b["type"] == "OTP"))
    });
    if category == "AUTHENTICATION" && !otp {
        return Err(invalid(
            "Modelos de autenticação usam o texto fixo da Meta e um botão de código (OTP).",
        ));
    }
    s.count_template_creation(waba)?;
    let now = s.now();
    let mut w = s.world.lock().unwrap();
    let rec = w.waba_mut(waba).expect("checked above");
    let taken = rec
        .templates
        .iter()
        .any(|t| t.name.as_deref() == Some(name) && t.language.as_deref() == Some(language));
    if taken {
        return Err(SbErr::new(100, "(#100) Invalid parameter")
            .sub(2388024)
            .user_msg("Já existe um modelo com este nome neste idioma."));
    }
    let id = format!("9{:014}", rec.templates.len() + rec.in_review.len() + 1);
    rec.templates.push(Template {
        id: id.clone(),
        name: Some(name.to_owned()),
        language: Some(language.to_owned()),
        status: Some(TemplateStatus::Pending),
        category: Some(category.to_owned()),
        components: Some(components),
        parameter_format: q(query, "parameter_format").map(str::to_owned),
        quality_score: None,
        rejected_reason: None,
    });
    rec.in_review.push((id.clone(), now));
    drop(w);
    s.persist();
    Ok(to_json(&CreatedTemplate {
        id,
        status: Some("PENDING".into()),
        category: Some(category.to_owned()),
    }))
}

/// `POST /{dest}/migrate_message_templates`: only between WABAs of the same business, only
/// APPROVED templates of quality GREEN or UNKNOWN, pages of up to 500.
fn migrate(s: &Shared, caller: &Caller, dest: &str, query: &Query) -> Result<Value, SbErr> {
    need(caller, WBM)?;
    let source = q(query, "source_waba_id").unwrap_or("");
    let page: usize = q(query, "page_number")
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    let count: usize = q(query, "count")
        .and_then(|c| c.parse().ok())
        .unwrap_or(crate::graph::MIGRATION_PAGE)
        .min(crate::graph::MIGRATION_PAGE);
    let mut w = s.world.lock().unwrap();
    let src = wabas::visible(&w, s, caller, source)?.clone();
    let dst = wabas::visible(&w, s, caller, dest)?;
    if src.business_id != dst.business_id {
        return Err(SbErr::new(100, "(#100) Invalid parameter")
            .user_msg("Só é possível migrar modelos entre contas da mesma empresa."));
    }
    let mut answer = MigrationAnswer::default();
    let mut moved = Vec::new();
    for t in src.templates.iter().skip(page * count).take(count) {
        let quality = t
            .quality_score
            .as_ref()
            .and_then(|q| q["score"].as_str().map(str::to_owned))
            .unwrap_or_else(|| "UNKNOWN".into());
        let reason = if t.status != Some(TemplateStatus::Approved) {
            Some("only APPROVED templates migrate")
        } else if !matches!(quality.as_str(), "GREEN" | "UNKNOWN") {
            Some("only templates of quality GREEN or UNKNOWN migrate")
        } else if dst
            .templates
            .iter()
            .chain(moved.iter())
            .any(|d: &Template| d.name == t.name && d.language == t.language)
        {
            Some("a template with this name and language already exists")
        } else {
            None
        };
        match reason {
            Some(r) => {
                answer.failed_templates.insert(t.id.clone(), json!(r));
            }
            None => {
                let mut copy = t.clone();
                copy.id = format!("8{}", &t.id[1..]);
                answer.migrated_templates.push(copy.id.clone());
                moved.push(copy);
            }
        }
    }
    w.waba_mut(dest)
        .expect("checked above")
        .templates
        .extend(moved);
    drop(w);
    s.persist();
    Ok(to_json(&answer))
}
