//! The release workflow builds what the admins install (installers for Windows and macOS):
//! a platform, the App ID variable or the checksums going missing fails here, before a tag does.

const RELEASE: &str = include_str!("../.github/workflows/release.yml");
const CI: &str = include_str!("../.github/workflows/ci.yml");
const CONF: &str = include_str!("../tauri.conf.json");
const CARGO: &str = include_str!("../Cargo.toml");

/// The app's version, as Cargo.toml says it.
fn cargo_version() -> &'static str {
    CARGO
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("Cargo.toml has a version")
}

#[test]
fn every_platform_is_built_on_a_version_tag() {
    assert!(RELEASE.contains("tags: [\"v*\"]"), "runs on version tags");
    for (runner, bundles) in [
        ("windows-latest", &["nsis", "msi"][..]),
        ("macos-latest", &["universal-apple-darwin", "dmg"][..]),
        ("ubuntu-22.04", &["deb", "rpm", "appimage"][..]),
    ] {
        let at = RELEASE
            .find(&format!("platform: {runner}"))
            .unwrap_or_else(|| panic!("no {runner} in the release matrix"));
        let args = RELEASE[at..].lines().nth(1).unwrap_or("");
        for b in bundles {
            assert!(args.contains(b), "{runner} does not build {b}: {args}");
        }
    }
}

#[test]
fn the_app_id_signing_and_checksums_are_wired() {
    assert!(RELEASE.contains("WABA_REMOVER_FB_APP_ID: ${{ vars.WABA_REMOVER_FB_APP_ID }}"));
    assert!(
        RELEASE.contains("tauri-apps/tauri-action@v"),
        "the Tauri action pinned to a version"
    );
    assert!(!RELEASE.contains("tauri-action@main") && !RELEASE.contains("tauri-action@dev"));
    assert!(RELEASE.contains("SHA256SUMS"), "checksums attached");
    assert!(RELEASE.contains("releaseDraft: true"));
    assert!(RELEASE.contains("**pt-BR**") && RELEASE.contains("**English**"));
    // A release built without the Facebook login's App ID says so in its notes, in both languages.
    assert!(RELEASE.contains("vars.WABA_REMOVER_FB_APP_ID == ''"));
    assert!(
        RELEASE.contains("Sem \"Entrar com o Facebook\"")
            && RELEASE.contains("No \"Log in with Facebook\"")
    );
    for secret in ["APPLE_CERTIFICATE", "APPLE_ID", "AZURE_CLIENT_ID"] {
        assert!(RELEASE.contains(&format!("secrets.{secret}")), "{secret}");
    }
}

#[test]
fn ci_checks_windows_and_macos_before_a_release() {
    assert!(CI.contains("make test"));
    for os in ["windows-latest", "macos-latest"] {
        assert!(CI.contains(os), "{os}");
    }
    assert!(CI.contains("cargo clippy --locked --workspace --all-targets -- -D warnings"));
    // The core crate's tests (no Tauri) run on both systems, and the console's JSON and exit
    // codes (the app's subcommands and the console program).
    assert!(CI.contains("cargo test --locked -p waba-core"));
    assert!(CI.contains("cargo test --locked -p waba-remover-cli"));
    assert!(CI.contains("cargo test --locked --test console --test cli"));
}

#[test]
fn windows_runs_the_webdriver_journey_and_macos_a_start_up_smoke() {
    let win = CI.find("windows-e2e:").expect("a Windows WebDriver job");
    let job = &CI[win..];
    for needle in [
        "runs-on: windows-latest",
        "cargo install tauri-driver --version 2.1.0 --locked",
        "EdgeUpdate\\Clients\\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}",
        "msedgedriver.microsoft.com/$version/edgedriver_win64.zip",
        "axe-core-4.10.3.tgz",
        "cargo test --locked --test e2e -- --test-threads=1",
        "practice_journey::",
        "update_line::",
        "actions/upload-artifact@v6",
        "e2e-screenshots-windows",
    ] {
        assert!(job.contains(needle), "{needle}");
    }
    // The flows that need Linux's desktop are not asked of Windows.
    let run = job.lines().find(|l| l.contains("--test e2e")).unwrap();
    for linux_only in ["save_dialog", "facebook_login", "real_token"] {
        assert!(!run.contains(linux_only), "{linux_only}");
    }
    let mac = CI
        .find("macos-smoke:")
        .expect("a macOS start-up smoke test");
    assert!(CI[mac..].contains("ui booted"));
    assert!(CI[mac..].contains("runs-on: macos-latest"));
}

