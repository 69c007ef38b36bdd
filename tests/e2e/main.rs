//! The real app under Xvfb, driven through WebDriver (tauri-driver + WebKitWebDriver), the way a
//! new admin would use it: the whole practice journey with a screenshot per
//! screen and one step by keyboard only; a kill while polling, then resume; a real-mode token
//! kept in the keyring that never leaks into files.
//!
//! The harness starts D-Bus, an unlocked gnome-keyring, Xvfb and tauri-driver itself, on free
//! ports, and stops them on failure too. Screenshots go to `target/e2e-screenshots/`.
//!
//! One module per flow; `harness` holds the gestures they share.

mod back_to_app;
#[path = "../common/mod.rs"]
mod common;
#[path = "../common/driver.rs"]
mod driver;
mod facebook_login;
mod failures;
mod harness;
mod move_number;
mod practice_journey;
mod real_token;
mod relaunch;
mod release_batch;
mod restore;
mod save_dialog;
mod thirty_days;
mod untrusted_page;
mod update_line;
