#!/usr/bin/env bash
# FPHC_DATABASE_READ_URL without a cluster: the research reads use the read
# connection when it works (proved from pg_stat_activity by its application_name),
# and a wrong, unreachable or unparsable read URL falls back to the primary with
# one warning in the log — never a crash, never silent, never the password.
. "$(dirname "$0")/lib.sh"
new_db
trap finish EXIT
demo_init
rpw=$(demo_password onderzoeker@demo.example)
"$FPHC_BIN" demo seed --companies 20 --scans-per-company 1 --seed 3 --quiet
"$FPHC_BIN" aggregates refresh >/dev/null 2>&1
shared=$(psql_q "SELECT count(*) FROM scans s JOIN organisations o ON o.id = s.org_id WHERE o.share_research")

researcher_reads() {  # label: log in, export, aggregates, items; sets the results
  : >"$WORK/cookies"
  http_login --data-urlencode "email=onderzoeker@demo.example" --data-urlencode "password=$rpw" --data "next=/research"
  http GET /research/exports; local csrf; csrf=$(form_csrf)
  http POST /research/exports --data "csrf=$csrf&version=1&format=csv"
  expect_eq "$1: the export is served" 200 "$STATUS"
  expect_eq "$1: the export has every shared scan" "$((shared + 1))" "$(python3 -c "import csv,sys;print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=''))))" "$WORK/body")"
  http GET /research/aggregates; expect_eq "$1: the aggregates page" 200 "$STATUS"
  http GET /research/items; expect_eq "$1: the item statistics page" 200 "$STATUS"
  http GET /api/v1/research/aggregates; expect_eq "$1: the aggregates API" 200 "$STATUS"
}
audits() { psql_q "SELECT count(*) FROM audit_log WHERE action = 'research_export'"; }

# --- a working read URL (here the same database: what matters is which connection reads)
READ_URL="host=$PG_DIR dbname=$DB_NAME user=fphc_app application_name=fphc_read_test"
a0=$(audits)
FPHC_DATABASE_READ_URL=$READ_URL start_server || { not_ok "server starts with a read URL"; exit 1; }
researcher_reads "read URL"
# the read connection's last statement is a research read, not only its lag check
expect_eq "a research read ran on the read connection (pg_stat_activity)" t \
  "$(psql_q "SELECT bool_or(query LIKE '%research%') FROM pg_stat_activity WHERE application_name = 'fphc_read_test' AND datname = '$DB_NAME'")"
expect_eq "the audit entry of the export is written (on the primary)" "$((a0 + 1))" "$(audits)"
expect_eq "no warning with a working read URL" 0 "$(grep -c 'read replica' "$WORK/server.log")"
last=$(psql_q "SELECT string_agg(query, ' | ') FROM pg_stat_activity WHERE application_name = 'fphc_read_test' AND datname = '$DB_NAME'")
expect_not_contains "the read connection ran no write (the audit entry went to the primary)" "INSERT" "$last"
stop_server

# --- unreachable (nothing listens on port 1), with a password that must not be logged
FPHC_DATABASE_READ_URL="host=127.0.0.1 port=1 dbname=fphc user=fphc_app password=geheim-wachtwoord-42" start_server \
  || { not_ok "server starts with an unreachable read URL"; exit 1; }
researcher_reads "unreachable read URL"
researcher_reads "unreachable read URL, again"
expect_eq "exactly one warning for the unreachable read URL" 1 "$(grep -c 'read replica cannot be reached' "$WORK/server.log")"
expect_eq "the password of the read URL is never logged" 0 "$(grep -c 'geheim-wachtwoord-42' "$WORK/server.log")"
http GET /readyz; expect_eq "ready: the primary is what readiness means" 200 "$STATUS"
stop_server

# --- a read URL that does not parse
FPHC_DATABASE_READ_URL="host=x port=5432 ='kapot" start_server || { not_ok "server starts with a broken read URL"; exit 1; }
researcher_reads "broken read URL"
expect_eq "one warning at start for the broken read URL" 1 "$(grep -c 'FPHC_DATABASE_READ_URL cannot be read' "$WORK/server.log")"
stop_server

# --- a bad FPHC_READ_MAX_LAG refuses to start with a clear line
FPHC_READ_MAX_LAG=vijf "$FPHC_BIN" serve --listen 127.0.0.1:0 >"$WORK/bad.out" 2>&1
expect_eq "a bad FPHC_READ_MAX_LAG stops the server" 1 "$([ $? -ne 0 ] && echo 1 || echo 0)"
expect_contains "and says what is wrong" "FPHC_READ_MAX_LAG must be a whole number" "$(cat "$WORK/bad.out")"
