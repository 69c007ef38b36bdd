//! `release --plan` and the numbers of a release: the analyst's inputs (ids, phones in E.164,
//! whole accounts) resolved against what the token sees, and what the run would send, printed
//! before anything is sent (`docs/support.md`).

use super::args::Options;
use super::exit::Exit;
use super::out::{clean, ConsoleError, Printer};
use serde_json::json;
use waba_core::release::{Directory, NumberInput, ReleaseRoad};

/// The run's numbers: each input resolved to its phone number id (an input that names none is
/// kept as written: the run reports it "not found"), the accounts' numbers added, each once.
pub fn numbers(directory: &Directory, o: &Options) -> Result<Vec<String>, ConsoleError> {
    let mut ids: Vec<String> = Vec::new();
    for input in &o.numbers {
        ids.push(
            directory
                .resolve(input)
                .unwrap_or_else(|| input.to_string()),
        );
    }
    for account in &o.accounts {
        let of = directory.account_numbers(account.as_str());
        if of.is_empty() {
            return Err(ConsoleError::new(
                Exit::Failed,
                format!(
                    "a conta {account} não está entre as que este token vê, ou não tem números"
                ),
            ));
        }
        ids.extend(of);
    }
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(id.clone()));
    Ok(ids)
}

/// The analyst's own columns for a number (by its resolved id), for the report's CSV.
pub fn extra_of(directory: &Directory, o: &Options, id: &str) -> Vec<String> {
    o.extra
        .rows
        .iter()
        .find(|(input, _)| {
            input == id
                || NumberInput::parse(input)
                    .and_then(|n| directory.resolve(&n))
                    .as_deref()
                    == Some(id)
        })
        .map(|(_, cells)| cells.clone())
        .unwrap_or_default()
}

/// Prints what the run would do and sends nothing.
pub fn print(directory: &Directory, ids: &[String], road: ReleaseRoad, p: &Printer) -> Exit {
    let mut lines = String::new();
    let mut items = Vec::new();
    let mut accounts: Vec<(String, Option<String>)> = Vec::new();
    for id in ids {
        let Some(l) = directory.find(id) else {
            lines.push_str(&format!(
                "{}: não está em nenhuma conta que este token vê (nada será enviado)\n",
                clean(id)
            ));
            items.push(json!({"input": id, "found": false}));
            continue;
        };
        let deregister = road.deregisters() && l.number.registered && !l.number.coexistence;
        lines.push_str(&format!(
            "{} ({}): {}\n",
            clean(l.number.display_phone_number.as_deref().unwrap_or(id)),
            clean(l.account.name.as_deref().unwrap_or(&l.account.id)),
            if deregister {
                "backup e uma desconexão"
            } else if road.deregisters() {
                "backup; nada a desconectar (não está conectado, ou está no app do celular)"
            } else {
                "backup e cartão de migração; nada é desconectado"
            }
        ));
        if !accounts.iter().any(|(a, _)| *a == l.account.id) {
            accounts.push((l.account.id.clone(), l.account.name.clone()));
        }
        items.push(json!({
            "input": id, "found": true, "phone_number_id": l.number.id,
            "display_phone_number": l.number.display_phone_number,
            "account_id": l.account.id, "account_name": l.account.name,
            "road": road, "writes": {"deregister": u8::from(deregister)},
        }));
    }
    let webhooks = match road {
        ReleaseRoad::Provider => {
            "os webhooks do app saem de uma conta só quando a Meta não listar mais nenhum número \
             nela (rode o mesmo comando depois da migração)"
        }
        _ => {
            "os webhooks do app saem de uma conta só se todos os números dela forem \
             desconectados nesta execução"
        }
    };
    lines.push_str(&format!(
        "Contas: {}; {webhooks}.\nNada foi enviado (--plan).\n",
        accounts.len()
    ));
    p.emit(
        &json!({"plan": {"road": road, "numbers": items, "accounts": accounts.iter().map(|(id, name)| json!({"account_id": id, "account_name": name})).collect::<Vec<_>>()}}),
        &lines,
    );
    Exit::Done
}
