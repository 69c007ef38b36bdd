//! "Is there a newer version?" over real HTTP on loopback: the manifest the release workflow
//! publishes, read as the app and the console read it (`docs/updates.md`).

use crate::common::static_http::{Answer, StaticHttp};
use waba_core::update::{check, platform_key, Check, Source, UpdateError};

fn manifest(version: &str) -> String {
    serde_json::json!({
        "version": version,
        "notes": "**pt-BR** — O que mudou: códigos de erro novos da Meta.\n\n**English** — What changed: Meta's new error codes.",
        "pub_date": "2027-01-10T12:00:00Z",
        "platforms": { platform_key(): {"url": "https://example.com/pkg", "signature": "c2ln"} }
    })
    .to_string()
}

fn source(http: &StaticHttp) -> Source {
    Source::new(Some(&http.url("/latest.json")), Some("a public key")).unwrap()
}

#[tokio::test]
async fn a_newer_version_is_offered_with_its_notes() {
    let http = StaticHttp::start();
    http.answer("/latest.json", Answer::ok(manifest("0.9.0")));
    let Check::Available(a) = check(&source(&http), "0.1.0").await.unwrap() else {
        panic!("offered")
    };
    assert_eq!(a.version, "0.9.0");
    assert_eq!(a.notes.pt, "O que mudou: códigos de erro novos da Meta.");
    assert_eq!(a.notes.en, "What changed: Meta's new error codes.");
    assert_eq!(a.date.as_deref(), Some("2027-01-10T12:00:00Z"));
    assert_eq!(check(&source(&http), "0.9.0").await, Ok(Check::UpToDate));
}

#[tokio::test]
async fn no_content_is_up_to_date() {
    let http = StaticHttp::start();
    http.answer("/latest.json", Answer::status(204));
    assert_eq!(check(&source(&http), "0.1.0").await, Ok(Check::UpToDate));
}

#[tokio::test]
async fn what_is_not_a_manifest_is_said_never_offered() {
    let http = StaticHttp::start();
    assert_eq!(
        check(&source(&http), "0.1.0").await,
        Err(UpdateError::Status(404))
    );
    http.answer("/latest.json", Answer::ok("<html>oops</html>"));
    assert!(matches!(
        check(&source(&http), "0.1.0").await,
        Err(UpdateError::Manifest(_))
    ));
    http.answer("/latest.json", Answer::ok(vec![b' '; 300 * 1024]));
    assert!(matches!(
        check(&source(&http), "0.1.0").await,
        Err(UpdateError::Manifest(_))
    ));
    // A redirect to plain HTTP elsewhere is not followed.
    http.answer(
        "/latest.json",
        Answer {
            status: 302,
            headers: vec![("Location".into(), "http://example.com/latest.json".into())],
            body: vec![],
        },
    );
    assert_eq!(
        check(&source(&http), "0.1.0").await,
        Err(UpdateError::Status(302))
    );
}

#[tokio::test]
async fn a_closed_port_is_a_network_failure() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let s = Source::new(
        Some(&format!("http://127.0.0.1:{port}/latest.json")),
        Some("k"),
    )
    .unwrap();
    assert!(matches!(
        check(&s, "0.1.0").await,
        Err(UpdateError::Network(_))
    ));
}

#[tokio::test]
async fn the_days_answer_is_asked_once_and_kept_in_the_data_folder() {
    use waba_core::update::Memory;
    let http = StaticHttp::start();
    http.answer("/latest.json", Answer::ok(manifest("0.9.0")));
    let dir = tempfile::tempdir().unwrap();
    let first = Memory::of_today(dir.path().to_path_buf(), &source(&http), "0.1.0").await;
    assert_eq!(first.offered(), Some("0.9.0"));
    let again = Memory::of_today(dir.path().to_path_buf(), &source(&http), "0.1.0").await;
    assert_eq!(again, first, "the saved answer, not a second read");
    assert_eq!(http.asked().len(), 1, "{:?}", http.asked());
    // Another installed version asks at once.
    let newer = Memory::of_today(dir.path().to_path_buf(), &source(&http), "0.9.0").await;
    assert_eq!(newer.offered(), None);
    assert_eq!(http.asked().len(), 2);
}
