//! Killing the app while it polls, then relaunching it: the removal resumes.

use crate::driver::{click, wait_id, wait_text, Driver};
use crate::harness::{confirm_number, shot, skip_backup, walk_to_backup};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_app_while_it_polls_resumes_on_relaunch() {
    let d = Driver::start(&[]);
    let c = d.launch().await;
    wait_id(&c, "screen-business").await;
    // Switch to English: remembered between runs.
    click(&c, "lang-toggle").await;
    wait_text(&c, "lang-toggle", "Português").await;
    wait_text(&c, "screen-business", "business portfolio").await;
    walk_to_backup(&c, false).await;
    // Skip the backup the explicit way.
    skip_backup(&c).await;
    confirm_number(&c, false).await;
    wait_id(&c, "practice-next").await;
    click(&c, "trash-3000000000000004").await;
    wait_id(&c, "waiting-panel").await;
    d.kill_app();
    let _ = c.close().await;

    let c = d.launch().await;
    wait_id(&c, "resume-continue").await;
    wait_text(&c, "screen-resume", "+55 11 98888-5678").await;
    wait_text(&c, "screen-resume", "Removal in progress").await;
    shot(&c, "09-resume-offer").await;
    // The number is off WhatsApp: "Start another" names it and asks first; cancelling keeps
    // the offer.
    click(&c, "resume-discard").await;
    wait_text(&c, "resume-discard-modal-title", "+55 11 98888-5678").await;
    shot(&c, "09a-resume-discard-asks").await;
    click(&c, "resume-discard-modal-cancel").await;
    click(&c, "resume-continue").await;
    wait_id(&c, "waba-page").await;
    shot(&c, "10-resumed-after-crash").await;
    c.close().await.unwrap();
}
