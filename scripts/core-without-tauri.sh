#!/usr/bin/env bash
# The core crate (src-tauri/core) must build without Tauri or a web view: its dependency tree,
# normal, dev and build, may not hold tauri, wry or webkit2gtk. Part of `make lint`.
set -euo pipefail
cd "$(dirname "$0")/.."
found=$(cargo tree --locked -p waba-core -e normal,dev,build --prefix none --format '{p}' \
  | awk '{print $1}' | grep -E '^(tauri|tauri-[a-z-]+|wry|webkit2gtk|webkit2gtk-sys|javascriptcore-rs)$' | sort -u || true)
if [ -n "$found" ]; then
  echo "waba-core depends on the shell's crates: $found" >&2
  exit 1
fi
echo "waba-core: no tauri, wry or webkit2gtk in its dependency tree"
