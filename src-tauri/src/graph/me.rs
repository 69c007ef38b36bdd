//! Who the token is and what it may do (`docs/meta-rules.md` §2).

use super::client::GraphClient;
use super::error::GraphError;
use super::model::{Me, Page, Permission};

/// Permissions the removal needs: `whatsapp_business_management` for every WABA call,
/// `business_management` to list businesses and read roles and credit lines (`docs/meta-rules.md` §2).
pub const NEEDED_PERMISSIONS: [&str; 2] = ["whatsapp_business_management", "business_management"];

/// Who a token is and which needed permissions it lacks.
#[derive(Debug, Clone)]
pub struct Identity {
    pub me: Me,
    /// `None` when Meta would not list the permissions: unknown, not "none missing".
    pub missing_permissions: Option<Vec<&'static str>>,
}

impl GraphClient {
    /// Validates a token (screen 0): `/me` must answer (190 otherwise); `/me/permissions` is read
    /// at the same time.
    pub async fn identity(&self) -> Result<Identity, GraphError> {
        let (me, perms) = tokio::join!(self.me(), self.permissions());
        Ok(Identity {
            me: me?,
            missing_permissions: perms.ok().map(|p| missing_permissions(&p)),
        })
    }

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
