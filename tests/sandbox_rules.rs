//! The sandbox follows Meta's rules as `docs/meta-rules.md` states them.

use crate::common;
use common::*;
use std::time::Duration;
use waba_core::graph::practice::RefusalReason;
use waba_core::sandbox::seed::*;
use waba_core::sandbox::{Sandbox, SandboxOptions, Scenario};

#[tokio::test]
async fn deregister_shares_a_budget_of_ten_per_72_hours() {
    let sb = strict(&["/deregister"]).await;
    let c = fast_client(&sb);
    for i in 0..10 {
        // Re-register between calls as Meta would (register shares the budget).
        sb.with_world(|w| w.number_mut(PN_READY).unwrap().registered = true);
        c.deregister(&pn_id(PN_READY))
            .await
            .unwrap_or_else(|e| panic!("call {i}: {e}"));
    }
    sb.with_world(|w| w.number_mut(PN_READY).unwrap().registered = true);
    let e = c.deregister(&pn_id(PN_READY)).await.unwrap_err();
    assert_eq!(e.code(), Some(133016));
    assert!(e
        .meta()
        .unwrap()
        .details
        .as_deref()
        .unwrap()
        .contains("blocked until"));
    sb.advance_clock(chrono::Duration::hours(73));
    c.deregister(&pn_id(PN_READY))
        .await
        .expect("the block lifts after 72 h");
}

#[tokio::test]
async fn deregister_is_refused_for_coexistence_and_unregistered_numbers() {
    let sb = strict(&["/deregister"]).await;
    let c = fast_client(&sb);
    let e = c.deregister(&pn_id(PN_COEXISTENCE)).await.unwrap_err();
    assert_eq!(e.code(), Some(100));
    assert!(e.meta().unwrap().message.contains("SMB"));
    let e = c.deregister(&pn_id(PN_PENDING)).await.unwrap_err();
    assert_eq!(
        (e.code(), e.meta().unwrap().subcode),
        (Some(100), Some(2207051))
    );
}

#[tokio::test]
async fn there_is_no_api_to_delete_a_number_or_a_waba() {
    let sb = strict(&[]).await;
    let http = reqwest::Client::new();
    for id in [PN_READY, WABA_PROMOCOES] {
        let r = http
            .delete(format!("{}/v25.0/{id}", sb.url()))
            .header("authorization", sb.token().authorization_header())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
        let v: serde_json::Value = r.json().await.unwrap();
        assert_eq!(v["error"]["code"], 100);
    }
    assert_eq!(
        sb.unexpected_writes().len(),
        2,
        "the catch-all saw both attempts"
    );
    // And nothing changed.
    let c = sb.client().unwrap();
    c.phone_number(&pn_id(PN_READY)).await.unwrap();
    c.waba(&waba_id(WABA_PROMOCOES)).await.unwrap();
}

#[tokio::test]
async fn manual_number_deletion_refuses_what_meta_refuses() {
    let sb = strict(&["/__practice/"]).await;
    let r = sb.manual_delete_number(PN_PAID_RECENTLY).unwrap_err();
    assert_eq!(r.reason, RefusalReason::PaidMessageRecently);
    let from = chrono::NaiveDate::parse_from_str(r.available_from.as_deref().unwrap(), "%Y-%m-%d")
        .unwrap();
    assert_eq!(
        from,
        (sb.now() - chrono::Duration::days(5)).date_naive() + chrono::Days::new(30)
    );
    // An employee's token is refused on Meta's screen.
    let employee = sb.client_with(sb.employee_token(), |_| {}).unwrap();
    let ans = employee
        .practice_delete_number(&pn_id(PN_READY), None)
        .await
        .unwrap();
    assert_eq!(ans.refused.unwrap().reason, RefusalReason::NotAdmin);
    // After 30 days the paid number can go.
    sb.advance_clock(chrono::Duration::days(26));
    sb.manual_delete_number(PN_PAID_RECENTLY).unwrap();
}

