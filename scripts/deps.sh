#!/usr/bin/env bash
# Installs the Debian packages fphc needs that are missing; only what dpkg says is absent.
# Usage: scripts/deps.sh run|test   ("test" adds the packages only the tests need)
set -euo pipefail
mode=${1:-run}

run_pkgs=(build-essential pkg-config libmicrohttpd-dev libpq-dev postgresql
  libcjson-dev libhpdf-dev libsodium-dev libcurl4-openssl-dev fonts-dejavu-core
  libcmark-dev libreadstat-dev libxlsxwriter-dev libpng-dev liboath-dev zlib1g-dev libzip-dev libexpat1-dev
  libqrencode-dev)
test_pkgs=(libcmocka-dev wrk curl bc qpdf poppler-utils readstat chromium unzip
  clang libclang-rt-14-dev nodejs npm openssl python3 python3-venv r-base-core r-cran-haven r-cran-psych pgbouncer nginx oathtool python3-openpyxl zbar-tools)
# make cluster: one PgBouncer per PostgreSQL node and nginx in front of the instances
cluster_pkgs=(pgbouncer nginx curl)

pkgs=("${run_pkgs[@]}")
if [ "$mode" = test ] || [ "$mode" = bench ]; then pkgs+=("${test_pkgs[@]}"); fi
if [ "$mode" = cluster ]; then pkgs+=("${cluster_pkgs[@]}"); fi

missing=()
for p in "${pkgs[@]}"; do
  # npm/node may come from elsewhere than Debian; a working command is enough.
  case "$p" in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
  esac
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "fphc: missing Debian packages. Install them as root with:" >&2
  echo "  $line" >&2
  exit 1
fi
echo "fphc: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have no or old package lists: update once when a package has no candidate.
for p in "${missing[@]}"; do
  if ! apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    apt-get update -qq
    break
  fi
done
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
