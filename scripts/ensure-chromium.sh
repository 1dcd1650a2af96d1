#!/usr/bin/env bash
# Make sure Debian's chromium is installed at /usr/bin/chromium (the browser the web tests drive).
# Idempotent: does nothing when it is already there. Needs root (or sudo) to install.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ensure-chromium: /usr/bin/chromium missing and not root (no sudo); browser tests will skip" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
test -x /usr/bin/chromium
echo "ensure-chromium: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
