//! The console's options, parsed by hand (a handful of flags; no parser crate in the app).

use std::path::PathBuf;

#[derive(Debug, Default)]
pub struct Options {
    pub json: bool,
    pub practice: bool,
    pub scenario: Option<String>,
    pub yes: bool,
    pub help: bool,
    pub numbers: Vec<String>,
    pub from: Option<PathBuf>,
    pub out: Option<PathBuf>,
    pub timeout_secs: Option<u64>,
}

/// Parses `args` for `command`; an error says what is wrong, in the admin's language.
pub fn parse(command: &str, args: &[String]) -> Result<Options, String> {
    let mut o = Options::default();
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
            "-h" | "--help" => o.help = true,
            "--scenario" => o.scenario = Some(value("--scenario")?),
            "--number" => {
                o.numbers.push(value("--number")?);
                // `--number A B C`: the ids that follow, up to the next option.
                while let Some(next) = it.peek() {
                    if next.starts_with("--") {
                        break;
                    }
                    o.numbers.push(it.next().cloned().unwrap_or_default());
                }
            }
            "--from" => o.from = Some(PathBuf::from(value("--from")?)),
            "--out" => o.out = Some(PathBuf::from(value("--out")?)),
            "--timeout" => {
                let v = value("--timeout")?;
                o.timeout_secs = Some(
                    v.parse()
                        .map_err(|_| format!("--timeout espera segundos, não '{v}'"))?,
                );
            }
            // Never an argument: it would stay in the shell's history and the process list.
            "--token" => {
                return Err(
                    "o token não é aceito como argumento: salve-o no app (fica no \
                            cofre do sistema) ou use a variável WABA_REMOVER_TOKEN"
                        .into(),
                )
            }
            other => return Err(format!("opção desconhecida '{other}'")),
        }
    }
    if o.help {
        return Ok(o);
    }
    if let Some(file) = &o.from {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("não foi possível ler {}: {e}", file.display()))?;
        o.numbers.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_owned),
        );
    }
    if let Some(bad) = o
        .numbers
        .iter()
        .find(|n| n.is_empty() || n.len() > 20 || !n.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(format!(
            "'{}' não é o id de um número (só dígitos, como 106540352242922)",
            bad.chars().take(24).collect::<String>()
        ));
    }
    let needs_number = matches!(command, "check" | "backup" | "wait" | "release");
    if needs_number && o.numbers.is_empty() {
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
