#!/usr/bin/env bash
# The multi-machine topology of docs/operations.md on one machine, loopback only:
#
#   nginx :BASE ─┬─ fphc serve :BASE+1 ─┐    DATABASE_URL = both PgBouncers,
#                └─ fphc serve :BASE+2 ─┤    target_session_attrs=read-write
#                                       ├─ PgBouncer :BASE+11 (transaction) ─ PostgreSQL pg1 (primary)
#                                       └─ PgBouncer :BASE+12 (transaction) ─ PostgreSQL pg2 (synchronous
#                                                                               streaming replica)
#   FPHC_DATABASE_READ_URL = the replica's PgBouncer (research reads).
#
#   scripts/cluster.sh start [DIR]    init (once) and start everything in the background
#   scripts/cluster.sh stop [DIR]     stop everything (quiet when nothing runs)
#   scripts/cluster.sh status [DIR]   what runs, who is primary, replication state
#   scripts/cluster.sh env [DIR]      the DATABASE_URL etc. for the command line
#   scripts/cluster.sh demo [DIR]     demo logins (printed) and synthetic scans, through the cluster
#   scripts/cluster.sh failover [DIR] fence the primary (stop it and its PgBouncer) and
#                                     promote the standby, clearing synchronous_standby_names
#   scripts/cluster.sh kill-primary [DIR]  crash the primary PostgreSQL (immediate stop) only
#
# DIR defaults to ./var/cluster; CLUSTER_PORT (default 18200) is the first of the
# ports used (BASE, +1, +2, +11, +12). PostgreSQL itself listens on Unix sockets in
# DIR/pg1 and DIR/pg2 only. CLUSTER_LOG_STATEMENTS=1 logs every statement on both
# nodes (the cluster test uses it to prove which node served a query).
# As root, PostgreSQL and PgBouncer run as the 'postgres' user (both refuse root).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
. scripts/pgbouncer_lib.sh
cmd=${1:-}
DIR=${2:-var/cluster}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
BASE=${CLUSTER_PORT:-$(cat "$DIR/port" 2>/dev/null || echo 18200)}
BIN=${FPHC_BIN:-$ROOT/bin/fphc}
PGBIN=$(pg_config --bindir)
LB_PORT=$BASE
APP_PORTS=($((BASE + 1)) $((BASE + 2)))
PGB_PORTS=($((BASE + 11)) $((BASE + 12)))

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}
say() { echo "cluster: $*" >&2; }
die() { say "$*"; exit 1; }

node_sock() { echo "$DIR/pg$1"; }              # PostgreSQL node 1|2: socket folder
node_data() { echo "$DIR/pg$1/data"; }
owner_url() { echo "host=$(node_sock "$1") dbname=fphc user=postgres"; }
pg_running() { [ -f "$(node_data "$1")/PG_VERSION" ] && as_pg "$PGBIN/pg_ctl" -D "$(node_data "$1")" status >/dev/null 2>&1; }
in_recovery() { psql "$(owner_url "$1")" -qtAX -c 'SELECT pg_is_in_recovery()' 2>/dev/null; }

# The application's connection strings: both PgBouncers, the writable one wins.
database_url() {
  echo "host=127.0.0.1,127.0.0.1 port=${PGB_PORTS[0]},${PGB_PORTS[1]} dbname=fphc user=fphc_app target_session_attrs=read-write connect_timeout=2"
}
read_url() { echo "host=127.0.0.1 port=${PGB_PORTS[1]} dbname=fphc user=fphc_app connect_timeout=2"; }
# Migrations and the owner's work connect directly to the primary, never through PgBouncer.
primary_owner_url() {
  local n
  for n in 1 2; do
    if pg_running "$n" && [ "$(in_recovery "$n")" = f ]; then owner_url "$n"; return 0; fi
  done
  return 1
}

