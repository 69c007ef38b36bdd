//! Backup before anything is removed (the article's Considerações finais; `docs/meta-rules.md` §3, `docs/journey.md`): templates,
//! business profile with the picture's bytes, number and WABA metadata, access lists, subscribed
//! apps and 12 months of usage, in one JSON file. Templates are streamed page by page (memory
//! stays flat), the file is written beside its destination and renamed into place, then read
//! back to prove it is whole. Meta keeps no mailbox: messages cannot be exported.

pub mod read;

mod templates_html;

use crate::graph::model::Template;
use crate::graph::{GraphClient, GraphError, SharedReads};
use crate::steps::target::Target;
use base64::Engine;
use chrono::{DateTime, Utc};
use read::BACKUP_FORMAT;
use serde::de::{IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use templates_html::TemplatesHtml;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(transparent)]
    Graph(#[from] GraphError),
    #[error("could not write the backup file: {0}")]
    Io(#[from] std::io::Error),
    #[error("the backup file did not read back whole: {0}")]
    NotWhole(String),
}

/// What the re-read found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupSummary {
    pub path: PathBuf,
    pub templates: usize,
    pub template_pages: usize,
    pub assigned_users: usize,
    pub subscribed_apps: usize,
    pub usage_points: usize,
    pub has_profile: bool,
    pub picture_bytes: usize,
    pub bytes: u64,
    /// The readable copy of the templates written beside the JSON (HTML).
    #[serde(default)]
    pub html_path: Option<PathBuf>,
}

/// Writes the backup to `dest` and verifies it. `now` fixes the 12-month usage window.
pub async fn write_backup(
    client: &GraphClient,
    t: &Target,
    dest: &Path,
    now: DateTime<Utc>,
) -> Result<BackupSummary, BackupError> {
    write_backup_sharing(client, t, dest, now, None).await
}

