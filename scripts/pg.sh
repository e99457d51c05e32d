#!/usr/bin/env bash
# Private PostgreSQL cluster for fphc: Unix socket in the data folder's parent, no TCP.
#   scripts/pg.sh start DIR   init (once) and start; prints the conninfo on stdout
#   scripts/pg.sh stop DIR    stop it (quietly does nothing when not running)
#   scripts/pg.sh url DIR     print the conninfo (the owner role, for migrations)
#   scripts/pg.sh app-url DIR print the conninfo of the least-privilege role fphc_app
# `start` also creates the role fphc_app (LOGIN, no password: the cluster trusts
# its private socket only). `fphc migrate` run as the owner grants it what the
# server needs; `fphc serve` connects as fphc_app (docs/operations.md).
# As root, PostgreSQL runs as the unprivileged 'postgres' user (it refuses root).
set -euo pipefail
cmd=${1:?usage: pg.sh start|stop|url|app-url DIR}
dir=${2:?usage: pg.sh start|stop|url|app-url DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data="$dir/data"
sock="$dir"
bindir=$(pg_config --bindir)

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

url() { echo "host=$sock dbname=fphc user=postgres"; }
app_url() { echo "host=$sock dbname=fphc user=fphc_app"; }

check_paths() {
  local sockpath="$sock/.s.PGSQL.5432"
  if [ ${#sockpath} -gt 107 ]; then
    echo "fphc: the socket path $sockpath is ${#sockpath} bytes; the kernel allows 107. Move the checkout to a shorter path or set DATABASE_URL." >&2
    exit 1
  fi
  if [ "$(id -u)" -eq 0 ]; then
    local p="$dir"
    while [ "$p" != "/" ]; do
      if ! runuser -u postgres -- test -x "$p"; then
        echo "fphc: the 'postgres' user cannot enter $p, so PostgreSQL cannot live under $dir. Make it traversable (chmod o+x \"$p\"), move the checkout, or set DATABASE_URL." >&2
        exit 1
      fi
      p=$(dirname "$p")
    done
    chown postgres: "$dir"
  fi
}

case "$cmd" in
start)
  check_paths
  if [ ! -f "$data/PG_VERSION" ]; then
    as_pg "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
      || { echo "fphc: initdb failed; see $dir/initdb.log" >&2; exit 1; }
    cat >>"$data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$sock'
max_connections = 200
shared_buffers = 256MB
fsync = on
CONF
  fi
  if ! as_pg "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_pg "$bindir/pg_ctl" -D "$data" -l "$dir/postgres.log" -w -t 30 start >/dev/null \
      || { echo "fphc: PostgreSQL did not start; see $dir/postgres.log" >&2; exit 1; }
  fi
  if ! "$bindir/psql" -h "$sock" -U postgres -d postgres -tAc "select 1 from pg_database where datname='fphc'" | grep -q 1; then
    "$bindir/createdb" -h "$sock" -U postgres fphc
  fi
  "$bindir/psql" -h "$sock" -U postgres -d postgres -qtAX -c \
    "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fphc_app') THEN CREATE ROLE fphc_app LOGIN; END IF; END \$\$" >/dev/null
  url
  ;;
stop)
  if [ -f "$data/PG_VERSION" ] && as_pg "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_pg "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null
  fi
  ;;
url) url ;;
app-url) app_url ;;
*) echo "usage: pg.sh start|stop|url|app-url DIR" >&2; exit 2 ;;
esac
