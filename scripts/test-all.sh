#!/usr/bin/env bash
# Runs every test group and prints one summary. A group that fails does not stop the others;
# the script exits non-zero when any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
export PATH="$PWD/target/tools/bin:$PATH"
results=()
failed=0
run() {
  local name=$1; shift
  local start=$(date +%s)
  echo "==> $name: $*"
  if "$@"; then status=ok; else status=FAILED; failed=1; fi
  results+=("$(printf '%-14s %-7s %5ss' "$name" "$status" $(( $(date +%s) - start )))")
}
run lint        make --no-print-directory lint
# Every group selects the whole workspace, so the app's groups reuse the one test build (a `-p` or a
# package's own `--test` would resolve another set of features and compile the dependencies again;
# the core's groups still resolve dev-dependency features of their own: run the built binaries next).
# The core crate's tests still build without Tauri or WebKit (`make check`, CI on Windows/macOS).
ws="cargo test --locked --workspace"
run build       $ws --no-run
run release     $ws --test release_workflow
run unit        $ws --lib
run graph       $ws --test graph_client --test graph_errors --test graph_properties --test retired_fields --test contract
run sandbox     $ws --test sandbox_rules
run journey     $ws --test journey --test trust --test fault_matrix --test move_path --test restore
run keyring     $ws --test keyring
run binary      $ws --test cli --test console --test keyring_fallback
# A hung WebDriver session fails the group instead of the whole run.
run e2e         timeout 1800 $ws --test e2e -- --test-threads=1
# The installed package: this version's .deb, then a newer build over it (the first run installs
# tauri-cli into target/tools and builds the release profile: about 15 minutes here).
run upgrade     make --no-print-directory upgrade-test
echo
echo "================ waba-remover test summary ================"
printf '%s\n' "${results[@]}"
echo "==========================================================="
exit $failed
