# Two commands set everything up on Debian/Ubuntu: `make run` and `make test`.
.PHONY: run test check e2e lint bench bundle bundle-debug upgrade-test deps-run deps-test deps-bundle build

deps-run:
	@scripts/install-deps.sh run

deps-test:
	@scripts/install-deps.sh test

deps-bundle:
	@scripts/install-deps.sh bundle

build: deps-run
	cargo build --locked

## Opens the app (practice mode when no token is saved).
run: build
	scripts/run-app.sh

## Every test: lint, unit, Graph client and sandbox over HTTP, the journey, the real keyring, the
## WebDriver end-to-end run. One summary at the end.
test: deps-test
	scripts/test-all.sh

## The edit-test loop: formatting, clippy and the core's tests (no WebKit, no window).
check: deps-run
	cargo fmt --all -- --check
	cargo clippy --locked -p waba-core --all-targets -- -D warnings
	cargo test --locked -p waba-core

## The WebDriver tests alone (Xvfb + tauri-driver + WebKitWebDriver, started by the tests).
e2e: deps-test
	PATH="$(CURDIR)/target/tools/bin:$$PATH" cargo test --locked --workspace --test e2e -- --test-threads=1 --nocapture

lint:
	cargo fmt --all -- --check
	cargo clippy --locked --workspace --all-targets -- -D warnings
	scripts/core-without-tauri.sh
	scripts/actionlint.sh

## Speed and memory figures with 100 ms injected latency (a bench target, not a timed test).
bench: deps-run
	cargo bench --locked -p waba-core --bench graph --bench release

## The Linux packages (.deb and .rpm) through a pinned tauri-cli (its published prebuilt binary,
## fetched into target/tools when missing), then lintian and rpmlint on them (no error allowed).
## Windows and macOS installers come from .github/workflows/release.yml.
bundle: deps-bundle
	@scripts/install-tauri-cli.sh
	PATH="$(CURDIR)/target/tools/bin:$$PATH" cargo tauri build --bundles deb,rpm
	scripts/package-lint.sh release
	@ls -1 target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm

## The .deb the upgrade test installs (and the .rpm, which it lints): the very binary the test build made and the end-to-end run
## drove (debug profile, the UI embedded as in a release), packaged by `cargo tauri bundle` with no
## second compile. What the upgrade test holds is the package manager and the data folders.
bundle-debug: deps-bundle
	@scripts/install-tauri-cli.sh
	@if [ "$${WABA_REMOVER_TEST_BINARIES:-}" != built ]; then scripts/test-binaries.py build --lint; fi
	PATH="$(CURDIR)/target/tools/bin:$$PATH" cargo tauri bundle --debug --bundles deb,rpm

## Upgrades keep what the admin saved: this version's .deb, a token and an unfinished removal,
## then a newer one over it (scripts/upgrade-test.sh).
upgrade-test: bundle-debug deps-test
	scripts/upgrade-test.sh
