//! The console's options, parsed by hand (a handful of flags; no parser crate in the app).

use super::out::shown;
use std::path::PathBuf;
use waba_core::graph::WabaId;
use waba_core::release::{NumberInput, ReleaseRoad};

#[derive(Debug, Default)]
pub struct Options {
    /// `release --to provider|app|close`: where the numbers go (required for `release`).
    pub to: Option<ReleaseRoad>,
    /// At the app's hourly cap, sleep until the hour has room and go on (instead of stopping).
    pub wait: bool,
    pub json: bool,
    pub practice: bool,
    pub scenario: Option<String>,
    pub yes: bool,
    pub help: bool,
    /// The numbers as named, read once into the core's types: ids, or (release) numbers in
    /// E.164; resolved against what the token sees by the core's directory.
    pub numbers: Vec<NumberInput>,
    /// `release --account ID`: every number of these accounts.
    pub accounts: Vec<WabaId>,
    /// `release --plan`: say what would be done, send nothing.
    pub plan: bool,
    /// The other columns of a `--from` CSV, carried into the report.
    pub extra: super::inputs::Extra,
    pub from: Option<PathBuf>,
    pub out: Option<PathBuf>,
    pub timeout_secs: Option<u64>,
}

const TOKEN_REFUSED: &str = "o token não é aceito como argumento: salve-o no app (fica no cofre \
                             do sistema) ou use a variável WABA_REMOVER_TOKEN";

/// `release` without `--to`: one sentence per road.
pub const ROADS: &str = "diga para onde vão os números com --to:\n\
  --to provider  levar para outro provedor ou conta (migração): backup e cartão de migração; \
nada é desconectado, o número continua funcionando até o novo provedor registrá-lo\n\
  --to app       voltar para o app WhatsApp Business no celular: backup e uma desconexão; \
depois, a exclusão no Gerenciador do WhatsApp\n\
  --to close     encerrar o número: backup e uma desconexão; depois, a exclusão no \
Gerenciador do WhatsApp";

/// Parses `args` for `command`; an error says what is wrong, in the admin's language.
pub fn parse(command: &str, args: &[String]) -> Result<Options, String> {
    let mut o = Options::default();
    // As written; read into the core's id types once all are known (below).
    let mut numbers: Vec<String> = Vec::new();
    let mut accounts: Vec<String> = Vec::new();
    let mut it = args.iter().peekable();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} precisa de um valor"))
        };
        match a.as_str() {
            "--json" => o.json = true,
            "--practice" => o.practice = true,
            "--yes" => o.yes = true,
            "--wait" => o.wait = true,
            "--plan" => o.plan = true,
            "--account" => accounts.push(value("--account")?),
            "--to" => {
                let v = value("--to")?;
                o.to = Some(ReleaseRoad::parse(&v).ok_or_else(|| {
                    format!("--to espera provider, app ou close, não '{}'", shown(&v))
                })?);
            }
            "-h" | "--help" => o.help = true,
            "--scenario" => o.scenario = Some(value("--scenario")?),
            "--number" => {
                numbers.push(value("--number")?);
                // `--number A B C`: the ids that follow, up to the next option.
                while let Some(next) = it.peek() {
                    if next.starts_with("--") {
                        break;
                    }
                    numbers.push(it.next().cloned().unwrap_or_default());
                }
            }
            "--from" => o.from = Some(PathBuf::from(value("--from")?)),
            "--out" => o.out = Some(PathBuf::from(value("--out")?)),
            "--timeout" => {
                let v = value("--timeout")?;
                o.timeout_secs = Some(
                    v.parse()
                        .map_err(|_| format!("--timeout espera segundos, não '{}'", shown(&v)))?,
                );
            }
            // Never an argument, in any spelling: it would stay in the shell's history and the
            // process list.
            t if t == "--token" || t.starts_with("--token=") => return Err(TOKEN_REFUSED.into()),
            other => return Err(format!("opção desconhecida '{}'", shown(other))),
        }
    }
    if o.help {
        return Ok(o);
    }
    if let Some(file) = &o.from {
        let (from_file, extra) = super::inputs::read_from(file)?;
        numbers.extend(from_file);
        o.extra = extra;
    }
    // Phones in E.164 and whole accounts are resolved against what the token sees: `release`.
    let release = command == "release";
    for (i, raw) in numbers.iter().enumerate() {
        match NumberInput::parse(raw) {
            Some(n) if release || n.id().is_some() => o.numbers.push(n),
            _ => {
                return Err(format!(
                "o {}º número ({}) não é o id de um número (só dígitos, como 106540352242922){}",
                i + 1,
                shown(raw),
                if release {
                    " nem um telefone com +55…"
                } else {
                    ""
                }
            ))
            }
        }
    }
    for raw in accounts {
        let id = WabaId::try_from(raw.clone())
            .ok()
            .filter(|_| raw.len() <= 20)
            .ok_or_else(|| {
                format!(
                    "--account espera o id de uma conta do WhatsApp Business, não '{}'",
                    shown(&raw)
                )
            })?;
        o.accounts.push(id);
    }
    if !release && (!o.accounts.is_empty() || o.plan) {
        return Err("--account e --plan só valem com release".into());
    }
    if release && o.to.is_none() {
        return Err(ROADS.into());
    }
    let needs_number = matches!(command, "check" | "backup" | "wait" | "release");
    if needs_number && o.numbers.is_empty() && o.accounts.is_empty() {
        return Err("diga qual número: --number ID".into());
    }
    if matches!(command, "check" | "backup" | "wait") && o.numbers.len() > 1 {
        return Err(format!("{command} trata um número por vez"));
    }
    if command == "backup" && o.out.is_none() {
        return Err("diga onde salvar: --out PASTA".into());
    }
    if o.scenario.is_some() && !o.practice {
        return Err("--scenario só vale com --practice".into());
    }
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| (*s).to_owned()).collect()
    }

    const FAKE: &str = "EAAGFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE0123456789";

    #[test]
    fn a_token_in_any_argument_is_never_repeated() {
        for a in [
            vec!["--token", FAKE],
            vec![&format!("--token={FAKE}") as &str],
            vec![FAKE],
            vec!["--number", FAKE],
            vec!["--to", FAKE],
            vec!["--timeout", FAKE],
            vec![
                "--number",
                "1",
                "--bogus",
                "ZmFrZWZha2VmYWtlZmFrZWZha2VmYWtlZmFrZWZha2VmYWtl",
            ],
        ] {
            let e = parse("release", &args(&a)).unwrap_err();
            assert!(!e.contains("FAKE") && !e.contains("ZmFrZW"), "{a:?}: {e}");
        }
    }

    #[test]
    fn release_needs_a_road() {
        let e = parse("release", &args(&["--number", "1"])).unwrap_err();
        for road in ["--to provider", "--to app", "--to close"] {
            assert!(e.contains(road), "{e}");
        }
        let o = parse("release", &args(&["--number", "1", "--to", "provider"])).unwrap();
        assert_eq!(o.to, Some(ReleaseRoad::Provider));
    }
}
