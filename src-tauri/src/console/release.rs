//! `release --to provider|app|close`: what a provider does when a client leaves
//! (`waba_core::release`), for one number or many, by the road the analyst names. `app` and
//! `close` deregister (the number goes off the Cloud API), so on a terminal the plan is confirmed
//! first (each number's last four digits typed back; a typo asks again); without a terminal it
//! needs `--yes`. `provider` sends nothing that changes the number and is confirmed the same way.

use super::args::Options;
use super::connect::Conn;
use super::exit::Exit;
use super::out::{ask, ConsoleError, Printer};
use waba_core::graph::ErrorClass;
use waba_core::release::{
    release as run, Directory, Pacing, ReleaseRoad, ReleaseStatus, RunOptions, RunReport,
};

pub async fn release(conn: &Conn, o: &Options, p: &Printer) -> Result<Exit, ConsoleError> {
    let road = o.to.expect("args: release needs --to");
    let directory = Directory::read(&conn.client).await?;
    let ids = super::plan::numbers(&directory, o)?;
    if o.plan {
        return Ok(super::plan::print(&directory, &ids, road, p));
    }
    confirm(&directory, &ids, o.yes, road)?;
    let dir = o
        .out
        .clone()
        .unwrap_or_else(|| waba_core::release::folder::console_default(chrono::Local::now()));
    let total = ids.len();
    p.progress(&format!(
        "{}: {total} número(s); o andamento fica em {}",
        road_words(road),
        dir.display()
    ));
    let opts = RunOptions {
        road,
        pacing: Pacing::for_mode(conn.mode),
        ledger: conn.numbers.clone(),
        owner: conn.owner(),
    };
    // The console runs to the end (Ctrl-C stops the process; the journals resume it).
    let (_keep, never) = tokio::sync::watch::channel(false);
    let report = loop {
        let mut done = 0;
        let report = run(
            &conn.client,
            &dir,
            &ids,
            directory.clone(),
            &opts,
            &never,
            |r| {
                done += 1;
                let ok = matches!(
                    r.status,
                    ReleaseStatus::Released | ReleaseStatus::ReadyToMove | ReleaseStatus::Moved
                );
                p.progress(&format!(
                    "[{done}/{total}] {} {}{}",
                    super::out::clean(
                        r.display_phone_number
                            .as_deref()
                            .unwrap_or(&r.phone_number_id)
                    ),
                    p.mark(ok, &super::words::release(r.status)),
                    r.error
                        .as_ref()
                        .map(|e| match e.retry_in_secs {
                            // The app's own cap, not Meta: nothing was sent for it.
                            Some(_) => " (limite de consultas por hora do app; nada foi enviado)"
                                .to_owned(),
                            None => format!(
                                " (código da Meta {}, rastreio {})",
                                e.code.map_or("—".into(), |c| c.to_string()),
                                e.trace_id.as_deref().unwrap_or("—")
                            ),
                        })
                        .unwrap_or_default()
                ));
            },
        )
        .await?;
        // At the app's hourly cap with `--wait`: sleep until the hour has room, then go on
        // (every number's journal resumes where it stopped).
        match (o.wait, super::out::cap_wait(&conn.client, &report)) {
            (true, Some(wait)) => {
                p.progress(&format!(
                    "Limite de consultas por hora atingido: continuo às {}.",
                    super::out::local_time_after(wait)
                ));
                tokio::time::sleep(wait).await;
            }
            _ => break report,
        }
    };
    let saved = report.save(&dir).and_then(|(json, html)| {
        let csv = report.save_csv(&dir, &o.extra.header, |id| {
            super::plan::extra_of(&directory, o, id)
        })?;
        Ok((json, html, csv))
    });
    let (json_path, html_path, csv_path) =
        saved.map_err(|e| ConsoleError::new(Exit::Failed, format!("{}: {e}", dir.display())))?;
    let mut doc = serde_json::to_value(&report).unwrap_or_default();
    doc["report"] = serde_json::json!({"json": json_path, "html": html_path, "csv": csv_path});
    p.emit(&doc, &summary(&report, &html_path, &conn.client));
    Ok(exit_of(&report))
}

