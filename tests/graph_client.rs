//! Every client function against the practice sandbox over real HTTP .

use crate::common;
use common::*;
use waba_core::graph::model::{BusinessRole, NumberStatus, TemplateStatus};
use waba_core::sandbox::seed::*;

#[tokio::test]
async fn me_and_permissions() {
    let sb = strict(&[]).await;
    let c = sb.client().unwrap();
    let me = c.me().await.unwrap();
    assert_eq!(me.id, USER_ADMIN);
    assert_eq!(me.name.as_deref(), Some("Ana Souza"));
    let perms = c.permissions().await.unwrap();
    assert!(waba_core::graph::missing_permissions(&perms).is_empty());
    assert_no_unexpected_writes(&sb);
}

#[tokio::test]
async fn identity_names_missing_permissions_or_says_it_does_not_know() {
    let sb = with(waba_core::sandbox::SandboxOptions {
        scenario: waba_core::sandbox::Scenario::MissingPermission,
        ..Default::default()
    })
    .await;
    let c = fast_client(&sb);
    let id = c.identity().await.unwrap();
    assert_eq!(id.me.id, USER_ADMIN);
    assert_eq!(id.missing_permissions, Some(vec!["business_management"]));
    // Meta refuses the permission list: unknown, never "nothing missing".
    sb.inject(waba_core::sandbox::FaultRule::always(
        None,
        Some("/me/permissions"),
        waba_core::sandbox::Fault::missing_permission(),
    ));
    assert_eq!(c.identity().await.unwrap().missing_permissions, None);
    // An expired token fails the identity itself.
    sb.clear_faults();
    sb.inject(waba_core::sandbox::FaultRule::always(
        None,
        Some("/me"),
        waba_core::sandbox::Fault::expired_token(),
    ));
    assert_eq!(c.identity().await.unwrap_err().code(), Some(190));
}

#[tokio::test]
async fn businesses_wabas_users_and_credit_lines() {
    let sb = strict(&[]).await;
    let c = sb.client().unwrap();
    let b = c.businesses().await.unwrap();
    assert_eq!(b.len(), 1);
    assert_eq!(b[0].id, BUSINESS_ID);
    let owned = c.owned_wabas(&biz_id(BUSINESS_ID)).await.unwrap();
    assert_eq!(owned.len(), 2);
    assert!(owned
        .iter()
        .all(|w| w.account_review_status.is_some() && w.currency.as_deref() == Some("BRL")));
    // Shared with the company: the account its old partner owns and runs for it (On-Behalf-Of).
    let shared = c.client_wabas(&biz_id(BUSINESS_ID)).await.unwrap();
    assert_eq!(shared.len(), 1);
    assert_eq!(shared[0].id, WABA_DELIVERY);
    assert!(shared[0].run_for(BUSINESS_ID));
    assert!(!owned[0].run_for(BUSINESS_ID));
    let users = c.business_users(&biz_id(BUSINESS_ID)).await.unwrap();
    assert!(users
        .iter()
        .any(|u| u.id == USER_ADMIN && u.role == Some(BusinessRole::Admin)));
    assert!(users
        .iter()
        .any(|u| u.id == USER_EMPLOYEE && u.role == Some(BusinessRole::Employee)));
    let lines = c.credit_lines(&biz_id(BUSINESS_ID)).await.unwrap();
    assert_eq!(lines[0].id, CREDIT_LINE);
    assert_no_unexpected_writes(&sb);
}

/// The accounts screen: each account with the numbers it holds, in one batch for all of them.
#[tokio::test]
async fn each_account_comes_with_its_numbers() {
    let sb = strict(&[]).await;
    let c = sb.client().unwrap();
    let lists = c.wabas_with_numbers(&biz_id(BUSINESS_ID)).await.unwrap();
    assert_eq!(lists.owned.len(), 2);
    let promo = lists
        .owned
        .iter()
        .find(|w| w.waba.id == WABA_PROMOCOES)
        .unwrap();
    let numbers = promo.numbers.as_ref().unwrap();
    assert!(numbers.iter().any(
        |n| n.id == PN_READY && n.display_phone_number.as_deref() == Some("+55 11 98888-5678")
    ));
    let atendimento = lists
        .owned
        .iter()
        .find(|w| w.waba.id == WABA_ATENDIMENTO)
        .unwrap();
    assert_eq!(atendimento.numbers.as_ref().unwrap().len(), 3);
    assert!(lists.owned.iter().all(|w| w.run_by_partner.is_none()));
    // The On-Behalf-Of account names the partner that runs it.
    assert_eq!(
        lists.client[0].run_by_partner.as_deref(),
        Some(PARTNER_BUSINESS_NAME)
    );
    let batches = sb.requests().iter().filter(|r| !r.batch.is_empty()).count();
    assert_eq!(batches, 1, "the numbers of every account in one batch");
    assert_no_unexpected_writes(&sb);
}

