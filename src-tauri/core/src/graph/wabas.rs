//! One WABA: its fields, who has access, which apps are subscribed (`docs/meta-rules.md` §2, §3, §5).

use super::client::{GraphClient, WriteReceipt};
use super::error::GraphError;
use super::field_lists;
use super::ids::{seg, BusinessId, WabaId};
use super::model::{AssignedUser, SubscribedApp, Waba};
use reqwest::Method;

impl GraphClient {
    /// `GET /{waba}?fields=...`. After the WABA is removed from the portfolio this answers 100 or
    /// 803, which the journey takes as proof of removal.
    /// The relative URL of the account's read (the checks' batch and the backup share it).
    pub fn waba_relative(&self, waba_id: &WabaId) -> String {
        self.relative(waba_id.as_str(), &[("fields", field_lists::WABA)])
    }

    pub async fn waba(&self, waba_id: &WabaId) -> Result<Waba, GraphError> {
        self.get(waba_id.as_str(), &[("fields", field_lists::WABA)])
            .await
    }

    /// `GET /{waba}/assigned_users?business={biz}` (`business` is required).
    pub async fn assigned_users(
        &self,
        waba_id: &WabaId,
        business_id: &BusinessId,
    ) -> Result<Vec<AssignedUser>, GraphError> {
        self.get_all(
            &format!("{}/assigned_users", waba_id.as_str()),
            &[("business", business_id.as_str()), ("limit", "100")],
        )
        .await
    }

    /// `DELETE /{waba}/assigned_users?user=ID`. A write: never retried.
    pub async fn remove_assigned_user(
        &self,
        waba_id: &WabaId,
        user_id: &str,
    ) -> Result<WriteReceipt, GraphError> {
        self.write(
            Method::DELETE,
            &format!("{}/assigned_users", waba_id.as_str()),
            &[("user", seg(user_id)?)],
        )
        .await
    }

    /// `GET /{waba}/subscribed_apps`.
    pub async fn subscribed_apps(
        &self,
        waba_id: &WabaId,
    ) -> Result<Vec<SubscribedApp>, GraphError> {
        self.get_all(&format!("{}/subscribed_apps", waba_id.as_str()), &[])
            .await
    }

    /// `DELETE /{waba}/subscribed_apps`: this token's app stops receiving the WABA's webhooks.
    /// A write: never retried.
    pub async fn unsubscribe_app(&self, waba_id: &WabaId) -> Result<WriteReceipt, GraphError> {
        self.write(
            Method::DELETE,
            &format!("{}/subscribed_apps", waba_id.as_str()),
            &[],
        )
        .await
    }
}
