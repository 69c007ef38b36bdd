//! `waba-remover --help` and `waba-remover help SUBCOMMAND`: the console's subcommands and their
//! options, printed without opening the window, in Portuguese, or in English when `LANG` (or
//! `LC_ALL`, `LC_MESSAGES`) starts with `en`. The one list of subcommands is [`HELP`]: `main.rs`
//! dispatches by it (a test holds `SUBCOMMANDS` to it).

use super::exit::Exit;

/// One subcommand: its name, then (pt-BR, English) one line of what it does and its options.
pub struct Help {
    pub name: &'static str,
    pub pt: (&'static str, &'static str),
    pub en: (&'static str, &'static str),
}

pub const HELP: &[Help] = &[
    Help {
        name: "status",
        pt: (
            "o que o token vê: portfólios, contas do WhatsApp Business e números",
            "[--json] [--practice]",
        ),
        en: (
            "what the token sees: portfolios, WhatsApp Business accounts and numbers",
            "[--json] [--practice]",
        ),
    },
    Help {
        name: "check",
        pt: (
            "os pré-requisitos de um número, como a tela do app os mostra",
            "--number ID|+55… [--json] [--practice]",
        ),
        en: (
            "a number's prerequisites, as the app's screen shows them",
            "--number ID|+55… [--json] [--practice]",
        ),
    },
    Help {
        name: "backup",
        pt: (
            "o backup de um número (modelos, perfil, acessos, uso), conferido depois de gravado",
            "--number ID|+55… --out PASTA [--json] [--practice]",
        ),
        en: (
            "a number's backup (templates, profile, access, usage), read back once written",
            "--number ID|+55… --out FOLDER [--json] [--practice]",
        ),
    },
    Help {
        name: "release",
        pt: (
            "liberar números de um cliente que sai, pelo caminho escolhido (provider: nada é desconectado)",
            "--to provider|app|close (--number ID|+55… [ID …] | --account ID | --from ARQUIVO) [--plan] [--out PASTA] [--yes] [--wait] [--json] [--practice]",
        ),
        en: (
            "release a leaving client's numbers by the road chosen (provider: nothing is disconnected)",
            "--to provider|app|close (--number ID|+55… [ID …] | --account ID | --from FILE) [--plan] [--out FOLDER] [--yes] [--wait] [--json] [--practice]",
        ),
    },
    Help {
        name: "wait",
        pt: (
            "esperar a prova da Meta de que o número foi excluído",
            "--number ID|+55… [--timeout SEGUNDOS] [--json] [--practice]",
        ),
        en: (
            "wait for Meta's proof that the number was deleted",
            "--number ID|+55… [--timeout SECONDS] [--json] [--practice]",
        ),
    },
    Help {
        name: "update",
        pt: (
            "se há versão nova publicada para este computador (instalar é pelo app)",
            "--check [--json]",
        ),
        en: (
            "whether a newer version is published for this computer (installing is the app's)",
            "--check [--json]",
        ),
    },
];

fn english() -> bool {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .is_some_and(|v| v.starts_with("en"))
}

/// The text `waba-remover --help` (no `subcommand`) or `help SUBCOMMAND` prints; `Err` names an
/// unknown subcommand.
pub fn text(subcommand: Option<&str>, english: bool) -> Result<String, String> {
    let line = |h: &Help| if english { h.en } else { h.pt };
    match subcommand {
        None => {
            let mut out = String::from(if english {
                "waba-remover: remove a WhatsApp number from a WhatsApp Business account, safely.\n\
                 Without a subcommand waba-remover opens the app (waba-remover-cli, the console \
                 program of the Windows installers, shows this list). The support console's \
                 subcommands:\n\n"
            } else {
                "waba-remover: remover um número do WhatsApp de uma conta do WhatsApp Business, com segurança.\n\
                 Sem subcomando, waba-remover abre o app (waba-remover-cli, o programa de console \
                 dos instaladores do Windows, mostra esta lista). Os subcomandos do console de \
                 suporte:\n\n"
            });
            for h in HELP {
                out.push_str(&format!("  {:<8} {}\n", h.name, line(h).0));
            }
            out.push_str(if english {
                "\nwaba-remover help SUBCOMMAND shows its options. The token comes from the system's \
                 password vault (saved by the app) or WABA_REMOVER_TOKEN, never from an argument.\n\
                 Exit codes: 0 done, 1 failed, 2 usage, 3 declined, 4 not authorised, 5 a step on \
                 Meta's screen is missing, 6 could not verify, 7 a newer version exists (update).\n"
            } else {
                "\nwaba-remover help SUBCOMANDO mostra as opções dele. O token vem do cofre de senhas \
                 do sistema (salvo pelo app) ou de WABA_REMOVER_TOKEN, nunca de um argumento.\n\
                 Saída: 0 feito, 1 falhou, 2 uso, 3 recusado, 4 sem autorização, 5 falta um passo \
                 na tela da Meta, 6 não foi possível confirmar, 7 há versão nova (update).\n"
            });
            Ok(out)
        }
        Some(name) => {
            let h = HELP.iter().find(|h| h.name == name).ok_or_else(|| {
                if english {
                    format!(
                        "no subcommand named {}: see waba-remover --help",
                        super::out::clean(name)
                    )
                } else {
                    format!(
                        "não existe o subcomando {}: veja waba-remover --help",
                        super::out::clean(name)
                    )
                }
            })?;
            let (what, options) = line(h);
            Ok(format!("waba-remover {} {options}\n\n{what}.\n", h.name))
        }
    }
}

/// Prints the help on stdout (exit 0), or why not on stderr (exit 2).
pub fn main(subcommand: Option<&str>) -> i32 {
    match text(subcommand, english()) {
        Ok(t) => {
            print!("{t}");
            Exit::Done as i32
        }
        Err(why) => {
            eprintln!("waba-remover: {why}");
            Exit::Usage as i32
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_one_list_of_subcommands_has_help_in_both_languages() {
        let names: Vec<&str> = HELP.iter().map(|h| h.name).collect();
        assert_eq!(names, super::super::SUBCOMMANDS);
        for english in [false, true] {
            let all = text(None, english).unwrap();
            for h in HELP {
                assert!(all.contains(h.name), "{}", h.name);
                assert!(text(Some(h.name), english).unwrap().contains("--"));
            }
        }
        assert!(text(Some("\u{1b}[31mnope"), false)
            .unwrap_err()
            .contains("nope"));
        assert!(!text(Some("\u{1b}[31mnope"), false)
            .unwrap_err()
            .contains('\u{1b}'));
    }
}
