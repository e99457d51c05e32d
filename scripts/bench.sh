#!/usr/bin/env bash
# make bench: prints figures; never part of the tests. Each part adds a bench_* function.
#   scripts/bench.sh            every benchmark
#   scripts/bench.sh http …     only the named ones (function names without "bench_")
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BTMP=$(mktemp -d /tmp/fphc-bench.XXXXXX)
chmod 755 "$BTMP"
export PG_DIR="$BTMP/pg"
SERVER_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  scripts/pg.sh stop "$PG_DIR" >/dev/null 2>&1 || true
  rm -rf "$BTMP"
}
trap cleanup EXIT INT TERM

bench_db() {  # one throwaway cluster for all benchmarks
  if [ -z "${DATABASE_URL_BENCH:-}" ]; then
    DATABASE_URL_BENCH=$(scripts/pg.sh start "$PG_DIR")
    DATABASE_URL="$DATABASE_URL_BENCH" bin/fphc migrate >/dev/null
  fi
  export DATABASE_URL="$DATABASE_URL_BENCH"
}

bench_server() {  # starts bin/fphc on a free port; sets BASE
  [ -n "$SERVER_PID" ] && return 0
  FPHC_LOG_LEVEL=warn bin/fphc serve --listen 127.0.0.1:0 >"$BTMP/server.out" 2>"$BTMP/server.log" &
  SERVER_PID=$!
  for _ in $(seq 1 100); do grep -q 'serving on' "$BTMP/server.out" 2>/dev/null && break; sleep 0.05; done
  BASE=$(sed -n 's/^fphc: serving on \(http[^ ]*\)\/$/\1/p' "$BTMP/server.out")
}

# wrk_run NAME PATH [wrk args…]: 2 s warm-up, then 10 s with 64 connections; prints req/s and p99
wrk_run() {
  local name=$1 path=$2; shift 2
  wrk -t2 -c64 -d2s "$@" "$BASE$path" >/dev/null 2>&1
  local out
  out=$(wrk -t2 -c64 -d10s --latency "$@" "$BASE$path" 2>&1)
  local rps p99 errs
  rps=$(echo "$out" | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p')
  p99=$(echo "$out" | sed -n 's/^ *99% *\(.*\)$/\1/p')
  errs=$(echo "$out" | sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p')
  printf '%-34s %10s req/s   p99 %-9s non-2xx %s\n' "$name" "$rps" "$p99" "${errs:-0}"
  LAST_RPS=$rps
}

bench_http() {
  echo "== HTTP foundation (wrk, 64 connections, 10 s, after 2 s warm-up; targets: healthz >= 20000, readyz >= 10000)"
  bench_db; bench_server
  wrk_run "GET /healthz" /healthz
  HEALTHZ_RPS=$LAST_RPS
  wrk_run "GET /readyz (1 db round trip)" /readyz
}

# Back office part 2: scan page with its live benchmark over 100,000 scans, the
# open-actions overview over 50,000 actions and their .xlsx export. Server time
# is the "ms" of the request log (handler and database, without the network).
bench_backoffice2() {
  echo "== back office 2 (targets: scan page p50 <= 30 ms over 100,000 scans; open actions p50 <= 50 ms over 50,000; .xlsx of 50,000 <= 2 s)"
  bench_db
  local db=bo2bench url
  dropdb -h "$PG_DIR" -U postgres --if-exists "$db" 2>/dev/null
  createdb -h "$PG_DIR" -U postgres -T fphc "$db" || return 1
  url="host=$PG_DIR dbname=$db user=postgres"
  local t0=$SECONDS
  psql "$url" -qtAX -v ON_ERROR_STOP=1 -f tests/fixtures/bo2_scans.sql >/dev/null &&
    psql "$url" -qtAX -v ON_ERROR_STOP=1 -f tests/fixtures/bo2_bench.sql >/dev/null || return 1
  echo "   seeded $(psql "$url" -tAc 'SELECT count(*) FROM scans') scans, $(psql "$url" -tAc 'SELECT count(*) FROM scores') scores, $(psql "$url" -tAc 'SELECT count(*) FROM scan_actions') actions in $((SECONDS - t0)) s"
  DATABASE_URL="$url" FPHC_LOG_LEVEL=info bin/fphc serve --listen 127.0.0.1:0 --workers 2 >"$BTMP/bo2.out" 2>"$BTMP/bo2.log" &
  local pid=$!
  for _ in $(seq 1 100); do grep -q 'serving on' "$BTMP/bo2.out" 2>/dev/null && break; sleep 0.05; done
  local b jar="$BTMP/bo2.jar"
  b=$(sed -n 's/^fphc: serving on \(http[^ ]*\)\/$/\1/p' "$BTMP/bo2.out")
  curl -s -c "$jar" -o /dev/null --data 'email=adviseur@zuid.example&password=fixture-pass-1' "$b/login"
  med() {  # route → p50 of the logged server times after warm-up
    grep -o "\"route\":\"$1\",\"status\":200,\"ms\":[0-9.]*" "$BTMP/bo2.log" | sed 's/.*"ms"://' | tail -n "$2" | sort -n |
      awk '{v[NR]=$1} END {if (NR) printf "%.1f ms (n=%d, min %.1f, max %.1f)", v[int((NR+1)/2)], NR, v[1], v[NR]}'
  }
  for _ in $(seq 1 10); do curl -s -b "$jar" -o /dev/null "$b/scans/1401"; done
  for _ in $(seq 1 100); do curl -s -b "$jar" -o /dev/null "$b/scans/1401"; done
  printf '   %-44s p50 %s\n' "GET /scans/ID (benchmark over 100,000 scans)" "$(med '/scans/:id' 100)"
  for _ in $(seq 1 10); do curl -s -b "$jar" -o /dev/null "$b/actions"; done
  for _ in $(seq 1 100); do curl -s -b "$jar" -o /dev/null "$b/actions"; done
  printf '   %-44s p50 %s\n' "GET /actions (50,000 open actions)" "$(med '/actions' 100)"
  for _ in $(seq 1 5); do curl -s -b "$jar" -o "$BTMP/a.xlsx" "$b/actions.xlsx"; done
  printf '   %-44s p50 %s, %s bytes\n' "GET /actions.xlsx (50,000 rows)" "$(med '/actions.xlsx' 5)" "$(stat -c %s "$BTMP/a.xlsx")"
  kill "$pid"; wait "$pid" 2>/dev/null
  dropdb -h "$PG_DIR" -U postgres --if-exists "$db" 2>/dev/null
}

all=$(declare -F | sed -n 's/^declare -f bench_\([a-z0-9_]*\)$/\1/p' | grep -v '^db$\|^server$')
for name in ${*:-$all}; do
  "bench_$name"
done
