#!/usr/bin/env bash
# Installs the Debian packages some test projects need: headless Chromium for the dashboard browser tests
# (Playwright drives /usr/bin/chromium; it never downloads a browser of its own).
# Idempotent and quiet: nothing happens when Chromium is already there, or when this machine cannot install
# packages (not root, or no apt-get) — the dashboard tests then say what is missing. A failed install fails loudly.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  exit 0
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive

run() {
  if ! "$@" >"$log" 2>&1; then
    echo "install-system-deps: '$*' failed:" >&2
    cat "$log" >&2
    exit 1
  fi
}

run apt-get update -qq
run apt-get install -y -qq chromium

if [ ! -x /usr/bin/chromium ]; then
  echo "install-system-deps: chromium was installed but /usr/bin/chromium is missing" >&2
  exit 1
fi
