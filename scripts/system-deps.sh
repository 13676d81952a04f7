#!/usr/bin/env bash
# System packages the test suite needs, installed where missing (CI starts from a bare machine).
# Each need is listed once below with the command that proves it is met.
set -euo pipefail

needs=(
  "chromium:/usr/bin/chromium"                     # browser tests (Playwright drives Debian's Chromium)
  "postgresql:/usr/lib/postgresql/*/bin/pg_ctl"    # the PostgreSQL store tests start their own server
)

missing=()
for need in "${needs[@]}"; do
  package=${need%%:*}
  check=${need#*:}
  command -v "$check" >/dev/null 2>&1 || compgen -G "$check" >/dev/null || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "system-deps: need ${missing[*]} but am not root; install them and re-run" >&2
  exit 1
fi
echo "system-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