#[tokio::test]
async fn deleted_objects_answer_as_gone() {
    let sb = strict(&["/__practice/"]).await;
    let c = sb.client().unwrap();
    let ans = c
        .practice_delete_number(&pn_id(PN_READY), Some(&forgotten_pin()))
        .await
        .unwrap();
    assert!(ans.done);
    let e = c.phone_number(&pn_id(PN_READY)).await.unwrap_err();
    assert_eq!(e.code(), Some(100));
    assert!(e.is_gone());
    assert!(c
        .phone_numbers(&waba_id(WABA_PROMOCOES))
        .await
        .unwrap()
        .is_empty());
    let again = c
        .practice_delete_number(&pn_id(PN_READY), Some(&forgotten_pin()))
        .await
        .unwrap();
    assert_eq!(again.refused.unwrap().reason, RefusalReason::AlreadyGone);

    let ans = c
        .practice_remove_waba(&waba_id(WABA_PROMOCOES))
        .await
        .unwrap();
    assert!(ans.done);
    let e = c.waba(&waba_id(WABA_PROMOCOES)).await.unwrap_err();
    assert_eq!(e.code(), Some(803));
    assert!(e.is_gone());
    assert_eq!(c.owned_wabas(&biz_id(BUSINESS_ID)).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_waba_with_numbers_cannot_leave_the_portfolio() {
    let sb = strict(&["/__practice/"]).await;
    let c = sb.client().unwrap();
    let ans = c
        .practice_remove_waba(&waba_id(WABA_ATENDIMENTO))
        .await
        .unwrap();
    assert_eq!(ans.refused.unwrap().reason, RefusalReason::NumbersRemain);
    c.waba(&waba_id(WABA_ATENDIMENTO)).await.unwrap();
}

#[tokio::test]
async fn meta_applies_a_manual_deletion_after_a_moment() {
    let sb = with(SandboxOptions {
        manual_delay: Duration::from_millis(300),
        ..Default::default()
    })
    .await;
    let c = sb.client().unwrap();
    c.practice_delete_number(&pn_id(PN_READY), Some(&forgotten_pin()))
        .await
        .unwrap();
    c.phone_number(&pn_id(PN_READY))
        .await
        .expect("still there right after the click");
    tokio::time::sleep(Duration::from_millis(350)).await;
    assert!(c
        .phone_number(&pn_id(PN_READY))
        .await
        .unwrap_err()
        .is_gone());
}

#[tokio::test]
async fn employees_see_only_assigned_assets() {
    let sb = strict(&[]).await;
    let employee = sb
        .client_with(sb.employee_token(), |c| {
            c.retry = waba_core::graph::RetryPolicy::Never
        })
        .unwrap();
    employee
        .waba(&waba_id(WABA_ATENDIMENTO))
        .await
        .expect("assigned");
    let e = employee.waba(&waba_id(WABA_PROMOCOES)).await.unwrap_err();
    assert_eq!(e.code(), Some(200));
    let e = employee
        .credit_lines(&biz_id(BUSINESS_ID))
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some(200));
}

#[tokio::test]
async fn scenarios_change_the_token() {
    let sb = with(SandboxOptions {
        scenario: Scenario::ExpiredToken,
        ..Default::default()
    })
    .await;
    let e = sb.client().unwrap().me().await.unwrap_err();
    assert_eq!(
        (e.code(), e.meta().unwrap().subcode),
        (Some(190), Some(463))
    );

    let sb = with(SandboxOptions {
        scenario: Scenario::MissingPermission,
        ..Default::default()
    })
    .await;
    let c = sb.client().unwrap();
    let perms = c.permissions().await.unwrap();
    assert_eq!(
        waba_core::graph::missing_permissions(&perms),
        vec!["business_management"]
    );
    assert_eq!(c.businesses().await.unwrap_err().code(), Some(200));

    let sb = with(SandboxOptions {
        scenario: Scenario::Employee,
        ..Default::default()
    })
    .await;
    assert_eq!(sb.client().unwrap().me().await.unwrap().id, USER_EMPLOYEE);
}

#[tokio::test]
async fn unknown_tokens_get_190() {
    let sb = strict(&[]).await;
    let other = waba_core::vault::AccessToken::parse("EAAGnotthesandboxtoken1234").unwrap();
    let c = sb
        .client_with(other, |c| c.retry = waba_core::graph::RetryPolicy::Never)
        .unwrap();
    assert_eq!(c.me().await.unwrap_err().code(), Some(190));
}

#[tokio::test]
async fn fields_selection_and_paging_follow_graph() {
    let sb = strict(&[]).await;
    let http = reqwest::Client::new();
    let auth = sb.token().authorization_header();
    let v: serde_json::Value = http
        .get(format!(
            "{}/v25.0/{WABA_ATENDIMENTO}/message_templates?fields=name&limit=2",
            sb.url()
        ))
        .header("authorization", auth.clone())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["data"].as_array().unwrap().len(), 2);
    assert_eq!(
        v["data"][0].as_object().unwrap().keys().collect::<Vec<_>>(),
        vec!["id", "name"]
    );
    let next = v["paging"]["next"].as_str().unwrap();
    assert!(next.starts_with(&sb.url()) && next.contains("after=") && next.contains("fields=name"));
    let r = http
        .get(format!("{}/v25.0/{WABA_ATENDIMENTO}", sb.url()))
        .header("authorization", auth)
        .send()
        .await
        .unwrap();
    for h in [
        "x-fb-trace-id",
        "x-business-use-case-usage",
        "x-app-usage",
        "facebook-api-version",
    ] {
        assert!(r.headers().contains_key(h), "missing header {h}");
    }
}