check_paths() {
  local sockpath="$DIR/pg1/.s.PGSQL.5432"
  [ ${#sockpath} -le 107 ] || die "the socket path $sockpath is longer than 107 bytes; use a shorter DIR"
  if [ "$(id -u)" -eq 0 ]; then
    local p="$DIR"
    while [ "$p" != / ]; do
      runuser -u postgres -- test -x "$p" || die "the 'postgres' user cannot enter $p; chmod o+x it or use another DIR"
      p=$(dirname "$p")
    done
  fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

init_primary() {
  local d; d=$(node_data 1)
  mkdir -p "$DIR/pg1"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$DIR/pg1"
  as_pg "$PGBIN/initdb" -D "$d" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$DIR/pg1/initdb.log" 2>&1 \
    || die "initdb failed; see $DIR/pg1/initdb.log"
  # The standby inherits this file through pg_basebackup and appends its own lines.
  as_pg tee -a "$d/postgresql.conf" >/dev/null <<CONF
# --- fphc cluster (scripts/cluster.sh)
listen_addresses = ''
unix_socket_directories = '$DIR/pg1'
cluster_name = 'pg1'
max_connections = 100
shared_buffers = 128MB
wal_level = replica
max_wal_senders = 5
max_replication_slots = 5
hot_standby = on
hot_standby_feedback = on
wal_receiver_status_interval = 1s
synchronous_commit = on
log_line_prefix = '%m [%p] %q%u@%d %a '
CONF
  if [ "${CLUSTER_LOG_STATEMENTS:-0}" = 1 ]; then
    echo "log_statement = 'all'" | as_pg tee -a "$d/postgresql.conf" >/dev/null
  fi
}

start_node() {  # N
  local n=$1
  pg_running "$n" && return 0
  as_pg "$PGBIN/pg_ctl" -D "$(node_data "$n")" -l "$DIR/pg$n/postgres.log" -w -t 60 start >/dev/null \
    || die "PostgreSQL pg$n did not start; see $DIR/pg$n/postgres.log"
}

init_standby() {  # a copy of the primary, streaming from it: pg_basebackup -R
  local d; d=$(node_data 2)
  mkdir -p "$DIR/pg2"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$DIR/pg2"
  as_pg "$PGBIN/pg_basebackup" -d "host=$DIR/pg1 user=postgres" -D "$d" -R -X stream -c fast -C -S pg2 \
    >"$DIR/pg2/basebackup.log" 2>&1 || die "pg_basebackup failed; see $DIR/pg2/basebackup.log"
  as_pg tee -a "$d/postgresql.conf" >/dev/null <<CONF
# --- standby pg2 (scripts/cluster.sh); synchronous_standby_names came with the copy
unix_socket_directories = '$DIR/pg2'
cluster_name = 'pg2'
CONF
}

# One PgBouncer per PostgreSQL node, transaction pooling, trust on loopback.
# The wildcard entry serves every database of its node (the tests create many).
start_pgbouncer() {  # N
  local n=$1 d="$DIR/pgb$1"
  [ -f "$d/pgbouncer.pid" ] && kill -0 "$(cat "$d/pgbouncer.pid")" 2>/dev/null && return 0
  mkdir -p "$d"
  pgbouncer_configure "$d" "$DIR/pg$n" "${PGB_PORTS[$((n - 1))]}" <<INI
unix_socket_dir = $d
stats_users = postgres
max_client_conn = 400
default_pool_size = 20
max_db_connections = 40
server_check_delay = 10
INI
  port_free "${PGB_PORTS[$((n - 1))]}" || die "port ${PGB_PORTS[$((n - 1))]} is taken (set CLUSTER_PORT)"
  as_pg pgbouncer -d -q "$d/pgbouncer.ini" || die "PgBouncer $n did not start; see $d/pgbouncer.log"
  for _ in $(seq 1 100); do [ -S "$d/.s.PGSQL.${PGB_PORTS[$((n - 1))]}" ] && return 0; sleep 0.05; done
  die "PgBouncer $n did not open its socket; see $d/pgbouncer.log"
}

stop_pid() {  # pidfile [signal]: stop the process, wait up to 10 s
  local f=$1 sig=${2:-TERM} pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -"$sig" "$pid" 2>/dev/null || true
    for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

start_app() {  # I (1|2)
  local i=$1 d="$DIR/fphc$1" port=${APP_PORTS[$(($1 - 1))]}
  [ -f "$d/pid" ] && kill -0 "$(cat "$d/pid")" 2>/dev/null && return 0
  mkdir -p "$d"
  port_free "$port" || die "port $port is taken (set CLUSTER_PORT)"
  # setsid: the instance outlives the shell that started it (make cluster returns).
  DATABASE_URL=$(database_url) FPHC_DATABASE_READ_URL=$(read_url) FPHC_DB_POOLER=transaction \
    FPHC_TRUSTED_PROXIES=127.0.0.1 FPHC_BASE_URL="http://127.0.0.1:$LB_PORT" FPHC_WORKERS=${FPHC_WORKERS:-2} \
    setsid "$BIN" serve --listen "127.0.0.1:$port" >"$d/server.out" 2>"$d/server.log" </dev/null &
  echo $! >"$d/pid"
  for _ in $(seq 1 200); do
    grep -q 'serving on' "$d/server.out" 2>/dev/null && return 0
    kill -0 "$(cat "$d/pid")" 2>/dev/null || die "fphc$i died; see $d/server.log"
    sleep 0.05
  done
  die "fphc$i did not start; see $d/server.log"
}

# nginx with passive checks: a request that meets a refused connection or a 503
# goes to the other instance (docs/operations.md says why nginx, not HAProxy).
start_nginx() {
  local d="$DIR/nginx"
  [ -f "$d/nginx.pid" ] && kill -0 "$(cat "$d/nginx.pid")" 2>/dev/null && return 0
  mkdir -p "$d/tmp"
  cat >"$d/nginx.conf" <<CONF
worker_processes 1;
pid $d/nginx.pid;
error_log $d/error.log warn;
events { worker_connections 1024; }
http {
    access_log $d/access.log;
    client_body_temp_path $d/tmp/body;
    proxy_temp_path $d/tmp/proxy;
    fastcgi_temp_path $d/tmp/fastcgi;
    uwsgi_temp_path $d/tmp/uwsgi;
    scgi_temp_path $d/tmp/scgi;
    client_max_body_size 2m;
    upstream fphc {
        # max_fails=0: no instance is ever marked down, so nginx never answers 502
        # "no live upstreams" while the database switches (both instances 503 then).
        server 127.0.0.1:${APP_PORTS[0]} max_fails=0;
        server 127.0.0.1:${APP_PORTS[1]} max_fails=0;
        keepalive 32;
    }
    server {
        listen 127.0.0.1:$LB_PORT;
        location / {
            proxy_pass http://fphc;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_connect_timeout 2s;
            proxy_read_timeout 120s;
            # Every fphc write is one transaction and a 503 means it was rolled back;
            # an autosave or a submit repeated on the other instance is harmless.
            proxy_next_upstream error timeout http_503 non_idempotent;
            proxy_next_upstream_tries 2;
        }
    }
}
CONF
  port_free "$LB_PORT" || die "port $LB_PORT is taken (set CLUSTER_PORT)"
  nginx -p "$d" -c "$d/nginx.conf" -e "$d/error.log" || die "nginx did not start; see $d/error.log"
}

start() {
  check_paths
  command -v pgbouncer >/dev/null || die "pgbouncer is missing (make cluster installs it)"
  command -v nginx >/dev/null || die "nginx is missing (make cluster installs it)"
  [ -x "$BIN" ] || die "$BIN is missing; run make first"
  echo "$BASE" >"$DIR/port"
  local fresh=0
  if [ ! -f "$(node_data 1)/PG_VERSION" ]; then
    init_primary
    fresh=1
  fi
  if [ -f "$DIR/failed-over" ]; then
    start_node 2
  else
    start_node 1
    if [ "$fresh" = 1 ]; then
      psql "$(owner_url 1 | sed 's/dbname=fphc/dbname=postgres/')" -qtAX -v ON_ERROR_STOP=1 \
        -c "CREATE DATABASE fphc" -c "CREATE ROLE fphc_app LOGIN" >/dev/null
      DATABASE_URL=$(owner_url 1) "$BIN" migrate >/dev/null || die "fphc migrate failed"
    fi
    [ -f "$(node_data 2)/PG_VERSION" ] || init_standby
    start_node 2
    # Synchronous replication, once the standby streams (set earlier, every commit
    # would wait for it): a commit is acknowledged only when pg2 has it.
    psql "$(owner_url 1)" -qtAX -v ON_ERROR_STOP=1 -c "ALTER SYSTEM SET synchronous_standby_names = 'pg2'" \
      -c "SELECT pg_reload_conf()" >/dev/null || die "could not set synchronous_standby_names on pg1"
  fi
  start_pgbouncer 1
  start_pgbouncer 2
  start_app 1
  start_app 2
  start_nginx
}

stop() {
  stop_pid "$DIR/nginx/nginx.pid" QUIT
  stop_pid "$DIR/fphc1/pid"
  stop_pid "$DIR/fphc2/pid"
  stop_pid "$DIR/pgb1/pgbouncer.pid"
  stop_pid "$DIR/pgb2/pgbouncer.pid"
  local n
  for n in 1 2; do
    if pg_running "$n"; then as_pg "$PGBIN/pg_ctl" -D "$(node_data "$n")" -m fast -w -t 60 stop >/dev/null || true; fi
  done
}

# Failover as an operator (or Patroni) does it: fence the old primary first — stop
# it and its PgBouncer, so that no instance can reach it even if it comes back —
# then clear synchronous_standby_names on the standby (copied from the primary by
# pg_basebackup, it would make every commit wait for a standby that no longer
# exists) and promote it. The instances find the new primary themselves.
failover() {
  stop_pid "$DIR/pgb1/pgbouncer.pid"
  if pg_running 1; then as_pg "$PGBIN/pg_ctl" -D "$(node_data 1)" -m immediate -w stop >/dev/null || true; fi
  psql "$(owner_url 2)" -qtAX -v ON_ERROR_STOP=1 -c "ALTER SYSTEM SET synchronous_standby_names = ''" \
    -c "SELECT pg_reload_conf()" >/dev/null || die "could not clear synchronous_standby_names on pg2"
  as_pg "$PGBIN/pg_ctl" -D "$(node_data 2)" -w -t 60 promote >/dev/null || die "promotion of pg2 failed"
  # PgBouncer 1.18 keeps the parameters a server reported when its pool first
  # logged in (in_hot_standby = on while pg2 was a standby, because the research
  # reads used it) and tells every new client so: libpq's
  # target_session_attrs=read-write would then refuse pg2 for ever. A restart of
  # pg2's PgBouncer makes it log in afresh and report the promoted node as it is.
  stop_pid "$DIR/pgb2/pgbouncer.pid"
  start_pgbouncer 2
  touch "$DIR/failed-over"
}

kill_primary() {
  if pg_running 1; then as_pg "$PGBIN/pg_ctl" -D "$(node_data 1)" -m immediate -w stop >/dev/null; fi
}

env_lines() {
  echo "DATABASE_URL='$(database_url)'"
  echo "FPHC_DATABASE_READ_URL='$(read_url)'"
  echo "FPHC_DB_POOLER=transaction"
  echo "OWNER_URL='$(primary_owner_url || echo "host=$DIR/pg1 dbname=fphc user=postgres")'"
}

status() {
  local n
  for n in 1 2; do
    if pg_running "$n"; then
      echo "pg$n: running, $( [ "$(in_recovery "$n")" = t ] && echo standby || echo primary)"
    else
      echo "pg$n: stopped"
    fi
  done
  if url=$(primary_owner_url); then
    psql "$url" -qtAX -F ' ' -c "SELECT 'replication:', application_name, state, sync_state, coalesce(replay_lag::text, '0') FROM pg_stat_replication"
  fi
  for n in 1 2; do
    if [ -f "$DIR/pgb$n/pgbouncer.pid" ] && kill -0 "$(cat "$DIR/pgb$n/pgbouncer.pid")" 2>/dev/null; then
      echo "pgbouncer$n: running on 127.0.0.1:${PGB_PORTS[$((n - 1))]}"
    else echo "pgbouncer$n: stopped"; fi
  done
  for n in 1 2; do
    echo "fphc$n: $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:${APP_PORTS[$((n - 1))]}/readyz" || true) from /readyz on 127.0.0.1:${APP_PORTS[$((n - 1))]}"
  done
  echo "nginx: $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$LB_PORT/readyz" || true) from /readyz on 127.0.0.1:$LB_PORT"
}

case "$cmd" in
start) start ;;
stop) stop ;;
status) status ;;
env) env_lines ;;
failover) failover ;;
kill-primary) kill_primary ;;
url) echo "http://127.0.0.1:$LB_PORT/" ;;
demo)  # demo logins (printed) and, once, synthetic submitted scans — through the cluster, as make run does
  eval "$(env_lines)"; export DATABASE_URL FPHC_DB_POOLER
  FPHC_BASE_URL="http://127.0.0.1:$LB_PORT" "$BIN" demo init
  if [ "$(psql "$OWNER_URL" -tAXc "SELECT count(*) FROM scans WHERE is_demo AND submitted_at IS NOT NULL")" = 0 ]; then
    echo "cluster: adding 60 synthetic demo companies with submitted scans (once)"
    "$BIN" demo seed --companies 60 --quiet && "$BIN" aggregates refresh >/dev/null
  fi ;;
*) echo "usage: cluster.sh start|stop|status|env|demo|failover|kill-primary|url [DIR]" >&2; exit 2 ;;
esac
