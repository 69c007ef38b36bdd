//! The number's business profile and its picture (`docs/meta-rules.md` §3).

use super::client::GraphClient;
use super::error::GraphError;
use super::field_lists;
use super::ids::PhoneNumberId;
use super::model::BusinessProfile;
use super::wire::Page;
use url::Url;

/// Profile pictures are small; anything bigger is not a picture.
pub const MAX_PICTURE_BYTES: usize = 5 * 1024 * 1024;

impl GraphClient {
    /// `GET /{pn}/whatsapp_business_profile`.
    pub async fn business_profile(
        &self,
        phone_number_id: &PhoneNumberId,
    ) -> Result<Option<BusinessProfile>, GraphError> {
        let p: Page<serde_json::Value> = self
            .get(
                &format!("{}/whatsapp_business_profile", phone_number_id.as_str()),
                &[("fields", field_lists::PROFILE)],
            )
            .await?;
        p.data.into_iter().next().map(profile_of).transpose()
    }

    /// The picture behind `profile_picture_url` (a CDN link that expires: download the bytes).
    /// Sent without the token, and only to the configured Graph host or Meta's CDN hosts.
    pub async fn profile_picture(&self, picture_url: &str) -> Result<Vec<u8>, GraphError> {
        let url = Url::parse(picture_url)
            .map_err(|_| GraphError::Config("the picture link is not a URL".into()))?;
        if !(self.config().same_origin(&url) || is_meta_cdn(&url)) {
            return Err(GraphError::ForeignLink);
        }
        self.download_public(url, MAX_PICTURE_BYTES).await
    }
}

/// One entry of the profile's `data`: flat, as Meta's reference page shows and Meta answers, or
/// nested under `business_profile`, as Meta's OpenAPI description has it (`docs/meta-rules.md` §15).
fn profile_of(entry: serde_json::Value) -> Result<BusinessProfile, GraphError> {
    let inner = match entry.get("business_profile") {
        Some(nested) if nested.is_object() => nested.clone(),
        _ => entry,
    };
    serde_json::from_value(inner).map_err(|e| GraphError::Unexpected {
        status: 200,
        snippet: format!("the business profile has an unexpected shape ({e})"),
        trace_id: None,
    })
}

/// `https://*.fbcdn.net` or `https://*.whatsapp.net`, where Meta serves profile pictures.
pub fn is_meta_cdn(url: &Url) -> bool {
    url.scheme() == "https"
        && url
            .host_str()
            .is_some_and(|h| h.ends_with(".fbcdn.net") || h.ends_with(".whatsapp.net"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profile_reads_flat_and_nested() {
        let flat = serde_json::json!({"about": "Doces", "messaging_product": "whatsapp"});
        let nested = serde_json::json!({"business_profile": {"about": "Doces", "messaging_product": "whatsapp"}});
        assert_eq!(
            profile_of(flat).unwrap().about.as_deref(),
            profile_of(nested).unwrap().about.as_deref()
        );
    }

    #[test]
    fn only_meta_cdn_hosts_count() {
        assert!(is_meta_cdn(
            &Url::parse("https://pps.whatsapp.net/v/t61/x.jpg").unwrap()
        ));
        assert!(is_meta_cdn(
            &Url::parse("https://scontent.xx.fbcdn.net/a.jpg").unwrap()
        ));
        assert!(!is_meta_cdn(
            &Url::parse("http://pps.whatsapp.net/x").unwrap()
        ));
        assert!(!is_meta_cdn(
            &Url::parse("https://evilwhatsapp.net/x").unwrap()
        ));
    }
}
