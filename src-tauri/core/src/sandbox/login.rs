//! The practice login dialog (`docs/meta-rules.md` §9): Meta's OAuth dialog as the sandbox plays
//! it, on loopback. "Continuar como Ana Souza" redirects to `login_success.html` with a new user
//! token in the fragment, like Meta; "Cancelar" redirects with `error=access_denied`. The admin
//! may untick a permission (the declined-permission case); `auth_type=rerequest` asks again.

use super::answers::json_response;
use super::seed;
use super::shared::{SbErr, Shared, TokenRec};
use crate::vault::AccessToken;
use axum::body::Body;
use axum::http::{Method, StatusCode};
use axum::response::Response;

/// Where Meta sends the browser after the dialog (desktop apps, `response_type=token`).
pub const REDIRECT_URI: &str = "https://www.facebook.com/connect/login_success.html";
/// How long a user token from the dialog lasts (Meta: a short-lived token lasts hours).
pub const EXPIRES_IN_SECS: i64 = 5400;

type Query = [(String, String)];

fn param<'a>(q: &'a Query, key: &str) -> Option<&'a str> {
    q.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

pub(crate) fn route(
    s: &Shared,
    method: &Method,
    path: &str,
    query: &Query,
    body: &[u8],
) -> Option<Response> {
    let segs: Vec<&str> = path.split('/').filter(|x| !x.is_empty()).collect();
    match (method.as_str(), segs.as_slice()) {
        ("GET", [v, "dialog", "oauth"]) if super::routes::is_version(v) => Some(dialog(query)),
        ("POST", ["__practice", "oauth", answer @ ("continue" | "cancel")]) => {
            let form: Vec<(String, String)> = url::form_urlencoded::parse(body)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            Some(finish(s, *answer == "continue", &form))
        }
        _ => None,
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn page(status: StatusCode, body: String) -> Response {
    Response::builder()
        .status(status)
        .header("content-type", "text/html; charset=utf-8")
        .body(Body::from(format!(
            "<!doctype html><html lang=\"pt-BR\"><head><meta charset=\"utf-8\"><title>Entrar com o Facebook (treino)</title>\
<style>body{{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;color:#1c2b33}}\
.card{{border:1px solid #dadde1;border-radius:8px;padding:1rem 1.25rem}}button{{font-size:1rem;padding:.6rem 1rem;border-radius:6px;border:0;margin:.25rem .25rem 0 0}}\
.primary{{background:#0654d6;color:#fff}}.secondary{{background:#e4e6eb;color:#1c2b33}}:focus-visible{{outline:3px solid #ffb800}}\
.muted{{color:#4b5966}}label{{display:block;margin:.3rem 0}}</style></head><body><main class=\"card\">{body}</main></body></html>"
        )))
        .unwrap()
}

/// `GET /{v}/dialog/oauth?client_id&redirect_uri&response_type=token&scope&state[&auth_type]`.
fn dialog(q: &Query) -> Response {
    let refuse = |why: &str| {
        page(
            StatusCode::BAD_REQUEST,
            format!("<h1>Não foi possível entrar</h1><p>{}</p>", esc(why)),
        )
    };
    if param(q, "client_id") != Some(seed::APP_ID) {
        return refuse("O App ID não é o deste aplicativo de treino.");
    }
    if param(q, "redirect_uri") != Some(REDIRECT_URI) {
        return refuse("O endereço de retorno não está entre os permitidos pelo app.");
    }
    if param(q, "response_type") != Some("token") {
        return refuse("Aplicativos de computador pedem response_type=token.");
    }
    let Some(state) = param(q, "state").filter(|s| !s.is_empty()) else {
        return refuse("Falta o parâmetro state.");
    };
    let scopes: Vec<&str> = param(q, "scope")
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let again = param(q, "auth_type") == Some("rerequest");
    let boxes: String = scopes
        .iter()
        .map(|p| {
            format!(
                "<label><input type=\"checkbox\" name=\"granted\" value=\"{p}\" checked> {p}</label>",
                p = esc(p)
            )
        })
        .collect();
    let hidden = |k: &str, v: &str| {
        format!(
            "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
            esc(k),
            esc(v)
        )
    };
    let carried = format!(
        "{}{}{}",
        hidden("state", state),
        hidden("redirect_uri", REDIRECT_URI),
        hidden("scope", &scopes.join(","))
    );
    page(
        StatusCode::OK,
        format!(
            "<h1>Entrar com o Facebook</h1><p class=\"muted\">Treino: esta é a tela de login da empresa fictícia, não a da Meta.</p>\
<p>{intro}</p><form method=\"post\" action=\"/__practice/oauth/continue\">{carried}<fieldset><legend>Permissões</legend>{boxes}</fieldset>\
<button class=\"primary\" id=\"fb-continue\" type=\"submit\">Continuar como Ana Souza</button></form>\
<form method=\"post\" action=\"/__practice/oauth/cancel\">{carried}<button class=\"secondary\" id=\"fb-cancel\" type=\"submit\">Cancelar</button></form>",
            intro = if again {
                "O Remover número da BM pede de novo a permissão que faltou."
            } else {
                "O Remover número da BM quer gerenciar as contas do WhatsApp Business e o portfólio."
            }
        ),
    )
}

fn redirect(location: String) -> Response {
    Response::builder()
        .status(StatusCode::FOUND)
        .header("location", location)
        .body(Body::empty())
        .unwrap()
}

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// "Continuar": a new user token for Ana Souza with the ticked permissions; "Cancelar": the
/// `access_denied` answer.
fn finish(s: &Shared, granted_all: bool, form: &[(String, String)]) -> Response {
    let state = param(form, "state").unwrap_or("");
    if param(form, "redirect_uri") != Some(REDIRECT_URI) {
        let e = SbErr::new(100, "redirect_uri is not allowed");
        return json_response(StatusCode::BAD_REQUEST, &e.envelope(""), "", None, 0.0);
    }
    if !granted_all {
        return redirect(format!(
            "{REDIRECT_URI}?error=access_denied&error_code=200&error_description=Permissions+error&error_reason=user_denied&state={}#_=_",
            enc(state)
        ));
    }
    let asked: Vec<&str> = param(form, "scope").unwrap_or("").split(',').collect();
    let granted: Vec<String> = form
        .iter()
        .filter(|(k, _)| k == "granted")
        .map(|(_, v)| v.clone())
        .collect();
    let denied: Vec<&str> = asked
        .iter()
        .copied()
        .filter(|p| !p.is_empty() && !granted.iter().any(|g| g == p))
        .collect();
    let token = AccessToken::generate_practice();
    let text = token.reveal_practice().unwrap_or_default().to_owned();
    let mut tokens = s.tokens.lock().unwrap();
    // A re-request adds to what the user granted before.
    let mut permissions: Vec<String> = tokens
        .iter()
        .filter(|t| t.user_id == seed::USER_ADMIN && t.expires_at.is_some())
        .flat_map(|t| t.permissions.clone())
        .collect();
    permissions.extend(granted.iter().cloned());
    permissions.sort();
    permissions.dedup();
    let life = s
        .login_token_secs
        .load(std::sync::atomic::Ordering::Relaxed) as i64;
    tokens.push(TokenRec {
        token,
        user_id: seed::USER_ADMIN.into(),
        permissions,
        expired: false,
        expires_at: Some(s.now() + chrono::Duration::seconds(life)),
    });
    redirect(format!(
        "{REDIRECT_URI}#access_token={}&data_access_expiration_time=0&expires_in={life}&granted_scopes={}&denied_scopes={}&state={}",
        enc(&text),
        enc(&granted.join(",")),
        enc(&denied.join(",")),
        enc(state)
    ))
}
