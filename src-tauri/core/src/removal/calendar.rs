//! Calendar reminders (RFC 5545 `.ics`, all-day events) the admin saves: the day the number is
//! free to move elsewhere (Meta's retention of up to 30 days, `docs/meta-rules.md` §4), and the day
//! Meta's 30-day rule on paid messages lets the number be deleted (a proven block on screen 4).

use super::journal::Journal;
use super::receipt::{receipt, Receipt};
use crate::steps::checks::{CheckId, CheckStatus};
use chrono::{NaiveDate, Utc};
use std::path::{Path, PathBuf};

/// One all-day event with an alarm at its start.
fn all_day_event(uid: &str, day: NaiveDate, summary: &str, description: &str) -> String {
    let end = day + chrono::Days::new(1);
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//waba-remover//pt-BR\r\nCALSCALE:GREGORIAN\r\nBEGIN:VEVENT\r\nUID:{}@waba-remover\r\nDTSTAMP:{}\r\nDTSTART;VALUE=DATE:{}\r\nDTEND;VALUE=DATE:{}\r\nSUMMARY:{}\r\nDESCRIPTION:{}\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:{}\r\nTRIGGER:-PT0M\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        ics_text(uid),
        Utc::now().format("%Y%m%dT%H%M%SZ"),
        day.format("%Y%m%d"),
        end.format("%Y%m%d"),
        ics_text(summary),
        ics_text(description),
        ics_text(summary),
    )
    .split("\r\n")
    .map(fold)
    .collect::<Vec<_>>()
    .join("\r\n")
}

/// The day the number may move elsewhere, after a proven removal.
pub fn free_to_move_ics(r: &Receipt) -> Option<String> {
    let day = r.free_to_move_on?;
    let number = r.phone_number.1.clone().unwrap_or_default();
    Some(all_day_event(
        &r.journey_id,
        day,
        &format!("Número {number} livre para migrar"),
        "A retenção da Meta (até 30 dias) terminou. O número pode ser conectado em outra conta ou provedor.",
    ))
}

/// The day Meta's rule allows the deletion, when the checks proved a paid message in the last
/// 30 days (`None` otherwise: no reminder for a rule that was not proven).
pub fn deletable_from(j: &Journal) -> Option<NaiveDate> {
    let c = j
        .checks
        .as_ref()?
        .checks
        .iter()
        .find(|c| c.id == CheckId::PaidMessages && c.status == CheckStatus::Fail)?;
    c.facts.get("deletable_from")?.as_str()?.parse().ok()
}

pub fn deletable_from_ics(j: &Journal) -> Option<String> {
    let day = deletable_from(j)?;
    let number = j.target.display_phone_number.clone().unwrap_or_default();
    Some(all_day_event(
        &format!("{}-paid", j.id),
        day,
        &format!("Número {number}: já pode ser excluído"),
        "Passaram 30 dias desde a última mensagem paga. Abra o waba-remover e siga a remoção.",
    ))
}

/// Writes `ics` at `path`, never over an existing file.
pub fn save(ics: &str, path: &Path) -> std::io::Result<PathBuf> {
    let p = crate::files::free_name(path);
    crate::files::write_atomic(&p, ics.as_bytes()).map(|()| p)
}

/// Writes the "free to move" reminder; `None` before the number is proven removed.
pub fn save_reminder(j: &Journal, path: &Path) -> Option<std::io::Result<PathBuf>> {
    Some(save(&free_to_move_ics(&receipt(j))?, path))
}

/// A TEXT value escaped per RFC 5545 §3.3.11 (backslash, `;`, `,`, line breaks).
fn ics_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (RFC 5545 §3.1), never inside a character.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connection::Mode;
    use crate::steps::checks::{Check, ChecksReport};

    #[test]
    fn calendar_fields_are_escaped_and_folded() {
        assert_eq!(ics_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let long = "x".repeat(200);
        let folded = fold(&long);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(folded.replace("\r\n ", ""), long);
    }

    fn with_paid_check(status: CheckStatus) -> Journal {
        let mut j = Journal::new(Mode::Practice, Utc::now());
        j.target.display_phone_number = Some("+55 11 97777-1234".into());
        j.checks = Some(ChecksReport {
            checks: vec![Check {
                id: CheckId::PaidMessages,
                status,
                blocking: true,
                overridable: false,
                facts: serde_json::json!({"last_paid_day": "2026-11-20", "deletable_from": "2026-12-20"}),
            }],
            at: Utc::now(),
            other_numbers: vec![],
            app_subscribed: false,
            registered: true,
            coexistence: false,
            unreadable: vec![],
        });
        j
    }

    #[test]
    fn a_proven_paid_message_block_gives_a_reminder_on_the_day_it_ends() {
        let j = with_paid_check(CheckStatus::Fail);
        assert_eq!(deletable_from(&j), NaiveDate::from_ymd_opt(2026, 12, 20));
        let ics = deletable_from_ics(&j).unwrap();
        assert!(ics.contains("DTSTART;VALUE=DATE:20261220"));
        assert!(ics.contains("97777-1234"));
        // Unread data is not a proven block: no reminder.
        assert!(deletable_from_ics(&with_paid_check(CheckStatus::Unknown)).is_none());
        assert!(deletable_from_ics(&Journal::new(Mode::Practice, Utc::now())).is_none());
    }
}
