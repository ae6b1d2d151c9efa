#!/usr/bin/env bash
# Installs Hugo, Jekyll and the minima theme (Debian's) for the static-site tests. Idempotent.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
packages=(hugo jekyll jekyll-theme-minima git)
installed=$(dpkg-query -W -f='${Status}\n' "${packages[@]}" 2>/dev/null | grep -c 'install ok installed' || true)
if [ "$installed" = "${#packages[@]}" ]; then echo "static: already installed"; exit 0; fi
# .ci/run has updated the package lists; a bare machine may have none yet.
ls /var/lib/apt/lists/*_Packages* >/dev/null 2>&1 || apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "static: installed"
