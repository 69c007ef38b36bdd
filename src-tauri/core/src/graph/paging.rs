//! Reading every page of an edge (`docs/meta-rules.md` §1): `paging.next` is followed only on
//! the configured host and without any `access_token` in it; a link or cursor seen before, or
//! more pages than any edge has, stops paging with an error.

use super::client::GraphClient;
use super::error::GraphError;
use super::retry::RetryPolicy;
use super::wire::Page;
use serde::de::DeserializeOwned;
use url::Url;

/// More pages than any edge the app reads can have (6,000 templates are 60 pages of 100).
pub const MAX_PAGES: usize = 1_000;

impl GraphClient {
    /// Follows a `paging.next` link. It must point at the configured host; an `access_token`
    /// parameter Meta may have put in it is removed (the token travels in the header only).
    pub async fn get_next<T: DeserializeOwned>(&self, next: &str) -> Result<Page<T>, GraphError> {
        let url = self.clean_next(next)?;
        self.read_url(url).await
    }

    pub(crate) fn clean_next(&self, next: &str) -> Result<Url, GraphError> {
        let url = Url::parse(next).map_err(|_| GraphError::Unexpected {
            status: 200,
            snippet: "a paging link that is not a URL".into(),
            trace_id: None,
        })?;
        if !self.config().same_origin(&url) {
            return Err(GraphError::ForeignLink);
        }
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| k != "access_token")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let mut clean = url.clone();
        clean.set_query(None);
        if !kept.is_empty() {
            clean.query_pairs_mut().extend_pairs(kept);
        }
        Ok(clean)
    }

    /// Reads every page of an edge, handing each page to `each` as it arrives (memory stays flat
    /// however many pages there are).
    pub async fn for_each_page<T, F>(
        &self,
        path: &str,
        query: &[(&str, &str)],
        each: F,
    ) -> Result<usize, GraphError>
    where
        T: DeserializeOwned,
        F: FnMut(Vec<T>) -> Result<(), GraphError>,
    {
        self.for_each_page_with(path, query, self.config().retry, each)
            .await
    }

    /// [`Self::for_each_page`] with another retry policy (a poll reads once: its loop retries).
    pub(crate) async fn for_each_page_with<T, F>(
        &self,
        path: &str,
        query: &[(&str, &str)],
        policy: RetryPolicy,
        mut each: F,
    ) -> Result<usize, GraphError>
    where
        T: DeserializeOwned,
        F: FnMut(Vec<T>) -> Result<(), GraphError>,
    {
        let mut page: Page<T> = self.read_with(self.url(path, query), policy).await?;
        let mut pages = 1;
        let mut seen = std::collections::HashSet::new();
        loop {
            let next = page.paging.as_ref().and_then(|p| p.next.clone());
            let cursor = page
                .paging
                .as_ref()
                .and_then(|p| p.cursors.as_ref())
                .and_then(|c| c.after.clone());
            each(std::mem::take(&mut page.data))?;
            match next {
                Some(n) => {
                    // A link or cursor seen before would loop for ever.
                    if !seen.insert(n.clone()) || cursor.is_some_and(|c| !seen.insert(c)) {
                        return Err(GraphError::EndlessPaging("a page link came back"));
                    }
                    if pages >= MAX_PAGES {
                        return Err(GraphError::EndlessPaging("more pages than any edge has"));
                    }
                    page = self.read_with(self.clean_next(&n)?, policy).await?;
                    pages += 1;
                }
                None => return Ok(pages),
            }
        }
    }

    /// Every item of an edge, all pages.
    pub async fn get_all<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<Vec<T>, GraphError> {
        self.get_all_with(path, query, self.config().retry).await
    }

    /// Every item of an edge, all pages, with a retry policy of its own.
    pub(crate) async fn get_all_with<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
        policy: RetryPolicy,
    ) -> Result<Vec<T>, GraphError> {
        let mut all = Vec::new();
        self.for_each_page_with(path, query, policy, |mut items: Vec<T>| {
            all.append(&mut items);
            Ok(())
        })
        .await?;
        Ok(all)
    }
}
