//! A run's summary: one line per number and per account, kept as JSON (the console's `--json`
//! shape, `docs/support.md`) and as a page a person reads (HTML), both in the run's folder.

use crate::files::{self, esc};
use crate::graph::GraphError;
use crate::removal::JourneyError;
use crate::steps::deregister_record::DeregisterRecord;
use crate::vocabulary::ipc_enum;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::path::{Path, PathBuf};

ipc_enum! {
    /// Where one number of a run ended.
    pub enum ReleaseStatus {
        /// Checked, backed up, off Cloud API (or it did not need it): ready for Meta's deletion.
        Released,
        /// Checked, backed up, its migration card written, left registered for the new provider.
        ReadyToMove,
        /// Released to another provider by an earlier run, and no account lists it any more:
        /// the migration happened.
        Moved,
        /// Meta refused a step (its code and trace id are in the report); running again retries.
        Failed,
        /// The deregister left but its answer never came: running again reads the number first.
        CannotVerify,
        /// The token does not see this number in any account.
        NotFound,
        /// The run stopped before this number (the token, the hourly cap).
        NotStarted,
    }
}

pub const REPORT_JSON: &str = "release-report.json";
pub const REPORT_HTML: &str = "release-report.html";
pub const REPORT_CSV: &str = "release-report.csv";

/// Meta's code and trace id of what went wrong, with a line for support (never a token).
#[derive(Debug, Clone, Serialize)]
pub struct ErrorInfo {
    pub code: Option<i64>,
    pub trace_id: Option<String>,
    pub message: String,
    /// The app's own hourly cap stopped it (not Meta): seconds until the hour has room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_in_secs: Option<u64>,
}

impl ErrorInfo {
    pub fn of(e: &JourneyError) -> Self {
        let g = match e {
            JourneyError::Graph(g) => Some(g),
            JourneyError::CannotVerify { source, .. } => Some(source),
            _ => None,
        };
        let trace = match e {
            JourneyError::DeregisterUnknown { trace_id }
            | JourneyError::DeregisterBlocked { trace_id, .. } => trace_id.clone(),
            _ => g.and_then(GraphError::trace_id).map(str::to_owned),
        };
        Self {
            code: g.and_then(GraphError::code),
            trace_id: trace,
            message: e.to_string(),
            retry_in_secs: local_budget(e).map(|d| d.as_secs() + u64::from(d.subsec_nanos() > 0)),
        }
    }
}

