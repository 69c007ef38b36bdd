//! `status`, `check`, `backup` and `wait`: reads (and the backup's files), never a change at
//! Meta. Each finds the number through what the token sees, as the app's choosing screens do.

use super::args::Options;
use super::connect::Conn;
use super::exit::Exit;
use super::out::{ConsoleError, Printer};
use serde_json::{json, Value};
use std::time::Duration;
use waba_core::graph::{BusinessId, PhoneNumberId, WabaId};
use waba_core::release::{Directory, Located};
use waba_core::removal::poll::{until_gone, PollError, PollPlan};
use waba_core::removal::{Pace, PollTarget};
use waba_core::steps::backup::{default_file_name, write_backup};
use waba_core::steps::checks::run_checks;
use waba_core::steps::checks::{CheckId, CheckStatus};

fn connection(conn: &Conn) -> Value {
    json!({
        "mode": conn.mode,
        "host": conn.host,
        "token_source": conn.source,
        "user": {"id": conn.user_id, "name": conn.user_name},
    })
}

fn number_json(l: &Located) -> Value {
    json!({
        "id": l.number.id,
        "display_phone_number": l.number.display_phone_number,
        "verified_name": l.number.verified_name,
        "account": {"id": l.account.id, "name": l.account.name},
        "business": {"id": l.business.id, "name": l.business.name},
    })
}

fn shown(l: &Located) -> String {
    super::out::clean(&format!(
        "{} ({})",
        l.number
            .display_phone_number
            .as_deref()
            .unwrap_or(&l.number.id),
        l.account.name.as_deref().unwrap_or(&l.account.id)
    ))
}

/// The number `id` among what the token sees (the search stops at its account); an id it does
/// not see is refused.
/// The one number of `check`, `backup` and `wait`: an id (the door read it so).
fn the_number(o: &Options) -> Result<&PhoneNumberId, ConsoleError> {
    o.numbers
        .first()
        .and_then(|n| n.id())
        .ok_or_else(|| ConsoleError::new(Exit::Usage, "diga qual número: --number ID"))
}

pub async fn locate(conn: &Conn, id: &PhoneNumberId) -> Result<Located, ConsoleError> {
    Directory::locate(&conn.client, id).await?.ok_or_else(|| {
        ConsoleError::new(
            Exit::Failed,
            format!("o número {id} não está em nenhuma conta que este token vê"),
        )
    })
}

pub async fn status(conn: &Conn, p: &Printer) -> Result<Exit, ConsoleError> {
    let d = Directory::read(&conn.client).await?;
    let mut human = format!(
        "Conexão: {} em {} ({}), token: {}\n",
        super::out::clean(conn.user_name.as_deref().unwrap_or(&conn.user_id)),
        conn.host,
        if conn.mode == waba_core::connection::Mode::Practice {
            "treino"
        } else {
            "conta real"
        },
        conn.source
    );
    for b in &d.businesses {
        human.push_str(&format!(
            "\n{} [{}]\n",
            super::out::clean(b.name.as_deref().unwrap_or("—")),
            b.id
        ));
        for a in &b.accounts {
            human.push_str(&format!(
                "  {} [{}]{}\n",
                super::out::clean(a.name.as_deref().unwrap_or("—")),
                a.id,
                if a.owned { "" } else { " (compartilhada)" }
            ));
            for n in &a.numbers {
                human.push_str(&format!(
                    "    {} [{}] {} · {} · {}{}{}\n",
                    super::out::clean(n.display_phone_number.as_deref().unwrap_or("—")),
                    n.id,
                    super::out::clean(n.verified_name.as_deref().unwrap_or("—")),
                    super::words::meta("status", n.status.as_deref()),
                    super::words::meta("quality", n.quality_rating.as_deref()),
                    if n.registered {
                        " · na API de Nuvem"
                    } else {
                        ""
                    },
                    if n.coexistence {
                        " · Coexistência"
                    } else {
                        ""
                    },
                ));
            }
        }
    }
    p.emit(
        &json!({"connection": connection(conn), "businesses": d.businesses}),
        &human,
    );
    Ok(Exit::Done)
}

/// The app's Pré-requisitos for one number: each check with its verdict and facts, and for the
/// 30-day rule the first day Meta allows the deletion. Exit 1 when a check blocks the deletion.
pub async fn check(conn: &Conn, o: &Options, p: &Printer) -> Result<Exit, ConsoleError> {
    let l = locate(conn, the_number(o)?).await?;
    let report = run_checks(&conn.client, &l.target(), chrono::Utc::now()).await?;
    let blocking = report.blockers(&[]);
    let deletable_from = report
        .checks
        .iter()
        .find(|c| c.id == CheckId::PaidMessages)
        .and_then(|c| c.facts.get("deletable_from").cloned())
        .filter(|v| !v.is_null());
    let mut human = format!("Pré-requisitos de {}\n", shown(&l));
    for c in &report.checks {
        let ok = matches!(c.status, CheckStatus::Pass | CheckStatus::Info);
        // The verdict first, padded before it is coloured, so the titles line up.
        let verdict = format!("{:<15}", super::words::verdict(c.status));
        // "Impede" says which ones block now; a passing check that could block says nothing more.
        human.push_str(&format!(
            "  {} {}\n",
            p.mark(ok, &verdict),
            super::words::check(c.id)
        ));
    }
    if let Some(day) = deletable_from
        .as_ref()
        .and_then(Value::as_str)
        .and_then(|d| d.parse::<chrono::NaiveDate>().ok())
    {
        human.push_str(&format!(
            "A Meta permite excluir a partir de {}.\n",
            day.format("%d/%m/%Y")
        ));
    }
    human.push_str(if blocking.is_empty() {
        "Nada impede a exclusão.\n"
    } else {
        "Há pré-requisitos que impedem a exclusão.\n"
    });
    p.emit(
        &json!({
            "number": number_json(&l),
            "checks": report.checks,
            "blocking": blocking,
            "deletable_from": deletable_from,
            "registered": report.registered,
            "coexistence": report.coexistence,
            "unreadable": report.unreadable,
        }),
        &human,
    );
    Ok(if blocking.is_empty() {
        Exit::Done
    } else {
        Exit::Failed
    })
}

