//! "Entrar com o Facebook" (`docs/meta-rules.md` §9): Meta's login dialog for desktop apps, with
//! no SDK and no app secret. The dialog opens in a window of its own; every navigation of that
//! window passes through [`LoginRequest::classify`]: Meta's login hosts (or, for practice and
//! test connections, the sandbox's) are allowed, anything else is refused, and the redirect to
//! `login_success.html` is never loaded: its fragment is read here, `state` checked, and the token
//! handed to the vault like a pasted one. No JavaScript of either window sees the token.

use crate::vault::AccessToken;
use url::Url;

/// Where Meta sends a desktop app's login (a page the app never loads).
pub const REDIRECT_URI: &str = "https://www.facebook.com/connect/login_success.html";
/// Meta's login dialog host.
pub const META_DIALOG_BASE: &str = "https://www.facebook.com";
/// The App ID set at build time by the distributor (a public value), if any.
pub const BUILD_APP_ID: Option<&str> = option_env!("WABA_REMOVER_FB_APP_ID");

/// Whether "Entrar com o Facebook" works in real mode, and with which App ID (shown in Settings):
/// Meta's host needs the build's App ID; a test host plays the dialog with the sandbox's.
pub fn availability(graph_is_meta: bool) -> serde_json::Value {
    let app_id = if graph_is_meta {
        BUILD_APP_ID
    } else {
        Some(crate::sandbox::seed::APP_ID)
    };
    serde_json::json!({"available": app_id.is_some(), "app_id": app_id, "test_host": !graph_is_meta})
}

/// One login in progress: the dialog's address and what its answer must carry.
#[derive(Debug, Clone)]
pub struct LoginRequest {
    pub url: Url,
    state: String,
    /// The dialog's own origin (Meta's, or the sandbox's on loopback).
    dialog: Url,
    meta: bool,
}

/// What one navigation of the login window means.
#[derive(Debug)]
pub enum Navigation {
    /// Within the login hosts: let it load.
    Allow,
    /// Elsewhere: not loaded, the login goes on.
    Refuse,
    /// The redirect to `login_success.html`: the login is over.
    Done(LoginOutcome),
}

#[derive(Debug)]
pub enum LoginOutcome {
    Token {
        token: AccessToken,
        expires_in: Option<u64>,
    },
    /// "Cancelar", or a permission dialog refused (`error=access_denied`).
    Denied,
    /// The answer is not for this login (`state` differs): ignored, never used.
    WrongState,
    /// A redirect without a token (or with text that is not a token).
    NoToken,
}

impl LoginRequest {
    /// The dialog for `scopes`; `rerequest` asks again only for what was declined.
    pub fn new(
        dialog_base: &Url,
        version: &str,
        app_id: &str,
        scopes: &[&str],
        rerequest: bool,
    ) -> Self {
        let state = random_state();
        let mut url = dialog_base.clone();
        url.set_path(&format!("/{version}/dialog/oauth"));
        url.set_query(None);
        url.set_fragment(None);
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("client_id", app_id)
                .append_pair("redirect_uri", REDIRECT_URI)
                .append_pair("response_type", "token")
                .append_pair("scope", &scopes.join(","))
                .append_pair("state", &state);
            if rerequest {
                q.append_pair("auth_type", "rerequest");
            }
        }
        let meta = dialog_base.as_str().trim_end_matches('/') == META_DIALOG_BASE;
        Self {
            url,
            state,
            dialog: dialog_base.clone(),
            meta,
        }
    }

    pub fn classify(&self, nav: &Url) -> Navigation {
        if is_redirect(nav) {
            return Navigation::Done(self.answer(nav));
        }
        if nav.as_str() == "about:blank" || self.allowed(nav) {
            Navigation::Allow
        } else {
            Navigation::Refuse
        }
    }

    fn allowed(&self, nav: &Url) -> bool {
        if self.meta {
            nav.scheme() == "https"
                && nav
                    .host_str()
                    .is_some_and(|h| h == "facebook.com" || h.ends_with(".facebook.com"))
        } else {
            nav.origin() == self.dialog.origin()
        }
    }

    fn answer(&self, nav: &Url) -> LoginOutcome {
        // Meta puts the answer in the fragment; an error may come in the query.
        let mut params: Vec<(String, String)> = nav
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        params.extend(
            url::form_urlencoded::parse(nav.fragment().unwrap_or("").as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned())),
        );
        let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        if get("state") != Some(self.state.as_str()) {
            return LoginOutcome::WrongState;
        }
        if get("error").is_some() {
            return LoginOutcome::Denied;
        }
        match get("access_token").map(AccessToken::parse) {
            Some(Ok(token)) => LoginOutcome::Token {
                token,
                expires_in: get("expires_in").and_then(|e| e.parse().ok()),
            },
            _ => LoginOutcome::NoToken,
        }
    }
}

/// `https://www.facebook.com/connect/login_success.html`, whatever follows.
/// The redirect that carries the token, on any Facebook host (Meta may answer from
/// `m.facebook.com`, `web.facebook.com`…): recognised everywhere, so the token never loads in a
/// page.
fn is_redirect(nav: &Url) -> bool {
    nav.scheme() == "https"
        && nav
            .host_str()
            .is_some_and(|h| h == "facebook.com" || h.ends_with(".facebook.com"))
        && nav.path().trim_end_matches('/') == "/connect/login_success.html"
}

