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
run release     cargo test --locked --test release_workflow
# The core crate's tests build without Tauri or WebKit (src-tauri/core); the app's link them.
run unit        cargo test --locked --workspace --lib
run graph       cargo test --locked -p waba-core --test graph_client --test graph_errors --test graph_properties --test retired_fields --test contract
run sandbox     cargo test --locked -p waba-core --test sandbox_rules
run journey     cargo test --locked -p waba-core --test journey --test trust --test fault_matrix --test move_path --test restore
run keyring     cargo test --locked -p waba-core --test keyring
run binary      cargo test --locked --test cli --test console --test keyring_fallback
# A hung WebDriver session fails the group instead of the whole run.
run e2e         timeout 1800 cargo test --locked --test e2e -- --test-threads=1
# The installed package: this version's .deb, then a newer build over it (the first run installs
# tauri-cli into target/tools and builds the release profile: about 15 minutes here).
run upgrade     make --no-print-directory upgrade-test
echo
echo "================ waba-remover test summary ================"
printf '%s\n' "${results[@]}"
echo "==========================================================="
exit $failed
