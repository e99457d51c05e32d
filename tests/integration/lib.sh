# lib.sh: helpers for black-box integration tests (sourced by tests/integration/t_*.sh).
# Each test script gets FPHC_BIN, PG_DIR (the throwaway cluster's folder) and
# TEMPLATE_DB from scripts/test.sh, makes its own database from the template,
# starts the real server on a free port and prints TAP.
set -u
T_N=0
T_FAIL=0
T_NAME=$(basename "$0" .sh)
SERVER_PID=
WORK=$(mktemp -d "/tmp/fphc-$T_NAME.XXXXXX")
# psql in the installation's time zone, as every connection of fphc itself:
# to_char(now()) and current_date in a test then name the day the pages show,
# also in the hour after midnight there (the machine's clock runs in UTC).
export PGTZ=${FPHC_TIMEZONE:-Europe/Amsterdam}

ok() { T_N=$((T_N + 1)); echo "ok $T_N - $*"; }
not_ok() { T_N=$((T_N + 1)); T_FAIL=$((T_FAIL + 1)); echo "not ok $T_N - $*"; }
# check "description" command…: ok when the command succeeds
check() { local d=$1; shift; if "$@" >/dev/null 2>&1; then ok "$d"; else not_ok "$d"; fi; }
# expect_eq "description" expected actual
expect_eq() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (expected '$2', got '$3')"; fi; }
expect_contains() { case "$3" in *"$2"*) ok "$1" ;; *) not_ok "$1 (no '$2' in: ${3:0:300})" ;; esac; }
expect_not_contains() { case "$3" in *"$2"*) not_ok "$1 (found '$2')" ;; *) ok "$1" ;; esac; }

new_db() {
  DB_NAME="t_${T_NAME//[^a-z0-9_]/_}_$$"
  createdb -h "$PG_DIR" -U postgres -T "$TEMPLATE_DB" "$DB_NAME"
  # The server and the CLI connect as the least-privilege role, as in production;
  # OWNER_URL is for what only the schema owner may do (migrate, fixtures that
  # bypass the app's rights). FPHC_TEST_ROLE=postgres runs everything as owner.
  export OWNER_URL="host=$PG_DIR dbname=$DB_NAME user=postgres"
  export DATABASE_URL="host=$PG_DIR dbname=$DB_NAME user=${FPHC_TEST_ROLE:-fphc_app}"
  # FPHC_TEST_PGBOUNCER=PORT (scripts/test.sh's pooler pass): the server and the
  # CLI go through PgBouncer in transaction mode, as behind a pooler in production
  if [ -n "${FPHC_TEST_PGBOUNCER:-}" ]; then
    export DATABASE_URL="host=127.0.0.1 port=$FPHC_TEST_PGBOUNCER dbname=$DB_NAME user=${FPHC_TEST_ROLE:-fphc_app}"
  fi
}

# demo_init: fphc demo init, keeping what it prints (each demo user's new
# password) in $WORK/demo.out for demo_password
demo_init() { "$FPHC_BIN" demo init >"$WORK/demo.out"; }
# demo_password EMAIL: the password demo_init printed for EMAIL
demo_password() { sed -n "s/.*$1.*password: \(.*\)\$/\1/p" "$WORK/demo.out"; }

# SQL as the application role (what the server itself may do)
psql_q() { psql "$DATABASE_URL" -qtAX -v ON_ERROR_STOP=1 -c "$1"; }
# SQL as the schema owner (migrations, rewriting what the app may not touch)
psql_owner() { psql "$OWNER_URL" -qtAX -v ON_ERROR_STOP=1 -c "$1"; }
# fphc migrate as the owner
migrate_owner() { DATABASE_URL=$OWNER_URL "$FPHC_BIN" migrate "$@"; }

start_server() {
  "$FPHC_BIN" serve --listen 127.0.0.1:0 --workers 2 "$@" >"$WORK/server.out" 2>"$WORK/server.log" &
  SERVER_PID=$!
  # generous: under ASan on a loaded 2-core machine start-up can take seconds
  for _ in $(seq 1 1200); do
    if grep -q 'serving on' "$WORK/server.out" 2>/dev/null; then break; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "# server died:"; sed 's/^/# /' "$WORK/server.log"; return 1; fi
    sleep 0.05
  done
  BASE=$(sed -n 's/^fphc: serving on \(http[^ ]*\)\/$/\1/p' "$WORK/server.out")
  [ -n "$BASE" ] || { echo "# server did not start"; return 1; }
}