#[tokio::test]
async fn practice_world_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("world.json");
    {
        let sb = with(SandboxOptions {
            state_file: Some(file.clone()),
            ..Default::default()
        })
        .await;
        sb.client()
            .unwrap()
            .practice_delete_number(&pn_id(PN_READY), Some(&forgotten_pin()))
            .await
            .unwrap();
    }
    let sb = with(SandboxOptions {
        state_file: Some(file),
        ..Default::default()
    })
    .await;
    assert!(sb
        .client()
        .unwrap()
        .phone_number(&pn_id(PN_READY))
        .await
        .unwrap_err()
        .is_gone());
}

#[allow(dead_code)]
fn _uses(_: Sandbox) {}

/// Meta's 133016 counts attempts: refused deregisters (not registered) use the budget too.
#[tokio::test]
async fn refused_deregisters_count_toward_the_72_hour_budget() {
    let sb = strict(&["/deregister"]).await;
    let c = fast_client(&sb);
    // PN_PENDING is not registered: each deregister is refused with 100/2207051 …
    for _ in 0..10 {
        let e = c.deregister(&pn_id(PN_PENDING)).await.unwrap_err();
        assert_eq!(e.code(), Some(100));
    }
    // … and the eleventh attempt is 133016.
    assert_eq!(
        c.deregister(&pn_id(PN_PENDING)).await.unwrap_err().code(),
        Some(133016)
    );
}

/// The two-step PIN (`docs/meta-rules.md` §12): set through `POST /{pn}`, refused for Coexistence
/// and without the messaging permission; Meta's screen asks for it to delete a connected number.
#[tokio::test]
async fn the_pin_is_set_through_the_api_and_asked_by_the_practice_screen() {
    use waba_core::graph::TwoStepPin;
    let sb = strict(&["/__practice/", "/3000000000000"]).await;
    let c = sb.client().unwrap();
    let pin = |p: &str| TwoStepPin::parse(p.into()).unwrap();
    // Refused for a Coexistence number.
    let e = c
        .set_two_step_pin(&pn_id(PN_COEXISTENCE), &pin("135790"))
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some(100));
    // A connected number: no PIN, a wrong PIN, then the new one.
    let refused = |a: waba_core::graph::practice::ManualAnswer| a.refused.unwrap().reason;
    let no_pin = c
        .practice_delete_number(&pn_id(PN_READY), None)
        .await
        .unwrap();
    assert_eq!(refused(no_pin), RefusalReason::PinRequired);
    c.set_two_step_pin(&pn_id(PN_READY), &pin("135790"))
        .await
        .unwrap();
    let old = c
        .practice_delete_number(&pn_id(PN_READY), Some(&forgotten_pin()))
        .await
        .unwrap();
    assert_eq!(refused(old), RefusalReason::PinWrong);
    let ok = c
        .practice_delete_number(&pn_id(PN_READY), Some(&pin("135790")))
        .await
        .unwrap();
    assert!(ok.done);
    // The PIN is in no request the sandbox logged (it travels in the form body).
    let log = format!("{:?}", sb.requests());
    assert!(!log.contains("135790"), "{log}");
}

