//! Shared test helpers: a sandbox per test over real HTTP on loopback, and a private desktop
//! session (`session`) for the keyring and WebDriver tests.
#![allow(dead_code, unused_imports)]

pub mod journeys;
pub mod session;
pub mod static_http;

pub use journeys::{practice_binding, At, JourneyAt};

use std::time::Duration;
use waba_core::graph::{GraphClient, RetryPolicy};
use waba_core::sandbox::{Sandbox, SandboxOptions};

/// A sandbox that records any write not in `expected` as unexpected (the catch-all).
pub async fn strict(expected: &[&str]) -> Sandbox {
    Sandbox::start(SandboxOptions {
        expected_writes: Some(expected.iter().map(|s| s.to_string()).collect()),
        ..Default::default()
    })
    .await
    .expect("sandbox starts")
}

pub async fn with(opts: SandboxOptions) -> Sandbox {
    Sandbox::start(opts).await.expect("sandbox starts")
}

/// A client with short timeouts and fast retries, so fault tests stay quick.
pub fn fast_client(sb: &Sandbox) -> GraphClient {
    sb.client_with(sb.token(), |c| {
        c.timeout = Duration::from_secs(2);
        c.retry = RetryPolicy::Backoff {
            attempts: 3,
            base: Duration::from_millis(20),
            max_wait: Duration::from_secs(2),
        };
    })
    .unwrap()
}

/// Fails the test when a write reached the sandbox that the test did not expect.
pub fn assert_no_unexpected_writes(sb: &Sandbox) {
    let u = sb.unexpected_writes();
    assert!(u.is_empty(), "unexpected writes reached the sandbox: {u:?}");
}

/// Typed ids for the tests (the seed's ids are digits; a typo here fails loudly).
pub fn biz_id(s: &str) -> waba_core::graph::BusinessId {
    waba_core::graph::BusinessId::parse(s).expect("a business id")
}
pub fn waba_id(s: &str) -> waba_core::graph::WabaId {
    waba_core::graph::WabaId::parse(s).expect("a WABA id")
}
pub fn pn_id(s: &str) -> waba_core::graph::PhoneNumberId {
    waba_core::graph::PhoneNumberId::parse(s).expect("a phone number id")
}

/// The PIN the seeded connected numbers have (an admin who knows it).
pub fn forgotten_pin() -> waba_core::graph::TwoStepPin {
    waba_core::graph::TwoStepPin::parse(waba_core::sandbox::seed::FORGOTTEN_PIN.into()).unwrap()
}
