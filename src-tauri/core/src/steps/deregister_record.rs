//! What the journal keeps of the deregister (`docs/meta-rules.md` §5): written before the
//! call, then Meta's answer, so a crash never resends it on its own.

use crate::vocabulary::ipc_enum;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum DeregisterRecord {
    /// Written before the call: if the app dies now, the call is never resent on its own.
    Sending {
        at: DateTime<Utc>,
    },
    Sent {
        at: DateTime<Utc>,
        trace_id: Option<String>,
    },
    NotNeeded {
        reason: NotNeeded,
    },
    /// Sent, but the answer never arrived (timeout, dropped connection, crash): Meta may or may
    /// not have applied it. Before another deregister the app reads the number.
    Unknown {
        at: DateTime<Utc>,
    },
    Failed {
        at: DateTime<Utc>,
        code: Option<i64>,
        trace_id: Option<String>,
    },
}

ipc_enum! {
    /// A deregister record's `outcome` as the UI reads it (the tag of [`DeregisterRecord`]).
    pub enum DeregisterOutcome {
        Sending,
        Sent,
        NotNeeded,
        Unknown,
        Failed,
    }
}

impl DeregisterRecord {
    pub fn outcome(&self) -> DeregisterOutcome {
        match self {
            Self::Sending { .. } => DeregisterOutcome::Sending,
            Self::Sent { .. } => DeregisterOutcome::Sent,
            Self::NotNeeded { .. } => DeregisterOutcome::NotNeeded,
            Self::Unknown { .. } => DeregisterOutcome::Unknown,
            Self::Failed { .. } => DeregisterOutcome::Failed,
        }
    }
}

ipc_enum! {
    /// Why no deregister was sent (`docs/meta-rules.md` §5). One vocabulary with the UI: the names
    /// serialize as the screen's keys (`delete_number.deregister_not_needed_<name>`).
    pub enum NotNeeded {
        /// Coexistence: Meta refuses a deregister for a number also in the WhatsApp Business app.
        Coexistence,
        /// The number was not registered (subcode 2207051, or read as not registered).
        NotRegistered,
        /// Meta answered 803: the number was already deleted.
        AlreadyGone,
        /// Meta answered 100: it does not find the number (not a proof of deletion).
        NotFound,
    }
}
