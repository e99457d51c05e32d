#!/usr/bin/env bash
# Foundation: health, readiness, errors, limits, metrics, login, PostgreSQL restart, shutdown.
. "$(dirname "$0")/lib.sh"
new_db
METRICS_TOKEN=metrics-token-for-the-test-1
FPHC_METRICS_TOKEN=$METRICS_TOKEN start_server || exit 1

http GET /healthz;          expect_eq "healthz is 200" 200 "$STATUS"
http GET /readyz;           expect_eq "readyz is 200 with current migrations" 200 "$STATUS"
http GET /does-not-exist;   expect_eq "unknown route is 404" 404 "$STATUS"
expect_contains "404 page is Dutch HTML" "Pagina niet gevonden" "$BODY"
http GET /api/v1/nothing;   expect_eq "unknown API route is 404" 404 "$STATUS"
expect_contains "API 404 is JSON" '"error"' "$BODY"
http POST /healthz;         expect_eq "wrong method is 405" 405 "$STATUS"
expect_contains "405 names the allowed methods" "Allow: GET" "$HEADERS"
http GET '/a%zzb';          expect_eq "malformed percent-encoding is 400" 400 "$STATUS"
http GET '/a%C3%28';        expect_eq "invalid UTF-8 in path is 400" 400 "$STATUS"
head -c 1100000 /dev/zero | tr '\0' 'a' >"$WORK/big"
http_login --data-binary @"$WORK/big" -H 'Content-Type: application/x-www-form-urlencoded'
expect_eq "body over 1 MiB is 413" 413 "$STATUS"
http_login --data 'email=%ZZ&password=x'; expect_eq "malformed form is 400" 400 "$STATUS"
http GET /;                 expect_contains "security headers: CSP" "Content-Security-Policy: default-src 'self'" "$HEADERS"
expect_contains "security headers: nosniff" "X-Content-Type-Options: nosniff" "$HEADERS"
expect_contains "security headers: referrer" "Referrer-Policy: no-referrer" "$HEADERS"
expect_contains "frame-ancestors none" "frame-ancestors 'none'" "$HEADERS"
http GET /metrics;          expect_eq "metrics are not public" 404 "$STATUS"
http GET /metrics -H 'Authorization: Bearer wrong-token-wrong-token'; expect_eq "metrics with a wrong token are 404" 404 "$STATUS"
http GET /metrics -H "Authorization: Bearer $METRICS_TOKEN"
expect_contains "metrics count requests by route" 'fphc_requests_total{method="GET",route="/healthz",status="200"} 1' "$BODY"
expect_contains "metrics has a latency histogram" 'fphc_request_duration_seconds_bucket{le="+Inf"}' "$BODY"
expect_contains "metrics has pool state" 'fphc_db_pool_connections{state="connected"}' "$BODY"

# log lines: JSON, route pattern, never the query string
http GET '/login?next=/secret-token-value'
sleep 0.1
check "request log is JSON with the route pattern" grep -q '"route":"/login","status":200' "$WORK/server.log"
if grep -q 'secret-token-value' "$WORK/server.log"; then not_ok "query strings never logged"; else ok "query strings never logged"; fi

# login
demo_init
apw=$(demo_password admin@demo.example)
expect_eq "demo init: the demo association shares with the demo research group and has the demo offers" "true|6" \
  "$(psql_q "SELECT (o.research_org_id = r.id)::text || '|' || (SELECT count(*) FROM offers WHERE org_id = o.id) FROM organisations o, organisations r WHERE o.slug = 'demo' AND r.slug = 'onderzoek'")"
inv=$("$FPHC_BIN" demo invite)
expect_contains "demo invite prints the demo scan's link" "demo scan of 'Demo Metaalbewerking BV'" "$inv"
expect_eq "demo invite: the demo company is filled in" "1|52|Eva Eigenaar" \
  "$(psql_q "SELECT count(*) || '|' || max(employees) || '|' || max(contact_name) FROM companies WHERE name = 'Demo Metaalbewerking BV' AND is_demo")"
