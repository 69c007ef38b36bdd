//! Every code of the error table of `docs/meta-rules.md` §6, odd answers, and the retry rules.

use crate::common;
use common::*;
use std::time::{Duration, Instant};
use waba_core::graph::{ErrorClass, GraphError, TransportKind};
use waba_core::sandbox::seed::*;
use waba_core::sandbox::{Fault, FaultRule};

const TABLE: &[i64] = &[
    1, 2, 4, 17, 341, 613, 80007, 80008, 10, 200, 250, 100, 102, 190, 368, 131000, 131031, 133000,
    133004, 133005, 133006, 133009, 133010, 133015, 133016, 803,
];

#[tokio::test]
async fn every_code_of_the_table_reaches_the_caller_with_its_trace_id() {
    let sb = strict(&[]).await;
    let c = sb
        .client_with(sb.token(), |c| {
            c.retry = waba_core::graph::RetryPolicy::Never
        })
        .unwrap();
    for code in TABLE {
        sb.inject(FaultRule::once(
            Some("GET"),
            Some("/me"),
            Fault::code(*code),
        ));
        let e = c.me().await.unwrap_err();
        let m = e.meta().unwrap_or_else(|| panic!("code {code}: {e:?}"));
        assert_eq!(m.code, *code);
        assert_eq!(m.class(), ErrorClass::of(*code));
        assert!(m.trace_id.is_some(), "code {code} lost its trace id");
        assert!(m.message.contains(&code.to_string()));
    }
}

#[tokio::test]
async fn expired_token_and_missing_permission_are_classified() {
    let sb = strict(&[]).await;
    let c = fast_client(&sb);
    sb.inject(FaultRule::once(None, Some("/me"), Fault::expired_token()));
    let e = c.me().await.unwrap_err();
    assert_eq!(e.meta().unwrap().class(), ErrorClass::TokenInvalid);
    assert_eq!(e.meta().unwrap().subcode, Some(463));
    sb.inject(FaultRule::once(
        None,
        Some("phone_numbers"),
        Fault::missing_permission(),
    ));
    let e = c.phone_numbers(&waba_id(WABA_PROMOCOES)).await.unwrap_err();
    assert_eq!(e.meta().unwrap().class(), ErrorClass::Permission);
}

