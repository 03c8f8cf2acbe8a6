#!/usr/bin/env bash
# Debian's Chromium for the browser tests (playwright-core drives it; its own browser download
# cannot work on machines that reach only the npm registry and Debian's packages).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
    echo "setup-chromium: /usr/bin/chromium is missing: install Debian's 'chromium' package (as root)" >&2
    exit 2
fi
echo "setup-chromium: installing Debian's chromium" >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