#[tokio::test]
async fn waba_fields_numbers_and_one_number() {
    let sb = strict(&[]).await;
    let c = sb.client().unwrap();
    let w = c.waba(&waba_id(WABA_ATENDIMENTO)).await.unwrap();
    assert_eq!(w.primary_funding_id.as_deref(), Some(CREDIT_LINE));
    assert!(w.health_status.is_some());
    let numbers = c.phone_numbers(&waba_id(WABA_ATENDIMENTO)).await.unwrap();
    assert_eq!(numbers.len(), 3);
    let coex = numbers.iter().find(|n| n.id == PN_COEXISTENCE).unwrap();
    assert!(waba_core::graph::facts::coexistence(coex));
    let pending = c.phone_number(&pn_id(PN_PENDING)).await.unwrap();
    assert_eq!(pending.status, Some(NumberStatus::Pending));
    assert_no_unexpected_writes(&sb);
}

#[tokio::test]
async fn assigned_users_and_subscribed_apps_read_and_delete() {
    let sb = strict(&["/assigned_users", "/subscribed_apps"]).await;
    let c = sb.client().unwrap();
    let a = c
        .assigned_users(&waba_id(WABA_ATENDIMENTO), &biz_id(BUSINESS_ID))
        .await
        .unwrap();
    assert_eq!(a.len(), 2);
    assert!(a[0].tasks.iter().any(|t| t == "MANAGE"));
    let apps = c.subscribed_apps(&waba_id(WABA_ATENDIMENTO)).await.unwrap();
    assert_eq!(
        apps[0]
            .whatsapp_business_api_data
            .as_ref()
            .unwrap()
            .id
            .as_deref(),
        Some(APP_ID)
    );

    c.remove_assigned_user(&waba_id(WABA_ATENDIMENTO), USER_EMPLOYEE)
        .await
        .unwrap();
    assert_eq!(
        c.assigned_users(&waba_id(WABA_ATENDIMENTO), &biz_id(BUSINESS_ID))
            .await
            .unwrap()
            .len(),
        1
    );
    c.unsubscribe_app(&waba_id(WABA_ATENDIMENTO)).await.unwrap();
    assert!(c
        .subscribed_apps(&waba_id(WABA_ATENDIMENTO))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(sb.writes().len(), 2);
    assert_no_unexpected_writes(&sb);
}

#[tokio::test]
async fn templates_page_to_the_end() {
    let sb = strict(&[]).await;
    let c = sb.client().unwrap();
    let mut pages = 0;
    let mut total = 0;
    let n = c
        .for_each_template_page(&waba_id(WABA_ATENDIMENTO), |p| {
            pages += 1;
            total += p.len();
            Ok(())
        })
        .await
        .unwrap();
    assert_eq!(total, 340);
    assert_eq!(n, 4, "100 a page");
    assert_eq!(pages, 4);
    let all = c.templates(&waba_id(WABA_PROMOCOES)).await.unwrap();
    assert_eq!(all.len(), 260);
    let mut ids: Vec<_> = all.iter().map(|t| t.id.clone()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 260, "no page repeated or skipped");
    assert!(all
        .iter()
        .any(|t| t.status == Some(TemplateStatus::Rejected)));
    assert!(all.iter().any(|t| t.language.as_deref() == Some("es")));
}

#[tokio::test]
async fn paging_links_carry_no_token_and_stay_on_the_host() {
    let sb = strict(&[]).await;
    let c = sb.client().unwrap();
    c.templates(&waba_id(WABA_ATENDIMENTO)).await.unwrap();
    // The sandbox puts access_token in `next` like Meta; the client strips it and sends the header.
    for r in sb.requests() {
        assert!(
            !r.query.iter().any(|(k, _)| k == "access_token"),
            "token in a URL: {r:?}"
        );
    }
    let foreign = c
        .get_next::<serde_json::Value>("https://evil.example/v25.0/x?after=1")
        .await
        .unwrap_err();
    assert!(matches!(foreign, waba_core::graph::GraphError::ForeignLink));
}

#[tokio::test]
async fn business_profile_and_picture_bytes() {
    let sb = strict(&[]).await;
    let c = sb.client().unwrap();
    let p = c.business_profile(&pn_id(PN_READY)).await.unwrap().unwrap();
    assert_eq!(p.messaging_product.as_deref(), Some("whatsapp"));
    let bytes = c
        .profile_picture(p.profile_picture_url.as_deref().unwrap())
        .await
        .unwrap();
    assert!(bytes.starts_with(b"\x89PNG"));
}

#[tokio::test]
async fn pricing_analytics_window_and_derived_30_day_rule() {
    let sb = strict(&[]).await;
    let c = sb.client().unwrap();
    let now = sb.now();
    let start = (now - chrono::Duration::days(31)).timestamp();
    let p = c
        .pricing_analytics(
            &waba_id(WABA_ATENDIMENTO),
            start,
            now.timestamp(),
            &["+55 11 4002-8922".into()],
        )
        .await
        .unwrap();
    let fact = waba_core::graph::facts::paid_fact(&p, "551140028922");
    let expected_last = (now - chrono::Duration::days(5)).date_naive();
    assert_eq!(
        fact.last_paid_day,
        Some(expected_last),
        "credit-line WABA: counted by VOLUME of REGULAR"
    );
    assert!(!fact.allows_deletion_on(now.date_naive()));
    let p = c
        .pricing_analytics(
            &waba_id(WABA_PROMOCOES),
            start,
            now.timestamp(),
            &["+55 11 98888-5678".into()],
        )
        .await
        .unwrap();
    let fact = waba_core::graph::facts::paid_fact(&p, "5511988885678");
    assert_eq!(
        fact.last_paid_day, None,
        "last paid 45 days ago is outside the 31-day window"
    );
}

#[tokio::test]
async fn deregister_once_then_the_number_is_disconnected() {
    let sb = strict(&["/deregister"]).await;
    let c = sb.client().unwrap();
    let r = c.deregister(&pn_id(PN_READY)).await.unwrap();
    assert!(r.trace_id.is_some());
    assert_eq!(
        c.phone_number(&pn_id(PN_READY)).await.unwrap().status,
        Some(NumberStatus::Disconnected)
    );
    assert_eq!(sb.writes().len(), 1);
    assert_no_unexpected_writes(&sb);
}

#[tokio::test]
async fn batch_reads_answer_in_order_with_per_item_errors() {
    let sb = strict(&[]).await;
    let c = sb.client().unwrap();
    let reads = vec![
        c.relative("me", &[("fields", "id,name")]),
        c.relative("999", &[]),
        c.relative(WABA_PROMOCOES, &[("fields", "id,name")]),
    ];
    let mut a = c.batch_get(&reads).await.unwrap();
    assert_eq!(a.len(), 3);
    let me: waba_core::graph::model::Me = a.take(0).unwrap();
    assert_eq!(me.id, USER_ADMIN);
    let missing = a.take::<serde_json::Value>(1).unwrap_err();
    assert_eq!(missing.code(), Some(100));
    let w: waba_core::graph::model::Waba = a.take(2).unwrap();
    assert_eq!(w.id, WABA_PROMOCOES);
    assert_eq!(sb.requests().len(), 1, "one round trip");
}

#[tokio::test]
async fn batches_over_fifty_are_split() {
    let sb = strict(&[]).await;
    let c = sb.client().unwrap();
    let reads: Vec<String> = (0..120).map(|_| c.relative("me", &[])).collect();
    let a = c.batch_get(&reads).await.unwrap();
    assert_eq!(a.len(), 120);
    assert_eq!(sb.requests().len(), 3);
}

#[tokio::test]
async fn ids_that_are_not_ids_never_leave_the_machine() {
    use waba_core::graph::{BusinessId, PhoneNumberId, WabaId};
    // The area functions take typed ids only; an id is made by checking it (digits only).
    for bad in ["../me", "1 OR 1", "", "https://evil.example/1", "12a"] {
        assert!(PhoneNumberId::parse(bad).is_err(), "{bad}");
        assert!(WabaId::parse(bad).is_err(), "{bad}");
        assert!(BusinessId::parse(bad).is_err(), "{bad}");
        assert!(serde_json::from_value::<WabaId>(serde_json::json!(bad)).is_err());
    }
}

#[tokio::test]
async fn usage_headers_are_kept_for_pacing() {
    let sb = strict(&[]).await;
    let c = sb.client().unwrap();
    c.waba(&waba_id(WABA_PROMOCOES)).await.unwrap();
    let u = c.usage();
    assert!(u.business_use_case_pct.unwrap() > 0.0);
}
