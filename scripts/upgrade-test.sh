#!/usr/bin/env bash
# Upgrades keep what the admin saved: this version's .deb (from `make bundle-debug`) and a newer one,
# made by repacking the same package with a higher version (what this tests is the package
# manager and the data folders, not a second build), then tests/upgrade.rs installs one over the
# other with a token and an unfinished removal in place.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
next=$(echo "$version" | awk -F. '{print $1"."$2"."$3+1}')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
old="$tmp/waba-remover_${version}.deb"
# The packages as Debian's and Fedora's checkers read them (no error; scripts/package-lint.sh).
scripts/package-lint.sh debug
cp "target/debug/bundle/deb/waba-remover_${version}_amd64.deb" "$old"

echo "waba-remover: repacking the package as $next"
dpkg-deb -R "$old" "$tmp/pkg"
# The package as a distribution reads it (beyond lintian): each dependency once, libc6 named,
# and the copyright file in place.
deps=$(sed -n 's/^Depends: //p' "$tmp/pkg/DEBIAN/control" | tr ',' '\n' | sed 's/^ *//')
if [ -n "$(printf '%s\n' "$deps" | sort | uniq -d)" ]; then
  echo "waba-remover: a dependency listed twice in the .deb: $deps" >&2; exit 1
fi
printf '%s\n' "$deps" | grep -qx libc6 || { echo "waba-remover: the .deb does not depend on libc6" >&2; exit 1; }
test -s "$tmp/pkg/usr/share/doc/waba-remover/copyright" \
  || { echo "waba-remover: no copyright file in the .deb" >&2; exit 1; }
sed -i "s/^Version: .*/Version: $next/" "$tmp/pkg/DEBIAN/control"
new="$tmp/waba-remover_${next}.deb"
dpkg-deb --root-owner-group -b "$tmp/pkg" "$new" >/dev/null

export WABA_REMOVER_UPGRADE_OLD_DEB="$old" WABA_REMOVER_UPGRADE_NEW_DEB="$new"
# Inside `make test`, the test binary its build group made (no second build).
if [ "${WABA_REMOVER_TEST_BINARIES:-}" = built ]; then
  scripts/test-binaries.py run upgrade -- --nocapture
else
  cargo test --locked --workspace --test upgrade -- --nocapture
fi