"$FPHC_BIN" demo init >/dev/null; "$FPHC_BIN" demo invite >/dev/null
expect_eq "init and invite again: no second company or offer, a new link beside the first" "6|1|2" \
  "$(psql_q "SELECT (SELECT count(*) FROM offers o JOIN organisations g ON g.id = o.org_id WHERE g.slug = 'demo') || '|' || (SELECT count(*) FROM companies WHERE name = 'Demo Metaalbewerking BV') || '|' || (SELECT count(*) FROM invitations i JOIN scans s ON s.id = i.scan_id JOIN companies c ON c.id = s.company_id WHERE c.name = 'Demo Metaalbewerking BV')")"
http GET /app;              expect_eq "back office needs login" 303 "$STATUS"
http_login --data "email=admin@demo.example&password=wrong&next=/app"
expect_eq "wrong password is refused" 401 "$STATUS"
expect_contains "wrong password says so in Dutch" "klopt niet" "$BODY"
http_login --data-urlencode "email=ADMIN@demo.example" --data-urlencode "password=$apw" --data "next=/app"
expect_eq "login redirects" 303 "$STATUS"
expect_contains "session cookie is HttpOnly and SameSite" "HttpOnly; SameSite=Lax" "$HEADERS"
http GET /app;              expect_eq "logged in user sees the back office" 200 "$STATUS"
csrf=$(form_csrf)
http POST /logout --data "csrf=wrong"; expect_eq "logout without the right CSRF token is 403" 403 "$STATUS"
http POST /logout --data "csrf=$csrf"; expect_eq "logout redirects" 303 "$STATUS"
http GET /app;              expect_eq "after logout the back office needs login again" 303 "$STATUS"

# PostgreSQL restart while fphc runs
"$(pg_config --bindir)/pg_ctl" --help >/dev/null
pgctl() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$(pg_config --bindir)/pg_ctl" "$@"); else "$(pg_config --bindir)/pg_ctl" "$@"; fi; }
pgctl -D "$PG_DIR/data" -m fast -w stop >/dev/null
http GET /readyz;           expect_eq "readyz is 503 while PostgreSQL is down" 503 "$STATUS"
http GET /login;            expect_eq "a page needing the database still answers while it is down" 200 "$STATUS"
http GET /healthz;          expect_eq "healthz stays 200 while PostgreSQL is down" 200 "$STATUS"
http_login --data "email=a@b.nl&password=x"; expect_eq "a route that needs the database is 503 while it is down" 503 "$STATUS"
pgctl -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w start >/dev/null
# directly the next request connects again; behind PgBouncer (make test's pooler
# pass) the pooler logs in again after its server_login_retry of a second
for _ in $(seq 1 50); do http GET /readyz; [ "$STATUS" = 200 ] && break; sleep 0.1; done
expect_eq "readyz is 200 again after restart, without restarting fphc" 200 "$STATUS"

# graceful stop
kill -TERM "$SERVER_PID"
for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.05; done
wait "$SERVER_PID"; rc=$?
SERVER_PID=
expect_eq "SIGTERM stops the server with status 0" 0 "$rc"

# a changed migration is refused, naming the file
psql_owner "UPDATE schema_migrations SET sha256 = 'changed' WHERE version = 1"
out=$(migrate_owner 2>&1); rc=$?
expect_eq "migrate refuses a changed migration" 1 "$rc"
expect_contains "the refusal names the file" "migrations/0001_init.sql" "$out"
psql_owner "UPDATE schema_migrations SET sha256 = '$(sha256sum migrations/0001_init.sql | cut -c1-64)' WHERE version = 1"

# configuration errors
"$FPHC_BIN" serve --workers 0 >/dev/null 2>&1; expect_eq "invalid configuration exits 2" 2 "$?"
FPHC_LISTEN=nonsense "$FPHC_BIN" serve >/dev/null 2>&1; expect_eq "invalid FPHC_LISTEN exits 2" 2 "$?"
migrate_owner >/dev/null 2>&1; expect_eq "second migrate is a no-op" 0 "$?"

