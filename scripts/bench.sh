#!/usr/bin/env bash
# make bench: prints figures; never part of the tests. Each part adds a bench_* function.
#   scripts/bench.sh            every benchmark
#   scripts/bench.sh backoffice only the named ones (function names without "bench_")
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

# ---- back office part 1 (issue 5) ----
# p50 of the server's own time (the "ms" field of the JSON request log) for N
# sequential requests of one route, after a warm-up.
bo_p50() {  # bo_p50 ROUTE_PATTERN URL N → prints p50 and p95 in ms
  local pattern=$1 url=$2 n=$3 i
  for i in $(seq 1 20); do curl -s -o /dev/null -b "$BTMP/bo.jar" "$BO_BASE$url"; done
  : >"$BTMP/bo.log.mark"
  local start; start=$(wc -l <"$BTMP/bo.log")
  for i in $(seq 1 "$n"); do curl -s -o /dev/null -b "$BTMP/bo.jar" "$BO_BASE$url"; done
  sleep 0.2
  tail -n +"$((start + 1))" "$BTMP/bo.log" | grep -F "\"route\":\"$pattern\",\"status\":200" |
    sed -n 's/.*"ms":\([0-9.]*\).*/\1/p' | sort -n |
    awk '{a[NR]=$1} END {if (NR == 0) {print "no samples"; exit} printf "p50 %6.2f ms   p95 %6.2f ms   (n=%d)\n", a[int((NR+1)/2)], a[int(NR*0.95)], NR}'
}

# Issue 5: with 10,000 companies and 20,000 scans in one association, the
# dashboard's first page (target p50 <= 50 ms) and the company search (<= 20 ms).
bench_backoffice() {
  echo "== back office: dashboard and company search over 10,000 companies / 20,000 scans (targets p50: dashboard <= 50 ms, search <= 20 ms)"
  bench_db
  local pw='bench wachtwoord voor de beheerder'
  bin/fphc demo init >/dev/null
  printf '%s\n' "$pw" | bin/fphc user add --org demo --email bench@demo.example --role admin --password-stdin >/dev/null 2>&1
  bin/fphc demo seed-backoffice --org demo --companies 10000 --scans 20000
  FPHC_LOG_LEVEL=info bin/fphc serve --listen 127.0.0.1:0 --workers 2 >"$BTMP/bo.out" 2>"$BTMP/bo.log" &
  local pid=$!
  for _ in $(seq 1 100); do grep -q 'serving on' "$BTMP/bo.out" 2>/dev/null && break; sleep 0.05; done
  BO_BASE=$(sed -n 's/^fphc: serving on \(http[^ ]*\)\/$/\1/p' "$BTMP/bo.out")
  curl -s -o /dev/null -c "$BTMP/bo.jar" --data-urlencode "email=bench@demo.example" --data-urlencode "password=$pw" "$BO_BASE/login"
  printf '%-46s %s\n' "GET /app (first page, no filter)" "$(bo_p50 /app /app 200)"
  printf '%-46s %s\n' "GET /app?status=submitted&sector=C" "$(bo_p50 /app '/app?status=submitted&sector=C' 200)"
  printf '%-46s %s\n' "GET /app?stale=1" "$(bo_p50 /app '/app?stale=1' 200)"
  printf '%-46s %s\n' "GET /companies (first page, no search)" "$(bo_p50 /companies /companies 200)"
  printf '%-46s %s\n' "GET /companies?q=janssen (~700 hits)" "$(bo_p50 /companies '/companies?q=janssen' 200)"
  printf '%-46s %s\n' "GET /companies?q=zzz (no hit)" "$(bo_p50 /companies '/companies?q=zzz' 200)"
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
}

all=$(declare -F | sed -n 's/^declare -f bench_\([a-z0-9_]*\)$/\1/p' | grep -v '^db$\|^server$')
for name in ${*:-$all}; do
  "bench_$name"
done
