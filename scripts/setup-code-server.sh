#!/usr/bin/env bash
# Installs what the real VS Code suite needs on a machine that reaches only the npm registry and
# Debian's packages: Debian's Chromium and the system libraries, and code-server (VS Code's server
# and web workbench) built from npm by hand, as ../shared/VSCODE-TESTING.md describes.
# Idempotent: a finished install is marked and reused. Prints the path of code-server's entry
# script as its last line; progress goes to stderr.
set -euo pipefail

VERSION=4.117.0
repo=$(cd "$(dirname "$0")/.." && pwd)
tools=${FLYWHEEL_TOOLS:-$HOME/.cache/flywheel-tools}
home=$tools/code-server-$VERSION
entry=$home/node_modules/code-server/out/node/entry.js
say() { echo "setup-code-server: $*" >&2; }

if [ -f "$home/.installed-ok" ] && [ -f "$entry" ]; then
    echo "$entry"
    exit 0
fi

# Node 22 from the project's own dev dependency (the image has Node 20).
export PATH="$repo/node_modules/.bin:$PATH"
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 22 ]; then
    say "needs Node 22 from node_modules: run 'npm ci' first"
    exit 2
fi

packages="chromium ripgrep libkrb5-dev libxkbfile-dev libsecret-1-dev pkg-config"
missing=$(for p in $packages; do dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"; done)
if [ -n "$missing" ]; then
    if [ "$(id -u)" != 0 ]; then
        say "missing Debian packages (install them as root): $missing"
        exit 2
    fi
    say "installing Debian packages: $missing"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2
fi

say "installing code-server $VERSION into $home (a few minutes, once)"
rm -rf "$home"
mkdir -p "$home"
cd "$home"
echo '{ "name": "flywheel-code-server", "private": true }' > package.json
# Its own postinstall refuses to run as root and downloads ripgrep, so each step is done here.
npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION" >&2
vscode=$home/node_modules/code-server/lib/vscode
(cd "$vscode" && npm install --no-audit --no-fund --omit=dev --ignore-scripts) >&2
# @vscode/ripgrep skips its download when its bin folder exists: use Debian's rg.
mkdir -p "$vscode/node_modules/@vscode/ripgrep/bin"
cp /usr/bin/rg "$vscode/node_modules/@vscode/ripgrep/bin/rg"
(cd "$vscode" && npm_config_yes=true npm rebuild) >&2
ln -sfn node_modules "$vscode/node_modules.asar"
ln -sfn code-linux.sh "$vscode/bin/remote-cli/code-server"
ln -sfn browser-linux.sh "$vscode/bin/helpers/browser.sh"
(cd "$vscode/extensions" && npm install --no-audit --no-fund --omit=dev --ignore-scripts) >&2
npm_config_yes=true npm rebuild argon2 >&2
version=$(node "$entry" --version | head -1)
say "code-server $version ready"
touch "$home/.installed-ok"
echo "$entry"
