//! Usage and cost (`docs/meta-rules.md` §4): the base of the 30-day rule and of the usage backup.

use super::client::GraphClient;
use super::error::GraphError;
use super::ids::WabaId;
use super::model::WabaPricing;

/// The `pricing_analytics` field expression for a window, daily, optionally for some numbers.
pub fn pricing_field(start: i64, end: i64, phone_numbers: &[String]) -> String {
    let mut f = format!("pricing_analytics.start({start}).end({end}).granularity(DAILY)");
    if !phone_numbers.is_empty() {
        let list: Vec<String> = phone_numbers
            .iter()
            .map(|p| format!("\"{}\"", digits(p)))
            .collect();
        f.push_str(&format!(".phone_numbers([{}])", list.join(",")));
    }
    f.push_str(".metric_types([\"COST\",\"VOLUME\"]).dimensions([\"PRICING_CATEGORY\",\"PRICING_TYPE\",\"PHONE\"])");
    f
}

/// `+55 11 4002-8922` → `551140028922`, the form analytics filters take.
pub fn digits(display: &str) -> String {
    display.chars().filter(char::is_ascii_digit).collect()
}

/// The last four digits of a number as Meta displays it: what the admin types back to confirm an
/// act on the number (the app's pop-up, the console). `None` when Meta gives fewer than four
/// digits: no confirmation can then be typed, and an empty one never counts.
pub fn last_four(display: &str) -> Option<String> {
    let d = digits(display);
    (d.len() >= 4).then(|| d[d.len() - 4..].to_owned())
}

impl GraphClient {
    /// `GET /{waba}?fields=pricing_analytics...` between two UNIX times.
    pub async fn pricing_analytics(
        &self,
        waba_id: &WabaId,
        start: i64,
        end: i64,
        phone_numbers: &[String],
    ) -> Result<WabaPricing, GraphError> {
        let field = pricing_field(start, end, phone_numbers);
        self.get(waba_id.as_str(), &[("fields", &field)]).await
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn field_expression_matches_the_reference() {
        let f = super::pricing_field(1, 2, &["+55 11 4002-8922".into()]);
        assert_eq!(
            f,
            "pricing_analytics.start(1).end(2).granularity(DAILY).phone_numbers([\"551140028922\"]).metric_types([\"COST\",\"VOLUME\"]).dimensions([\"PRICING_CATEGORY\",\"PRICING_TYPE\",\"PHONE\"])"
        );
    }
}
