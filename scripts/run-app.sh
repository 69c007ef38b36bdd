#!/usr/bin/env bash
# Opens the app. Without a display (a server, CI) it runs under Xvfb; without a session bus it
# gets one (the keyring then falls back to the kernel session keyring, and the app says so).
set -euo pipefail
bin="$(cd "$(dirname "$0")/.." && pwd)/target/debug/waba-remover"
cmd=("$bin" "$@")
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  cmd=(dbus-run-session -- "${cmd[@]}")
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "waba-remover: no display found; running under Xvfb (screen :99 unless taken)."
  exec xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" "${cmd[@]}"
fi
exec "${cmd[@]}"
