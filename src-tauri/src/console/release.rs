//! `release`: what a provider does when a client leaves (`waba_core::release`), for one number
//! or many. Destructive (a deregister takes the number off Cloud API), so on a terminal each
//! number's last four digits are typed back first; without a terminal it needs `--yes`.

use super::args::Options;
use super::connect::Conn;
use super::out::{ask, ConsoleError, Printer};
use super::Exit;
use std::path::PathBuf;
use waba_core::graph::ErrorClass;
use waba_core::release::{release as run, Directory, Pacing, ReleaseStatus, RunReport};

pub async fn release(conn: &Conn, o: &Options, p: &Printer) -> Result<Exit, ConsoleError> {
    let directory = Directory::read(&conn.client).await?;
    confirm(&directory, o)?;
    let dir = o.out.clone().unwrap_or_else(|| {
        PathBuf::from(format!(
            "liberacao-{}",
            chrono::Local::now().format("%Y-%m-%d")
        ))
    });
    let total = o.numbers.len();
    let mut done = 0;
    p.progress(&format!(
        "Liberando {total} número(s); o andamento fica em {}",
        dir.display()
    ));
    // The console runs to the end (Ctrl-C stops the process; the journals resume it).
    let (_keep, never) = tokio::sync::watch::channel(false);
    let report = run(
        &conn.client,
        &dir,
        &o.numbers,
        directory,
        Pacing::for_mode(conn.mode),
        &never,
        |r| {
            done += 1;
            let ok = r.status == ReleaseStatus::Released;
            p.progress(&format!(
                "[{done}/{total}] {} {}{}",
                r.display_phone_number
                    .as_deref()
                    .unwrap_or(&r.phone_number_id),
                p.mark(ok, &super::words::release(r.status)),
                r.error
                    .as_ref()
                    .map(|e| format!(
                        " (código da Meta {}, rastreio {})",
                        e.code.map_or("—".into(), |c| c.to_string()),
                        e.trace_id.as_deref().unwrap_or("—")
                    ))
                    .unwrap_or_default()
            ));
        },
    )
    .await?;
    let (json_path, html_path) = report
        .save(&dir)
        .map_err(|e| ConsoleError::new(Exit::Failed, format!("{}: {e}", dir.display())))?;
    let mut doc = serde_json::to_value(&report).unwrap_or_default();
    doc["report"] = serde_json::json!({"json": json_path, "html": html_path});
    p.emit(&doc, &summary(&report, &html_path));
    Ok(exit_of(&report))
}

/// Every number is found and confirmed before anything is sent: typed back on a terminal, or
/// `--yes` where there is none.
fn confirm(directory: &Directory, o: &Options) -> Result<(), ConsoleError> {
    if o.yes {
        return Ok(());
    }
    for id in &o.numbers {
        let Some(l) = directory.find(id) else {
            continue; // reported as not found, nothing sent
        };
        let shown = l.number.display_phone_number.clone().unwrap_or_default();
        let digits: String = shown.chars().filter(char::is_ascii_digit).collect();
        let last4 = &digits[digits.len().saturating_sub(4)..];
        let question = format!(
            "Liberar {shown} ({}): backup, desconectar da API de Nuvem e parar os webhooks do \
             app. Digite os 4 últimos dígitos para confirmar: ",
            l.account.name.as_deref().unwrap_or(&l.account.id)
        );
        match ask(&question) {
            None => {
                return Err(ConsoleError::new(
                    Exit::Declined,
                    "release desconecta números: sem terminal para confirmar, use --yes",
                ))
            }
            Some(typed)
                if typed
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect::<String>()
                    == last4 => {}
            Some(_) => {
                return Err(ConsoleError::new(
                    Exit::Declined,
                    format!("os dígitos não conferem com {shown}: nada foi feito"),
                ))
            }
        }
    }
    Ok(())
}

fn exit_of(r: &RunReport) -> Exit {
    if let Some(stop) = &r.stopped {
        let token = stop
            .code
            .is_some_and(|c| ErrorClass::of(c) == ErrorClass::TokenInvalid);
        return if token {
            Exit::NotAuthorised
        } else {
            Exit::Failed
        };
    }
    let bad = [
        ReleaseStatus::Failed,
        ReleaseStatus::NotFound,
        ReleaseStatus::NotStarted,
    ];
    if bad.iter().any(|s| r.count(*s) > 0) {
        Exit::Failed
    } else if r.count(ReleaseStatus::CannotVerify) > 0 {
        Exit::CannotVerify
    } else {
        Exit::Done
    }
}

fn summary(r: &RunReport, html: &std::path::Path) -> String {
    let mut s = format!(
        "{} liberado(s), {} com falha, {} a confirmar, {} não encontrado(s), de {} · {} chamadas à Meta\n",
        r.count(ReleaseStatus::Released),
        r.count(ReleaseStatus::Failed),
        r.count(ReleaseStatus::CannotVerify),
        r.count(ReleaseStatus::NotFound),
        r.numbers.len(),
        r.calls,
    );
    if let Some(stop) = &r.stopped {
        s.push_str(&format!(
            "A execução parou: {} (rode o mesmo comando de novo para continuar)\n",
            stop.message
        ));
    }
    s.push_str(&format!("Relatório: {}\n", html.display()));
    s
}