# start_demo_server: a database of the test's own with the demo association
# (new_db, demo_init) and the server on it (start_server); fails when either fails
start_demo_server() { new_db; demo_init || return 1; start_server; }

# start_fake_smtp DIR: tests/integration/fake_smtp.mjs writing each message to DIR;
# sets SMTP_PID and SMTP_URL. Generous like start_server: node under a full
# make test on 2 cores can take seconds to listen, and without a port every
# mail test after it would fail for the wrong reason.
start_fake_smtp() {
  mkdir -p "$1"
  node "$(dirname "${BASH_SOURCE[0]}")/fake_smtp.mjs" "$1" >"$WORK/smtp.out" 2>&1 &
  SMTP_PID=$!
  for _ in $(seq 1 1200); do
    grep -q listening "$WORK/smtp.out" 2>/dev/null && break
    kill -0 "$SMTP_PID" 2>/dev/null || break
    sleep 0.05
  done
  local port
  port=$(sed -n 's/listening \([0-9]*\)/\1/p' "$WORK/smtp.out")
  [ -n "$port" ] || { echo "# the fake SMTP server did not start:"; sed 's/^/# /' "$WORK/smtp.out"; return 1; }
  SMTP_URL="smtp://127.0.0.1:$port"
}

stop_server() {
  # DUMP_SERVER_LOG=1: print a sanitizer report from the server log (to find a crash behind a '000')
  if [ -n "${DUMP_SERVER_LOG:-}" ]; then grep -A30 -m1 "Sanitizer\|runtime error" "$WORK/server.log" 2>/dev/null | sed 's/^/# LOG /' >&2; fi
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.05; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
}

# http METHOD PATH [curl args…] → sets STATUS, BODY, HEADERS (uses a cookie jar per test)
http() {
  local m=$1 p=$2; shift 2
  : >"$WORK/headers"
  STATUS=$(curl -s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' -X "$m" \
    -b "$WORK/cookies" -c "$WORK/cookies" --max-time 30 "$@" "$BASE$p")
  BODY=$(cat "$WORK/body")
  HEADERS=$(cat "$WORK/headers")
}

# form_csrf: the csrf value of the last page's first form
# login EMAIL [PASSWORD]: logs in within the current cookie jar (a fresh session id;
# the fixtures' users have the password fixture-pass-1); sets STATUS
login() {
  http_login --data-urlencode "email=$1" --data-urlencode "password=${2:-fixture-pass-1}" --data "next=/app"
}
# http_login [curl args…]: POST /login as a browser does: first the login form (without
# the jar, which may hold a session and be sent on to /app), its CSRF token and its
# cookie added to the jar, then the post with the token; sets STATUS, BODY, HEADERS
http_login() {
  local tok
  tok=$(curl -s -c "$WORK/cookies.login" --max-time 30 "$BASE/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
  touch "$WORK/cookies"
  grep 'fphc_login' "$WORK/cookies.login" >>"$WORK/cookies" 2>/dev/null || true
  http POST /login --data "csrf=$tok" "$@"
}
form_csrf() { sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$WORK/body" | head -n 1; }

finish() {
  stop_server
  # a test that stops early (a server that did not start) leaves no fake SMTP server behind
  if [ -n "${SMTP_PID:-}" ]; then kill "$SMTP_PID" 2>/dev/null; wait "$SMTP_PID" 2>/dev/null; fi
  if [ -n "${DB_NAME:-}" ]; then dropdb -h "$PG_DIR" -U postgres --if-exists "$DB_NAME" 2>/dev/null || true; fi
  if [ "$T_FAIL" -gt 0 ] && [ -f "$WORK/server.log" ]; then echo "# server log (last lines):"; tail -n 20 "$WORK/server.log" | sed 's/^/# /'; fi
  rm -rf "$WORK"
  echo "1..$T_N"
  [ "$T_FAIL" -eq 0 ]
}
trap 'finish' EXIT
