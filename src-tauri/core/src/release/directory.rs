//! What the token sees: businesses → WhatsApp accounts (owned and shared) → numbers, read once
//! per run. The console's `status` prints it; `check`, `backup`, `wait` and `release` find a
//! number's account and business in it (an id the token cannot see is refused before any write).

use crate::graph::model::{Business, PhoneNumber, Waba};
use crate::graph::{BusinessId, GraphClient, GraphError, PhoneNumberId, WabaId};
use crate::steps::target::Target;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct NumberEntry {
    pub id: String,
    pub display_phone_number: Option<String>,
    pub verified_name: Option<String>,
    pub status: Option<String>,
    pub quality_rating: Option<String>,
    /// Also in the WhatsApp Business app (Coexistence).
    pub coexistence: bool,
    /// On Cloud API, so a deregister applies.
    pub registered: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct AccountEntry {
    pub id: String,
    pub name: Option<String>,
    /// The business's own (owned by it, or run for it by a partner); false: a client's account
    /// shared with it.
    pub owned: bool,
    pub numbers: Vec<NumberEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BusinessEntry {
    pub id: String,
    pub name: Option<String>,
    pub accounts: Vec<AccountEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Directory {
    pub businesses: Vec<BusinessEntry>,
}

/// A number found in the directory, with its account and business.
#[derive(Debug, Clone)]
pub struct Located {
    pub business: BusinessEntry,
    pub account: AccountEntry,
    pub number: NumberEntry,
}

fn entry(n: &PhoneNumber) -> NumberEntry {
    NumberEntry {
        id: n.id.clone(),
        display_phone_number: n.display_phone_number.clone(),
        verified_name: n.verified_name.clone(),
        status: n.status.as_ref().map(|s| s.as_str().to_owned()),
        quality_rating: n.quality_rating.clone(),
        coexistence: crate::graph::facts::coexistence(n),
        registered: crate::graph::facts::registered(n),
    }
}

impl Directory {
    /// Reads every business, its owned and shared accounts and their numbers.
    pub async fn read(client: &GraphClient) -> Result<Self, GraphError> {
        let mut businesses = Vec::new();
        for b in client.businesses().await? {
            businesses.push(Self::business(client, b).await?);
        }
        Ok(Self { businesses })
    }

    /// The business's accounts, owned first, then shared with it (each once).
    async fn wabas_of(client: &GraphClient, b: &Business) -> Result<Vec<(Waba, bool)>, GraphError> {
        let id = BusinessId::try_from(b.id.clone()).map_err(|_| bad_id(&b.id))?;
        let (owned, shared) = tokio::join!(client.owned_wabas(&id), client.client_wabas(&id));
        let mut wabas: Vec<(Waba, bool)> = owned?.into_iter().map(|w| (w, true)).collect();
        // Shared accounts need a permission an owner's token may lack: none listed, then. An
        // account a partner runs for this business (On-Behalf-Of) counts as its own: it is not
        // a client's (`docs/meta-rules.md` §17).
        for w in shared.unwrap_or_default() {
            if !wabas.iter().any(|(o, _)| o.id == w.id) {
                let own = w.run_for(&b.id);
                wabas.push((w, own));
            }
        }
        Ok(wabas)
    }

    async fn account(
        client: &GraphClient,
        w: Waba,
        owned: bool,
    ) -> Result<AccountEntry, GraphError> {
        let wid = WabaId::try_from(w.id.clone()).map_err(|_| bad_id(&w.id))?;
        let numbers = client.phone_numbers(&wid).await?;
        Ok(AccountEntry {
            id: w.id,
            name: w.name,
            owned,
            numbers: numbers.iter().map(entry).collect(),
        })
    }

    async fn business(client: &GraphClient, b: Business) -> Result<BusinessEntry, GraphError> {
        let mut accounts = Vec::new();
        for (w, owned) in Self::wabas_of(client, &b).await? {
            accounts.push(Self::account(client, w, owned).await?);
        }
        Ok(BusinessEntry {
            id: b.id,
            name: b.name,
            accounts,
        })
    }

    /// The number `id`, searched business by business and account by account, stopping at the
    /// first account that lists it: for one number, fewer calls than reading everything.
    pub async fn locate(
        client: &GraphClient,
        id: &PhoneNumberId,
    ) -> Result<Option<Located>, GraphError> {
        for b in client.businesses().await? {
            for (w, owned) in Self::wabas_of(client, &b).await? {
                let account = Self::account(client, w, owned).await?;
                if let Some(n) = account.numbers.iter().find(|n| *id == n.id).cloned() {
                    return Ok(Some(Located {
                        business: BusinessEntry {
                            id: b.id,
                            name: b.name,
                            accounts: vec![],
                        },
                        account,
                        number: n,
                    }));
                }
            }
        }
        Ok(None)
    }

    /// The number `id`, with its account and business, when the token sees it.
    pub fn find(&self, id: &str) -> Option<Located> {
        for b in &self.businesses {
            for a in &b.accounts {
                if let Some(n) = a.numbers.iter().find(|n| n.id == id) {
                    return Some(Located {
                        business: b.clone(),
                        account: a.clone(),
                        number: n.clone(),
                    });
                }
            }
        }
        None
    }

    /// The phone number id an analyst's input names: an id the token sees, or a number in E.164
    /// (compared digit by digit with Meta's display number). `None` when it names none (or, for
    /// a phone, more than one).
    pub fn resolve(&self, input: &NumberInput) -> Option<String> {
        let want = match input {
            NumberInput::Id(id) => return self.find(id.as_str()).map(|l| l.number.id),
            NumberInput::Phone { digits } => digits,
        };
        let mut hits = self
            .businesses
            .iter()
            .flat_map(|b| b.accounts.iter())
            .flat_map(|a| a.numbers.iter())
            .filter(|n| {
                n.display_phone_number
                    .as_deref()
                    .is_some_and(|d| crate::graph::digits(d) == *want)
            });
        let first = hits.next()?;
        hits.next().is_none().then(|| first.id.clone())
    }

    /// Every number id of the account `waba` (empty when the token does not see it).
    pub fn account_numbers(&self, waba: &str) -> Vec<String> {
        self.businesses
            .iter()
            .flat_map(|b| b.accounts.iter())
            .filter(|a| a.id == waba)
            .flat_map(|a| a.numbers.iter().map(|n| n.id.clone()))
            .collect()
    }

    pub fn number_count(&self) -> usize {
        self.businesses
            .iter()
            .flat_map(|b| b.accounts.iter())
            .map(|a| a.numbers.len())
            .sum()
    }
}

impl Located {
    /// The number as the journey's target (ids typed and checked when made).
    pub fn target(&self) -> Target {
        Target {
            business_id: BusinessId::try_from(self.business.id.clone()).ok(),
            business_name: self.business.name.clone(),
            waba_id: WabaId::try_from(self.account.id.clone()).ok(),
            waba_name: self.account.name.clone(),
            phone_number_id: PhoneNumberId::try_from(self.number.id.clone()).ok(),
            display_phone_number: self.number.display_phone_number.clone(),
            verified_name: self.number.verified_name.clone(),
            registered: Some(self.number.registered),
            coexistence: Some(self.number.coexistence),
            serves_clients: None,
        }
    }
}

fn bad_id(id: &str) -> GraphError {
    GraphError::Config(format!(
        "Meta listed an id that is not digits: {}",
        id.chars().take(24).collect::<String>()
    ))
}

/// A number as an analyst names it (console arguments, a `--from` file): Meta's phone number id,
/// or the phone in E.164 as people write it (`+55 11 4002-8922`). Read once, at the door.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberInput {
    Id(PhoneNumberId),
    /// `+`, then 8 to 15 digits (spaces, dashes, dots or parentheses between them): the digits.
    Phone {
        digits: String,
    },
}

impl NumberInput {
    /// The one reading of an input; `None` when it is neither.
    pub fn parse(raw: &str) -> Option<Self> {
        let s = raw.trim();
        if let Some(rest) = s.strip_prefix('+') {
            let digits = crate::graph::digits(rest);
            let shaped = rest
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')'));
            return ((8..=15).contains(&digits.len()) && shaped)
                .then_some(NumberInput::Phone { digits });
        }
        if s.len() > 20 {
            return None;
        }
        PhoneNumberId::try_from(s.to_owned())
            .ok()
            .map(NumberInput::Id)
    }

    /// Meta's id, when the input is one.
    pub fn id(&self) -> Option<&PhoneNumberId> {
        match self {
            NumberInput::Id(id) => Some(id),
            NumberInput::Phone { .. } => None,
        }
    }
}

