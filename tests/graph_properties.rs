//! Arbitrary bytes and arbitrary JSON as Graph answers: never a panic.

use crate::common;
use common::{pn_id, waba_id};
use proptest::prelude::*;
use waba_core::graph::RetryPolicy;
use waba_core::sandbox::{Fault, FaultRule, Sandbox, SandboxOptions};

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        ".{0,12}".prop_map(serde_json::Value::from),
        prop_oneof![
            Just("error"),
            Just("data"),
            Just("paging"),
            Just("code"),
            Just("id")
        ]
        .prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(serde_json::Value::from),
            prop::collection::btree_map(
                prop_oneof![
                    Just("error".to_string()),
                    Just("data".to_string()),
                    Just("code".to_string()),
                    Just("paging".to_string()),
                    Just("next".to_string()),
                    Just("id".to_string()),
                    ".{0,6}".prop_map(|s| s)
                ],
                inner,
                0..5
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(status in prop_oneof![Just(200u16), Just(400), Just(500), 100u16..600], body in prop::collection::vec(any::<u8>(), 0..300)) {
        let rt = runtime();
        rt.block_on(async {
            let sb = Sandbox::start(SandboxOptions::default()).await.unwrap();
            let c = sb.client_with(sb.token(), |c| c.retry = RetryPolicy::Never).unwrap();
            sb.inject(FaultRule::always(None, None, Fault::Raw { status, body: body.clone() }));
            let _ = c.me().await;
            let _ = c.phone_numbers(&waba_id("2000000000000002")).await;
            let _ = c.batch_get(&[c.relative("me", &[])]).await;
            let _ = c.deregister(&pn_id("3000000000000004")).await;
        });
    }

    #[test]
    fn arbitrary_json_never_panics(v in arb_json(), status in prop_oneof![Just(200u16), Just(400)]) {
        let rt = runtime();
        rt.block_on(async {
            let sb = Sandbox::start(SandboxOptions::default()).await.unwrap();
            let c = sb.client_with(sb.token(), |c| c.retry = RetryPolicy::Never).unwrap();
            let body = serde_json::to_vec(&v).unwrap();
            sb.inject(FaultRule::always(None, None, Fault::Raw { status, body }));
            let _ = c.me().await;
            let _ = c.waba(&waba_id("2000000000000002")).await;
            let _ = c.templates(&waba_id("2000000000000002")).await;
            let _ = c.business_profile(&pn_id("3000000000000004")).await;
            let _ = c.pricing_analytics(&waba_id("2000000000000002"), 0, 1, &[]).await;
            let _ = c.batch_get(&[c.relative("me", &[])]).await;
        });
    }
}
