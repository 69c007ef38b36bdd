#!/usr/bin/env bash
# Installs what building, running and testing waba-remover needs on Debian/Ubuntu.
# Idempotent: every package already present is skipped, and nothing runs when nothing is missing.
#   scripts/install-deps.sh run    packages to build and open the app
#   scripts/install-deps.sh test   + what the tests use (Xvfb, WebDriver, keyring daemon, tauri-driver)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-run}

build_pkgs=(libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev libssl-dev
  libdbus-1-dev libsecret-1-dev pkg-config build-essential file)
run_pkgs=(xvfb xauth dbus dbus-x11 gnome-keyring)
test_pkgs=(webkit2gtk-driver libsecret-tools xdotool imagemagick x11-apps keyutils)

want=("${build_pkgs[@]}" "${run_pkgs[@]}")
[ "$mode" = test ] && want+=("${test_pkgs[@]}")

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
fi