impl std::fmt::Display for NumberInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NumberInput::Id(id) => write!(f, "{id}"),
            NumberInput::Phone { digits } => write!(f, "+{digits}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directory() -> Directory {
        let number = |id: &str, shown: &str| NumberEntry {
            id: id.into(),
            display_phone_number: Some(shown.into()),
            verified_name: None,
            status: None,
            quality_rating: None,
            coexistence: false,
            registered: true,
        };
        Directory {
            businesses: vec![BusinessEntry {
                id: "1".into(),
                name: None,
                accounts: vec![AccountEntry {
                    id: "2".into(),
                    name: None,
                    owned: true,
                    numbers: vec![
                        number("31", "+55 11 4002-8922"),
                        number("32", "+55 21 3003-4000"),
                    ],
                }],
            }],
        }
    }

    #[test]
    fn an_analyst_names_a_number_by_id_or_by_e164() {
        let d = directory();
        let resolve = |s: &str| NumberInput::parse(s).and_then(|n| d.resolve(&n));
        assert_eq!(resolve("31").as_deref(), Some("31"));
        assert_eq!(resolve("+5511 40028922").as_deref(), Some("31"));
        assert_eq!(resolve("+55 (21) 3003-4000").as_deref(), Some("32"));
        assert_eq!(resolve("+55 11 0000-0000"), None);
        assert_eq!(resolve("99"), None);
        // Not a phone (no +): read as neither, so it names nothing.
        assert_eq!(
            NumberInput::parse("5511 40028922"),
            None,
            "a phone needs its +"
        );
    }
}