#[test]
fn installers_speak_portuguese_and_bring_webview2() {
    let conf: serde_json::Value = serde_json::from_str(CONF).unwrap();
    let b = &conf["bundle"];
    assert_eq!(b["windows"]["nsis"]["languages"][0], "PortugueseBR");
    assert_eq!(b["windows"]["nsis"]["displayLanguageSelector"], true);
    assert_eq!(
        b["windows"]["webviewInstallMode"]["type"],
        "downloadBootstrapper"
    );
    assert!(b["macOS"]["minimumSystemVersion"].is_string());
    for t in ["deb", "rpm", "msi", "nsis", "dmg", "appimage"] {
        assert!(
            b["targets"].as_array().unwrap().iter().any(|x| x == t),
            "{t}"
        );
    }
    let desktop = include_str!("../src-tauri/linux/waba-remover.desktop");
    for line in [
        "Name=Remover número da BM",
        "Name[pt_BR]=Remover número da BM",
        "Comment[en]=",
        "Keywords=WhatsApp;BM;WABA;",
    ] {
        assert!(desktop.contains(line), "{line}");
    }
}

/// The Windows installers carry the console program (`waba-remover-cli.exe`, the console
/// subsystem) beside the app: built in the Windows job, named with the target triple the
/// bundler expects, listed in the Windows-only configuration; never in the other platforms'.
#[test]
fn the_windows_installers_carry_the_console_program() {
    const WINDOWS: &str = include_str!("../tauri.windows.conf.json");
    let conf: serde_json::Value = serde_json::from_str(WINDOWS).unwrap();
    assert_eq!(
        conf["bundle"]["externalBin"],
        serde_json::json!(["binaries/waba-remover-cli"])
    );
    let main: serde_json::Value = serde_json::from_str(CONF).unwrap();
    assert!(
        main["bundle"]["externalBin"].is_null(),
        "Linux and macOS keep the one binary"
    );
    let at = RELEASE
        .find("name: Windows console program (waba-remover-cli.exe)")
        .expect("the Windows job builds the console program");
    let step: String = RELEASE[at..].lines().take(9).collect::<Vec<_>>().join("\n");
    assert!(step.contains("if: runner.os == 'Windows'"), "{step}");
    assert!(step.contains("-p waba-remover-cli"), "{step}");
    assert!(
        step.contains("binaries/waba-remover-cli-$triple.exe"),
        "{step}"
    );
    let build = RELEASE
        .find("name: Build (and sign when the secrets exist)")
        .unwrap();
    assert!(at < build, "built before the bundler runs");
}

/// Where admins look: the winget manifests and the Homebrew cask are kept here and updated by
/// `publish.yml` once a release is published, each job only when its token exists; the Linux
/// packages carry the AppStream metadata. Every place that names the version says the app's.
#[test]
fn winget_homebrew_and_appstream_follow_the_release() {
    const PUBLISH: &str = include_str!("../.github/workflows/publish.yml");
    const WINGET: [&str; 3] = [
        include_str!("../packaging/winget/WabaRemover.WabaRemover.yaml"),
        include_str!("../packaging/winget/WabaRemover.WabaRemover.installer.yaml"),
        include_str!("../packaging/winget/WabaRemover.WabaRemover.locale.pt-BR.yaml"),
    ];
    const CASK: &str = include_str!("../packaging/homebrew/waba-remover.rb");
    const METAINFO: &str = include_str!("../src-tauri/linux/br.com.wabaremover.metainfo.xml");
    let version = cargo_version();
    let conf: serde_json::Value = serde_json::from_str(CONF).unwrap();
    assert_eq!(conf["version"], version, "tauri.conf.json");
    // On a published release only; each job says so and does nothing without its token.
    assert!(PUBLISH.contains("types: [published]"));
    assert!(PUBLISH.contains("if: env.WINGET_TOKEN != ''"));
    assert!(PUBLISH.contains("if: env.HOMEBREW_TAP_TOKEN != '' && env.HOMEBREW_TAP != ''"));
    assert!(PUBLISH.contains("winget-releaser@v"), "pinned to a version");
    assert!(PUBLISH.contains("identifier: WabaRemover.WabaRemover"));
    assert!(PUBLISH.contains("packaging/homebrew/waba-remover.rb"));
    for m in WINGET {
        assert!(
            m.contains("PackageIdentifier: WabaRemover.WabaRemover"),
            "{m}"
        );
        assert!(m.contains(&format!("PackageVersion: {version}")), "{m}");
    }
    assert!(
        WINGET[1].contains("InstallerType: nullsoft") && WINGET[1].contains("waba-remover-cli")
    );
    assert!(CASK.contains(&format!("version \"{version}\"")));
    assert!(CASK.contains("_universal.dmg") && CASK.contains("app \"waba-remover.app\""));
    // The newest release in the metadata is this version, and both packages install it.
    let newest = METAINFO
        .split("<release version=\"")
        .nth(1)
        .and_then(|r| r.split('"').next());
    assert_eq!(newest, Some(version));
    assert!(METAINFO.contains("<launchable type=\"desktop-id\">waba-remover.desktop</launchable>"));
    for pkg in ["deb", "rpm"] {
        assert_eq!(
            conf["bundle"]["linux"][pkg]["files"]
                ["/usr/share/metainfo/br.com.wabaremover.metainfo.xml"],
            "src-tauri/linux/br.com.wabaremover.metainfo.xml",
            "{pkg}"
        );
    }
}

