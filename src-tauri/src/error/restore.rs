//! A restore's errors as the UI receives them (`restore.*` codes).

use super::code::{CommandError, ErrorCode};
use serde_json::json;

/// A restore's error as the UI receives it: its own code, and whose connection it belongs to
/// when that is the reason.
pub fn restore_error(e: &waba_core::restore::RestoreError) -> CommandError {
    use waba_core::restore::RestoreError as R;
    use waba_core::steps::backup::read::FileError;
    use ErrorCode as C;
    let msg = e.to_string();
    let plain = |c| CommandError::new(c, msg.clone());
    match e {
        R::Busy => plain(C::RestoreBusy),
        R::NoFile => plain(C::RestoreNoFile),
        R::NoPreview => plain(C::RestoreNoPreview),
        R::StalePreview => plain(C::RestoreStalePreview),
        R::Unfinished { mode, account } => {
            plain(C::RestoreUnfinished).with(json!({"mode": mode, "account": account}))
        }
        R::NothingToResume => plain(C::RestoreNothingToResume),
        R::OtherConnection { mode, account } => {
            plain(C::RestoreOtherConnection).with(json!({"mode": mode, "account": account}))
        }
        R::ConfirmationMismatch => plain(C::RestoreConfirmationMismatch),
        R::DestinationGone => plain(C::RestoreDestinationGone),
        R::MigrationNotOffered => plain(C::RestoreMigrationNotOffered),
        R::File(f) => plain(match f {
            FileError::Unreadable(_) => C::RestoreUnreadable,
            FileError::NotABackup => C::RestoreNotABackup,
            FileError::UnknownVersion(_) => C::RestoreUnknownVersion,
            FileError::Truncated => C::RestoreTruncated,
        }),
        R::Graph(g) => g.into(),
        R::Io(_) => plain(C::RestoreIo),
    }
}