/// [`write_backup`] in a run over several numbers (`docs/meta-rules.md` §1): what belongs to the
/// account (the account, its access list, its webhooks, a year of its usage, its templates) is
/// read from Meta for the account's first number and taken from `shared` for the others (the
/// templates from that first number's verified backup); the number's own reads (its fields,
/// from the account's list when the checks read it, and its profile) are the number's.
pub async fn write_backup_sharing(
    client: &GraphClient,
    t: &Target,
    dest: &Path,
    now: DateTime<Utc>,
    shared: Option<&SharedReads>,
) -> Result<BackupSummary, BackupError> {
    let biz = t.business().map_err(GraphError::from)?;
    let waba_id = t.waba().map_err(GraphError::from)?;
    let pn_id = t.number().map_err(GraphError::from)?;
    let own = SharedReads::default();
    let memo = shared.unwrap_or(&own);
    let w = waba_id.as_str();

    // Small reads go out together (concurrently); templates stream afterwards.
    let year_ago = (now - chrono::Duration::days(365)).timestamp();
    let keys = [
        client.waba_relative(waba_id),
        format!("backup:assigned_users:{w}"),
        format!("backup:subscribed_apps:{w}"),
        format!("backup:usage_12_months:{w}"),
    ];
    let (waba, number, profile, assigned, apps, usage) = tokio::join!(
        memo.read(&keys[0], client.waba(waba_id)),
        memo.number(client, waba_id, pn_id),
        client.business_profile(pn_id),
        memo.read(&keys[1], client.assigned_users(waba_id, biz)),
        memo.read(&keys[2], client.subscribed_apps(waba_id)),
        memo.read(
            &keys[3],
            client.pricing_analytics(waba_id, year_ago, now.timestamp(), &[])
        ),
    );
    let (waba, number) = (waba?, number?);
    let profile = profile?;
    let picture = match profile.as_ref().and_then(|p| p.profile_picture_url.clone()) {
        Some(url) => match client.profile_picture(&url).await {
            Ok(bytes) => Some(bytes),
            Err(e) => {
                log::warn!("profile picture not saved: {e}");
                None
            }
        },
        None => None,
    };
    // Access lists may be refused to non-admins: keep what Meta said instead of failing.
    let assigned = assigned
        .map(|v| json!(v))
        .unwrap_or_else(|e| not_available(&e));
    let apps = apps.map(|v| json!(v)).unwrap_or_else(|e| not_available(&e));
    let usage = usage
        .map(|v| json!(v))
        .unwrap_or_else(|e| not_available(&e));

    let dir = dest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    crate::files::create_missing_dirs(dir)?;
    let (file, tmp) = crate::files::temp_file_beside(dest)?;
    let mut out = BufWriter::new(file);
    let html_dest = crate::files::free_name(&dest.with_extension("html"));
    let (html_file, html_tmp) = match crate::files::temp_file_beside(&html_dest) {
        Ok(f) => f,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e.into());
        }
    };
    let discard = |a: &Path, b: &Path| {
        let _ = std::fs::remove_file(a);
        let _ = std::fs::remove_file(b);
    };
    let mut html = TemplatesHtml::start(
        BufWriter::new(html_file),
        t.waba_name.as_deref().unwrap_or(waba_id.as_str()),
        t.display_phone_number.as_deref().unwrap_or(""),
        &now.format("%d/%m/%Y %H:%M UTC").to_string(),
    )?;

    let header = json!({
        "format": BACKUP_FORMAT,
        "version": 1,
        "created_at": now.to_rfc3339(),
        "note": "Mensagens e conversas não podem ser exportadas: a Meta não guarda uma caixa de mensagens na Cloud API. / Messages cannot be exported: Meta keeps no mailbox on Cloud API.",
        "business": {"id": biz, "name": t.business_name},
        "waba": waba,
        "phone_number": number,
        "business_profile": profile,
        "profile_picture": picture.as_ref().map(|b| json!({"content_type": sniff(b), "base64": base64::engine::general_purpose::STANDARD.encode(b)})),
        "assigned_users": assigned,
        "subscribed_apps": apps,
        "usage_12_months": usage,
    });
    // Open the object, write every header field, then stream templates.
    let head = serde_json::to_string(&header).map_err(std::io::Error::other)?;
    out.write_all(&head.as_bytes()[..head.len() - 1])?; // without the closing brace
    out.write_all(b",\"templates\":[")?;
    let mut count = 0usize;
    let mut io_err: Option<std::io::Error> = None;
    let mut put = |tpl: &Template, count: &mut usize| -> std::io::Result<()> {
        if *count > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut out, tpl).map_err(std::io::Error::other)?;
        html.template(tpl)?;
        *count += 1;
        Ok(())
    };
    // The account's templates: from this run's earlier backup of the account when it reads back
    // whole, otherwise from Meta, page by page.
    let earlier = memo
        .templates_in(w)
        .filter(|p| verify_backup(p).is_ok() && p.as_path() != dest);
    let pages = match &earlier {
        Some(file) => read::scan(file, |tpl| {
            if io_err.is_none() {
                io_err = put(&tpl, &mut count).err();
            }
        })
        .map(|_| 0)
        .map_err(|e| BackupError::NotWhole(e.to_string())),
        None => client
            .for_each_template_page(waba_id, |page: Vec<Template>| {
                for tpl in page {
                    if let Err(e) = put(&tpl, &mut count) {
                        io_err = Some(e);
                        return Err(GraphError::Config("write failed".into()));
                    }
                }
                Ok(())
            })
            .await
            .map_err(BackupError::from),
    };
    if let Some(e) = io_err {
        drop(out);
        drop(html);
        discard(&tmp, &html_tmp);
        return Err(BackupError::Io(e));
    }
    let pages = match pages {
        Ok(p) => p,
        Err(e) => {
            drop(out);
            drop(html);
            discard(&tmp, &html_tmp);
            return Err(e);
        }
    };
    write!(out, "],\"template_count\":{count},\"complete\":true}}")?;
    let file = out.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    drop(file);
    crate::files::commit(&tmp, dest)?;
    let html_file = html
        .finish(count)?
        .into_inner()
        .map_err(|e| e.into_error())?;
    html_file.sync_all()?;
    drop(html_file);
    crate::files::commit(&html_tmp, &html_dest)?;

    let mut summary = verify_backup(dest)?;
    summary.html_path = Some(html_dest);
    if summary.templates != count {
        return Err(BackupError::NotWhole(format!(
            "{} templates read back, {count} written",
            summary.templates
        )));
    }
    summary.template_pages = pages;
    if earlier.is_none() {
        memo.keep_templates_in(w, dest);
    }
    Ok(summary)
}

fn sniff(b: &[u8]) -> &'static str {
    if b.starts_with(b"\x89PNG") {
        "image/png"
    } else if b.starts_with(&[0xFF, 0xD8]) {
        "image/jpeg"
    } else {
        "application/octet-stream"
    }
}

