//! Who the token is and what it may do (`docs/meta-rules.md` §2).

use super::client::GraphClient;
use super::error::GraphError;
use super::model::{Me, Permission};
use super::wire::Page;

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

    /// `GET /app`: the app the token was issued for (`docs/meta-rules.md` §9). Meta answers it
    /// with the token alone, where `debug_token` needs an app token a desktop app cannot hold.
    pub async fn token_app(&self) -> Result<AppOfToken, GraphError> {
        self.get("app", &[("fields", "id,name")]).await
    }

    /// `GET /me?metadata=1`: the kind of node the token speaks for (`user` for a person's
    /// login). `None` when Meta gives no metadata.
    pub async fn token_node_type(&self) -> Result<Option<String>, GraphError> {
        let v: serde_json::Value = self
            .get("me", &[("fields", "id"), ("metadata", "1")])
            .await?;
        Ok(v["metadata"]["type"].as_str().map(str::to_owned))
    }

    /// `GET /me/permissions`.
    pub async fn permissions(&self) -> Result<Vec<Permission>, GraphError> {
        let p: Page<Permission> = self.get("me/permissions", &[]).await?;
        Ok(p.data)
    }
}

/// The app a token belongs to.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct AppOfToken {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
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
