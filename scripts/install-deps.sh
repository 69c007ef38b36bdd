#!/usr/bin/env bash
# Installs what building, running and testing waba-remover needs on Debian/Ubuntu.
# Idempotent: every package already present is skipped, and nothing runs when nothing is missing.
#   scripts/install-deps.sh run    packages to build and open the app
#   scripts/install-deps.sh test   + what the tests use (Xvfb, WebDriver, keyring daemon, tauri-driver)
#   scripts/install-deps.sh bundle + node, which runs the prebuilt tauri-cli, lintian, rpmlint (make bundle)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-run}

build_pkgs=(libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev libssl-dev
  libdbus-1-dev libsecret-1-dev pkg-config build-essential file)
run_pkgs=(xvfb xauth dbus dbus-x11 gnome-keyring)
test_pkgs=(webkit2gtk-driver libsecret-tools xdotool python3 imagemagick x11-apps keyutils curl ca-certificates
  appstream)
bundle_pkgs=(nodejs curl ca-certificates lintian rpmlint)

want=("${build_pkgs[@]}" "${run_pkgs[@]}")
[ "$mode" = test ] && want+=("${test_pkgs[@]}" "${bundle_pkgs[@]}")
[ "$mode" = bundle ] && want+=("${bundle_pkgs[@]}")

if ! command -v dpkg >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "waba-remover: this set-up script knows Debian/Ubuntu (apt-get)." >&2
  echo "On another system install the equivalents of: ${want[*]}" >&2
  echo "See https://v2.tauri.app/start/prerequisites/ for the Tauri part." >&2
  exit 1
fi

missing=()
for p in "${want[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "waba-remover: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ "$mode" = test ]; then
  # tauri-driver lives inside the repo (target/tools), pinned to 2.x: a 3.0 alpha exists.
  driver="$here/target/tools/bin/tauri-driver"
  if [ ! -x "$driver" ]; then
    echo "waba-remover: installing tauri-driver 2.1.0 into target/tools"
    cargo install tauri-driver --version 2.1.0 --locked --root "$here/target/tools" --quiet
  fi
  # Deque's axe-core for the accessibility checks of the e2e run: a test-only file from the npm
  # registry, pinned and checked, never shipped in the app.
  axe="$here/target/tools/axe-core/axe.min.js"
  if [ ! -s "$axe" ]; then
    echo "waba-remover: fetching axe-core 4.10.3 (test only) into target/tools"
    tmp=$(mktemp -d)
    curl -fsSL --retry 3 -o "$tmp/axe.tgz" https://registry.npmjs.org/axe-core/-/axe-core-4.10.3.tgz
    want=5e6edba515e70d25f6604d9815f064d859c5d1ea7ab661bbc4f87c88779ef0c21cae0abbeb636471ef39e9d62d2582e4b88a1866f19f4ecfcf6d986275e4dc12
    got=$(sha512sum "$tmp/axe.tgz" | cut -d' ' -f1)
    [ "$got" = "$want" ] || { echo "waba-remover: axe-core download does not match its checksum" >&2; exit 1; }
    tar -xzf "$tmp/axe.tgz" -C "$tmp" package/axe.min.js
    mkdir -p "$(dirname "$axe")"
    mv "$tmp/package/axe.min.js" "$axe"
    rm -rf "$tmp"
  fi
fi
