#!/usr/bin/env bash
# The Linux packages as the distributions' own checkers read them: lintian on the .deb and
# rpmlint on the .rpm, failing on any error. `make bundle` checks the release packages;
# `make test` (through the upgrade test) the debug ones, whose binary keeps its symbols (the one
# tag allowed there). src-tauri/linux/rpmlintrc names what the bundler cannot set, and why.
#   scripts/package-lint.sh release|debug
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
profile=${1:?release or debug}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$here/Cargo.toml" | head -1)
deb="$here/target/$profile/bundle/deb/waba-remover_${version}_amd64.deb"
rpm="$here/target/$profile/bundle/rpm/waba-remover-${version}-1.x86_64.rpm"
suppress=()
[ "$profile" = debug ] && suppress=(--suppress-tags unstripped-binary-or-object)

echo "waba-remover: lintian $(basename "$deb")"
# Running as root (CI's containers) only earns lintian's advice not to.
lintian --fail-on error --tag-display-limit 0 "${suppress[@]}" "$deb" 2> >(grep -v 'root privileges' >&2)
echo "waba-remover: rpmlint $(basename "$rpm")"
rpmlint -r "$here/src-tauri/linux/rpmlintrc" "$rpm" | sed -n '/^waba-remover/p;/packages and/p'
exit "${PIPESTATUS[0]}"