/// Windows signing by a command: the signer the repository names (one open to a Brazilian
/// publisher among them), wired into the config only when named, the same script for every
/// file the bundler signs, and never the deprecated trusted-signing-cli.
#[test]
fn windows_signing_goes_through_one_command_for_any_signer() {
    const SIGN: &str = include_str!("../scripts/windows-sign.ps1");
    assert!(RELEASE.contains("if: runner.os == 'Windows' && vars.WINDOWS_SIGNER != ''"));
    assert!(RELEASE.contains("signCommand = $sign"));
    assert!(RELEASE.contains("scripts/windows-sign.ps1"));
    assert!(!RELEASE.contains("trusted-signing-cli"), "deprecated");
    for signer in ["artifact-signing", "azure-key-vault", "signpath"] {
        assert!(SIGN.contains(&format!("'{signer}'")), "{signer}");
        assert!(
            RELEASE.contains(&format!("'{signer}'")),
            "{signer} installed"
        );
    }
    // Every secret comes from the environment the Build step gives it, none from an argument.
    for var in [
        "KEY_VAULT_URL",
        "KEY_VAULT_CERTIFICATE",
        "SIGNPATH_API_TOKEN",
        "SIGNING_ENDPOINT",
    ] {
        assert!(SIGN.contains(&format!("$env:{var}")), "{var}");
        assert!(
            RELEASE.contains(&format!("{var}: ${{{{")),
            "{var} given to the build"
        );
    }
}

#[test]
fn updates_are_published_signed_only_when_the_publisher_has_a_key() {
    // The key's secret decides, read as an environment value (secrets cannot be read in `if:`).
    assert!(RELEASE.contains(
        "HAS_UPDATER_KEY: ${{ secrets.TAURI_SIGNING_PRIVATE_KEY != '' && vars.TAURI_UPDATER_PUBKEY != '' }}"
    ));
    assert!(RELEASE.contains("if: env.HAS_UPDATER_KEY == 'true'"));
    // The config the installers carry: the public key, the latest.json this workflow uploads,
    // the updater packages made and signed by the bundler (after Authenticode).
    for needle in [
        "createUpdaterArtifacts: true",
        "PUBKEY: ${{ vars.TAURI_UPDATER_PUBKEY }}",
        "releases/latest/download/latest.json",
        "TAURI_SIGNING_PRIVATE_KEY: ${{ secrets.TAURI_SIGNING_PRIVATE_KEY }}",
        "TAURI_SIGNING_PRIVATE_KEY_PASSWORD: ${{ secrets.TAURI_SIGNING_PRIVATE_KEY_PASSWORD }}",
        "uploadUpdaterJson: ${{ env.HAS_UPDATER_KEY == 'true' }}",
        "updaterJsonPreferNsis: true",
        "${{ env.TAURI_UPDATER_ARGS }}",
        "installMode: \"passive\"",
    ] {
        assert!(RELEASE.contains(needle), "{needle}");
    }
    // The console program built apart on Windows reads the same source: the step that writes
    // it comes before that build.
    let config = RELEASE
        .find("TAURI_CONFIG=")
        .expect("the console's update source");
    let console = RELEASE
        .find("cargo build --release --locked -p waba-remover-cli")
        .unwrap();
    assert!(config < console);
    // The repository's own config has no update source: a local build says it has no updates.
    let conf: serde_json::Value = serde_json::from_str(CONF).unwrap();
    assert!(
        conf["plugins"]["updater"].is_null(),
        "the key is the publisher's, set at release"
    );
}