# after `make run`: commands typed in the checkout read var/fphc.env (issue 16.10)
mkdir -p "$WORK/co/var"
cat > "$WORK/co/var/fphc.env" <<ENV
# written by make run
export DATABASE_URL='$DATABASE_URL'
export FPHC_LISTEN='127.0.0.1:9977'
export FPHC_BASE_URL='http://127.0.0.1:9977'
export LD_PRELOAD='/nonexistent.so'
ENV
out=$(cd "$WORK/co" && env -u DATABASE_URL -u FPHC_LISTEN -u FPHC_BASE_URL "$FPHC_BIN" org add --slug envfile --name "Uit het bestand" 2>&1); rc=$?
expect_eq "without DATABASE_URL, org add finds the database in var/fphc.env" 0 "$rc"
expect_eq "... and stores the association" 1 "$(psql_q "SELECT count(*) FROM organisations WHERE slug = 'envfile'")"
link=$(cd "$WORK/co" && env -u DATABASE_URL -u FPHC_LISTEN -u FPHC_BASE_URL "$FPHC_BIN" invite --org envfile --company "Uit Bestand BV" --sector C --fte 12 2>&1)
expect_contains "invite prints links on the port make run serves on" "http://127.0.0.1:9977/s/" "$link"
out=$(cd "$WORK/co" && env -u FPHC_LISTEN -u FPHC_BASE_URL DATABASE_URL="host=/nonexistent dbname=x" "$FPHC_BIN" org add --slug envfile2 --name X 2>&1); rc=$?
check "a DATABASE_URL in the environment wins over the file" test "$rc" -ne 0
out=$(cd "$WORK" && env -u DATABASE_URL "$FPHC_BIN" org add --slug envfile3 --name X 2>&1); rc=$?
expect_eq "outside a checkout with var/fphc.env: the clear message" 2 "$rc"
expect_contains "... that says what to set" "DATABASE_URL is not set" "$out"

# the demo of make run looks like an office at work (issue 16.9)
"$FPHC_BIN" demo seed --companies 60 --org demo --seed 5 --quiet >/dev/null 2>&1
out=$("$FPHC_BIN" demo workflow); expect_contains "demo workflow says what it did" "demo scans given an advisor" "$out"
demo_q() { psql_q "SELECT $1 FROM scans s WHERE s.org_id = (SELECT id FROM organisations WHERE slug = 'demo') AND s.is_demo AND s.submitted_at IS NOT NULL"; }
check "a spread of statuses (at least 5 kinds)" test "$(demo_q 'count(DISTINCT status)')" -ge 5
expect_eq "every demo scan that was moved has an advisor" 0 "$(demo_q "count(*) FILTER (WHERE advisor_id IS NULL AND status <> 'submitted')")"
check "more than one advisor has scans" test "$(demo_q 'count(DISTINCT advisor_id)')" -ge 2
stale=$(demo_q "count(*) FILTER (WHERE status = 'submitted' AND submitted_at < now() - interval '14 days')")
total=$(demo_q "count(*)")
check "some companies, not every one, wait too long ($stale of $total)" test "$stale" -ge 1 -a $((stale * 4)) -lt "$total"
expect_eq "every scan past the meeting has one recorded" 0 "$(demo_q "count(*) FILTER (WHERE status IN ('meeting_held','closed') AND NOT EXISTS (SELECT 1 FROM scan_meetings m WHERE m.scan_id = s.id AND m.held_date IS NOT NULL))")"
check "agreed actions, some open and some done" test "$(psql_q "SELECT count(DISTINCT status) FROM scan_actions")" -ge 2
expect_eq "history leads to each status" 0 "$(demo_q "count(*) FILTER (WHERE status <> 'submitted' AND status <> (SELECT h.to_status FROM scan_status_history h WHERE h.scan_id = s.id ORDER BY h.at DESC, h.id DESC LIMIT 1))")"
out=$("$FPHC_BIN" demo workflow); expect_contains "running it again changes nothing" "fphc: 0 demo scans" "$out"