#[tokio::test]
async fn a_proxy_html_page_is_a_clear_error_not_a_panic() {
    let sb = strict(&[]).await;
    let c = sb
        .client_with(sb.token(), |c| {
            c.retry = waba_core::graph::RetryPolicy::Never
        })
        .unwrap();
    sb.inject(FaultRule::once(
        None,
        None,
        Fault::HtmlStatus { status: 502 },
    ));
    match c.me().await.unwrap_err() {
        GraphError::Unexpected {
            status, snippet, ..
        } => {
            assert_eq!(status, 502);
            // What it looked like, never its text (a body may echo a request).
            assert!(snippet.contains("HTML"), "{snippet}");
            assert!(!snippet.contains("Bad Gateway"), "{snippet}");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn empty_and_truncated_bodies_are_clear_errors() {
    let sb = strict(&[]).await;
    let c = sb
        .client_with(sb.token(), |c| {
            c.retry = waba_core::graph::RetryPolicy::Never
        })
        .unwrap();
    sb.inject(FaultRule::once(None, None, Fault::Empty));
    assert!(
        matches!(c.me().await.unwrap_err(), GraphError::Unexpected { ref snippet, .. } if snippet.contains("empty"))
    );
    sb.inject(FaultRule::once(None, None, Fault::Truncated));
    assert!(matches!(
        c.me().await.unwrap_err(),
        GraphError::Unexpected { .. }
    ));
}

#[tokio::test]
async fn a_dropped_connection_and_a_timeout_are_transport_errors() {
    let sb = strict(&[]).await;
    let c = sb
        .client_with(sb.token(), |c| {
            c.retry = waba_core::graph::RetryPolicy::Never;
            c.timeout = Duration::from_millis(400);
        })
        .unwrap();
    sb.inject(FaultRule::once(None, None, Fault::Reset));
    assert!(matches!(
        c.me().await.unwrap_err(),
        GraphError::Transport { .. }
    ));
    sb.inject(FaultRule::once(None, None, Fault::Hang { ms: 2_000 }));
    assert!(matches!(
        c.me().await.unwrap_err(),
        GraphError::Transport {
            kind: TransportKind::Timeout,
            ..
        }
    ));
}

#[tokio::test]
async fn reads_retry_on_temporary_errors_and_transport_faults() {
    let sb = strict(&[]).await;
    let c = fast_client(&sb);
    sb.inject(FaultRule::once(None, Some("/me"), Fault::temporary()));
    sb.inject(FaultRule::once(None, Some("/me"), Fault::Reset));
    assert_eq!(c.me().await.unwrap().id, USER_ADMIN);
    assert_eq!(sb.requests().len(), 3);
}

#[tokio::test]
async fn reads_do_not_retry_on_non_retryable_codes() {
    let sb = strict(&[]).await;
    let c = fast_client(&sb);
    sb.inject(FaultRule::once(None, Some("/me"), Fault::expired_token()));
    c.me().await.unwrap_err();
    sb.inject(FaultRule::once(None, Some("/me"), Fault::code(131000)));
    c.me().await.unwrap_err();
    assert_eq!(sb.requests().len(), 2);
}

#[tokio::test]
async fn deregister_is_never_retried() {
    let sb = strict(&["/deregister"]).await;
    let c = fast_client(&sb);
    sb.inject(FaultRule::once(
        Some("POST"),
        Some("/deregister"),
        Fault::temporary(),
    ));
    let e = c.deregister(&pn_id(PN_READY)).await.unwrap_err();
    assert_eq!(e.code(), Some(2));
    sb.inject(FaultRule::once(
        Some("POST"),
        Some("/deregister"),
        Fault::Reset,
    ));
    assert!(c.deregister(&pn_id(PN_READY)).await.is_err());
    assert_eq!(
        sb.writes().len(),
        2,
        "one request per call, whatever the failure"
    );
}

#[tokio::test]
async fn rate_limits_honour_retry_after() {
    let sb = strict(&[]).await;
    // 1 minute asked: too long for a 2 s policy, so the caller gets the error with the wait.
    let c = fast_client(&sb);
    sb.inject(FaultRule::once(
        None,
        Some("/me"),
        Fault::RateLimit {
            code: 80008,
            regain_minutes: 1,
        },
    ));
    let e = c.me().await.unwrap_err();
    assert_eq!(e.meta().unwrap().retry_after, Some(Duration::from_secs(60)));
    assert_eq!(sb.requests().len(), 1, "did not hammer a rate-limited WABA");

    // A policy that may wait longer waits at least what was asked, then succeeds.
    let patient = sb
        .client_with(sb.token(), |c| {
            c.retry = waba_core::graph::RetryPolicy::Backoff {
                attempts: 2,
                base: Duration::from_millis(10),
                max_wait: Duration::from_secs(120),
            }
        })
        .unwrap();
    for code in [4, 80007] {
        sb.inject(FaultRule::once(
            None,
            Some("/me"),
            Fault::RateLimit {
                code,
                regain_minutes: 0,
            },
        ));
        let t = Instant::now();
        patient.me().await.unwrap();
        assert!(t.elapsed() >= Duration::from_millis(10));
    }
}

#[tokio::test]
async fn the_sandbox_enforces_the_waba_budget_with_80008() {
    let sb = with(waba_core::sandbox::SandboxOptions {
        waba_calls_per_hour: 5,
        ..Default::default()
    })
    .await;
    let c = sb
        .client_with(sb.token(), |c| {
            c.retry = waba_core::graph::RetryPolicy::Never
        })
        .unwrap();
    for _ in 0..5 {
        c.waba(&waba_id(WABA_PROMOCOES)).await.unwrap();
    }
    let e = c.waba(&waba_id(WABA_PROMOCOES)).await.unwrap_err();
    assert_eq!(e.code(), Some(80008));
    assert!(e.meta().unwrap().retry_after.is_some());
    assert!(c.usage().business_use_case_pct.unwrap() >= 100.0);
    // Another WABA has its own budget.
    c.waba(&waba_id(WABA_ATENDIMENTO)).await.unwrap();
}

#[tokio::test]
async fn error_text_never_contains_the_token() {
    let sb = strict(&[]).await;
    let c = sb
        .client_with(sb.token(), |c| {
            c.retry = waba_core::graph::RetryPolicy::Never
        })
        .unwrap();
    let token = sb.token();
    let mut errors = vec![];
    for f in [
        Fault::expired_token(),
        Fault::HtmlStatus { status: 500 },
        Fault::Empty,
        Fault::Truncated,
        Fault::Reset,
    ] {
        sb.inject(FaultRule::once(None, None, f));
        errors.push(c.me().await.unwrap_err());
    }
    // An answer that echoes the token is withheld from error text.
    let echo = format!("<html>{}</html>", token.reveal_practice().unwrap());
    sb.inject(FaultRule::once(
        None,
        None,
        Fault::Raw {
            status: 502,
            body: echo.into_bytes(),
        },
    ));
    errors.push(c.me().await.unwrap_err());
    for e in errors {
        let text = format!("{e} {e:?}");
        assert!(!token.appears_in(&text), "token leaked in {text}");
    }
    assert!(!token.appears_in(&format!("{c:?}")));
}

/// A `next` link (or cursor) that comes back would page for ever: paging stops with an error.
#[tokio::test]
async fn a_page_link_that_comes_back_stops_paging() {
    let sb = strict(&[]).await;
    let c = fast_client(&sb);
    let next = format!("{}/v25.0/me/businesses?after=X", sb.url());
    let body = serde_json::json!({"data": [{"id": "1"}], "paging": {"cursors": {"after": "X"}, "next": next}});
    sb.inject(FaultRule::always(
        Some("GET"),
        Some("businesses"),
        Fault::Raw {
            status: 200,
            body: serde_json::to_vec(&body).unwrap(),
        },
    ));
    let e = c.businesses().await.unwrap_err();
    assert!(matches!(e, GraphError::EndlessPaging(_)), "{e:?}");
}

/// A real token is 200+ characters: an answer echoing any 16 of them is withheld from error
/// text, and a bearer header or `access_token=` in a message is scrubbed.
#[tokio::test]
async fn error_text_never_carries_a_slice_of_a_real_length_token() {
    let sb = strict(&[]).await;
    let raw = format!("EAAG{}", "Zx8Kq2Lm4Np6Rt0Vw3Yb5".repeat(10));
    assert!(raw.len() > 200);
    let token = waba_core::vault::AccessToken::parse(&raw).unwrap();
    let c = sb
        .client_with(token, |cfg| {
            cfg.retry = waba_core::graph::RetryPolicy::Never
        })
        .unwrap();
    let slice = &raw[117..133];
    for (message, user_msg) in [
        (format!("Invalid token near {slice}"), "ok".to_owned()),
        (
            "Malformed request".to_owned(),
            format!("sent ?access_token={raw}&x=1"),
        ),
        (
            "Malformed request".to_owned(),
            format!("header: Bearer {}", &raw[..40]),
        ),
    ] {
        let body = serde_json::json!({"error": {"message": message, "code": 190, "error_user_msg": user_msg}});
        sb.inject(FaultRule::once(
            None,
            None,
            Fault::Raw {
                status: 400,
                body: serde_json::to_vec(&body).unwrap(),
            },
        ));
        let e = c.me().await.unwrap_err();
        let text = format!("{e} {e:?}");
        assert!(!text.contains(slice), "{text}");
        assert!(!text.contains(&raw[..40]), "{text}");
    }
    // An HTML page echoing the token: only its shape is said.
    sb.inject(FaultRule::once(
        None,
        None,
        Fault::Raw {
            status: 502,
            body: format!("<html>{raw}</html>").into_bytes(),
        },
    ));
    let e = c.me().await.unwrap_err();
    assert!(!format!("{e} {e:?}").contains(slice));
}
