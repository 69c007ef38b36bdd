//! The batch release's errors as the UI receives them (`release.*` codes).

use super::{CommandError, ErrorCode};
use waba_core::release::BatchError;

impl From<BatchError> for CommandError {
    fn from(e: BatchError) -> Self {
        let code = match &e {
            BatchError::Busy => ErrorCode::ReleaseBusy,
            BatchError::ConfirmationMismatch => ErrorCode::ReleaseConfirmationMismatch,
            BatchError::NotInAccount(_) => ErrorCode::ReleaseNotInAccount,
            BatchError::NoNumbers => ErrorCode::ReleaseNoNumbers,
            BatchError::NotAProvider => ErrorCode::ReleaseNotAProvider,
        };
        CommandError::new(code, e.to_string())
    }
}