/// Why a token from the login dialog is not kept.
#[derive(Debug, thiserror::Error)]
pub enum TokenCheckError {
    /// Meta says the token belongs to another app than this build's.
    #[error("the token belongs to another app")]
    WrongApp,
    /// The token does not speak for a person (`/me?metadata=1`).
    #[error("the token is not a user token")]
    NotUserToken,
    #[error(transparent)]
    Graph(#[from] crate::graph::GraphError),
}

/// Checks a token from the login dialog before it is kept (`docs/meta-rules.md` §9): issued for
/// `app_id` (`GET /app`), and a person's (`GET /me?metadata=1`). The scopes granted are read with
/// the connection (`/me/permissions`), and a missing one is asked again. `debug_token` would say
/// the same but needs an app token, which a desktop app must never hold.
pub async fn check_token(
    client: &crate::graph::GraphClient,
    app_id: &str,
) -> Result<(), TokenCheckError> {
    let (app, kind) = tokio::join!(client.token_app(), client.token_node_type());
    if app?.id != app_id {
        return Err(TokenCheckError::WrongApp);
    }
    // Only Meta's plain word for a person: a missing type is not a proof of one.
    match kind?.as_deref() {
        Some("user") => Ok(()),
        _ => Err(TokenCheckError::NotUserToken),
    }
}

fn random_state() -> String {
    use rand::Rng;
    let mut rng = rand::thread_rng();
    (0..32)
        .map(|_| char::from(b"abcdefghijklmnopqrstuvwxyz0123456789"[rng.gen_range(0..36)]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn practice() -> LoginRequest {
        let base = Url::parse("http://127.0.0.1:4567").unwrap();
        LoginRequest::new(&base, "v25.0", "6000000000000001", &["a", "b"], false)
    }

    fn back(req: &LoginRequest, rest: &str) -> Url {
        Url::parse(&format!(
            "{REDIRECT_URI}{}",
            rest.replace("STATE", &req.state)
        ))
        .unwrap()
    }

    const TOKEN: &str = "EAAFAKE0TOKEN0FOR0THE0LOGIN0REDIRECT0TEST0abcdefghij";

    #[test]
    fn the_dialog_asks_for_a_token_with_a_random_state() {
        let a = practice();
        let b = practice();
        assert_ne!(a.state, b.state);
        let q: Vec<(String, String)> = a.url.query_pairs().into_owned().collect();
        assert!(q.contains(&("response_type".into(), "token".into())));
        assert!(q.contains(&("redirect_uri".into(), REDIRECT_URI.into())));
        assert!(q.contains(&("scope".into(), "a,b".into())));
        assert_eq!(a.url.path(), "/v25.0/dialog/oauth");
    }

    #[test]
    fn the_redirect_is_recognised_on_every_facebook_host() {
        let r = practice();
        for host in [
            "www.facebook.com",
            "m.facebook.com",
            "web.facebook.com",
            "facebook.com",
        ] {
            let u = Url::parse(&format!(
                "https://{host}/connect/login_success.html#access_token={TOKEN}&state={}",
                r.state
            ))
            .unwrap();
            assert!(
                matches!(r.classify(&u), Navigation::Done(LoginOutcome::Token { .. })),
                "{host}"
            );
        }
        let elsewhere = Url::parse(&format!(
            "https://evil.example/connect/login_success.html#access_token={TOKEN}"
        ))
        .unwrap();
        assert!(matches!(r.classify(&elsewhere), Navigation::Refuse));
    }

    #[test]
    fn the_redirect_gives_the_token_only_with_the_right_state() {
        let r = practice();
        let ok = back(
            &r,
            &format!("#access_token={TOKEN}&expires_in=5400&state=STATE"),
        );
        assert!(matches!(
            r.classify(&ok),
            Navigation::Done(LoginOutcome::Token {
                expires_in: Some(5400),
                ..
            })
        ));
        let other = back(&r, &format!("#access_token={TOKEN}&state=someoneelse"));
        assert!(matches!(
            r.classify(&other),
            Navigation::Done(LoginOutcome::WrongState)
        ));
        let no_token = back(&r, "#expires_in=5400&state=STATE");
        assert!(matches!(
            r.classify(&no_token),
            Navigation::Done(LoginOutcome::NoToken)
        ));
        let bad_token = back(&r, "#access_token=not%20a%20token&state=STATE");
        assert!(matches!(
            r.classify(&bad_token),
            Navigation::Done(LoginOutcome::NoToken)
        ));
        let cancel = back(
            &r,
            "?error=access_denied&error_reason=user_denied&state=STATE#_=_",
        );
        assert!(matches!(
            r.classify(&cancel),
            Navigation::Done(LoginOutcome::Denied)
        ));
    }

    #[test]
    fn the_window_stays_on_the_login_hosts() {
        let r = practice();
        let ok = Url::parse("http://127.0.0.1:4567/__practice/oauth/continue").unwrap();
        assert!(matches!(r.classify(&ok), Navigation::Allow));
        for foreign in [
            "http://127.0.0.1:9999/",
            "https://evil.example/login",
            "https://www.facebook.com.evil.example/",
        ] {
            let u = Url::parse(foreign).unwrap();
            assert!(matches!(r.classify(&u), Navigation::Refuse), "{foreign}");
        }
        let meta = LoginRequest::new(
            &Url::parse(META_DIALOG_BASE).unwrap(),
            "v25.0",
            "1",
            &["a"],
            true,
        );
        assert!(meta.url.as_str().contains("auth_type=rerequest"));
        for allowed in [
            "https://www.facebook.com/login.php",
            "https://m.facebook.com/checkpoint/",
        ] {
            assert!(matches!(
                meta.classify(&Url::parse(allowed).unwrap()),
                Navigation::Allow
            ));
        }
        for refused in [
            "http://www.facebook.com/",
            "https://facebook.com.evil.example/",
            "http://127.0.0.1:4567/",
        ] {
            assert!(
                matches!(
                    meta.classify(&Url::parse(refused).unwrap()),
                    Navigation::Refuse
                ),
                "{refused}"
            );
        }
    }
}
