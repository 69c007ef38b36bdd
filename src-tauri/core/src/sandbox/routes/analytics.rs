//! `pricing_analytics` on a WABA (graph area `analytics`, `docs/meta-rules.md` §4):
//! `pricing_analytics.start(..).end(..).granularity(DAILY).phone_numbers([..]).dimensions([..])`.

use super::super::fields::modifiers;
use super::super::shared::SbErr;
use super::super::world::World;
use super::common::to_json;
use crate::graph::model::{PricingAnalytics, PricingDataPoint, PricingSeries};
use serde_json::Value;

pub(super) fn pricing(w: &World, waba: &str, expr: &str) -> Result<Value, SbErr> {
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
    let mut points: Vec<&super::super::world::UsagePoint> = w
        .usage
        .iter()
        .filter(|p| p.waba_id == waba && p.day_start >= start && p.day_start < end)
        .filter(|p| phones.as_ref().is_none_or(|l| l.contains(&p.phone_digits)))
        .collect();
    points.sort_by_key(|p| p.day_start);
    let data_points = points
        .iter()
        .map(|p| PricingDataPoint {
            start: Some(p.day_start),
            end: Some(p.day_start + 86_400),
            volume: Some(f64::from(p.volume)),
            cost: p.cost,
            pricing_type: Some(p.pricing_type.clone()),
            pricing_category: Some(p.pricing_category.clone()),
            phone_number: by_phone.then(|| p.phone_digits.clone()),
        })
        .collect();
    Ok(to_json(&PricingAnalytics {
        data: vec![PricingSeries { data_points }],
    }))
}
