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

# The owner's scan: a pillar page of a scan in progress, and one autosaved answer
# (JSON, committed to PostgreSQL), each next to /healthz measured in the same run.
bench_respondent() {
  echo "== respondent (wrk, 64 connections, 10 s after 2 s warm-up)"
  echo "   targets: pillar page >= 8000 req/s, p99 <= 25 ms, >= 40% of /healthz; autosave >= 2500 req/s"
  bench_db; bench_server
  bin/fphc demo init >/dev/null
  local link token csrf
  link=$(bin/fphc invite --org demo --company "Bench Respondent BV" --sector C --fte 45)
  token=${link##*/}
  csrf=$(curl -s "$BASE/s/$token" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
  curl -s -o /dev/null --data "csrf=$csrf&consent=yes" "$BASE/s/$token/consent"
  curl -s -o /dev/null --data "csrf=$csrf&sector=C&fte=45&employees=52&municipality=Maastricht" "$BASE/s/$token/profile"
  # a scan halfway: pillar 1 answered, pillar 2 partly
  curl -s -o /dev/null --data "csrf=$csrf&a.s01=4&a.s02=3&a.s03=yes&a.s04=c&a.s05=4&a.s06=2&a.s07=3&a.s08=no&a.s09=4&a.s10=2&a.s11=3&a.s12=4&p.s13=1&a.s13=a&a.s14=3&a.s15=2&a.s16=8&a.s17=4&p.s18=1&a.s18=b&a.s19=yes&nav=next" "$BASE/s/$token/pillar/1"
  curl -s -o /dev/null --data "csrf=$csrf&a.w01=4&a.w02=3&a.w04=b&a.w05=yes&a.w06=4&nav=next" "$BASE/s/$token/pillar/2"
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/s/$token/pillar/2")
  [ "$code" = 200 ] || { echo "   pillar page answers $code; skipped"; return 1; }
  wrk_run "GET /healthz" /healthz
  local healthz=$LAST_RPS
  wrk_run "GET /s/TOKEN/pillar/2" "/s/$token/pillar/2"
  local pillar=$LAST_RPS
  FPHC_CSRF=$csrf wrk_run "POST /s/TOKEN/answer (autosave)" "/s/$token/answer" -s tests/bench/autosave.lua
  awk -v p="$pillar" -v h="$healthz" 'BEGIN { printf "   pillar page / healthz = %.0f%% (target >= 40%%)\n", 100 * p / h }'
}

all=$(declare -F | sed -n 's/^declare -f bench_\([a-z0-9_]*\)$/\1/p' | grep -v '^db$\|^server$')
for name in ${*:-$all}; do
  "bench_$name"
done
