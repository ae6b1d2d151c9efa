#!/usr/bin/env bash
# Installs Ghost 5.130.6 (the last line that runs on Node 20) with SQLite into a cache folder
# outside the repository, for the integration tests. Idempotent: skips when already there.
# `npm install ghost` fails on its devDependencies (workspace-only packages), so the package
# is unpacked, its devDependencies dropped, and installed in place. sqlite3 and re2 compile
# from source: python3, make and g++ must be present. Takes about 8 minutes.
set -euo pipefail
version=5.130.6
dir=${POSTWRIGHT_GHOST_DIR:-/opt/postwright-test-ghost/$version}
if [ -f "$dir/.installed" ]; then echo "ghost: already installed in $dir"; exit 0; fi
for tool in python3 make g++; do
  command -v "$tool" >/dev/null || { echo "ghost: $tool is needed to build sqlite3 and re2" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$dir" && mkdir -p "$dir"
(cd "$work" && npm pack --silent "ghost@$version" >/dev/null)
tar -xzf "$work/ghost-$version.tgz" -C "$dir" --strip-components=1
node -e '
  const fs = require("fs"); const file = process.argv[1];
  const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
  delete pkg.devDependencies;
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2));
' "$dir/package.json"
(cd "$dir" && npm install --omit=dev --legacy-peer-deps --no-audit --no-fund --loglevel=error)
# Proves the native modules load before the folder counts as installed.
(cd "$dir" && node -e 'require("sqlite3"); require("re2")')
touch "$dir/.installed"
echo "ghost: installed $version in $dir"
