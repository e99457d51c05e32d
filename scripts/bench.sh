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

# Scoring engine: one complete scan (target <= 2 us median) and the peer statistics
# of every score of a scan over 100,000 peers (target <= 20 ms). Built with -O2.
bench_scoring() {
  echo "== scoring (targets: one scan <= 2 us median; peer statistics over 100,000 peers <= 20 ms)"
  make --no-print-directory -s benches >/dev/null
  build/bench/bench_scoring
}

# Issue 7: median time to render the complete demo report in-process
# (target <= 10 ms on one core, 7-10 pages, <= 150 KB).
bench_report_pdf() {
  echo "== report PDF (target: median <= 10 ms, 7-10 pages, <= 150 KB)"
  make --no-print-directory -s benches >/dev/null
  taskset -c 0 build/bench/bench_report 2>/dev/null || build/bench/bench_report
  bin/fphc report --demo -o "$BTMP/demo.pdf"
  echo "demo.pdf: $(pdfinfo "$BTMP/demo.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}') pages," \
       "$(stat -c %s "$BTMP/demo.pdf") bytes"
}

# Research (issue 8). BENCH_RESEARCH_SCANS scans (default 1,000,000) as 250 000 companies × 4.
# Targets: benchmarks refresh <= 10 s; aggregates page <= 200 ms; wide CSV >= 50,000 rows/s, flat memory.
bench_research() {
  local scans=${BENCH_RESEARCH_SCANS:-1000000} per=4
  echo "== research ($scans synthetic scans; targets: refresh <= 10 s, aggregates page <= 200 ms, wide CSV >= 50000 rows/s)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs (shared machine: figures vary with it)"
  bench_db
  bin/fphc demo init >/dev/null
  local t0 t1
  t0=$(date +%s.%N)
  bin/fphc demo seed --companies $((scans / per)) --scans-per-company $per --seed 42 --quiet || return 1
  t1=$(date +%s.%N)
  printf '%-34s %8.1f s (incl. first refresh of benchmarks and aggregates)\n' "demo seed" "$(echo "$t1 - $t0" | bc)"
  t0=$(date +%s.%N); bin/fphc benchmarks refresh >/dev/null; t1=$(date +%s.%N)
  printf '%-34s %8.2f s\n' "fphc benchmarks refresh" "$(echo "$t1 - $t0" | bc)"
  t0=$(date +%s.%N); bin/fphc aggregates refresh >/dev/null; t1=$(date +%s.%N)
  printf '%-34s %8.2f s\n' "fphc aggregates refresh" "$(echo "$t1 - $t0" | bc)"
  # wide CSV: rows/s and peak RSS (VmHWM read from /proc while it runs)
  local out="$BTMP/wide.csv" pid hwm=0 h
  t0=$(date +%s.%N)
  bin/fphc export --format csv --version 1 -o "$out" 2>"$BTMP/export.err" & pid=$!
  while kill -0 $pid 2>/dev/null; do
    h=$(sed -n 's/^VmHWM:[^0-9]*\([0-9]*\).*/\1/p' /proc/$pid/status 2>/dev/null); [ -n "$h" ] && [ "$h" -gt "$hwm" ] && hwm=$h
    sleep 0.2
  done
  wait $pid; t1=$(date +%s.%N)
  # rows as fphc counted them: open-text answers hold line breaks, so wc -l overcounts
  local rows; rows=$(sed -n 's/^fphc export: \([0-9]*\) scans written.*/\1/p' "$BTMP/export.err")
  printf '%-34s %8.0f rows/s (%d rows, %.1f s, peak RSS %d MB)\n' "wide CSV export" \
    "$(echo "$rows / ($t1 - $t0)" | bc -l)" "$rows" "$(echo "$t1 - $t0" | bc)" $((hwm / 1024))
  rm -f "$out"
  # aggregates page as the researcher
  local pw; pw=$(bin/fphc demo init --reset-passwords | sed -n 's/.*onderzoeker@demo.example.*password: \(.*\)$/\1/p')
  bench_server
  curl -s -o /dev/null -c "$BTMP/jar" --data-urlencode "email=onderzoeker@demo.example" --data-urlencode "password=$pw" "$BASE/login"
  curl -s -o /dev/null -b "$BTMP/jar" "$BASE/research/aggregates"
  local best=999 t
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    t=$(curl -s -o /dev/null -b "$BTMP/jar" -w '%{time_total}' "$BASE/research/aggregates")
    best=$(echo "if ($t < $best) $t else $best" | bc -l)
  done
  printf '%-34s %8.1f ms (best of 10, end to end)\n' "GET /research/aggregates" "$(echo "$best * 1000" | bc -l)"
  best=999
  for _ in 1 2 3; do
    t=$(curl -s -o /dev/null -b "$BTMP/jar" -w '%{time_total}' "$BASE/research/items")
    best=$(echo "if ($t < $best) $t else $best" | bc -l)
  done
  printf '%-34s %8.1f ms (best of 3; newest 20,000 scans)\n' "GET /research/items" "$(echo "$best * 1000" | bc -l)"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

all=$(declare -F | sed -n 's/^declare -f bench_\([a-z0-9_]*\)$/\1/p' | grep -v '^db$\|^server$')
for name in ${*:-$all}; do
  "bench_$name"
done