#[tokio::test]
async fn setting_a_pin_needs_the_messaging_permission() {
    use waba_core::graph::TwoStepPin;
    let sb = Sandbox::start(SandboxOptions {
        scenario: Scenario::MissingPermission,
        ..Default::default()
    })
    .await
    .unwrap();
    let c = sb.client().unwrap();
    let e = c
        .set_two_step_pin(
            &pn_id(PN_READY),
            &TwoStepPin::parse("135790".into()).unwrap(),
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some(200));
}

/// The practice login dialog over HTTP, read by the app's own login rules (`docs/meta-rules.md` §9):
/// a wrong App ID is refused; "Continuar" redirects with a token the app accepts for this
/// `state` only; "Cancelar" redirects with `access_denied`.
#[tokio::test]
async fn the_login_dialog_redirects_like_meta() {
    use waba_core::login::{LoginOutcome, LoginRequest, Navigation};
    let sb = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let base = url::Url::parse(&sb.url()).unwrap();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let wrong = LoginRequest::new(&base, "v25.0", "1", &["business_management"], false);
    assert_eq!(
        http.get(wrong.url.clone()).send().await.unwrap().status(),
        400
    );
    let req = LoginRequest::new(
        &base,
        "v25.0",
        APP_ID,
        &["whatsapp_business_management", "business_management"],
        false,
    );
    let page = http
        .get(req.url.clone())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Continuar como Ana Souza"));
    let state = req
        .url
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .into_owned();
    let form = |extra: &[(&'static str, &'static str)]| -> Vec<(String, String)> {
        let mut f = vec![
            ("state".to_owned(), state.clone()),
            (
                "redirect_uri".to_owned(),
                waba_core::login::REDIRECT_URI.to_owned(),
            ),
            (
                "scope".to_owned(),
                "whatsapp_business_management,business_management".to_owned(),
            ),
        ];
        f.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        f
    };
    let cancelled = post_form(
        &http,
        &format!("{}/__practice/oauth/cancel", sb.url()),
        form(&[]),
    )
    .await;
    assert!(matches!(
        req.classify(&cancelled),
        Navigation::Done(LoginOutcome::Denied)
    ));
    let granted = post_form(
        &http,
        &format!("{}/__practice/oauth/continue", sb.url()),
        form(&[("granted", "whatsapp_business_management")]),
    )
    .await;
    let Navigation::Done(LoginOutcome::Token { token, expires_in }) = req.classify(&granted) else {
        panic!("a token for this state: {granted}");
    };
    assert_eq!(expires_in, Some(5400));
    // The token works at the sandbox, with the one permission granted.
    let c = sb.client_with(token, |_| {}).unwrap();
    let id = c.identity().await.unwrap();
    assert_eq!(id.missing_permissions, Some(vec!["business_management"]));
    // Another login's state: never a token.
    let other = LoginRequest::new(&base, "v25.0", APP_ID, &["business_management"], false);
    assert!(matches!(
        other.classify(&granted),
        Navigation::Done(LoginOutcome::WrongState)
    ));
}

/// POSTs a form without following the redirect; returns where it points.
async fn post_form(http: &reqwest::Client, url: &str, f: Vec<(String, String)>) -> url::Url {
    let body: String = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(f)
        .finish();
    let r = http
        .post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 302);
    url::Url::parse(r.headers()["location"].to_str().unwrap()).unwrap()
}

