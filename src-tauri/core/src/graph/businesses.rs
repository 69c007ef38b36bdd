//! Businesses (portfolios) and what hangs off them: WABAs, users, credit lines (`docs/meta-rules.md` §2, §4).

use super::client::GraphClient;
use super::error::GraphError;
use super::ids::BusinessId;
use super::model::{fields, Business, BusinessUser, CreditLine, Waba};

impl GraphClient {
    /// `GET /me/businesses`: needs `business_management`.
    pub async fn businesses(&self) -> Result<Vec<Business>, GraphError> {
        self.get_all(
            "me/businesses",
            &[("fields", fields::BUSINESS), ("limit", "100")],
        )
        .await
    }

    /// `GET /{biz}/owned_whatsapp_business_accounts` (GET only: the edge cannot delete).
    pub async fn owned_wabas(&self, business_id: &BusinessId) -> Result<Vec<Waba>, GraphError> {
        self.get_all(
            &format!("{}/owned_whatsapp_business_accounts", business_id.as_str()),
            &[("fields", fields::WABA), ("limit", "100")],
        )
        .await
    }

    /// `GET /{biz}/client_whatsapp_business_accounts` (at most 100 a page).
    pub async fn client_wabas(&self, business_id: &BusinessId) -> Result<Vec<Waba>, GraphError> {
        self.get_all(
            &format!("{}/client_whatsapp_business_accounts", business_id.as_str()),
            &[("fields", fields::WABA), ("limit", "100")],
        )
        .await
    }

    /// Ids of the business's owned WABAs (`fields=id`): a removal is proven by absence here.
    pub async fn owned_waba_ids(
        &self,
        business_id: &BusinessId,
    ) -> Result<Vec<String>, GraphError> {
        self.waba_ids(business_id, "owned_whatsapp_business_accounts")
            .await
    }

    /// Ids of the business's client WABAs (`fields=id`).
    pub async fn client_waba_ids(
        &self,
        business_id: &BusinessId,
    ) -> Result<Vec<String>, GraphError> {
        self.waba_ids(business_id, "client_whatsapp_business_accounts")
            .await
    }

    async fn waba_ids(
        &self,
        business_id: &BusinessId,
        edge: &str,
    ) -> Result<Vec<String>, GraphError> {
        // One try: these lists are read by the poll, whose loop is the retry.
        let items: Vec<super::model::IdOnly> = self
            .get_all_with(
                &format!("{}/{edge}", business_id.as_str()),
                &[("fields", "id"), ("limit", "100")],
                super::RetryPolicy::Never,
            )
            .await?;
        Ok(items.into_iter().map(|i| i.id).collect())
    }

    /// `GET /{biz}/business_users?fields=id,name,role`: only a business ADMIN may delete a number.
    pub async fn business_users(
        &self,
        business_id: &BusinessId,
    ) -> Result<Vec<BusinessUser>, GraphError> {
        self.get_all(
            &format!("{}/business_users", business_id.as_str()),
            &[("fields", fields::BUSINESS_USER), ("limit", "100")],
        )
        .await
    }

    /// `GET /{biz}/extendedcredits`: credit lines (`docs/meta-rules.md` §4; needs Admin or Finance editor).
    pub async fn credit_lines(
        &self,
        business_id: &BusinessId,
    ) -> Result<Vec<CreditLine>, GraphError> {
        self.get_all(
            &format!("{}/extendedcredits", business_id.as_str()),
            &[("fields", fields::CREDIT_LINE)],
        )
        .await
    }
}