/// How long until the app's own hourly cap has room, when that is what stopped `e`.
pub fn local_budget(e: &JourneyError) -> Option<std::time::Duration> {
    let g = match e {
        JourneyError::Graph(g) => g,
        JourneyError::Backup(crate::steps::backup::BackupError::Graph(g)) => g,
        _ => return None,
    };
    match g {
        GraphError::LocalBudget { retry_in } => Some(*retry_in),
        _ => None,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct NumberResult {
    pub phone_number_id: String,
    pub display_phone_number: Option<String>,
    pub account_id: Option<String>,
    pub account_name: Option<String>,
    pub status: ReleaseStatus,
    /// The road the number took (`provider`, `app`, `close`).
    pub road: Option<super::road::ReleaseRoad>,
    pub deregister: Option<DeregisterRecord>,
    pub backup: Option<PathBuf>,
    pub card: Option<PathBuf>,
    pub error: Option<ErrorInfo>,
}

/// What happened to the provider's app on an account.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Unsubscribe {
    /// The app no longer receives this account's webhooks.
    Unsubscribed {
        trace_id: Option<String>,
    },
    /// The app was not subscribed.
    NotSubscribed,
    /// Numbers of the account stay (not in this run, or not released): its webhooks still serve
    /// them, so the app stays subscribed.
    Kept {
        numbers_left: usize,
    },
    /// Moves: Meta still lists numbers in the account (the new provider has not registered them
    /// yet). The webhooks stay; running the same command again after the move leaves them.
    AwaitingMove {
        numbers_listed: usize,
    },
    Failed {
        error: ErrorInfo,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct AccountResult {
    pub account_id: String,
    pub account_name: Option<String>,
    pub unsubscribe: Unsubscribe,
}

#[derive(Debug, Clone, Serialize)]
pub struct RunReport {
    /// The road of the run.
    pub road: super::road::ReleaseRoad,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub folder: PathBuf,
    pub numbers: Vec<NumberResult>,
    pub accounts: Vec<AccountResult>,
    /// Why the run stopped before the end (the token stopped working, the hourly cap): the
    /// numbers not reached say `not_started`, and running again resumes.
    pub stopped: Option<ErrorInfo>,
    /// Graph calls this run made.
    pub calls: usize,
}

impl RunReport {
    pub fn count(&self, status: ReleaseStatus) -> usize {
        self.numbers.iter().filter(|n| n.status == status).count()
    }

    /// Writes `release-report.json` and `release-report.html` in the run's folder.
    pub fn save(&self, dir: &Path) -> std::io::Result<(PathBuf, PathBuf)> {
        let json = dir.join(REPORT_JSON);
        files::write_atomic(&json, &serde_json::to_vec_pretty(self)?)?;
        let html = dir.join(REPORT_HTML);
        files::write_atomic(&html, self.html().as_bytes())?;
        Ok((json, html))
    }

    /// Writes `release-report.csv`: a row per number (road, status, Meta's code and trace id,
    /// the card), then the columns `extra_header` names, from `extra_of(phone number id)` (the
    /// analyst's own columns of a `--from` CSV). Cells a spreadsheet would run as a formula are
    /// prefixed with `'`.
    pub fn save_csv(
        &self,
        dir: &Path,
        extra_header: &[String],
        extra_of: impl Fn(&str) -> Vec<String>,
    ) -> std::io::Result<PathBuf> {
        let mut out = String::new();
        let mut row = |cells: Vec<String>| {
            let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        };
        let mut header: Vec<String> = [
            "phone_number_id",
            "display_phone_number",
            "account_id",
            "account_name",
            "road",
            "status",
            "deregister",
            "card",
            "meta_code",
            "trace_id",
        ]
        .map(str::to_owned)
        .to_vec();
        header.extend(extra_header.iter().cloned());
        row(header);
        let wire = |v: serde_json::Value| v.as_str().unwrap_or_default().to_owned();
        for n in &self.numbers {
            let mut cells = vec![
                n.phone_number_id.clone(),
                n.display_phone_number.clone().unwrap_or_default(),
                n.account_id.clone().unwrap_or_default(),
                n.account_name.clone().unwrap_or_default(),
                n.road.map(|r| r.name().to_owned()).unwrap_or_default(),
                wire(serde_json::to_value(n.status).unwrap_or_default()),
                n.deregister
                    .as_ref()
                    .map(|d| wire(serde_json::to_value(d.outcome()).unwrap_or_default()))
                    .unwrap_or_default(),
                n.card
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                n.error
                    .as_ref()
                    .and_then(|e| e.code)
                    .map(|c| c.to_string())
                    .unwrap_or_default(),
                n.error
                    .as_ref()
                    .and_then(|e| e.trace_id.clone())
                    .unwrap_or_default(),
            ];
            cells.extend(extra_of(&n.phone_number_id));
            row(cells);
        }
        let path = dir.join(REPORT_CSV);
        files::write_atomic(&path, out.as_bytes())?;
        Ok(path)
    }

    fn html(&self) -> String {
        let words = |s: ReleaseStatus| match s {
            ReleaseStatus::Released => "desconectado, falta excluir na Meta",
            ReleaseStatus::ReadyToMove => "pronto para a migração (continua conectado)",
            ReleaseStatus::Moved => "migrado: a Meta não lista mais o número na conta",
            ReleaseStatus::Failed => "falhou",
            ReleaseStatus::CannotVerify => "não foi possível confirmar",
            ReleaseStatus::NotFound => "não encontrado",
            ReleaseStatus::NotStarted => "não iniciado",
        };
        let mut rows = String::new();
        for n in &self.numbers {
            rows.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                esc(n
                    .display_phone_number
                    .as_deref()
                    .unwrap_or(&n.phone_number_id)),
                esc(n.account_name.as_deref().unwrap_or("—")),
                words(n.status),
                esc(&n
                    .error
                    .as_ref()
                    .map(|e| format!(
                        "código {} · rastreio {}",
                        e.code.map_or("—".into(), |c| c.to_string()),
                        e.trace_id.as_deref().unwrap_or("—")
                    ))
                    .unwrap_or_default()),
                esc(&n
                    .card
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()),
            ));
        }
        let mut accounts = String::new();
        for a in &self.accounts {
            let what = match &a.unsubscribe {
                Unsubscribe::Unsubscribed { .. } => "app descadastrado dos webhooks".to_owned(),
                Unsubscribe::NotSubscribed => "o app não estava cadastrado".to_owned(),
                Unsubscribe::Kept { numbers_left } => {
                    format!("mantido: {numbers_left} número(s) continuam na conta")
                }
                Unsubscribe::AwaitingMove { numbers_listed } => format!(
                    "mantido até a migração: a Meta ainda lista {numbers_listed} número(s) na conta \
                     (rode o mesmo comando depois da migração)"
                ),
                Unsubscribe::Failed { error } => format!(
                    "a Meta recusou (código {})",
                    error.code.map_or("—".into(), |c| c.to_string())
                ),
            };
            accounts.push_str(&format!(
                "<tr><td>{}</td><td>{}</td></tr>\n",
                esc(a.account_name.as_deref().unwrap_or(&a.account_id)),
                esc(&what)
            ));
        }
        format!(
            "<!doctype html><html lang=\"pt-BR\"><meta charset=\"utf-8\"><title>Liberação de números</title>\
             <style>body{{font-family:sans-serif;margin:2rem;color:#1a1a1a}}table{{border-collapse:collapse}}td,th{{border:1px solid #999;padding:.3rem .6rem;text-align:left}}</style>\
             <h1>Liberação de números</h1><p>Caminho: {} · {} desconectado(s), {} pronto(s) para a migração, {} com falha, {} a confirmar, de {} · {}</p>\
             <table><tr><th>Número</th><th>Conta</th><th>Situação</th><th>Meta</th><th>Cartão de migração</th></tr>\n{rows}</table>\
             <h2>Contas</h2><table><tr><th>Conta</th><th>Webhooks do app</th></tr>\n{accounts}</table></html>\n",
            match self.road {
                super::road::ReleaseRoad::Provider => "levar para outro provedor",
                super::road::ReleaseRoad::App => "voltar para o app WhatsApp Business",
                super::road::ReleaseRoad::Close => "encerrar o número",
            },
            self.count(ReleaseStatus::Released),
            self.count(ReleaseStatus::ReadyToMove),
            self.count(ReleaseStatus::Failed),
            self.count(ReleaseStatus::CannotVerify),
            self.numbers.len(),
            self.finished_at.format("%d/%m/%Y %H:%M UTC"),
        )
    }
}

/// One CSV cell: quoted when it holds a comma, a quote or a line break; a leading `=`, `+`, `-`,
/// `@` (a formula to a spreadsheet) defused with `'`; control characters dropped.
fn csv_cell(s: &str) -> String {
    let mut v: String = s
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect();
    if v.starts_with(['=', '+', '-', '@']) {
        v.insert(0, '\'');
    }
    if v.contains([',', '"', '\n']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn csv_cells_are_quoted_and_never_a_formula() {
        assert_eq!(super::csv_cell("Doces"), "Doces");
        assert_eq!(super::csv_cell("a,b"), "\"a,b\"");
        assert_eq!(super::csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(super::csv_cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(super::csv_cell("+55 11 4002-8922"), "'+55 11 4002-8922");
    }
}