/// Like the Graph API, the sandbox reads a write's parameters from a JSON body (the form Meta's own
/// examples use) as well as from a form body or the query: every write route, in JSON.
#[tokio::test]
async fn every_write_route_takes_a_json_body() {
    let sb = with(SandboxOptions {
        templates_per_hour: 1_000,
        ..Default::default()
    })
    .await;
    let http = reqwest::Client::new();
    let send = |method: reqwest::Method, path: String, body: serde_json::Value| {
        let req = http
            .request(method, format!("{}/v25.0/{path}", sb.url()))
            .header("authorization", sb.token().authorization_header())
            .json(&body);
        async move {
            let r = req.send().await.unwrap();
            let status = r.status();
            let v: serde_json::Value = r.json().await.unwrap();
            assert!(status.is_success(), "{status} {v}");
            v
        }
    };
    let v = send(
        reqwest::Method::POST,
        format!("{PN_READY}/deregister"),
        serde_json::json!({"messaging_product": "whatsapp"}),
    )
    .await;
    assert_eq!(v["success"], true);
    let v = send(
        reqwest::Method::POST,
        PN_READY.to_string(),
        serde_json::json!({"pin": "246801"}),
    )
    .await;
    assert_eq!(v["success"], true);
    let v = send(
        reqwest::Method::POST,
        format!("{WABA_ATENDIMENTO}/message_templates"),
        serde_json::json!({
            "name": "aviso_de_json",
            "language": "pt_BR",
            "category": "UTILITY",
            "components": [{"type": "BODY", "text": "Seu pedido saiu para entrega."}]
        }),
    )
    .await;
    assert!(v["id"].is_string(), "{v}");
    let v = send(
        reqwest::Method::POST,
        format!("{WABA_ATENDIMENTO}/migrate_message_templates"),
        serde_json::json!({"source_waba_id": WABA_PROMOCOES, "page_number": 0}),
    )
    .await;
    assert!(
        !v["migrated_templates"].as_array().unwrap().is_empty(),
        "{v}"
    );
    let v = send(
        reqwest::Method::DELETE,
        format!("{WABA_ATENDIMENTO}/assigned_users"),
        serde_json::json!({"user": USER_EMPLOYEE}),
    )
    .await;
    assert_eq!(v["success"], true);
    let v = send(
        reqwest::Method::DELETE,
        format!("{WABA_PROMOCOES}/subscribed_apps"),
        serde_json::json!({}),
    )
    .await;
    assert_eq!(v["success"], true);
}

/// A token from the login dialog is kept only when Meta says it is this app's and a person's
/// (`GET /app`, `GET /me?metadata=1`; `docs/security.md`).
#[tokio::test]
async fn a_login_token_must_be_this_app_s_and_a_person_s() {
    use waba_core::login::{check_token, TokenCheckError};
    use waba_core::sandbox::{Fault, FaultRule};
    let sb = strict(&[]).await;
    let c = fast_client(&sb);
    check_token(&c, APP_ID).await.unwrap();
    assert!(matches!(
        check_token(&c, "6000000000000999").await,
        Err(TokenCheckError::WrongApp)
    ));
    sb.inject(FaultRule::once(
        Some("GET"),
        Some("/app"),
        Fault::Raw {
            status: 200,
            body: br#"{"id":"7000000000000001","name":"Outro app"}"#.to_vec(),
        },
    ));
    assert!(matches!(
        check_token(&c, APP_ID).await,
        Err(TokenCheckError::WrongApp)
    ));
    sb.inject(FaultRule::once(
        Some("GET"),
        Some("/me"),
        Fault::Raw {
            status: 200,
            body: br#"{"id":"8000000000000001","metadata":{"type":"page"}}"#.to_vec(),
        },
    ));
    assert!(matches!(
        check_token(&c, APP_ID).await,
        Err(TokenCheckError::NotUserToken)
    ));
}

