#!/usr/bin/env bash
# make run: private PostgreSQL under ./var (unless DATABASE_URL is set), migrate,
# demo data with a login printed once, then serve in the foreground (Ctrl-C stops).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${DATABASE_URL:-}" ]; then
  DATABASE_URL=$(scripts/pg.sh start var/pg)
  export DATABASE_URL
  echo "fphc: private PostgreSQL under ./var/pg ('make stop' stops it, 'make clean-db' removes it)"
fi
bin/fphc migrate
bin/fphc demo init
bin/fphc demo invite
exec bin/fphc serve
