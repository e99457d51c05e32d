#!/usr/bin/env bash
# make run: private PostgreSQL under ./var (unless DATABASE_URL is set), migrate,
# demo data with a login printed once, then serve in the foreground (Ctrl-C stops).
set -euo pipefail
cd "$(dirname "$0")/.."
# Two roles, as in production (docs/operations.md): migrations run as the owner
# (postgres in the private cluster), the server as the least-privilege fphc_app.
if [ -z "${DATABASE_URL:-}" ]; then
  OWNER_URL=$(scripts/pg.sh start var/pg)
  DATABASE_URL=$(scripts/pg.sh app-url var/pg)
  export DATABASE_URL
  echo "fphc: private PostgreSQL under ./var/pg ('make stop' stops it, 'make clean-db' removes it)"
fi
OWNER_URL=${OWNER_URL:-${FPHC_OWNER_URL:-$DATABASE_URL}}
DATABASE_URL=$OWNER_URL bin/fphc migrate
bin/fphc demo init
bin/fphc demo invite
# A demo with something to look at: synthetic submitted scans (marked as demo), once.
if [ "$(psql "$DATABASE_URL" -tAXc "SELECT count(*) FROM scans WHERE is_demo AND submitted_at IS NOT NULL")" = 0 ]; then
  echo "fphc: adding 60 synthetic demo companies with submitted scans (once)"
  bin/fphc demo seed --companies 60 --quiet
fi
# ... and an office at work: advisors, statuses, meetings and actions (only
# demo scans nobody has touched yet)
bin/fphc demo workflow
# Commands typed in this checkout (bin/fphc org add, bin/fphc invite …) read
# these when DATABASE_URL is not set (cli/cli_env.c); `source var/fphc.env`
# gives a shell (psql) the same.
listen=${FPHC_LISTEN:-127.0.0.1:8080}
base=${FPHC_BASE_URL:-http://$listen}
mkdir -p var
( umask 077
  printf '# written by make run; read by bin/fphc when DATABASE_URL is not set\n'
  printf "export DATABASE_URL='%s'\n" "$DATABASE_URL"
  printf "export FPHC_OWNER_URL='%s'\n" "$OWNER_URL"
  printf "export FPHC_LISTEN='%s'\n" "$listen"
  printf "export FPHC_BASE_URL='%s'\n" "$base"
) > var/fphc.env.tmp && mv var/fphc.env.tmp var/fphc.env
echo "fphc: commands in this checkout find the database in var/fphc.env (for psql: source var/fphc.env)"
export FPHC_LISTEN=$listen FPHC_BASE_URL=$base
exec bin/fphc serve
