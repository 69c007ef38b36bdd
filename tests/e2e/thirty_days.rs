//! A paid message in the last 30 days: no override for the deletion, a calendar reminder, and the
//! road without a wait (the move) one click away.

use crate::driver::{click, wait_id, wait_text, Driver};
use crate::harness::choose_number;
use crate::harness::tall_shot;
use fantoccini::Locator;

/// Point 3 of the dangerous moment: a paid message in the last 30 days is Meta's data. No
/// override; the way forward is a calendar reminder for the day the rule ends.
#[tokio::test]
async fn a_proven_30_day_block_offers_a_reminder_and_no_way_around() {
    let d = Driver::start(&[]);
    let c = d.launch().await;
    choose_number(&c, "2000000000000001", "3000000000000001").await;
    click(&c, "path-close").await;
    wait_id(&c, "no-override-paid_messages").await;
    assert!(
        c.find(Locator::Id("override-paid_messages")).await.is_err(),
        "no override for a proven block"
    );
    click(&c, "ack-loss").await;
    let go = wait_id(&c, "checks-continue").await;
    assert!(!go.is_enabled().await.unwrap(), "the journey stops here");
    wait_text(&c, "blocked-hint", "lembrete").await;
    click(&c, "paid-reminder").await;
    wait_text(&c, "paid-reminder-saved", ".ics").await;
    click(&c, "paid-reminder-saved-folder").await;
    wait_id(&c, "paid-reminder-saved-folder-note").await;
    tall_shot(&c, "04b-paid-block-reminder").await;
    let ics: Vec<std::path::PathBuf> = std::fs::read_dir(d.saved())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ics"))
        .collect();
    assert_eq!(ics.len(), 1, "{ics:?}");
    let text = std::fs::read_to_string(&ics[0]).unwrap();
    assert!(text.contains("DTSTART;VALUE=DATE:"), "{text}");
    // The wait is the deletion's only: moving the number has none, one click away.
    wait_text(&c, "no-wait-road", "não tem essa espera").await;
    click(&c, "paid-move-instead").await;
    wait_id(&c, "roads").await;
    wait_id(&c, "move-verdict").await;
    c.close().await.unwrap();
}
