#!/usr/bin/env bash
# tauri-cli for `make bundle` and the upgrade test, from its published prebuilt binary instead of
# compiling it (about 10 minutes on two cores): the npm registry's @tauri-apps/cli 2.12.4 and its
# Linux x64 binary, pinned by their sha512 (the registry's integrity), unpacked into target/tools.
# A build tool only: nothing of it ships in the app, whose UI has no npm. Needs node (>= 10; the
# Debian package is enough), which scripts/install-deps.sh installs.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
version=2.12.4
root="$here/target/tools/tauri-cli-$version"
bin="$here/target/tools/bin/cargo-tauri"
if [ -x "$bin" ] && [ -f "$root/node_modules/@tauri-apps/cli-linux-x64-gnu/cli.linux-x64-gnu.node" ]; then
  exit 0
fi
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) echo "waba-remover: the prebuilt tauri-cli is pinned for Linux x86_64; elsewhere: cargo install tauri-cli --version '~2.12' --locked" >&2; exit 1 ;;
esac
fetch() { # package file sha512 dest
  local tmp; tmp=$(mktemp -d)
  curl -fsSL --retry 3 -o "$tmp/p.tgz" "https://registry.npmjs.org/$1/-/$2"
  local got; got=$(sha512sum "$tmp/p.tgz" | cut -d' ' -f1)
  [ "$got" = "$3" ] || { echo "waba-remover: $1 does not match its checksum" >&2; rm -rf "$tmp"; exit 1; }
  mkdir -p "$4"
  tar -xzf "$tmp/p.tgz" -C "$4" --strip-components=1
  rm -rf "$tmp"
}
echo "waba-remover: fetching tauri-cli $version (prebuilt, npm registry) into target/tools"
rm -rf "$root"
fetch @tauri-apps/cli "cli-$version.tgz" \
  248f5b1dfb9d4912629063ab8db5c49ba463cf3be62ae2dcf898b1075344f21373424365082202de94c44b7bb2a6447d9711ebb1bc737274b0848d88c4142987 \
  "$root/node_modules/@tauri-apps/cli"
fetch @tauri-apps/cli-linux-x64-gnu "cli-linux-x64-gnu-$version.tgz" \
  b4dcd949aefd6759d1a47c44a50dfc96c005a4a945958be85f38d357e951467ff349fdf0add502df09cb72ad9711a75c84fbb8b6d2b4ce2be1633afe5c60f5f5 \
  "$root/node_modules/@tauri-apps/cli-linux-x64-gnu"
mkdir -p "$(dirname "$bin")"
# `cargo tauri build` runs `cargo-tauri tauri build`: the first word is cargo's, not the CLI's.
cat > "$bin" <<SCRIPT
#!/bin/sh
[ "\$1" = tauri ] && shift
exec node "$root/node_modules/@tauri-apps/cli/tauri.js" "\$@"
SCRIPT
chmod +x "$bin"
"$bin" --version
