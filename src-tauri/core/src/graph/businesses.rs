//! Businesses (portfolios) and what hangs off them: WABAs, users, credit lines (`docs/meta-rules.md` §2, §4).

use super::client::GraphClient;
use super::error::GraphError;
use super::field_lists;
use super::ids::BusinessId;
use super::model::{Business, BusinessUser, CreditLine, Waba};

/// The most accounts whose numbers the accounts screen reads (one call each, in one batch): a
/// provider's portfolio of hundreds of client accounts would spend the hour's budget on a list.
pub const NUMBERS_FOR_AT_MOST: usize = 20;

/// An account as the accounts screen shows it: Meta's fields and the numbers it holds.
#[derive(Debug, Clone, serde::Serialize)]
pub struct WabaWithNumbers {
    #[serde(flatten)]
    pub waba: Waba,
    /// Its numbers; `None` when they were not read (Meta refused, or too many accounts).
    pub numbers: Option<Vec<NumberLine>>,
    /// The partner that owns the account and runs it for this business (On-Behalf-Of), by
    /// name (its id when Meta gives no name); `None` for the business's own or a client's.
    pub run_by_partner: Option<String>,
}

/// A number in an account's card: what the admin recognises it by.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct NumberLine {
    pub id: String,
    #[serde(default)]
    pub display_phone_number: Option<String>,
    #[serde(default)]
    pub verified_name: Option<String>,
}

/// The portfolio's accounts: its own and its clients'.
#[derive(Debug, Clone, serde::Serialize)]
pub struct WabaLists {
    pub owned: Vec<WabaWithNumbers>,
    /// Client WABAs; empty when Meta would not list them.
    pub client: Vec<WabaWithNumbers>,
}

impl GraphClient {
    /// The portfolio's accounts, each with the numbers it holds (one batch for the numbers of
    /// up to [`NUMBERS_FOR_AT_MOST`] accounts), so the admin picks the account by her number.
    pub async fn wabas_with_numbers(&self, business: &BusinessId) -> Result<WabaLists, GraphError> {
        let (owned, client) = tokio::join!(self.owned_wabas(business), self.client_wabas(business));
        let (owned, client) = (owned?, client.unwrap_or_default());
        let all = owned.len() + client.len();
        let mut numbers: Vec<Option<Vec<NumberLine>>> = vec![None; all];
        if (1..=NUMBERS_FOR_AT_MOST).contains(&all) {
            let urls: Vec<String> = owned
                .iter()
                .chain(&client)
                .map(|w| {
                    self.relative(
                        &format!("{}/phone_numbers", w.id),
                        &[
                            ("fields", "id,display_phone_number,verified_name"),
                            ("limit", "100"),
                        ],
                    )
                })
                .collect();
            // The list is a help to recognise the account: a refused read leaves it out.
            if let Ok(mut a) = self.batch_get(&urls).await {
                for (i, slot) in numbers.iter_mut().enumerate() {
                    *slot = a
                        .take::<super::wire::Page<NumberLine>>(i)
                        .ok()
                        .map(|p| p.data);
                }
            }
        }
        let mut numbers = numbers.into_iter();
        let mut with = |list: Vec<Waba>| -> Vec<WabaWithNumbers> {
            list.into_iter()
                .map(|waba| WabaWithNumbers {
                    run_by_partner: waba
                        .run_for(business.as_str())
                        .then_some(waba.owner_business_info.as_ref())
                        .flatten()
                        .and_then(|o| o.name.clone().or_else(|| o.id.clone())),
                    waba,
                    numbers: numbers.next().flatten(),
                })
                .collect()
        };
        let owned = with(owned);
        let client = with(client);
        Ok(WabaLists { owned, client })
    }

    /// `GET /me/businesses`: needs `business_management`.
    pub async fn businesses(&self) -> Result<Vec<Business>, GraphError> {
        self.get_all(
            "me/businesses",
            &[("fields", field_lists::BUSINESS), ("limit", "100")],
        )
        .await
    }

    /// `GET /{biz}/owned_whatsapp_business_accounts` (GET only: the edge cannot delete).
    pub async fn owned_wabas(&self, business_id: &BusinessId) -> Result<Vec<Waba>, GraphError> {
        self.get_all(
            &format!("{}/owned_whatsapp_business_accounts", business_id.as_str()),
            &[("fields", field_lists::WABA), ("limit", "100")],
        )
        .await
    }

    /// `GET /{biz}/client_whatsapp_business_accounts` (at most 100 a page).
    pub async fn client_wabas(&self, business_id: &BusinessId) -> Result<Vec<Waba>, GraphError> {
        self.get_all(
            &format!("{}/client_whatsapp_business_accounts", business_id.as_str()),
            &[("fields", field_lists::WABA), ("limit", "100")],
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
        let items: Vec<super::wire::IdOnly> = self
            .get_all_with(
                &format!("{}/{edge}", business_id.as_str()),
                &[("fields", "id"), ("limit", "100")],
                super::retry::RetryPolicy::Never,
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
            &[("fields", field_lists::BUSINESS_USER), ("limit", "100")],
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
            &[("fields", field_lists::CREDIT_LINE)],
        )
        .await
    }
}
