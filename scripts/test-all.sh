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
run format      cargo fmt --all -- --check
# Every test binary of the workspace in one build (one feature set: dependencies compiled once),
# with clippy's lints (-D warnings) on the workspace's crates as they are built (no second,
# check-mode compilation of the dependencies for clippy); the groups below run the binaries.
run build       scripts/test-binaries.py build --lint
export WABA_REMOVER_TEST_BINARIES=built
run lint        sh -c 'scripts/core-without-tauri.sh && scripts/actionlint.sh && appstreamcli validate --no-net src-tauri/linux/br.com.wabaremover.metainfo.xml'
t="scripts/test-binaries.py run"
run release     $t release_workflow
run unit        $t waba_core waba_remover
# The core's suites, one binary: graph client and errors, contract, retired fields, the sandbox's
# rules, the journey, trust, the fault matrix, the move path, the restore.
run core        $t core
run keyring     $t keyring
run binary      $t cli console keyring_fallback console_program
# A hung WebDriver session fails the group instead of the whole run.
run e2e         timeout 1800 $t e2e -- --test-threads=1
# The installed package: this version's .deb (a debug-profile package, built from the test
# build's dependencies), then the same package repacked with a higher version over it.
run upgrade     make --no-print-directory upgrade-test
echo
echo "================ waba-remover test summary ================"
printf '%s\n' "${results[@]}"
echo "==========================================================="
exit $failed
