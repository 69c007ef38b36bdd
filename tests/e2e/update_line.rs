//! "Versão nova": the line under the top bar, from a manifest served on loopback as the release
//! workflow publishes it (`docs/updates.md`). The admin reads the version and what changed, asks
//! for the install, and a package not signed by the published key is refused on screen with
//! nothing replaced; while the number is off WhatsApp and not yet proven deleted the install
//! waits, and it is offered again once Meta proves the deletion.

use crate::common::static_http::{Answer, StaticHttp};
use crate::driver::{click, wait_id, wait_text, Driver};
use crate::harness::{axe, confirm_number, shot, skip_backup, walk_to_backup};
use base64::Engine;

fn b64(s: String) -> String {
    base64::engine::general_purpose::STANDARD.encode(s)
}

#[tokio::test]
async fn a_new_version_is_offered_and_a_foreign_package_refused() {
    let publisher = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let stranger = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let mut package = b"\x7fELF the new version".to_vec();
    package.resize(64, 0);
    let signature = minisign::sign(
        Some(&stranger.pk),
        &stranger.sk,
        std::io::Cursor::new(&package),
        Some("timestamp:1700000000\tfile:waba-remover.AppImage\tversion:9.0.0"),
        None,
    )
    .unwrap();
    let http = StaticHttp::start();
    http.answer(
        "/latest.json",
        Answer::ok(
            serde_json::json!({
                "version": "9.0.0",
                "notes": "**pt-BR** — O que mudou: os códigos de erro novos da Meta.\n\n**English** — What changed: Meta's new error codes.",
                "pub_date": "2027-01-10T12:00:00Z",
                "platforms": { waba_core::update::platform_key(): {"url": http.url("/pkg"), "signature": b64(signature.to_string())} }
            })
            .to_string(),
        ),
    );
    http.answer("/pkg", Answer::ok(package));
    let installed = tempfile::tempdir().unwrap();
    let exe = installed.path().join("waba-remover.AppImage");
    std::fs::write(&exe, b"\x7fELF installed").unwrap();

    let d = Driver::start(&[
        ("WABA_REMOVER_UPDATE_URL", http.url("/latest.json")),
        (
            "WABA_REMOVER_UPDATE_PUBKEY",
            b64(publisher.pk.to_box().unwrap().to_string()),
        ),
        ("WABA_REMOVER_UPDATE_EXE", exe.display().to_string()),
    ]);
    let c = d.launch().await;
    wait_text(&c, "update-available", "9.0.0").await;
    wait_text(&c, "update-available", "códigos de erro novos").await;
    let v = axe(&c).await;
    assert!(v.is_empty(), "axe: {v:#?}");
    shot(&c, "00u-update-offered").await;

    click(&c, "update-install").await;
    wait_text(&c, "update-line", "assinatura").await;
    wait_text(&c, "update-line", "Nada foi instalado nem substituído").await;
    assert_eq!(std::fs::read(&exe).unwrap(), b"\x7fELF installed");
    let v = axe(&c).await;
    assert!(v.is_empty(), "axe: {v:#?}");
    shot(&c, "00v-update-refused").await;
    // Once a day: the launch asked, the redraws did not ask again (the install asked once).
    let reads = http.asked().iter().filter(|p| *p == "/latest.json").count();
    assert_eq!(reads, 2, "{:?}", http.asked());
    wait_id(&c, "update-install").await;

    // The number disconnected and its deletion not yet proven: the install waits, and the line
    // says for what; once Meta proves the deletion, it is offered again.
    walk_to_backup(&c, false).await;
    skip_backup(&c).await;
    confirm_number(&c, false).await;
    wait_text(&c, "update-after", "desconectado").await;
    assert!(c
        .find(fantoccini::Locator::Id("update-install"))
        .await
        .is_err());
    shot(&c, "00w-update-waits-for-the-deletion").await;
    wait_id(&c, "practice-next").await;
    click(&c, "trash-3000000000000004").await;
    wait_id(&c, "screen-remove_waba").await;
    wait_id(&c, "update-install").await;
    c.close().await.unwrap();
}
