#!/usr/bin/env bash
# A PgBouncer in transaction mode in front of a scripts/pg.sh cluster, for the
# integration suites' pass through a pooler (scripts/test.sh):
#   scripts/pgbouncer.sh start PG_DIR DIR   → prints the port it listens on (loopback)
#   scripts/pgbouncer.sh stop DIR
# Every database of the cluster is reachable through it (`* =`), for the roles
# postgres and fphc_app, without passwords (loopback only, like the cluster).
# As root, PgBouncer runs as the 'postgres' user (it refuses root).
set -euo pipefail
. "$(dirname "$0")/pgbouncer_lib.sh"
cmd=${1:-}
as_pg() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

case "$cmd" in
start)
  pg=$2 d=$3
  mkdir -p "$d"
  port=""
  for p in $(seq 18300 18399); do port_free "$p" && { port=$p; break; }; done
  [ -n "$port" ] || { echo "pgbouncer.sh: no free port in 18300-18399" >&2; exit 1; }
  pgbouncer_configure "$d" "$pg" "$port" <<INI
unix_socket_dir =
max_client_conn = 500
default_pool_size = 10
INI
  as_pg pgbouncer -d -q "$d/pgbouncer.ini" || { echo "pgbouncer.sh: PgBouncer did not start; see $d/pgbouncer.log" >&2; exit 1; }
  for _ in $(seq 1 100); do port_free "$port" || { echo "$port"; exit 0; }; sleep 0.05; done
  echo "pgbouncer.sh: PgBouncer does not listen on $port; see $d/pgbouncer.log" >&2; exit 1 ;;
stop)
  d=$2
  [ -f "$d/pgbouncer.pid" ] || exit 0
  pid=$(cat "$d/pgbouncer.pid")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.05; done
  kill -KILL "$pid" 2>/dev/null || true ;;
*) echo "usage: scripts/pgbouncer.sh start PG_DIR DIR | stop DIR" >&2; exit 2 ;;
esac
