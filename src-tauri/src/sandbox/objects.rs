//! `GET /{id}`: a business, a WABA (with `pricing_analytics` when asked) or a number, answering
//! 803 or 100 once it is gone (`docs/meta-rules.md` §2, §4).

use super::access::{can_see_waba, need, no_access, BM, WBM};
use super::fields::{field_name, modifiers, select, split_fields};
use super::shared::{Caller, SbErr, Shared};
use super::world::World;
use serde_json::{json, Value};

pub(crate) fn get_object(
    s: &Shared,
    caller: &Caller,
    id: &str,
    fields_q: Option<&str>,
) -> Result<Value, SbErr> {
    let w = s.world.lock().unwrap();
    if let Some(b) = w.business(id) {
        need(caller, BM)?;
        return Ok(select(
            serde_json::to_value(b).unwrap(),
            fields_q,
            &["name"],
        ));
    }
    if let Some(rec) = w.waba(id) {
        if rec.gone(s.now()) {
            return Err(SbErr::new(
                803,
                "(#803) Some of the aliases you requested do not exist",
            ));
        }
        need(caller, WBM)?;
        if !can_see_waba(&w, caller, id) {
            return Err(no_access(id));
        }
        let mut v = select(
            serde_json::to_value(&rec.info).unwrap(),
            fields_q,
            &["name"],
        );
        if let Some(expr) = fields_q.and_then(|f| {
            split_fields(f)
                .into_iter()
                .find(|e| field_name(e) == "pricing_analytics")
        }) {
            v["pricing_analytics"] = pricing(&w, id, &expr)?;
        }
        return Ok(v);
    }
    if let Some(n) = w.number(id) {
        if n.gone(s.now()) {
            return Err(SbErr::no_object(id));
        }
        need(caller, WBM)?;
        if !can_see_waba(&w, caller, &n.waba_id) {
            return Err(no_access(id));
        }
        return Ok(select(
            serde_json::to_value(&n.info).unwrap(),
            fields_q,
            &["display_phone_number", "verified_name", "quality_rating"],
        ));
    }
    Err(SbErr::no_object(id))
}

/// `pricing_analytics.start(..).end(..).granularity(DAILY).phone_numbers([..]).dimensions([..])`.
fn pricing(w: &World, waba: &str, expr: &str) -> Result<Value, SbErr> {
    let m = modifiers(expr);
    let get = |k: &str| m.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let num = |k: &str| get(k).and_then(|v| v.trim().parse::<i64>().ok());
    let (Some(start), Some(end)) = (num("start"), num("end")) else {
        return Err(SbErr::new(
            100,
            "(#100) pricing_analytics requires start and end",
        ));
    };
    let phones: Option<Vec<String>> =
        get("phone_numbers").and_then(|v| serde_json::from_str(v).ok());
    let by_phone = get("dimensions").is_some_and(|d| d.contains("PHONE"));
    let mut points: Vec<&super::world::UsagePoint> = w
        .usage
        .iter()
        .filter(|p| p.waba_id == waba && p.day_start >= start && p.day_start < end)
        .filter(|p| phones.as_ref().is_none_or(|l| l.contains(&p.phone_digits)))
        .collect();
    points.sort_by_key(|p| p.day_start);
    let data_points: Vec<Value> = points
        .iter()
        .map(|p| {
            let mut d = json!({"start": p.day_start, "end": p.day_start + 86_400, "volume": p.volume,
                "pricing_type": p.pricing_type, "pricing_category": p.pricing_category});
            if let Some(c) = p.cost {
                d["cost"] = json!(c);
            }
            if by_phone {
                d["phone_number"] = json!(p.phone_digits);
            }
            d
        })
        .collect();
    Ok(json!({"data": [{"data_points": data_points}]}))
}
