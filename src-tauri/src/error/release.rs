//! The batch release's errors as the UI receives them (`release.*` codes).

use super::code::{CommandError, ErrorCode};
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

impl From<waba_core::release::PrepareError> for CommandError {
    fn from(e: waba_core::release::PrepareError) -> Self {
        use waba_core::release::PrepareError as P;
        match e {
            P::Graph(g) => g.into(),
            P::Batch(b) => b.into(),
            P::Io(io) => CommandError::new(ErrorCode::Internal, io.to_string()),
        }
    }
}