fn road_words(road: ReleaseRoad) -> &'static str {
    match road {
        ReleaseRoad::Provider => "Levar para outro provedor (nada é desconectado)",
        ReleaseRoad::App => "Voltar para o app WhatsApp Business (uma desconexão por número)",
        ReleaseRoad::Close => "Encerrar (uma desconexão por número)",
    }
}

/// Every number is found and confirmed before anything is sent, on a terminal: one number by its
/// last four digits, a plan of many by their count typed back (a typo asks again, three times at
/// most); without a terminal only `--yes` goes on.
fn confirm(
    directory: &Directory,
    ids: &[String],
    yes: bool,
    road: ReleaseRoad,
) -> Result<(), ConsoleError> {
    if yes {
        return Ok(());
    }
    let what = match road {
        ReleaseRoad::Provider => {
            "backup e cartão de migração; o número continua conectado para o novo provedor"
        }
        _ => "backup e desconectar o número (ele para de enviar e receber mensagens)",
    };
    let found: Vec<_> = ids.iter().filter_map(|id| directory.find(id)).collect();
    let (question, expected, shown) = match found.as_slice() {
        [] => return Ok(()), // nothing found: reported, nothing sent
        [l] => {
            let shown = super::out::clean(l.number.display_phone_number.as_deref().unwrap_or(""));
            let Some(last_four) = waba_core::graph::last_four(&shown) else {
                return Err(ConsoleError::new(
                    Exit::Declined,
                    format!(
                        "a Meta não informa os dígitos do número {}: confirme com --yes depois \
                         de conferir o número no Gerenciador do WhatsApp",
                        l.number.id
                    ),
                ));
            };
            let account = super::out::clean(l.account.name.as_deref().unwrap_or(&l.account.id));
            (
                format!(
                    "{shown} ({account}): {what}. Digite os 4 últimos dígitos para confirmar: "
                ),
                last_four,
                shown,
            )
        }
        many => {
            let n = many.len();
            (
                format!(
                    "{n} números, por este caminho: {what} (veja a lista com --plan). Digite \
                     quantos números são ({n}) para confirmar: "
                ),
                n.to_string(),
                format!("{n} números"),
            )
        }
    };
    for attempt in 1..=3 {
        let Some(typed) = ask(&question) else {
            return Err(ConsoleError::new(
                Exit::Declined,
                "release precisa de confirmação: sem terminal para confirmar, use --yes",
            ));
        };
        let typed = waba_core::graph::digits(&typed);
        if typed == expected {
            return Ok(());
        }
        if attempt < 3 {
            eprintln!("Não confere com {shown}; tente de novo.");
        }
    }
    Err(ConsoleError::new(
        Exit::Declined,
        format!("a confirmação não confere com {shown}: nada foi feito"),
    ))
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

fn summary(
    r: &RunReport,
    html: &std::path::Path,
    client: &waba_core::graph::GraphClient,
) -> String {
    let mut s = format!(
        "{} desconectado(s), {} pronto(s) para a migração, {} com falha, {} a confirmar, {} não \
         encontrado(s), de {} · {} chamadas à Meta\n",
        r.count(ReleaseStatus::Released),
        r.count(ReleaseStatus::ReadyToMove),
        r.count(ReleaseStatus::Failed),
        r.count(ReleaseStatus::CannotVerify),
        r.count(ReleaseStatus::NotFound),
        r.numbers.len(),
        r.calls,
    );
    if let Some(stop) = &r.stopped {
        let why = match super::out::cap_wait(client, r) {
            Some(wait) => format!(
                "o limite de consultas por hora do app foi atingido; dá para continuar às {} \
                 (ou use --wait para o comando esperar sozinho)",
                super::out::local_time_after(wait)
            ),
            None => super::out::clean(&stop.message),
        };
        s.push_str(&format!(
            "A execução parou: {why}. Rode o mesmo comando de novo para continuar.\n"
        ));
    }
    s.push_str(&format!("Relatório: {}\n", html.display()));
    s
}
