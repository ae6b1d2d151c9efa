#!/usr/bin/env bash
# Installs WordPress (Debian's 6.1), MariaDB and the PHP CLI for the integration tests.
# Idempotent. The tests start private instances themselves; the system services are
# neither needed nor wanted, so they are kept from starting during the install.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
packages=(wordpress wordpress-theme-twentytwentythree mariadb-server php-cli php-mysql php-gd php-xml php-mbstring php-curl)
installed=$(dpkg-query -W -f='${Status}\n' "${packages[@]}" 2>/dev/null | grep -c 'install ok installed' || true)
if [ "$installed" = "${#packages[@]}" ]; then echo "wordpress: already installed"; exit 0; fi
# wordpress hard-depends on apache2: on a machine with an init system it would start
# apache (port 80) and the system MariaDB. Refuse service starts unless a policy exists.
guard=/usr/sbin/policy-rc.d
if [ ! -e "$guard" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$guard" && chmod +x "$guard"
  trap 'rm -f "$guard"' EXIT
fi
# .ci/run has updated the package lists; a bare machine may have none yet.
ls /var/lib/apt/lists/*_Packages* >/dev/null 2>&1 || apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "wordpress: installed"
