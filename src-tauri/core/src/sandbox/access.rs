//! Who may see what in the sandbox, as Meta decides it: permissions of the token, and the
//! assets an employee was assigned (`docs/meta-rules.md` §2).

use super::shared::{Caller, SbErr};
use super::world::World;
use crate::graph::model::BusinessRole;

pub(crate) const WBM: &str = "whatsapp_business_management";
pub(crate) const BM: &str = "business_management";

pub(crate) fn need(caller: &Caller, perm: &str) -> Result<(), SbErr> {
    if caller.has(perm) {
        Ok(())
    } else {
        Err(SbErr::permission(perm))
    }
}

/// Employees see only assets assigned to them (`docs/meta-rules.md` §2): no access answers 200.
pub(crate) fn can_see_waba(w: &World, caller: &Caller, waba: &str) -> bool {
    let Some(rec) = w.waba(waba) else {
        return false;
    };
    let admin = w
        .user(&caller.user_id)
        .is_some_and(|u| u.business_id == rec.business_id && u.role == BusinessRole::Admin);
    admin || rec.assigned.iter().any(|a| a.id == caller.user_id)
}

pub(crate) fn no_access(id: &str) -> SbErr {
    SbErr::new(200, format!("(#200) The user does not have permission to access the WhatsApp Business Account of object {id}")).http(403)
}
