//! What the console prints: human lines (pt-BR) or one JSON document on stdout; progress and
//! questions on stderr; colour only on a terminal and never with `NO_COLOR`. Errors carry
//! Meta's code and trace id, never a token (the client's error text is already redacted).

use super::exit::Exit;
use serde_json::{json, Value};
use std::io::{IsTerminal, Write};
use waba_core::graph::GraphError;
use waba_core::removal::JourneyError;

/// A failure and the exit code it ends with.
#[derive(Debug)]
pub struct ConsoleError {
    pub exit: Exit,
    pub message: String,
    pub code: Option<i64>,
    pub trace_id: Option<String>,
}

impl ConsoleError {
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        Self {
            exit,
            message: message.into(),
            code: None,
            trace_id: None,
        }
    }
}

impl From<GraphError> for ConsoleError {
    fn from(e: GraphError) -> Self {
        if let GraphError::LocalBudget { retry_in } = &e {
            return Self::new(
                Exit::Failed,
                format!(
                    "o limite de consultas por hora do app foi atingido (o app e o console \
                     somam as consultas); dá para continuar às {}",
                    local_time_after(*retry_in)
                ),
            );
        }
        Self {
            exit: Exit::of_graph(&e),
            message: e.to_string(),
            code: e.code(),
            trace_id: e.trace_id().map(str::to_owned),
        }
    }
}

impl From<JourneyError> for ConsoleError {
    fn from(e: JourneyError) -> Self {
        let message = e.to_string();
        match e {
            JourneyError::Graph(g)
            | JourneyError::Backup(waba_core::steps::backup::BackupError::Graph(g)) => g.into(),
            JourneyError::CannotVerify { source, .. } => Self {
                exit: Exit::CannotVerify,
                ..source.into()
            },
            JourneyError::DeregisterUnknown { trace_id } => Self {
                exit: Exit::CannotVerify,
                message,
                code: None,
                trace_id,
            },
            JourneyError::DeregisterBlocked { trace_id, .. } => Self {
                exit: Exit::Failed,
                message,
                code: Some(waba_core::graph::codes::REGISTRATION_BUDGET),
                trace_id,
            },
            _ => Self::new(Exit::Failed, message),
        }
    }
}

/// An argument as it may be repeated on screen: never when it looks like a secret (an access
/// token starts with `EAA`; any long run of base64-like characters is treated as one), and
/// never with control characters.
pub fn shown(arg: &str) -> String {
    let tokenish = arg.contains("EAA")
        || arg
            .split(|c: char| {
                !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+' | '/' | '='))
            })
            .any(|run| run.len() >= 40 && !run.bytes().all(|b| b.is_ascii_digit()));
    if tokenish {
        return "um valor que parece um token, não repetido aqui".into();
    }
    let clean: String = arg.chars().filter(|c| !c.is_control()).take(40).collect();
    if arg.chars().count() > 40 {
        format!("{clean}…")
    } else {
        clean
    }
}

/// Meta's text made safe for a terminal: control characters (escape sequences) removed.
pub fn clean(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

/// The local clock time `wait` from now (`14:05`), as the console says when it can go on.
pub fn local_time_after(wait: std::time::Duration) -> String {
    let at = chrono::Local::now()
        + chrono::Duration::from_std(wait).unwrap_or_else(|_| chrono::Duration::hours(1))
        + chrono::Duration::seconds(59);
    at.format("%H:%M").to_string()
}

/// How long until the hour has room again, when `report` stopped at the app's hourly cap.
pub fn cap_wait(
    client: &waba_core::graph::GraphClient,
    report: &waba_core::release::RunReport,
) -> Option<std::time::Duration> {
    let stop = report.stopped.as_ref()?;
    // Only the app's own cap is waited out (a token that stopped working is not).
    let asked = std::time::Duration::from_secs(stop.retry_in_secs?);
    Some(asked.max(client.budget_wait(1, 0)))
}

pub struct Printer {
    pub json: bool,
    colour: bool,
}

impl Printer {
    pub fn new(json: bool) -> Self {
        let colour = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && std::io::stdout().is_terminal();
        Self { json, colour }
    }

    /// One JSON document (with `--json`) or the human lines.
    pub fn emit(&self, doc: &Value, human: &str) {
        let mut o = std::io::stdout().lock();
        if self.json {
            let _ = writeln!(
                o,
                "{}",
                serde_json::to_string_pretty(doc).unwrap_or_default()
            );
        } else {
            let _ = write!(o, "{human}");
        }
    }

    /// Progress for a person watching: stderr, whatever the output mode.
    pub fn progress(&self, line: &str) {
        let _ = writeln!(std::io::stderr().lock(), "{line}");
    }

    /// A word in green (ok) or red (not ok), on a terminal that wants colour.
    pub fn mark(&self, ok: bool, word: &str) -> String {
        if !self.colour {
            return word.to_owned();
        }
        let c = if ok { "32" } else { "31" };
        format!("\x1b[{c}m{word}\x1b[0m")
    }

    /// Prints the failure (stderr for people; stdout's JSON with `--json`) and answers its code.
    pub fn fail(&self, e: &ConsoleError) -> Exit {
        if self.json {
            self.emit(
                &json!({
                    "error": {"message": e.message, "code": e.code, "trace_id": e.trace_id},
                    "exit": {"code": e.exit as i32, "name": e.exit.name()},
                }),
                "",
            );
        }
        let meta = match (e.code, &e.trace_id) {
            (None, None) => String::new(),
            (c, t) => format!(
                " (código da Meta {}, rastreio {})",
                c.map_or("—".into(), |c| c.to_string()),
                t.as_deref().unwrap_or("—")
            ),
        };
        self.progress(&format!("waba-remover: {}{meta}", clean(&e.message)));
        e.exit
    }
}

/// Asks on the terminal; `None` when there is none to ask on.
pub fn ask(question: &str) -> Option<String> {
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return None;
    }
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "{question}");
    let _ = err.flush();
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).ok()?;
    Some(line.trim().to_owned())
}

pub fn usage(command: &str, problem: &str) -> Exit {
    if !problem.is_empty() {
        eprintln!("waba-remover {command}: {problem}");
    }
    eprintln!(
        "uso: waba-remover status [--json] [--practice]\n\
         \x20    waba-remover check --number ID [--json] [--practice]\n\
         \x20    waba-remover backup --number ID --out PASTA [--json] [--practice]\n\
         \x20    waba-remover release --to provider|app|close --number ID [ID …] | --from ARQUIVO [--out PASTA] [--yes] [--wait] [--json] [--practice]\n\
         \x20    waba-remover wait --number ID [--timeout SEGUNDOS] [--json] [--practice]\n\
         \x20    waba-remover update --check [--json]\n\
         O token vem do cofre do sistema (salvo pelo app) ou de WABA_REMOVER_TOKEN.\n\
         Saída: 0 feito, 1 falhou, 2 uso, 3 recusado, 4 sem autorização, 5 falta um passo na tela da Meta, 6 não foi possível confirmar, 7 há versão nova (update)."
    );
    if problem.is_empty() {
        Exit::Done
    } else {
        Exit::Usage
    }
}
