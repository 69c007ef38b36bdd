//! When an install may start: never while the number is off WhatsApp and not yet proven
//! deleted, while the app waits for Meta, while a restore creates templates or while a batch
//! release runs (an install restarts the app). The app offers again when it ends.

use serde::{Deserialize, Serialize};

/// What the install waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Busy {
    /// A disconnect sent (or of unknown outcome) and the deletion not yet proven.
    Disconnect,
    /// A wait for Meta's proof is running.
    Wait,
    /// A restore is creating templates (or migrating, discarding).
    Restore,
    /// A batch release is running.
    Release,
}

/// What the app is doing now, as the shell reads it from its state.
#[derive(Debug, Clone, Copy, Default)]
pub struct Activity {
    pub disconnected: bool,
    pub waiting: bool,
    pub restoring: bool,
    pub releasing: bool,
}

impl Activity {
    /// The first thing an install must wait for, or `None`: it may start now.
    pub fn busy(self) -> Option<Busy> {
        [
            (self.disconnected, Busy::Disconnect),
            (self.waiting, Busy::Wait),
            (self.restoring, Busy::Restore),
            (self.releasing, Busy::Release),
        ]
        .into_iter()
        .find_map(|(on, b)| on.then_some(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_activity_holds_the_install() {
        assert_eq!(Activity::default().busy(), None);
        let one = |f: fn(&mut Activity)| {
            let mut a = Activity::default();
            f(&mut a);
            a.busy()
        };
        assert_eq!(one(|a| a.disconnected = true), Some(Busy::Disconnect));
        assert_eq!(one(|a| a.waiting = true), Some(Busy::Wait));
        assert_eq!(one(|a| a.restoring = true), Some(Busy::Restore));
        assert_eq!(one(|a| a.releasing = true), Some(Busy::Release));
    }
}