#[test]
fn what_changed_comes_from_changes_md_in_both_languages() {
    const CHANGES: &str = include_str!("../CHANGES.md");
    let version = cargo_version();
    let section: Vec<&str> = CHANGES
        .lines()
        .skip_while(|l| *l != format!("## {version}"))
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .collect();
    for lang in ["- pt-BR: ", "- en: "] {
        assert!(
            section
                .iter()
                .any(|l| l.starts_with(lang) && l.len() > lang.len() + 10),
            "CHANGES.md has no {lang:?} line for {version}"
        );
    }
    // The release notes begin with them, one paragraph per language (the app's line reads the
    // first paragraph of each).
    let body = RELEASE.find("releaseBody: |").unwrap();
    let after = &RELEASE[body..];
    assert!(
        after.find("**pt-BR** — ${{ env.CHANGES_PT }}").unwrap()
            < after.find("**pt-BR** — Instaladores").unwrap()
    );
    assert!(after.contains("**English** — ${{ env.CHANGES_EN }}"));
    assert!(RELEASE.contains("CHANGES.md has no pt-BR and en line"));
}

/// The publisher, its contact and the licence are set once (`authors` and `license` of
/// Cargo.toml) and every installer says the same: the .deb's Maintainer (Tauri writes `authors`),
/// the Windows and macOS installers' publisher and copyright, the AppStream metadata, the Debian
/// copyright and changelog, winget. lintian and rpmlint read the packages (scripts/package-lint.sh).
#[test]
fn the_publisher_contact_and_licence_are_one_everywhere() {
    const METAINFO: &str = include_str!("../src-tauri/linux/br.com.wabaremover.metainfo.xml");
    const COPYRIGHT: &str = include_str!("../src-tauri/linux/copyright");
    const CHANGELOG: &str = include_str!("../src-tauri/linux/changelog");
    const WINGET: &str =
        include_str!("../packaging/winget/WabaRemover.WabaRemover.locale.pt-BR.yaml");
    const LICENSE: &str = include_str!("../LICENSE");
    let field = |name: &str| {
        CARGO
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name} = ")))
            .unwrap_or_else(|| panic!("Cargo.toml has no {name}"))
            .trim_matches(|c| c == '"' || c == '[' || c == ']')
            .to_owned()
    };
    let author = field("authors");
    let (publisher, contact) = author
        .strip_suffix('>')
        .and_then(|a| a.split_once(" <"))
        .expect("authors is \"Name <address>\" (the .deb's Maintainer)");
    assert!(contact.contains('@') && !contact.contains(' '), "{contact}");
    let licence = field("license");
    assert_eq!(licence, "MIT");
    let version = field("version");

    let conf: serde_json::Value = serde_json::from_str(CONF).unwrap();
    assert_eq!(conf["bundle"]["publisher"], publisher);
    assert_eq!(conf["bundle"]["license"], licence);
    assert!(conf["bundle"]["copyright"]
        .as_str()
        .unwrap()
        .ends_with(publisher));
    assert!(METAINFO.contains(&format!("<name>{publisher}</name>")));
    assert!(METAINFO.contains(&format!("<update_contact>{contact}</update_contact>")));
    assert!(METAINFO.contains(&format!("<project_license>{licence}</project_license>")));
    assert!(COPYRIGHT.contains(&format!("Copyright: 2026 {publisher}")));
    assert!(
        COPYRIGHT.contains("License: Expat"),
        "MIT, as Debian names it"
    );
    assert!(LICENSE.starts_with("MIT License"));
    assert!(WINGET.contains(&format!("Publisher: {publisher}")));
    assert!(WINGET.contains(&format!("License: {licence}")));
    // The Debian changelog: this version at the top, signed by the publisher's contact.
    assert!(
        CHANGELOG.starts_with(&format!("waba-remover ({version}) ")),
        "{CHANGELOG}"
    );
    assert!(CHANGELOG.contains(&format!(" -- {publisher} <{contact}>  ")));
    assert_eq!(
        conf["bundle"]["linux"]["deb"]["changelog"],
        "src-tauri/linux/changelog"
    );
    // The checkers run where the packages are made.
    const MAKEFILE: &str = include_str!("../Makefile");
    const UPGRADE: &str = include_str!("../scripts/upgrade-test.sh");
    assert!(MAKEFILE.contains("scripts/package-lint.sh release"));
    assert!(UPGRADE.contains("scripts/package-lint.sh debug"));
}
