//! A number's business profile (graph area `profile`); the picture link points at the sandbox's
//! own public "CDN" path, like Meta's expiring links.

use super::super::access::{can_see_waba, need, no_access, WBM};
use super::super::fields::select;
use super::super::shared::{Caller, SbErr, Shared};
use super::common::to_json;
use crate::graph::model::BusinessProfile;
use crate::graph::wire::Page;
use serde_json::Value;

const DEFAULT_FIELDS: &[&str] = &[
    "about",
    "address",
    "description",
    "email",
    "websites",
    "vertical",
];

pub(super) fn route(
    s: &Shared,
    caller: &Caller,
    method: &str,
    rest: &[&str],
    fields: Option<&str>,
) -> Option<Result<Value, SbErr>> {
    let ("GET", [pn, "whatsapp_business_profile"]) = (method, rest) else {
        return None;
    };
    Some(profile(s, caller, pn, fields))
}

fn profile(s: &Shared, caller: &Caller, pn: &str, fields: Option<&str>) -> Result<Value, SbErr> {
    need(caller, WBM)?;
    let w = s.world.lock().unwrap();
    let n = w
        .number(pn)
        .filter(|n| !n.gone(s.now()))
        .ok_or_else(|| SbErr::no_object(pn))?;
    if !can_see_waba(&w, caller, &n.waba_id) {
        return Err(no_access(pn));
    }
    let p = BusinessProfile {
        profile_picture_url: Some(format!(
            "{}/__practice/cdn/profile/{pn}.png?oe=expires",
            s.base_url
        )),
        messaging_product: None,
        ..n.profile.clone()
    };
    let mut v = select(to_json(&p), fields, DEFAULT_FIELDS);
    if let Some(o) = v.as_object_mut() {
        o.remove("id");
        o.insert("messaging_product".into(), "whatsapp".into());
    }
    Ok(to_json(&Page {
        data: vec![v],
        paging: None,
    }))
}
