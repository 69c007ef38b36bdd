//! `waba-remover update --check`: whether a newer version is published for this computer, from
//! the source this copy was published with (`docs/updates.md`). It only reads: installing is the
//! app's ("Sobre o app", or the line that offers it), never while something runs.

use super::exit::Exit;
use super::out::{clean, Printer};
use serde_json::json;
use waba_core::update::{check, Check, SourceError};

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Runs `update` with its arguments; answers the exit code: 0 up to date, 7 a newer version, 1
/// the check failed or this copy has no updates, 2 usage.
pub fn main(args: &[String]) -> i32 {
    let mut json = false;
    let mut asked = false;
    for a in args {
        match a.as_str() {
            "--check" => asked = true,
            "--json" => json = true,
            "--help" | "-h" => return super::help::main(Some("update")),
            other => {
                eprintln!(
                    "waba-remover update: opção desconhecida: {}",
                    super::out::shown(other)
                );
                return Exit::Usage as i32;
            }
        }
    }
    if !asked {
        eprintln!(
            "waba-remover update: use --check (a instalação é feita pelo app, quando nada está em andamento)"
        );
        return Exit::Usage as i32;
    }
    let p = Printer::new(json);
    let source = match crate::app::update_source() {
        Ok(s) => s,
        Err(e) => {
            let (code, text) = match e {
                SourceError::NotPublished => (
                    "updates_off",
                    "esta cópia foi publicada sem atualizações automáticas: baixe a versão nova na página de versões de quem publicou o app".to_owned(),
                ),
                SourceError::Endpoint(_) => ("endpoint", e.to_string()),
            };
            return done(
                &p,
                json!({"current": VERSION, "updates": false, "outcome": code}),
                &text,
                Exit::Failed,
            );
        }
    };
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            return done(
                &p,
                json!({"outcome": "failed"}),
                &e.to_string(),
                Exit::Failed,
            )
        }
    };
    match rt.block_on(check(&source, VERSION)) {
        Ok(Check::UpToDate) => done(
            &p,
            json!({"current": VERSION, "updates": true, "outcome": "up_to_date"}),
            &format!("waba-remover {VERSION} é a versão mais nova.\n"),
            Exit::Done,
        ),
        Ok(Check::Available(a)) => done(
            &p,
            json!({"current": VERSION, "updates": true, "outcome": "available", "version": a.version,
                   "date": a.date, "notes": {"pt-BR": a.notes.pt, "en": a.notes.en}}),
            &format!(
                "Versão nova: {} (esta é {VERSION}). {}\nPara instalar, abra o app: ele oferece a instalação quando nada está em andamento.\n",
                clean(&a.version),
                clean(&a.notes.pt)
            ),
            Exit::UpdateAvailable,
        ),
        Err(e) => done(
            &p,
            json!({"current": VERSION, "updates": true, "outcome": "failed", "error": e}),
            &format!("não foi possível verificar: {e}"),
            Exit::Failed,
        ),
    }
}

/// One JSON document (with the exit code) or the human text; a failure's text on stderr.
fn done(p: &Printer, mut doc: serde_json::Value, text: &str, exit: Exit) -> i32 {
    doc["command"] = json!("update");
    doc["exit"] = json!({"code": exit as i32, "name": exit.name()});
    if exit == Exit::Failed {
        p.emit(&doc, "");
        p.progress(&format!("waba-remover: {}", clean(text)));
    } else {
        p.emit(&doc, text);
    }
    exit as i32
}
