#!/usr/bin/env bash
# Upgrades keep what the admin saved: this version's .deb (from `make bundle`) and a newer build
# (the version bumped in a temporary copy of the repository, sharing this target folder), then
# tests/upgrade.rs installs one over the other with a token and an unfinished removal in place.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
export PATH="$here/target/tools/bin:$PATH"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
next=$(echo "$version" | awk -F. '{print $1"."$2"."$3+1}')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
old="$tmp/waba-remover_${version}.deb"
cp "target/release/bundle/deb/waba-remover_${version}_amd64.deb" "$old"

echo "waba-remover: building $next in a temporary copy"
mkdir -p "$tmp/src"
git ls-files -z | (cd "$here" && xargs -0 cp --parents -t "$tmp/src")
sed -i "0,/^version = \"$version\"/s//version = \"$next\"/" "$tmp/src/Cargo.toml"
sed -i "s/\"version\": \"$version\"/\"version\": \"$next\"/" "$tmp/src/tauri.conf.json"
(cd "$tmp/src" && CARGO_TARGET_DIR="$here/target" cargo tauri build --bundles deb)
new="$tmp/waba-remover_${next}.deb"
cp "target/release/bundle/deb/waba-remover_${next}_amd64.deb" "$new"
rm -f "target/release/bundle/deb/waba-remover_${next}_amd64.deb"

WABA_REMOVER_UPGRADE_OLD_DEB="$old" WABA_REMOVER_UPGRADE_NEW_DEB="$new" \
  cargo test --locked --test upgrade -- --nocapture
