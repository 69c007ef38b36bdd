//! Who the token is and what it may do (reference §2).

use super::client::GraphClient;
use super::error::GraphError;
use super::model::{Me, Page, Permission};

/// Permissions the removal needs: `whatsapp_business_management` for every WABA call,
/// `business_management` to list businesses and read roles and credit lines (reference §2).
pub const NEEDED_PERMISSIONS: [&str; 2] = ["whatsapp_business_management", "business_management"];

impl GraphClient {
    /// `GET /me?fields=id,name`: fails with 190 when the token is invalid or expired.
    pub async fn me(&self) -> Result<Me, GraphError> {
        self.get("me", &[("fields", "id,name")]).await
    }

    /// `GET /me/permissions`.
    pub async fn permissions(&self) -> Result<Vec<Permission>, GraphError> {
        let p: Page<Permission> = self.get("me/permissions", &[]).await?;
        Ok(p.data)
    }
}

/// Needed permissions that are not granted.
pub fn missing_permissions(granted: &[Permission]) -> Vec<&'static str> {
    NEEDED_PERMISSIONS
        .iter()
        .copied()
        .filter(|need| {
            !granted.iter().any(|p| {
                p.permission == *need && p.status.as_deref().is_none_or(|s| s == "granted")
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declined_permissions_count_as_missing() {
        let granted = vec![
            Permission {
                permission: "whatsapp_business_management".into(),
                status: Some("granted".into()),
            },
            Permission {
                permission: "business_management".into(),
                status: Some("declined".into()),
            },
        ];
        assert_eq!(missing_permissions(&granted), vec!["business_management"]);
        assert_eq!(missing_permissions(&[]).len(), 2);
    }
}
