//! The numbers an analyst names: ids (`106540352242922`), numbers in E.164 (`+55 11 4002-8922`,
//! `release` only) and a `--from` file — one per line, or a CSV whose first column is the id or
//! the phone and whose other columns are carried into the report. The file is hostile input: a
//! line that is neither is refused by its position, never echoed when it looks like a token.

use super::out::shown;
use std::path::Path;
use waba_core::release::NumberInput;

/// What the file held besides the numbers: the header (when its first row named columns) and,
/// per number as written, its other columns.
#[derive(Debug, Default, Clone)]
pub struct Extra {
    pub header: Vec<String>,
    pub rows: Vec<(String, Vec<String>)>,
}

/// The numbers and extra columns of a `--from` file (at most 100 000 lines).
pub fn read_from(file: &Path) -> Result<(Vec<String>, Extra), String> {
    let meta = std::fs::metadata(file)
        .map_err(|e| format!("não foi possível ler {}: {e}", file.display()))?;
    if meta.len() > 16 * 1024 * 1024 {
        return Err(format!(
            "{} é grande demais para uma lista de números",
            file.display()
        ));
    }
    let bytes =
        std::fs::read(file).map_err(|e| format!("não foi possível ler {}: {e}", file.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim().trim_start_matches('\u{feff}'))
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .take(100_000)
        .collect();
    let delimiter = [',', ';', '\t']
        .into_iter()
        .find(|d| lines.iter().any(|l| l.contains(*d)));
    let mut numbers = Vec::new();
    let mut extra = Extra::default();
    for (i, line) in lines.iter().enumerate() {
        let cells: Vec<String> = match delimiter {
            Some(d) => line
                .split(d)
                .map(|c| c.trim().trim_matches('"').trim().to_owned())
                .collect(),
            None => vec![(*line).to_owned()],
        };
        let first = cells.first().cloned().unwrap_or_default();
        if NumberInput::parse(&first).is_none() {
            if i == 0 && delimiter.is_some() {
                // A header row names the columns.
                extra.header = cells.iter().skip(1).map(|c| clean(c)).collect();
                continue;
            }
            return Err(format!(
                "a linha {} de {} não começa com o id ou o número de um telefone ({})",
                i + 1,
                file.display(),
                shown(&first)
            ));
        }
        if cells.len() > 1 {
            extra.rows.push((
                first.clone(),
                cells.iter().skip(1).map(|c| clean(c)).collect(),
            ));
        }
        numbers.push(first);
    }
    Ok((numbers, extra))
}

/// A cell as it may go into a report: no control characters, at most 200 characters.
fn clean(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn damaged_csv() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
        use proptest::prelude::*;
        let valid = b"telefone;cliente\n+55 11 4002-8922;Padaria\n106540352242922;Loja\n".to_vec();
        let len = valid.len();
        prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..400),
            (0..len, any::<u8>()).prop_map(move |(at, b)| {
                let mut v = valid.clone();
                v[at] = b;
                v
            }),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// A `--from` file, damaged in any way: read or refused with a sentence, never a panic,
        /// never a write, and a refusal never carries a control character to the terminal.
        #[test]
        fn a_damaged_from_file_is_read_or_refused(bytes in damaged_csv()) {
            let d = tempfile::tempdir().unwrap();
            let p = d.path().join("numeros.csv");
            std::fs::write(&p, &bytes).unwrap();
            if let Err(sentence) = read_from(&p) {
                proptest::prop_assert!(!sentence.chars().any(|c| c.is_control()));
            }
            proptest::prop_assert_eq!(std::fs::read(&p).unwrap(), bytes);
            proptest::prop_assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
        }
    }

    #[test]
    fn ids_and_phones_are_told_apart() {
        let is_id = |s: &str| NumberInput::parse(s).is_some_and(|n| n.id().is_some());
        let is_phone = |s: &str| matches!(NumberInput::parse(s), Some(NumberInput::Phone { .. }));
        assert!(is_id("106540352242922"));
        assert!(!is_id("+5511"));
        assert!(is_phone("+55 11 4002-8922"));
        assert!(is_phone("+55 (21) 3003.4000"));
        assert!(!is_phone("+55 11"));
        assert!(!is_phone("5511 4002 8922"));
        assert!(!is_phone("+55 11 4002-8922; rm"));
        assert!(
            NumberInput::parse("123456789012345678901").is_none(),
            "too long for an id"
        );
    }

    #[test]
    fn a_csv_keeps_its_other_columns_and_refuses_a_bad_line_by_position() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("clientes.csv");
        std::fs::write(
            &f,
            "numero;cliente;ticket\n+55 11 4002-8922;Padaria Sol;T-1\n106540352242922;Doces;T-2\n",
        )
        .unwrap();
        let (numbers, extra) = read_from(&f).unwrap();
        assert_eq!(numbers, ["+55 11 4002-8922", "106540352242922"]);
        assert_eq!(extra.header, ["cliente", "ticket"]);
        assert_eq!(extra.rows[0].1, ["Padaria Sol", "T-1"]);
        std::fs::write(&f, "106540352242922,a\nEAAGFAKEFAKEFAKE,b\n").unwrap();
        let e = read_from(&f).unwrap_err();
        assert!(e.contains("linha 2") && !e.contains("EAAG"), "{e}");
    }
}
