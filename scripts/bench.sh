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
  [ -d "$BTMP/base" ] && git worktree remove --force "$BTMP/base" >/dev/null 2>&1
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  scripts/pg.sh stop "$PG_DIR" >/dev/null 2>&1 || true
  rm -rf "$BTMP"
}
trap cleanup EXIT INT TERM


# login_as JAR BASE [curl args…]: logs in as a browser does (the login form's CSRF token first)
login_as() {
  local jar=$1 b=$2 tok; shift 2
  tok=$(curl -s -c "$jar" "$b/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
  curl -s -o /dev/null -b "$jar" -c "$jar" --data "csrf=$tok" "$@" "$b/login"
}

bench_db() {  # one throwaway cluster for all benchmarks
  if [ -z "${DATABASE_URL_BENCH:-}" ]; then
    DATABASE_URL_BENCH=$(scripts/pg.sh start "$PG_DIR")
    DATABASE_URL="$DATABASE_URL_BENCH" bin/fphc migrate >/dev/null
    # a pristine copy that no server ever connects to, for benchmarks that need their own database
    createdb -h "$PG_DIR" -U postgres -T fphc fphc_tmpl
  fi
  export DATABASE_URL="$DATABASE_URL_BENCH"
}

bench_server() {  # starts bin/fphc on a free port; sets BASE
  [ -n "$SERVER_PID" ] && return 0
  FPHC_LOG_LEVEL=warn bin/fphc serve --listen 127.0.0.1:0 >"$BTMP/server.out" 2>"$BTMP/server.log" &
  SERVER_PID=$!
  for _ in $(seq 1 600); do grep -q 'serving on' "$BTMP/server.out" 2>/dev/null && break; sleep 0.05; done
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
  bench_report_scan
}

# A real scan's report end to end: the seeded scan 1401 (tests/fixtures/scans_with_peers.sql)
# downloaded as draft 20 times; p50 of the server's own time ("ms" of the request
# log: database reads, benchmark, model, render), then the stored final version.
bench_report_scan() {
  bench_db
  local db=reportbench url pid b jar="$BTMP/rep.jar"
  dropdb -h "$PG_DIR" -U postgres --if-exists "$db" 2>/dev/null
  createdb -h "$PG_DIR" -U postgres -T fphc_tmpl "$db" || return 1
  url="host=$PG_DIR dbname=$db user=postgres"
  psql "$url" -qtAX -v ON_ERROR_STOP=1 -f tests/fixtures/scans_with_peers.sql >/dev/null || return 1
  DATABASE_URL="$url" FPHC_LOG_LEVEL=info bin/fphc serve --listen 127.0.0.1:0 --workers 2 >"$BTMP/rep.out" 2>"$BTMP/rep.log" &
  pid=$!
  for _ in $(seq 1 600); do grep -q 'serving on' "$BTMP/rep.out" 2>/dev/null && break; sleep 0.05; done
  b=$(sed -n 's/^fphc: serving on \(http[^ ]*\)\/$/\1/p' "$BTMP/rep.out")
  login_as "$jar" "$b" --data 'email=adviseur@zuid.example&password=fixture-pass-1'
  p50() {  # route pattern, n → p50 of the last n logged server times
    grep -o "\"route\":\"$1\",\"status\":200,\"ms\":[0-9.]*" "$BTMP/rep.log" | sed 's/.*"ms"://' | tail -n "$2" | sort -n |
      awk '{v[NR]=$1} END {if (NR) printf "p50 %.1f ms (n=%d, min %.1f, max %.1f)", v[int((NR+1)/2)], NR, v[1], v[NR]}'
  }
  for _ in 1 2 3; do curl -s -b "$jar" -o /dev/null "$b/scans/1401/report.pdf"; done
  for _ in $(seq 1 20); do curl -s -b "$jar" -o "$BTMP/scan.pdf" "$b/scans/1401/report.pdf"; done
  printf '%-44s %s, %s pages, %s bytes\n' "GET /scans/ID/report.pdf (real scan, draft)" "$(p50 '/scans/:id/report.pdf' 20)" \
    "$(pdfinfo "$BTMP/scan.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')" "$(stat -c %s "$BTMP/scan.pdf")"
  psql "$url" -qtAX -c "UPDATE scans SET status = 'advice' WHERE id = 1401" >/dev/null
  local csrf
  csrf=$(curl -s -b "$jar" "$b/scans/1401" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
  curl -s -b "$jar" -o /dev/null --data "csrf=$csrf&op=forward&to=final" "$b/scans/1401/status"
  for _ in $(seq 1 20); do curl -s -b "$jar" -o /dev/null "$b/scans/1401/reports/1.pdf"; done
  printf '%-44s %s\n' "POST /scans/ID/status → final (render+store)" "$(grep -o '"route":"/scans/:id/status","status":303,"ms":[0-9.]*' "$BTMP/rep.log" | sed 's/.*"ms":/ /; s/$/ ms/' | tail -n 1)"
  printf '%-44s %s\n' "GET /scans/ID/reports/1.pdf (stored bytes)" "$(p50 '/scans/:id/reports/:file' 20)"
  kill "$pid"; wait "$pid" 2>/dev/null
  dropdb -h "$PG_DIR" -U postgres --if-exists "$db" 2>/dev/null
}

# Research (issues 8 and 17.11). BENCH_RESEARCH_SCANS scans (default 1,000,000) as
# companies × 4, all in one run, with the load average:
#  (a) the wide CSV export's rows/s beside PostgreSQL's own COPY of research_rows
#      joined with scans on the same data, as a ratio (target >= 90 %);
#  (b) peak RSS of `fphc export` at BENCH_RESEARCH_SMALL (100,000) and at the full
#      number of scans (target: the same; memory does not grow with rows);
#  (c) `fphc demo seed` and `fphc aggregates refresh` of this checkout beside the
#      code of BENCH_BASE (default b450e17), built in a temporary worktree under
#      /tmp, each on a fresh database of the same cluster (target: >= 2x faster).
# Plus the older figures: benchmarks refresh, the aggregates and items pages.
BENCH_BASE=${BENCH_BASE:-b450e17}

base_build() {  # builds BENCH_BASE into $BTMP/base; prints the binary's path
  local dir="$BTMP/base"
  git worktree add --detach "$dir" "$BENCH_BASE" >/dev/null 2>&1 || return 1
  make -C "$dir" --no-print-directory -s -j"$(nproc)" bin/fphc >"$BTMP/base-build.log" 2>&1 || return 1
  echo "$dir/bin/fphc"
}
base_cleanup() {
  [ -d "$BTMP/base" ] && git worktree remove --force "$BTMP/base" >/dev/null 2>&1
  git worktree prune >/dev/null 2>&1 || true
}

fresh_db() {  # fresh_db NAME → prints its conninfo (a copy of the migrated template)
  dropdb -h "$PG_DIR" -U postgres --if-exists "$1" 2>/dev/null
  createdb -h "$PG_DIR" -U postgres -T fphc_tmpl "$1" || return 1
  echo "host=$PG_DIR dbname=$1 user=postgres"
}

secs() { echo "$2 - $1" | bc; }

# seed_timed BIN URL SCANS → sets SEED_S and REFRESH_S
seed_timed() {
  local bin=$1 url=$2 n=$3 per=4 t0 t1
  DATABASE_URL="$url" "$bin" demo init >/dev/null || return 1
  t0=$(date +%s.%N)
  DATABASE_URL="$url" "$bin" demo seed --companies $((n / per)) --scans-per-company $per --seed 42 --quiet || return 1
  t1=$(date +%s.%N); SEED_S=$(secs "$t0" "$t1")
  t0=$(date +%s.%N); DATABASE_URL="$url" "$bin" aggregates refresh >/dev/null || return 1
  t1=$(date +%s.%N); REFRESH_S=$(secs "$t0" "$t1")
}

# export_timed URL → sets EXPORT_ROWS, EXPORT_S and EXPORT_RSS_KB (Maximum resident set size)
export_timed() {
  local url=$1 out="$BTMP/wide.csv" t0 t1
  t0=$(date +%s.%N)
  DATABASE_URL="$url" /usr/bin/time -v bin/fphc export --format csv --version 1 -o "$out" 2>"$BTMP/export.err"
  t1=$(date +%s.%N); EXPORT_S=$(secs "$t0" "$t1")
  # rows as fphc counted them: open-text answers hold line breaks, so wc -l overcounts
  EXPORT_ROWS=$(sed -n 's/^fphc export: \([0-9]*\) scans written.*/\1/p' "$BTMP/export.err")
  EXPORT_RSS_KB=$(sed -n 's/.*Maximum resident set size (kbytes): *\([0-9]*\).*/\1/p' "$BTMP/export.err")
  rm -f "$out"
}

# copy_timed URL → sets COPY_ROWS and COPY_S: PostgreSQL's own COPY of the same join, to a file
copy_timed() {
  local url=$1 t0 t1 q="SELECT r.*, s.sector, s.fte, s.submitted_at FROM research_rows r JOIN scans s ON s.id = r.scan_id"
  t0=$(date +%s.%N)
  psql "$url" -qtAX -c "COPY ($q) TO STDOUT (FORMAT csv)" >"$BTMP/copy.csv"
  t1=$(date +%s.%N); COPY_S=$(secs "$t0" "$t1")
  COPY_ROWS=$(psql "$url" -qtAX -c "SELECT count(*) FROM ($q) x")
  rm -f "$BTMP/copy.csv"
}

bench_research() {
  local scans=${BENCH_RESEARCH_SCANS:-1000000} small=${BENCH_RESEARCH_SMALL:-100000}
  echo "== research ($scans synthetic scans; targets: export >= 90 % of COPY, flat RSS, seed and aggregates refresh >= 2x $BENCH_BASE; refresh <= 10 s, aggregates page <= 200 ms)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs (shared machine: figures vary with it)"
  bench_db
  local base; base=$(base_build) || { echo "could not build $BENCH_BASE (see $BTMP/base-build.log)"; cat "$BTMP/base-build.log" | tail -5; return 1; }
  local url_base url_cur url_small
  url_base=$(fresh_db research_base) && url_cur=$(fresh_db research_cur) && url_small=$(fresh_db research_small) || return 1
  # (c) the baseline first, then this checkout, the same commands on the same cluster
  seed_timed "$base" "$url_base" "$scans" || return 1
  local bseed=$SEED_S brefresh=$REFRESH_S
  echo "load after $BENCH_BASE: $(cut -d' ' -f1-3 /proc/loadavg)"
  dropdb -h "$PG_DIR" -U postgres research_base
  seed_timed bin/fphc "$url_cur" "$scans" || return 1
  echo "load after this checkout: $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%-34s %8.1f s vs %s %8.1f s = %.2fx faster (target >= 2x)\n' "fphc demo seed ($scans scans)" "$SEED_S" "$BENCH_BASE" "$bseed" "$(echo "$bseed / $SEED_S" | bc -l)"
  printf '%-34s %8.2f s vs %s %8.2f s = %.2fx faster (target >= 2x)\n' "fphc aggregates refresh" "$REFRESH_S" "$BENCH_BASE" "$brefresh" "$(echo "$brefresh / $REFRESH_S" | bc -l)"
  base_cleanup
  # (a) export and COPY on the same data, twice each, the better of two
  local best_e=0 best_c=0 r i
  for i in 1 2; do
    export_timed "$url_cur"; r=$(echo "$EXPORT_ROWS / $EXPORT_S" | bc -l)
    [ "$(echo "$r > $best_e" | bc)" = 1 ] && best_e=$r
    copy_timed "$url_cur"; r=$(echo "$COPY_ROWS / $COPY_S" | bc -l)
    [ "$(echo "$r > $best_c" | bc)" = 1 ] && best_c=$r
  done
  local rss_big=$EXPORT_RSS_KB rows_big=$EXPORT_ROWS
  printf '%-34s %.0f rows/s vs COPY %.0f rows/s = %.0f %% (target >= 90 %%; %d rows, best of 2)\n' "wide CSV export" \
    "$best_e" "$best_c" "$(echo "100 * $best_e / $best_c" | bc -l)" "$rows_big"
  # (b) peak memory at the small size and at the full size
  DATABASE_URL="$url_small" bin/fphc demo init >/dev/null
  DATABASE_URL="$url_small" bin/fphc demo seed --companies $((small / 4)) --scans-per-company 4 --seed 42 --quiet || return 1
  export_timed "$url_small"
  printf '%-34s %d MB at %d rows vs %d MB at %d rows (target: the same)\n' "fphc export peak RSS" \
    $((EXPORT_RSS_KB / 1024)) "$EXPORT_ROWS" $((rss_big / 1024)) "$rows_big"
  dropdb -h "$PG_DIR" -U postgres research_small
  local t0 t1
  t0=$(date +%s.%N); DATABASE_URL="$url_cur" bin/fphc benchmarks refresh >/dev/null; t1=$(date +%s.%N)
  printf '%-34s %8.2f s\n' "fphc benchmarks refresh" "$(secs "$t0" "$t1")"
  # aggregates page as the researcher
  export DATABASE_URL="$url_cur"
  local pw; pw=$(bin/fphc demo init --reset-passwords | sed -n 's/.*onderzoeker@demo.example.*password: \(.*\)$/\1/p')
  bench_server
  login_as "$BTMP/jar" "$BASE" --data-urlencode "email=onderzoeker@demo.example" --data-urlencode "password=$pw"
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
  # the server of this benchmark used research_cur; later benchmarks get their own
  kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null; SERVER_PID=
  export DATABASE_URL="$DATABASE_URL_BENCH"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# ---- office: dashboard and company search over 10,000 companies ----
# p50 of the server's own time (the "ms" field of the JSON request log) for N
# sequential requests of one route, after a warm-up.
office_p50() {  # office_p50 ROUTE_PATTERN URL N → prints p50 and p95 in ms
  local pattern=$1 url=$2 n=$3 i
  for i in $(seq 1 20); do curl -s -o /dev/null -b "$BTMP/office.jar" "$OFFICE_BASE$url"; done
  : >"$BTMP/office.log.mark"
  local start; start=$(wc -l <"$BTMP/office.log")
  for i in $(seq 1 "$n"); do curl -s -o /dev/null -b "$BTMP/office.jar" "$OFFICE_BASE$url"; done
  sleep 0.2
  tail -n +"$((start + 1))" "$BTMP/office.log" | grep -F "\"route\":\"$pattern\",\"status\":200" |
    sed -n 's/.*"ms":\([0-9.]*\).*/\1/p' | sort -n |
    awk '{a[NR]=$1} END {if (NR == 0) {print "no samples"; exit} printf "p50 %6.2f ms   p95 %6.2f ms   (n=%d)\n", a[int((NR+1)/2)], a[int(NR*0.95)], NR}'
}

# Issue 5: with 10,000 companies and 20,000 scans in one association, the
# dashboard's first page (target p50 <= 50 ms) and the company search (<= 20 ms).
bench_office() {
  echo "== back office: dashboard and company search over 10,000 companies / 20,000 scans (targets p50: dashboard <= 50 ms, search <= 20 ms)"
  bench_db
  local pw='bench wachtwoord voor de beheerder'
  bin/fphc demo init >/dev/null
  printf '%s\n' "$pw" | bin/fphc user add --org demo --email bench@demo.example --role admin --password-stdin >/dev/null 2>&1
  bin/fphc demo seed-office --org demo --companies 10000 --scans 20000
  FPHC_LOG_LEVEL=info bin/fphc serve --listen 127.0.0.1:0 --workers 2 >"$BTMP/office.out" 2>"$BTMP/office.log" &
  local pid=$!
  for _ in $(seq 1 600); do grep -q 'serving on' "$BTMP/office.out" 2>/dev/null && break; sleep 0.05; done
  OFFICE_BASE=$(sed -n 's/^fphc: serving on \(http[^ ]*\)\/$/\1/p' "$BTMP/office.out")
  login_as "$BTMP/office.jar" "$OFFICE_BASE" --data-urlencode "email=bench@demo.example" --data-urlencode "password=$pw"
  printf '%-46s %s\n' "GET /app (first page, no filter)" "$(office_p50 /app /app 200)"
  printf '%-46s %s\n' "GET /app?status=submitted&sector=C" "$(office_p50 /app '/app?status=submitted&sector=C' 200)"
  printf '%-46s %s\n' "GET /app?stale=1" "$(office_p50 /app '/app?stale=1' 200)"
  printf '%-46s %s\n' "GET /companies (first page, no search)" "$(office_p50 /companies /companies 200)"
  printf '%-46s %s\n' "GET /companies?q=janssen (~700 hits)" "$(office_p50 /companies '/companies?q=janssen' 200)"
  printf '%-46s %s\n' "GET /companies?q=zzz (no hit)" "$(office_p50 /companies '/companies?q=zzz' 200)"
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
}

# Office scan page: scan page with its live benchmark over 100,000 scans, the
# open-actions overview over 50,000 actions and their .xlsx export. Server time
# is the "ms" of the request log (handler and database, without the network).
bench_office_scan() {
  echo "== office: scan page and actions (targets: scan page p50 <= 30 ms over 100,000 scans; open actions p50 <= 50 ms over 50,000; .xlsx of 50,000 <= 2 s)"
  bench_db
  local db=office_scan_bench url
  dropdb -h "$PG_DIR" -U postgres --if-exists "$db" 2>/dev/null
  createdb -h "$PG_DIR" -U postgres -T fphc_tmpl "$db" || return 1
  url="host=$PG_DIR dbname=$db user=postgres"
  local t0=$SECONDS
  psql "$url" -qtAX -v ON_ERROR_STOP=1 -f tests/fixtures/scans_with_peers.sql >/dev/null &&
    psql "$url" -qtAX -v ON_ERROR_STOP=1 -f tests/fixtures/scans_100k_actions_50k.sql >/dev/null || return 1
  echo "   seeded $(psql "$url" -tAc 'SELECT count(*) FROM scans') scans, $(psql "$url" -tAc 'SELECT count(*) FROM scores') scores, $(psql "$url" -tAc 'SELECT count(*) FROM scan_actions') actions in $((SECONDS - t0)) s"
  DATABASE_URL="$url" FPHC_LOG_LEVEL=info bin/fphc serve --listen 127.0.0.1:0 --workers 2 >"$BTMP/office_scan.out" 2>"$BTMP/office_scan.log" &
  local pid=$!
  for _ in $(seq 1 600); do grep -q 'serving on' "$BTMP/office_scan.out" 2>/dev/null && break; sleep 0.05; done
  local b jar="$BTMP/office_scan.jar"
  b=$(sed -n 's/^fphc: serving on \(http[^ ]*\)\/$/\1/p' "$BTMP/office_scan.out")
  login_as "$jar" "$b" --data 'email=adviseur@zuid.example&password=fixture-pass-1'
  med() {  # route → p50 of the logged server times after warm-up
    grep -o "\"route\":\"$1\",\"status\":200,\"ms\":[0-9.]*" "$BTMP/office_scan.log" | sed 's/.*"ms"://' | tail -n "$2" | sort -n |
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

# The owner's scan: a pillar page of a scan in progress, and one autosaved answer
# (JSON, committed to PostgreSQL), each next to /healthz and /readyz (one database
# round trip) measured in the same run.
bench_respondent() {
  echo "== respondent (wrk, 64 connections, 10 s after 2 s warm-up)"
  echo "   targets: pillar page >= 8000 req/s, p99 <= 25 ms, >= 70% of /readyz; autosave >= 2500 req/s"
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
  wrk_run "GET /readyz" /readyz
  local readyz=$LAST_RPS
  wrk_run "GET /s/TOKEN/pillar/2" "/s/$token/pillar/2"
  local pillar=$LAST_RPS
  FPHC_CSRF=$csrf wrk_run "POST /s/TOKEN/answer (autosave)" "/s/$token/answer" -s tests/bench/autosave.lua
  awk -v p="$pillar" -v h="$healthz" -v y="$readyz" 'BEGIN { printf "   pillar page / readyz = %.0f%% (target >= 70%%); / healthz = %.0f%%\n", 100 * p / y, 100 * p / h }'
}

# Load and soak (issue 9): mixed traffic at 64 connections for SOAK_SECONDS
# (default 600) against bin/fphc running as the least-privilege role — pillar
# pages, autosaves, submissions, the dashboard, scan pages, downloads — with zero
# 5xx and resident memory sampled from /proc every 5 s (flat after warm-up:
# < 10% growth). Then SOAK_ASAN_SECONDS (default 60) of the same against
# bin/fphc-asan, reporting AddressSanitizer/LeakSanitizer/UBSan findings.
bench_soak() {
  local secs=${SOAK_SECONDS:-600} asan_secs=${SOAK_ASAN_SECONDS:-60} scans=${SOAK_SCANS:-60}
  echo "== soak (wrk, 64 connections, mixed traffic, ${secs} s; then ${asan_secs} s under ASan)"
  bench_db
  local db=soak url owner
  dropdb -h "$PG_DIR" -U postgres --if-exists "$db" 2>/dev/null
  createdb -h "$PG_DIR" -U postgres -T fphc_tmpl "$db" || return 1
  owner="host=$PG_DIR dbname=$db user=postgres"
  url="host=$PG_DIR dbname=$db user=fphc_app"
  local out pw
  out=$(DATABASE_URL=$url bin/fphc demo init) || return 1
  pw=$(echo "$out" | sed -n 's/.*admin@demo.example.*password: \(.*\)$/\1/p')
  soak_start() {  # BIN LOGNAME → SOAK_PID, SOAK_BASE
    DATABASE_URL=$url FPHC_LOG_LEVEL=warn FPHC_PER_IP_LIMIT=1000 "$1" serve --listen 127.0.0.1:0 --workers 2 \
      >"$BTMP/$2.out" 2>"$BTMP/$2.log" &
    SOAK_PID=$!
    for _ in $(seq 1 600); do grep -q 'serving on' "$BTMP/$2.out" 2>/dev/null && break; sleep 0.05; done
    SOAK_BASE=$(sed -n 's/^fphc: serving on \(http[^ ]*\)\/$/\1/p' "$BTMP/$2.out")
  }
  soak_start bin/fphc soak
  local b=$SOAK_BASE jar="$BTMP/soak.jar" list="$BTMP/soak.requests" i link token csrf cookie
  login_as "$jar" "$b" --data-urlencode "email=admin@demo.example" --data-urlencode "password=$pw"
  cookie="Cookie: fphc_sid=$(awk '$6 == "fphc_sid" {print $7}' "$jar")"
  : >"$list"
  for i in $(seq 1 "$scans"); do
    link=$(DATABASE_URL=$url bin/fphc invite --org demo --company "Soak $i BV" --sector C --fte 45) || return 1
    token=${link##*/}
    csrf=$(curl -s "$b/s/$token" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
    curl -s -o /dev/null --data "csrf=$csrf&consent=yes" "$b/s/$token/consent"
    curl -s -o /dev/null --data "csrf=$csrf&sector=C&fte=45&employees=52&municipality=Venlo" "$b/s/$token/profile"
    curl -s -o /dev/null --data "csrf=$csrf&a.s01=4&a.s02=3&a.s03=yes&a.s04=c&a.s05=4&a.s06=2&a.s07=3&a.s08=no&a.s09=4&a.s10=2&a.s11=3&a.s12=4&p.s13=1&a.s13=a&a.s14=3&a.s15=2&a.s16=8&a.s17=4&p.s18=1&a.s18=b&a.s19=yes&nav=next" "$b/s/$token/pillar/1"
    local sid
    sid=$(psql "$owner" -tAc "SELECT scan_id FROM invitations WHERE token_hash = encode(sha256('$token'::bytea), 'hex')")
    if [ $((i % 3)) -eq 0 ]; then   # a third submitted beforehand: their scan pages have results
      curl -s -o /dev/null --data "csrf=$csrf" "$b/s/$token/submit"
      printf '2\tGET\t/scans/%s\t%s\t\n' "$sid" "$cookie" >>"$list"
    elif [ $((i % 3)) -eq 1 ]; then # a third stays open: pillar pages and autosaves
      printf '12\tGET\t/s/%s/pillar/2\t\t\n' "$token" >>"$list"
      printf '12\tPOST\t/s/%s/answer\tContent-Type: application/json|X-CSRF-Token: %s\t{"item":"w01","value":%d}\n' "$token" "$csrf" $((i % 5 + 1)) >>"$list"
    else                            # a third is submitted during the soak (later submits: the double-click path)
      printf '4\tGET\t/s/%s/review\t\t\n' "$token" >>"$list"
      printf '1\tPOST\t/s/%s/submit\tContent-Type: application/x-www-form-urlencoded\tcsrf=%s\n' "$token" "$csrf" >>"$list"
    fi
  done
  printf '20\tGET\t/app\t%s\t\n' "$cookie" >>"$list"
  printf '4\tGET\t/companies\t%s\t\n' "$cookie" >>"$list"
  # downloads: the finalised report where the report is served, else the actions export
  local dl=/actions.csv pdfsid
  pdfsid=$(psql "$owner" -tAc "SELECT id FROM scans WHERE status = 'submitted' LIMIT 1")
  [ "$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$b/scans/$pdfsid/report.pdf")" = 200 ] && dl="/scans/$pdfsid/report.pdf"
  printf '3\tGET\t%s\t%s\t\n' "$dl" "$cookie" >>"$list"
  printf '3\tGET\t/s/%s/data.json\t\t\n' "$token" >>"$list"
  echo "   $(wc -l <"$list") request kinds over $scans scans; download: $dl"
  soak_run() {  # PID SECONDS LABEL → prints codes and memory
    local pid=$1 n=$2 label=$3 mem="$BTMP/$3.rss"
    : >"$mem"
    ( while kill -0 "$pid" 2>/dev/null; do
        awk -v t="$(date +%s)" '/^VmRSS/ {print t, $2}' "/proc/$pid/status" >>"$mem" 2>/dev/null; sleep 5
      done ) &
    local sampler=$!
    SOAK_REQUESTS=$list wrk -t2 -c64 -d"${n}s" --timeout 10s --latency -s tests/bench/soak.lua "$b/" >"$BTMP/$label.wrk" 2>&1
    kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null
    printf '   %-10s %s req/s, p50 %s, p99 %s, %s\n' "$label" \
      "$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$BTMP/$label.wrk")" \
      "$(sed -n 's/^ *50% *\(.*\)$/\1/p' "$BTMP/$label.wrk")" "$(sed -n 's/^ *99% *\(.*\)$/\1/p' "$BTMP/$label.wrk")" \
      "$(grep -o 'SOAK_CODES.*' "$BTMP/$label.wrk" | sed 's/SOAK_CODES //')"
    grep -q 'Socket errors' "$BTMP/$label.wrk" && echo "   $(grep 'Socket errors' "$BTMP/$label.wrk" | sed 's/^ *//')"
    if [ "$label" = asan ]; then  # ASan keeps freed memory in quarantine: RSS says nothing there
      echo "   RSS under ASan: $(tail -n 1 "$mem" | awk '{printf "%.1f MiB", $2 / 1024}') (quarantine; not a leak measure — LeakSanitizer is)"
      return 0
    fi
    # warm-up: the first 20% of the samples (at least one); growth = end vs the warm-up's last sample
    awk 'NR == 1 {first = $2} {v[NR] = $2; if ($2 > max) max = $2} END {
           if (NR < 2) { print "   memory: too few samples"; exit }
           w = int(NR / 5); if (w < 1) w = 1
           printf "   RSS: start %.1f MiB, after warm-up %.1f MiB, end %.1f MiB, max %.1f MiB (%d samples); growth after warm-up %.1f%% (target < 10%%)\n",
             first / 1024, v[w] / 1024, v[NR] / 1024, max / 1024, NR, 100 * (v[NR] - v[w]) / v[w] }' "$mem"
  }
  b=$SOAK_BASE
  soak_run "$SOAK_PID" "$secs" soak
  echo "   submitted: $(psql "$owner" -tAc "SELECT count(*) FROM scans WHERE status = 'submitted'") of $scans scans (a third before, a third during the soak)"
  kill -TERM "$SOAK_PID"; wait "$SOAK_PID"; echo "   fphc exited with $? after SIGTERM"
  if [ -x bin/fphc-asan ] && [ "$asan_secs" -gt 0 ]; then
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 soak_start bin/fphc-asan asan
    b=$SOAK_BASE
    soak_run "$SOAK_PID" "$asan_secs" asan
    kill -TERM "$SOAK_PID"; wait "$SOAK_PID"; local rc=$?
    local findings
    findings=$(grep -cE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$BTMP/asan.log" || true)
    echo "   ASan run: exit $rc, $findings sanitizer findings (leaks, memory errors, undefined behaviour)"
    [ "$findings" -gt 0 ] && grep -E -A12 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$BTMP/asan.log" | head -40
  fi
  dropdb -h "$PG_DIR" -U postgres --if-exists "$db" 2>/dev/null
}

# Login flood (issue 16.16): 600 wrong-password posts from 40 addresses, 40 at a time
# (curl), while another client loads GET /login (wrk, 2 connections); prints that
# client's p50/p90/p99 during the flood. Once with FPHC_HASH_SLOTS equal to the workers
# (every worker may hash, as before the hashing slots) and once with the default.
bench_login_flood() {
  echo "== login flood: 600 wrong-password posts from 40 addresses, 40 at a time, vs other users' GET /login"
  bench_db
  local slots
  for slots in all default; do
    local env=() label
    if [ "$slots" = all ]; then env=(FPHC_HASH_SLOTS=2); label="every worker hashes (slots = workers = 2)"; else label="default hashing slots (1 of 2 workers)"; fi
    env "${env[@]}" FPHC_WORKERS=2 FPHC_TRUSTED_PROXIES=127.0.0.1 FPHC_LOG_LEVEL=warn \
      bin/fphc serve --listen 127.0.0.1:0 >"$BTMP/flood.out" 2>"$BTMP/flood.log" &
    local pid=$!
    for _ in $(seq 1 600); do grep -q 'serving on' "$BTMP/flood.out" 2>/dev/null && break; sleep 0.05; done
    local b; b=$(sed -n 's/^fphc: serving on \(http[^ ]*\)\/$/\1/p' "$BTMP/flood.out")
    local tok; tok=$(curl -s "$b/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
    local quiet; quiet=$(wrk -t1 -c2 -d3s --latency "$b/login" 2>&1 | sed -n 's/^ *90% *\(.*\)$/\1/p')
    local t0; t0=$(date +%s.%N)
    ( seq 1 600 | xargs -P 40 -I{} sh -c 'curl -s -o /dev/null -w "%{http_code}\n" -H "Cookie: fphc_login='"$tok"'" \
        -H "X-Forwarded-For: 198.51.100.$(( {} % 40 + 1 ))" --data "csrf='"$tok"'&email=flood{}%40demo.example&password=wrong-{}" '"$b"'/login' \
        >"$BTMP/flood.codes"; date +%s.%N >"$BTMP/flood.end" ) &
    local flood=$!
    local out; out=$(wrk -t1 -c2 -d5s --latency "$b/login" 2>&1)
    wait "$flood"
    local p50 p90 p99 secs
    p50=$(echo "$out" | sed -n 's/^ *50% *\(.*\)$/\1/p'); p90=$(echo "$out" | sed -n 's/^ *90% *\(.*\)$/\1/p')
    p99=$(echo "$out" | sed -n 's/^ *99% *\(.*\)$/\1/p')
    secs=$(echo "$(cat "$BTMP/flood.end") - $t0" | bc)
    printf '   %-42s GET /login p90 quiet %-8s during the flood p50 %-8s p90 %-8s p99 %-8s (target p90 < 50 ms)\n' \
      "$label:" "$quiet" "$p50" "$p90" "$p99"
    printf '   %-42s the 600 posts took %.1f s: %s\n' "" "$secs" "$(sort "$BTMP/flood.codes" | uniq -c | awk '{printf "%s × %s  ", $1, $2}')"
    kill -TERM "$pid"; wait "$pid" 2>/dev/null
  done
}

# Issue 18: the owner's pillar page and autosave through nginx and PgBouncer
# (scripts/cluster.sh: two instances, a PgBouncer in transaction mode per node,
# a synchronous replica) beside the same on one instance connected directly, in
# one run; then the time from the primary's loss to the first acknowledged
# autosave and to the first successful submit of a complete scan.
cluster_scan() {  # BASE → SCAN_TOKEN, SCAN_CSRF: a new scan with consent and profile
  local b=$1 link
  link=$(bin/fphc invite --org demo --company "Bench Cluster $RANDOM BV" --sector C --fte 45)
  SCAN_TOKEN=${link##*/}
  SCAN_CSRF=$(curl -s "$b/s/$SCAN_TOKEN" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
  curl -s -o /dev/null --data "csrf=$SCAN_CSRF&consent=yes" "$b/s/$SCAN_TOKEN/consent"
  curl -s -o /dev/null --data "csrf=$SCAN_CSRF&sector=C&fte=45&employees=52&municipality=Maastricht" "$b/s/$SCAN_TOKEN/profile"
}
cluster_answer_all() {  # BASE: every item, as tests/integration/respondent_lib.sh answers them (+ s01, w03)
  local b=$1 key value
  { sed -n "/^  done <<'ANSWERS'/,/^ANSWERS/p" tests/integration/respondent_lib.sh | sed '1d;$d'; echo 's01 2'; echo 'w03 4'; } |
    while read -r key value; do
      curl -s -o /dev/null -H "X-CSRF-Token: $SCAN_CSRF" -H 'Content-Type: application/json' \
        --data-binary "{\"item\":\"$key\",\"value\":$value}" "$b/s/$SCAN_TOKEN/answer"
    done
}
bench_cluster() {
  echo "== cluster (issue 18; wrk, 64 connections, 10 s after 2 s warm-up; load average $(cut -d' ' -f1-3 /proc/loadavg))"
  command -v pgbouncer >/dev/null && command -v nginx >/dev/null || { echo "   pgbouncer/nginx missing (make deps-cluster)"; return 1; }
  bench_db; bench_server
  bin/fphc demo init >/dev/null 2>&1
  local pillar_direct autosave_direct
  cluster_scan "$BASE"
  wrk_run "direct: GET /s/TOKEN/pillar/2" "/s/$SCAN_TOKEN/pillar/2"; pillar_direct=$LAST_RPS
  FPHC_CSRF=$SCAN_CSRF wrk_run "direct: POST /s/TOKEN/answer" "/s/$SCAN_TOKEN/answer" -s tests/bench/autosave.lua; autosave_direct=$LAST_RPS
  local cdir="$BTMP/cl" saved_base=$BASE saved_url=$DATABASE_URL
  mkdir -p "$cdir"; chmod 755 "$cdir"
  CLUSTER_PORT=${BENCH_CLUSTER_PORT:-18500} scripts/cluster.sh start "$cdir" >"$BTMP/cluster.out" 2>&1 || { echo "   cluster did not start:"; tail -5 "$BTMP/cluster.out"; return 1; }
  eval "$(scripts/cluster.sh env "$cdir")"
  export DATABASE_URL FPHC_DB_POOLER
  BASE=$(scripts/cluster.sh url "$cdir"); BASE=${BASE%/}
  bin/fphc demo init >/dev/null 2>&1
  cluster_scan "$BASE"
  wrk_run "nginx+PgBouncer: GET /s/TOKEN/pillar/2" "/s/$SCAN_TOKEN/pillar/2"
  local pillar_cl=$LAST_RPS
  FPHC_CSRF=$SCAN_CSRF wrk_run "nginx+PgBouncer: POST /s/TOKEN/answer" "/s/$SCAN_TOKEN/answer" -s tests/bench/autosave.lua
  local autosave_cl=$LAST_RPS lb=$BASE
  # where the difference goes: one instance through its PgBouncer, without nginx
  BASE=${lb%:*}:$(( ${lb##*:} + 1 ))
  wrk_run "one instance+PgBouncer: GET pillar/2" "/s/$SCAN_TOKEN/pillar/2"
  FPHC_CSRF=$SCAN_CSRF wrk_run "one instance+PgBouncer: POST answer" "/s/$SCAN_TOKEN/answer" -s tests/bench/autosave.lua
  BASE=$lb; LAST_RPS=$autosave_cl
  awk -v a="$pillar_cl" -v b="$pillar_direct" -v c="$LAST_RPS" -v d="$autosave_direct" \
    'BEGIN { printf "   through the cluster / direct: pillar page %.0f%%, autosave %.0f%% (two instances on the same 2 cores)\n", 100 * a / b, 100 * c / d }'
  # primary loss: a complete scan, then the failover, then autosaves and the submit until they succeed
  cluster_scan "$BASE"; cluster_answer_all "$BASE"
  local t0 t_write="" t_submit="" code
  # the loss: the primary crashes (immediate stop); then the failover steps run
  # as an operator's script or Patroni would, while the owner keeps trying
  scripts/cluster.sh kill-primary "$cdir" >/dev/null 2>&1
  t0=$(date +%s%N)
  scripts/cluster.sh failover "$cdir" >/dev/null 2>&1 &
  local fo=$!
  for _ in $(seq 1 600); do
    if [ -z "$t_write" ]; then
      code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-CSRF-Token: $SCAN_CSRF" -H 'Content-Type: application/json' \
        --data-binary '{"item":"s01","value":3}' "$BASE/s/$SCAN_TOKEN/answer")
      [ "$code" = 200 ] && t_write=$(( ($(date +%s%N) - t0) / 1000000 ))
    fi
    if [ -n "$t_write" ]; then
      code=$(curl -s -o /dev/null -w '%{http_code}' --data "csrf=$SCAN_CSRF" "$BASE/s/$SCAN_TOKEN/submit")
      [ "$code" = 303 ] && { t_submit=$(( ($(date +%s%N) - t0) / 1000000 )); break; }
    fi
    sleep 0.05
  done
  wait "$fo"
  printf '   %-44s %s ms (first acknowledged autosave %s ms)\n' "primary lost → first successful submit" "${t_submit:-none}" "${t_write:-none}"
  scripts/cluster.sh stop "$cdir" >/dev/null 2>&1
  BASE=$saved_base; DATABASE_URL=$saved_url; unset FPHC_DB_POOLER
}

# ---- evaluation: the interim evaluation over BENCH_EVAL_SCANS synthetic scans (issue 20.7) ----
# The pages read the per-quarter summaries, never the scans: the figure to watch is the page
# and PDF time at 1,000,000 scans (target < 2 s), beside the refresh that builds the summaries.
bench_evaluation() {
  local scans=${BENCH_EVAL_SCANS:-1000000}
  echo "== evaluation ($scans synthetic scans; target: page and PDF < 2 s)"
  bench_db
  local url; url=$(fresh_db evaluation) || return 1
  seed_timed bin/fphc "$url" "$scans" || return 1
  printf '%-34s %8.1f s (includes the benchmark and evaluation refresh)\n' "fphc demo seed ($scans scans)" "$SEED_S"
  local t0 t1
  t0=$(date +%s.%N); DATABASE_URL="$url" bin/fphc benchmarks refresh >/dev/null; t1=$(date +%s.%N)
  printf '%-34s %8.2f s\n' "fphc benchmarks refresh" "$(secs "$t0" "$t1")"
  local saved_url=$DATABASE_URL saved_pid=$SERVER_PID
  export DATABASE_URL="$url"; SERVER_PID=
  local pw rpw
  pw=$(bin/fphc demo init --reset-passwords | tee "$BTMP/eval-pw" | sed -n 's/.*adviseur@demo.example.*password: \(.*\)$/\1/p')
  rpw=$(sed -n 's/.*onderzoeker@demo.example.*password: \(.*\)$/\1/p' "$BTMP/eval-pw")
  bench_server
  login_as "$BTMP/eval.jar" "$BASE" --data-urlencode "email=adviseur@demo.example" --data-urlencode "password=$pw"
  login_as "$BTMP/eval-r.jar" "$BASE" --data-urlencode "email=onderzoeker@demo.example" --data-urlencode "password=$rpw"
  local page jar best t code
  for page in "eval.jar /evaluation?from=2020-01-01&to=2030-12-31" "eval.jar /evaluation.pdf?from=2020-01-01&to=2030-12-31" \
              "eval-r.jar /research/evaluation?from=2020-01-01&to=2030-12-31"; do
    jar=${page%% *}; page=${page#* }
    code=$(curl -s -o /dev/null -b "$BTMP/$jar" -w '%{http_code}' "$BASE$page")
    best=999
    for _ in 1 2 3 4 5; do
      t=$(curl -s -o /dev/null -b "$BTMP/$jar" -w '%{time_total}' "$BASE$page")
      best=$(echo "if ($t < $best) $t else $best" | bc -l)
    done
    printf '%-34s %8.1f ms (best of 5, end to end; status %s)\n' "GET ${page%%\?*}" "$(echo "$best * 1000" | bc -l)" "$code"
  done
  kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=$saved_pid; export DATABASE_URL=$saved_url
  dropdb -h "$PG_DIR" -U postgres --if-exists evaluation
}

# bench_soak runs last (SOAK_SECONDS, default 10 minutes; SOAK_SECONDS=0 skips it)
all=$(declare -F | sed -n 's/^declare -f bench_\([a-z0-9_]*\)$/\1/p' | grep -v '^db$\|^server$\|^soak$\|^report_scan$')
[ "${SOAK_SECONDS:-600}" != 0 ] && all="$all soak"
for name in ${*:-$all}; do
  "bench_$name"
done