/// `POST /{pn}/register` as Meta states it: `messaging_product` and a six-digit PIN that must
/// equal the two-step PIN when one is set; counted with deregister in the 10 calls per 72 h.
#[tokio::test]
async fn register_undoes_a_deregister_with_the_two_step_pin() {
    let sb = strict(&["/deregister", "/register"]).await;
    let c = fast_client(&sb);
    c.deregister(&pn_id(PN_READY)).await.unwrap();
    let http = reqwest::Client::new();
    let register = |body: serde_json::Value| {
        let req = http
            .post(format!("{}/v25.0/{PN_READY}/register", sb.url()))
            .header("authorization", sb.token().authorization_header())
            .json(&body);
        async move {
            let r = req.send().await.unwrap();
            let v: serde_json::Value = r.json().await.unwrap();
            v
        }
    };
    let v = register(serde_json::json!({"messaging_product": "whatsapp", "pin": "12345"})).await;
    assert_eq!(v["error"]["code"], 100, "{v}");
    let v = register(serde_json::json!({"messaging_product": "whatsapp", "pin": "000000"})).await;
    assert_eq!(
        v["error"]["code"], 133005,
        "a PIN other than the two-step PIN: {v}"
    );
    let v =
        register(serde_json::json!({"messaging_product": "whatsapp", "pin": FORGOTTEN_PIN})).await;
    assert_eq!(v["success"], true, "{v}");
    let n = c.phone_number(&pn_id(PN_READY)).await.unwrap();
    assert!(waba_core::graph::facts::registered(&n));
    // 1 deregister + 2 registers counted so far (a malformed PIN is refused before counting);
    // 7 more calls fill the 10, then 133016.
    sb.with_world(|w| {
        let n = w.number_mut(PN_READY).unwrap();
        let now = n.registration_calls[0];
        n.registration_calls.extend(std::iter::repeat_n(now, 7));
    });
    let v =
        register(serde_json::json!({"messaging_product": "whatsapp", "pin": FORGOTTEN_PIN})).await;
    assert_eq!(v["error"]["code"], 133016, "{v}");
}

/// 803 as Meta's spec has it: HTTP 404, type `GraphMethodException`.
#[tokio::test]
async fn a_removed_waba_answers_803_as_a_404() {
    let sb = strict(&[]).await;
    sb.manual_delete_number(PN_READY).unwrap();
    sb.manual_remove_waba(WABA_PROMOCOES).unwrap();
    let r = reqwest::Client::new()
        .get(format!("{}/v25.0/{WABA_PROMOCOES}", sb.url()))
        .header("authorization", sb.token().authorization_header())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], 803);
    assert_eq!(v["error"]["type"], "GraphMethodException");
}

/// The roads that keep the number, as practice rehearses them (`docs/meta-rules.md` §12, §17):
/// the Partners tab lists the old partner and only an admin removes it (the partner's app keeps
/// its webhooks); the two-step PIN turned off on WhatsApp Manager's screen is no longer asked
/// when the number is deleted.
#[tokio::test]
async fn the_partners_tab_and_the_two_step_screen_follow_meta() {
    let sb = strict(&["/__practice/"]).await;
    let c = sb.client().unwrap();
    let promo = waba_id(WABA_PROMOCOES);
    let partners = c.practice_partners(&promo).await.unwrap();
    assert_eq!(partners.len(), 1);
    assert_eq!(partners[0].id, PARTNER_BUSINESS_ID);
    // The account the partner owns is not on its own Partners tab.
    assert!(c
        .practice_partners(&waba_id(WABA_DELIVERY))
        .await
        .unwrap()
        .is_empty());
    let partner = biz_id(PARTNER_BUSINESS_ID);
    let employee = sb.client_with(sb.employee_token(), |_| {}).unwrap();
    let refused = employee
        .practice_remove_partner(&waba_id(WABA_ATENDIMENTO), &partner)
        .await
        .unwrap();
    assert_eq!(refused.refused.unwrap().reason, RefusalReason::NotAdmin);
    assert!(
        c.practice_remove_partner(&promo, &partner)
            .await
            .unwrap()
            .done
    );
    assert!(c.practice_partners(&promo).await.unwrap().is_empty());
    let again = c.practice_remove_partner(&promo, &partner).await.unwrap();
    assert_eq!(again.refused.unwrap().reason, RefusalReason::AlreadyGone);
    // The partner's app still hears the account (its webhooks are its own to remove).
    assert!(!c.subscribed_apps(&promo).await.unwrap().is_empty());
    // The PIN: an employee cannot turn it off; the admin can, and then the deletion asks none.
    let refused = employee
        .practice_two_step_off(&pn_id(PN_READY))
        .await
        .unwrap();
    assert_eq!(refused.refused.unwrap().reason, RefusalReason::NotAdmin);
    assert!(
        c.practice_two_step_off(&pn_id(PN_READY))
            .await
            .unwrap()
            .done
    );
    assert!(
        c.practice_delete_number(&pn_id(PN_READY), None)
            .await
            .unwrap()
            .done
    );
}