/// A number no account lists any more: Meta's own answer for it decides, by the journey's rule
/// (`removal::poll::meta_says_deleted`: only 803 proves it).
async fn already_deleted(
    conn: &Conn,
    id: &PhoneNumberId,
    not_listed: ConsoleError,
    p: &Printer,
) -> Result<Exit, ConsoleError> {
    match waba_core::removal::poll::meta_says_deleted(&conn.client, id).await {
        Ok(proof) => {
            p.emit(
                &json!({
                    "number": {"id": id},
                    "outcome": "gone",
                    "proof": {"kind": "deleted803", "evidence_code": waba_core::graph::codes::DELETED, "trace_id": proof.trace_id},
                    "attempts": 1,
                }),
                &format!("A Meta confirma: o número {id} foi excluído (código 803).\n"),
            );
            Ok(Exit::Done)
        }
        _ => Err(not_listed),
    }
}

/// The same verified backup as the app (JSON + a readable page of the templates) into `--out`.
pub async fn backup(conn: &Conn, o: &Options, p: &Printer) -> Result<Exit, ConsoleError> {
    let l = locate(conn, the_number(o)?).await?;
    let dir = o.out.as_ref().expect("parse requires --out");
    waba_core::files::create_private_dir(dir)
        .map_err(|e| ConsoleError::new(Exit::Failed, format!("{}: {e}", dir.display())))?;
    let t = l.target();
    let now = chrono::Utc::now();
    let dest = waba_core::files::free_name(&dir.join(default_file_name(&t, now)));
    p.progress(&format!("Salvando o backup de {}…", shown(&l)));
    let s = write_backup(&conn.client, &t, &dest, now)
        .await
        .map_err(|e| ConsoleError::from(waba_core::removal::JourneyError::from(e)))?;
    p.emit(
        &json!({"number": number_json(&l), "backup": s}),
        &format!(
            "Backup verificado: {} modelos, {} bytes\n  {}\n{}",
            s.templates,
            s.bytes,
            s.path.display(),
            s.html_path
                .as_ref()
                .map(|h| format!("  {}\n", h.display()))
                .unwrap_or_default()
        ),
    );
    Ok(Exit::Done)
}

/// Polls with the app's pacing until Meta proves the number gone (the same proof rule as the
/// app), or `--timeout` passes: then exit 5, the deletion on Meta's screen is still to be done.
pub async fn wait(conn: &Conn, o: &Options, p: &Printer) -> Result<Exit, ConsoleError> {
    let id = the_number(o)?;
    let l = match locate(conn, id).await {
        Ok(l) => l,
        Err(not_listed) => return already_deleted(conn, id, not_listed, p).await,
    };
    let bad = |_| ConsoleError::new(Exit::Failed, "Meta listed an id that is not digits");
    let plan = PollPlan {
        target: PollTarget::Number,
        business_id: BusinessId::try_from(l.business.id.clone()).map_err(bad)?,
        waba_id: WabaId::try_from(l.account.id.clone()).map_err(bad)?,
        phone_number_id: PhoneNumberId::try_from(l.number.id.clone()).map_err(bad)?,
        opened_at: chrono::Utc::now(),
    };
    let limit = Duration::from_secs(o.timeout_secs.unwrap_or(3600));
    let (tx, rx) = tokio::sync::watch::channel(false);
    let timer = tokio::spawn(async move {
        tokio::time::sleep(limit).await;
        let _ = tx.send(true);
    });
    let mut attempts = 0;
    let r = until_gone(
        &conn.client,
        &plan,
        Pace::for_mode(conn.mode),
        None,
        rx,
        |pr| {
            attempts = pr.attempts;
            p.progress(&format!(
                "Aguardando a Meta: consulta {}, {} s, situação {}",
                pr.attempts, pr.elapsed_secs, pr.last_seen
            ));
        },
    )
    .await;
    timer.abort();
    let (outcome, exit, proof, human) = match r {
        Ok(proof) => (
            "gone",
            Exit::Done,
            Some(proof),
            format!("A Meta confirma: {} foi excluído.\n", shown(&l)),
        ),
        Err(PollError::Cancelled) => (
            "still_there",
            Exit::WaitingOnMeta,
            None,
            format!(
                "{} ainda está na conta depois de {} s: a exclusão é feita na tela da Meta \
                 (Gerenciador do WhatsApp, ícone de lixeira).\n",
                shown(&l),
                limit.as_secs()
            ),
        ),
        Err(PollError::CannotVerify { reason, source }) => {
            let mut e = ConsoleError::from(source);
            e.exit = Exit::CannotVerify;
            e.message = format!(
                "não foi possível confirmar a exclusão ({reason:?}): {}",
                e.message
            );
            return Err(e);
        }
    };
    p.emit(
        &json!({"number": number_json(&l), "outcome": outcome, "proof": proof, "attempts": attempts}),
        &human,
    );
    Ok(exit)
}
