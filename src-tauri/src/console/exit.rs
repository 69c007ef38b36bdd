//! The console's exit codes (documented in `docs/support.md`; scripts rely on them).

use waba_core::graph::{ErrorClass, GraphError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(i32)]
pub enum Exit {
    /// Done: what was asked happened, and Meta's answer shows it.
    Done = 0,
    /// Failed: Meta refused, the network failed, or a file could not be written.
    Failed = 1,
    /// Usage: an unknown command, option or a malformed id.
    Usage = 2,
    /// Declined: the typed confirmation did not match, or no terminal and no `--yes`.
    Declined = 3,
    /// Not authorised: no token, a token Meta no longer accepts, or a permission missing.
    NotAuthorised = 4,
    /// Waiting on a step only Meta's screen can do (the deletion in WhatsApp Manager).
    WaitingOnMeta = 5,
    /// Cannot verify: Meta's answers do not prove the outcome either way.
    CannotVerify = 6,
    /// `update --check`: a newer version of the app is published for this computer.
    UpdateAvailable = 7,
}

impl Exit {
    /// The code for a Graph error: the token and permissions are "not authorised".
    pub fn of_graph(e: &GraphError) -> Exit {
        match e.meta().map(|m| m.class()) {
            Some(ErrorClass::TokenInvalid | ErrorClass::Permission) => Exit::NotAuthorised,
            _ => Exit::Failed,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Exit::Done => "done",
            Exit::Failed => "failed",
            Exit::Usage => "usage",
            Exit::Declined => "declined",
            Exit::NotAuthorised => "not_authorised",
            Exit::WaitingOnMeta => "waiting_on_meta",
            Exit::CannotVerify => "cannot_verify",
            Exit::UpdateAvailable => "update_available",
        }
    }
}
