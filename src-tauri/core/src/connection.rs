//! Who is connected, to which Graph host, in which mode: what every run is bound to (a journey, a
//! restore, a batch release, the console's runs), and the one check that a run belongs to the
//! connection asking (`docs/security.md`, "Bound to its connection"). A practice run never
//! reaches Meta; a real one only the host and the token's user it started with.

use crate::vocabulary::ipc_enum;
use serde::{Deserialize, Serialize};
use std::path::Path;

ipc_enum! {
    pub enum Mode {
        /// Against the built-in sandbox.
        Practice,
        /// Against Meta.
        Real,
    }
}

impl Mode {
    /// The shared ledger of numbers of this mode in the data folder `data`: real mode's, or
    /// practice's (`number_ledger`).
    pub fn number_ledger(
        self,
        data: &Path,
        program: crate::number_ledger::Program,
    ) -> crate::number_ledger::NumberLedger {
        use crate::number_ledger::NumberLedger;
        match self {
            Mode::Real => NumberLedger::real(data, program),
            Mode::Practice => NumberLedger::practice(data, program),
        }
    }
}

/// Where and as whom: the Graph host (`practice` for the sandbox) and the token's user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Binding {
    /// `host[:port]` of the Graph server, or `practice`.
    pub host: String,
    /// The token's user id (`GET /me`).
    pub user_id: String,
}

impl Binding {
    /// The binding of a connection in `mode` to the Graph host `host_key` as the user `user_id`
    /// (practice is one host, whatever port the sandbox has today).
    pub fn new(mode: Mode, host_key: String, user_id: String) -> Self {
        Binding {
            host: match mode {
                Mode::Practice => "practice".into(),
                Mode::Real => host_key,
            },
            user_id,
        }
    }
}

/// The connection a run belongs to, as recorded with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Owner {
    pub mode: Mode,
    pub binding: Binding,
    /// The account's name as Meta gave it (`GET /me`), to say whose run it is.
    pub account: Option<String>,
}

/// Why a run is not this connection's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mismatch {
    Mode,
    Host,
    User,
    /// The run was recorded before runs were bound: it belongs to none.
    Unbound,
}

impl Mismatch {
    pub fn as_str(self) -> &'static str {
        match self {
            Mismatch::Mode => "mode",
            Mismatch::Host => "host",
            Mismatch::User => "user",
            Mismatch::Unbound => "unbound",
        }
    }
}

/// The one check: a run recorded with `mode` and `recorded` belongs to the connection `mode_now`
/// + `now` only when the mode, the host and the user are the same.
pub fn check(
    mode: Mode,
    recorded: Option<&Binding>,
    mode_now: Mode,
    now: &Binding,
) -> Result<(), Mismatch> {
    if mode != mode_now {
        return Err(Mismatch::Mode);
    }
    match recorded {
        Some(b) if b.host != now.host => Err(Mismatch::Host),
        Some(b) if b.user_id != now.user_id => Err(Mismatch::User),
        Some(_) => Ok(()),
        None => Err(Mismatch::Unbound),
    }
}

impl Owner {
    /// The connection `mode` + `binding` is this one.
    pub fn check(&self, mode: Mode, binding: &Binding) -> Result<(), Mismatch> {
        check(self.mode, Some(&self.binding), mode, binding)
    }

    pub fn is(&self, mode: Mode, binding: &Binding) -> bool {
        self.check(mode, binding).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(host: &str, user: &str) -> Binding {
        Binding {
            host: host.into(),
            user_id: user.into(),
        }
    }

    #[test]
    fn a_run_is_its_connections_only() {
        let here = b("graph.facebook.com", "1");
        let ok = check(Mode::Real, Some(&here), Mode::Real, &here);
        assert_eq!(ok, Ok(()));
        let cases = [
            (
                Mode::Practice,
                Some(b("graph.facebook.com", "1")),
                Mismatch::Mode,
            ),
            (Mode::Real, Some(b("127.0.0.1:9", "1")), Mismatch::Host),
            (
                Mode::Real,
                Some(b("graph.facebook.com", "2")),
                Mismatch::User,
            ),
            (Mode::Real, None, Mismatch::Unbound),
        ];
        for (mode, recorded, why) in cases {
            assert_eq!(check(mode, recorded.as_ref(), Mode::Real, &here), Err(why));
        }
    }

    #[test]
    fn practice_is_one_host_whatever_the_port() {
        let a = Binding::new(Mode::Practice, "127.0.0.1:4000".into(), "u".into());
        let c = Binding::new(Mode::Practice, "127.0.0.1:5000".into(), "u".into());
        assert_eq!(a, c);
        let real = Binding::new(Mode::Real, "graph.facebook.com".into(), "u".into());
        assert_eq!(real.host, "graph.facebook.com");
    }
}
