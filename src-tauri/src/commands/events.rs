//! The events Rust sends the web view, one list: each name is written once, here. The
//! capability lets the main window listen; a test holds the UI's `listen('…')` calls to this list
//! and fails on an event sent or heard under any other name.

/// A wait for Meta's proof moved on (`removal::PollProgress`).
pub const POLL_PROGRESS: &str = "poll-progress";
/// A restore created a template, paused or resumed (`restore::Progress`).
pub const RESTORE_PROGRESS: &str = "restore-progress";
/// A restore's task ended: finished, stopped, or stopped by an error.
pub const RESTORE_ENDED: &str = "restore-ended";
/// A number of the batch release ended, or the batch did (`release::BatchView`).
pub const RELEASE_PROGRESS: &str = "release-progress";
/// The Facebook login ended (the connection's status, or why not).
pub const LOGIN_FINISHED: &str = "login-finished";

/// An update's download moved on (`received`, `total` bytes).
pub const UPDATE_PROGRESS: &str = "update-progress";

/// Every event, for the test.
#[cfg(test)]
pub const ALL: &[&str] = &[
    POLL_PROGRESS,
    RESTORE_PROGRESS,
    RESTORE_ENDED,
    RELEASE_PROGRESS,
    LOGIN_FINISHED,
    UPDATE_PROGRESS,
];