/// Counts a JSON array without keeping its elements.
struct Count(usize);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Count;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Count, A::Error> {
                let mut n = 0;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(Count(n))
            }
        }
        d.deserialize_seq(V)
    }
}

#[derive(Deserialize)]
struct Reread {
    format: String,
    #[serde(default)]
    complete: bool,
    template_count: usize,
    templates: Count,
    #[serde(default)]
    business_profile: Option<Value>,
    #[serde(default)]
    profile_picture: Option<Value>,
    #[serde(default)]
    assigned_users: Value,
    #[serde(default)]
    subscribed_apps: Value,
    #[serde(default)]
    usage_12_months: Value,
    phone_number: Value,
    waba: Value,
}

/// Reads a backup file back and proves it is whole: valid JSON to the end, the completion
/// marker present, as many templates as announced, the number and WABA present.
pub fn verify_backup(path: &Path) -> Result<BackupSummary, BackupError> {
    let bytes = std::fs::metadata(path)?.len();
    let f = std::io::BufReader::new(std::fs::File::open(path)?);
    let r: Reread = serde_json::from_reader(f).map_err(|e| BackupError::NotWhole(e.to_string()))?;
    if r.format != BACKUP_FORMAT || !r.complete {
        return Err(BackupError::NotWhole(
            "the completion marker is missing".into(),
        ));
    }
    if r.templates.0 != r.template_count {
        return Err(BackupError::NotWhole(format!(
            "{} templates announced, {} found",
            r.template_count, r.templates.0
        )));
    }
    if r.phone_number.get("id").is_none() || r.waba.get("id").is_none() {
        return Err(BackupError::NotWhole(
            "number or WABA metadata missing".into(),
        ));
    }
    let picture_bytes = r
        .profile_picture
        .as_ref()
        .and_then(|p| {
            p.get("base64")?.as_str().map(|s| {
                base64::engine::general_purpose::STANDARD
                    .decode(s)
                    .map(|b| b.len())
                    .unwrap_or(0)
            })
        })
        .unwrap_or(0);
    let usage_points = r.usage_12_months["pricing_analytics"]["data"]
        .as_array()
        .map(|series| {
            series
                .iter()
                .map(|s| s["data_points"].as_array().map_or(0, Vec::len))
                .sum()
        })
        .unwrap_or(0);
    Ok(BackupSummary {
        path: path.to_path_buf(),
        templates: r.templates.0,
        template_pages: 0,
        assigned_users: r.assigned_users.as_array().map_or(0, Vec::len),
        subscribed_apps: r.subscribed_apps.as_array().map_or(0, Vec::len),
        usage_points,
        has_profile: r.business_profile.is_some_and(|p| !p.is_null()),
        picture_bytes,
        bytes,
        html_path: None,
    })
}

/// A default file name: `backup-whatsapp-5511988885678-2026-11-25.json`.
pub fn default_file_name(t: &Target, now: DateTime<Utc>) -> String {
    let digits = crate::graph::digits(t.display_phone_number.as_deref().unwrap_or("numero"));
    format!("backup-whatsapp-{digits}-{}.json", now.format("%Y-%m-%d"))
}

/// What Meta refused, for the backup file: its code and trace id, never the answer's text.
fn not_available(e: &GraphError) -> serde_json::Value {
    json!({"not_available": {"meta_code": e.code(), "trace_id": e.trace_id()}})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_truncated_backup_is_not_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.json");
        std::fs::write(&p, br#"{"format":"waba-remover-backup","waba":{"id":"1"},"phone_number":{"id":"2"},"templates":[{"a":1},{"#).unwrap();
        assert!(matches!(verify_backup(&p), Err(BackupError::NotWhole(_))));
        std::fs::write(&p, br#"{"format":"waba-remover-backup","waba":{"id":"1"},"phone_number":{"id":"2"},"templates":[{"a":1}],"template_count":2,"complete":true}"#).unwrap();
        assert!(matches!(verify_backup(&p), Err(BackupError::NotWhole(_))));
        std::fs::write(&p, br#"{"format":"waba-remover-backup","waba":{"id":"1"},"phone_number":{"id":"2"},"templates":[{"a":1},{"b":2}],"template_count":2,"complete":true}"#).unwrap();
        assert_eq!(verify_backup(&p).unwrap().templates, 2);
    }
}
