//! Phone numbers of a WABA, and the one write Meta allows on them: deregister (`docs/meta-rules.md` §2, §5).

use super::client::{GraphClient, WriteReceipt};
use super::error::GraphError;
use super::field_lists;
use super::ids::{PhoneNumberId, WabaId};
use super::model::PhoneNumber;
use reqwest::Method;

impl GraphClient {
    /// `GET /{waba}/phone_numbers`, every page (at most 100 a page).
    pub async fn phone_numbers(&self, waba_id: &WabaId) -> Result<Vec<PhoneNumber>, GraphError> {
        self.get_all(
            &format!("{}/phone_numbers", waba_id.as_str()),
            &[("fields", field_lists::PHONE_NUMBER), ("limit", "100")],
        )
        .await
    }

    /// The relative URL of the account's list of numbers with their fields (the checks' batch
    /// reads it; a run's backup finds its number in it).
    pub fn phone_numbers_relative(&self, waba_id: &WabaId) -> String {
        self.relative(
            &format!("{}/phone_numbers", waba_id.as_str()),
            &[("fields", field_lists::PHONE_NUMBER), ("limit", "100")],
        )
    }

    /// `GET /{pn}`: answers 100 ("does not exist") or 803 ("deleted") once the number is gone.
    pub async fn phone_number(
        &self,
        phone_number_id: &PhoneNumberId,
    ) -> Result<PhoneNumber, GraphError> {
        self.get(
            phone_number_id.as_str(),
            &[("fields", field_lists::PHONE_NUMBER)],
        )
        .await
    }

    /// `GET /{waba}/phone_numbers?fields=id,status`, one try: the cheap list that proves a
    /// deletion by absence (`docs/meta-rules.md`, proof); the poll loop is the retry.
    pub async fn number_statuses(&self, waba_id: &WabaId) -> Result<Vec<PhoneNumber>, GraphError> {
        self.get_all_with(
            &format!("{}/phone_numbers", waba_id.as_str()),
            &[("fields", "id,status"), ("limit", "100")],
            super::retry::RetryPolicy::Never,
        )
        .await
    }

    /// `GET /{pn}?fields=id,status`, one try (the poll loop is the retry).
    pub async fn phone_number_status(
        &self,
        phone_number_id: &PhoneNumberId,
    ) -> Result<PhoneNumber, GraphError> {
        self.read_with(
            self.url(phone_number_id.as_str(), &[("fields", "id,status")]),
            super::retry::RetryPolicy::Never,
        )
        .await
    }

    /// `POST /{pn}/deregister`: takes the number off Cloud API; it stays in the WABA.
    ///
    /// Meta rule (`docs/meta-rules.md` §5): register + deregister share 10 calls per number per 72 h, then
    /// 133016 blocks for 72 h. So this is sent once, never retried, never batched.
    pub async fn deregister(
        &self,
        phone_number_id: &PhoneNumberId,
    ) -> Result<WriteReceipt, GraphError> {
        self.write(
            Method::POST,
            &format!("{}/deregister", phone_number_id.as_str()),
            &[],
        )
        .await
    }
}
