#!/usr/bin/env bash
# t_cluster.sh: the topology of scripts/cluster.sh on real engines (PostgreSQL
# primary + synchronous replica, one PgBouncer in transaction mode per node, two
# fphc instances, nginx): an owner's answers go to alternating instances through
# the poolers, then the primary is lost, the standby promoted, and the scan goes
# on through nginx with every acknowledged answer kept and no 5xx but 503.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/tests/integration/lib.sh"
. "$ROOT/tests/integration/respondent_lib.sh"
export FPHC_BIN=${FPHC_BIN:-$ROOT/bin/fphc}
CDIR=$(mktemp -d /tmp/fphc-cl.XXXXXX)
chmod 755 "$CDIR"
export CLUSTER_PORT=${CLUSTER_PORT:-18240}
trap 'FPHC_BIN=$FPHC_BIN "$ROOT/scripts/cluster.sh" stop "$CDIR" >/dev/null 2>&1; rm -rf "$CDIR"; finish' EXIT
command -v pgbouncer >/dev/null && command -v nginx >/dev/null || { echo "# pgbouncer/nginx missing (scripts/deps.sh test)"; not_ok "cluster packages installed"; exit 1; }

t0=$(date +%s)
# the instances inherit this: a replica more than 1 s behind is not read from
export FPHC_READ_MAX_LAG=1
# every statement in each node's log: proof of which node served a read
export CLUSTER_LOG_STATEMENTS=1
if ! FPHC_BIN=$FPHC_BIN timeout 120 "$ROOT/scripts/cluster.sh" start "$CDIR" >"$WORK/start.out" 2>&1; then
  not_ok "cluster starts"; sed 's/^/# /' "$WORK/start.out"; exit 1
fi
ok "cluster starts in $(($(date +%s) - t0)) s"
eval "$("$ROOT/scripts/cluster.sh" env "$CDIR")"
export DATABASE_URL FPHC_DB_POOLER
LB="http://127.0.0.1:$CLUSTER_PORT"; I1="http://127.0.0.1:$((CLUSTER_PORT + 1))"; I2="http://127.0.0.1:$((CLUSTER_PORT + 2))"

status_of() { "$ROOT/scripts/cluster.sh" status "$CDIR" 2>/dev/null; }
expect_contains "replica streams synchronously" "streaming sync" "$(status_of)"

# The CLI through the multi-host DATABASE_URL (both PgBouncers, read-write wins)
"$FPHC_BIN" demo init >"$WORK/demo.out" 2>"$WORK/demo.err" && ok "demo init through PgBouncer" || { not_ok "demo init through PgBouncer"; sed 's/^/# /' "$WORK/demo.err"; }
"$FPHC_BIN" demo seed --companies 12 --scans-per-company 1 --seed 5 --quiet 2>"$WORK/seed.err" \
  && "$FPHC_BIN" aggregates refresh >/dev/null 2>>"$WORK/seed.err" \
  && ok "demo seed and aggregates refresh through PgBouncer" || { not_ok "demo seed through PgBouncer"; sed 's/^/# /' "$WORK/seed.err"; }
PRIMARY_OWNER="host=$CDIR/pg1 dbname=fphc user=postgres"
REPLICA_OWNER="host=$CDIR/pg2 dbname=fphc user=postgres"
shared_on() { psql "$1" -qtAX -c "SELECT count(*) FROM research_rows r JOIN scans s ON s.id = r.scan_id JOIN organisations o ON o.id = s.org_id WHERE o.share_research"; }

# --- an advisor logs in through one instance and goes on through the other
BASE=$I1; : >"$WORK/cookies"
http_login --data-urlencode "email=adviseur@demo.example" --data-urlencode "password=$(demo_password adviseur@demo.example)" --data "next=/app"
expect_eq "advisor logs in on instance 1" 303 "$STATUS"
BASE=$I2; http GET /app
expect_eq "… and the session works on instance 2" 200 "$STATUS"
http GET /companies; csrf_adv=$(form_csrf)
expect_eq "… page after page" 200 "$STATUS"
BASE=$I1; http POST /logout --data "csrf=$csrf_adv"
BASE=$I2; http GET /app
expect_eq "logged out on instance 1 is logged out on instance 2" 303 "$STATUS"

# --- the login rate limit holds across instances: five failures spread over both
for i in 1 2 3 4 5; do
  if [ $((i % 2)) = 0 ]; then BASE=$I1; else BASE=$I2; fi
  : >"$WORK/cookies"; http_login --data-urlencode "email=admin@demo.example" --data-urlencode "password=fout-$i"
done
BASE=$I1; : >"$WORK/cookies"
http_login --data-urlencode "email=admin@demo.example" --data-urlencode "password=$(demo_password admin@demo.example)"
expect_eq "after five failures on alternating instances the right password waits too (429)" 429 "$STATUS"

# --- research reads come from the replica (its own pg_stat_activity says so)
research_export() {  # → STATUS, rows in EXPORT_ROWS
  BASE=$1; : >"$WORK/cookies"
  http_login --data-urlencode "email=onderzoeker@demo.example" --data-urlencode "password=$(demo_password onderzoeker@demo.example)" --data "next=/research"
  http GET /research/exports; local c; c=$(form_csrf)
  http POST /research/exports --data "csrf=$c&version=1&format=csv"
  EXPORT_ROWS=$(($(python3 -c "import csv,sys;print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=''))))" "$WORK/body") - 1))
}
# the export reads through the cursor research_export: count its FETCHes per node
fetches() { grep -c 'FETCH 10000 FROM research_export' "$CDIR/pg$1/postgres.log" 2>/dev/null || true; }
p1_0=$(fetches 1); p2_0=$(fetches 2)
research_export "$I2"
expect_eq "research export through instance 2" 200 "$STATUS"
expect_eq "… with every shared scan" "$(shared_on "$PRIMARY_OWNER")" "$EXPORT_ROWS"
expect_eq "the export's cursor ran on the replica (pg2's statement log), not on the primary" "yes 0" \
  "$([ "$(fetches 2)" -gt "$p2_0" ] && echo yes || echo no) $(($(fetches 1) - p1_0))"
expect_eq "the export's audit entry is on the primary" t \
  "$(psql "$PRIMARY_OWNER" -qtAX -c "SELECT count(*) > 0 FROM audit_log WHERE action = 'research_export'")"

# --- a replica that lags is not read from: replay paused, new scans on the primary
psql "$REPLICA_OWNER" -qtAX -c "SELECT pg_wal_replay_pause()" >/dev/null
"$FPHC_BIN" demo seed --companies 3 --scans-per-company 1 --seed 9 --quiet 2>>"$WORK/seed.err"
sleep 2.5
before=$(shared_on "$REPLICA_OWNER"); after=$(shared_on "$PRIMARY_OWNER")
check "the paused replica misses the newest scans" test "$before" -lt "$after"
p1_0=$(fetches 1)
research_export "$I2"
expect_eq "with the replica 2 s behind, the export comes from the primary (all $after scans)" "$after" "$EXPORT_ROWS"
check "… as the primary's statement log shows" test "$(fetches 1)" -gt "$p1_0"
expect_eq "one warning says so" 1 "$(grep -c 'read replica is .* behind' "$CDIR/fphc2/server.log")"
psql "$REPLICA_OWNER" -qtAX -c "SELECT pg_wal_replay_resume()" >/dev/null
for _ in $(seq 1 100); do [ "$(shared_on "$REPLICA_OWNER")" = "$after" ] && break; sleep 0.1; done
sleep 1.2
p2_0=$(fetches 2)
research_export "$I2"
expect_eq "caught up, the replica serves the export again" "$after" "$EXPORT_ROWS"
check "… as the replica's statement log shows" test "$(fetches 2)" -gt "$p2_0"
expect_eq "and the log says the replica is used again" 1 "$(grep -c 'read replica is current again' "$CDIR/fphc2/server.log")"
invite "Cluster BV"
[ -n "$SCAN_ID" ] && ok "invitation through PgBouncer" || not_ok "invitation through PgBouncer"

BASE=$I1; csrf=$(scan_csrf "$TOKEN"); consent "$TOKEN" "$csrf"
expect_eq "consent on instance 1" 303 "$STATUS"
BASE=$I2; csrf=$(scan_csrf "$TOKEN")
acked=0
# Consecutive autosaves alternate between the instances; each one repeated, so
# both instances run every statement several times on pooled server connections.
for round in 1 2 3; do
  for v in 1 2 3 4 5; do
    if [ $(((round + v) % 2)) = 0 ]; then BASE=$I1; else BASE=$I2; fi
    autosave "$TOKEN" "$csrf" "{\"item\":\"s01\",\"value\":$v}"; s1=$STATUS
    autosave "$TOKEN" "$csrf" "{\"item\":\"w03\",\"value\":$v}"; s2=$STATUS
    [ "$s1$s2" = 200200 ] && acked=$((acked + 1))
  done
done
expect_eq "15 rounds of autosaves on alternating instances acknowledged" 15 "$acked"
expect_eq "the answers are stored" 2 "$(psql "$OWNER_URL" -qtAX -c "SELECT count(*) FROM answers WHERE scan_id = $SCAN_ID")"
nprep=$(cat "$CDIR"/pg1/postgres.log "$CDIR"/pgb*/pgbouncer.log 2>/dev/null | grep -cE 'prepared statement "[^"]*" (does not exist|already exists)' || true)
expect_eq "no prepared-statement errors through PgBouncer" 0 "$nprep"
[ "$nprep" = 0 ] || cat "$CDIR"/pg1/postgres.log "$CDIR"/pgb*/pgbouncer.log | grep -E 'prepared statement "[^"]*" (does not exist|already exists)' | head -20 | sed 's/^/# /' 

# --- failover mid-scan: the primary is lost, the standby promoted
BASE=$LB
autosave "$TOKEN" "$csrf" '{"item":"s01","value":2}'
expect_eq "autosave through nginx before the failover" 200 "$STATUS"
tf=$(date +%s%N)
"$ROOT/scripts/cluster.sh" failover "$CDIR" >"$WORK/failover.out" 2>&1 && ok "failover (fence pg1, clear synchronous_standby_names, promote pg2)" || { not_ok "failover"; sed 's/^/# /' "$WORK/failover.out"; }
bad=""; first=""
for i in $(seq 1 300); do
  autosave "$TOKEN" "$csrf" '{"item":"w03","value":1}'
  case "$STATUS" in
    200) first=$(( ($(date +%s%N) - tf) / 1000000 )); break ;;
    503) ;;
    *) bad="$bad $STATUS" ;;
  esac
  sleep 0.1
done
expect_eq "nothing but 503 during the switch" "" "$bad"
if [ -n "$first" ]; then ok "first acknowledged autosave ${first} ms after the primary was lost"; else
  not_ok "the scan goes on after the failover"
  for f in fphc1/server.log pgb2/pgbouncer.log pg2/postgres.log; do echo "# --- $f"; tail -n 8 "$CDIR/$f" 2>/dev/null | sed 's/^/# /'; done
fi
echo "# failover: primary loss to first acknowledged write: ${first:-none} ms"
NEW_OWNER="host=$CDIR/pg2 dbname=fphc user=postgres"
expect_eq "pg2 is the primary now" f "$(psql "$NEW_OWNER" -qtAX -c 'SELECT pg_is_in_recovery()')"
expect_eq "synchronous_standby_names cleared on the new primary" "" "$(psql "$NEW_OWNER" -qtAX -c 'SHOW synchronous_standby_names')"
expect_eq "every acknowledged answer is on the new primary" "2|1" \
  "$(psql "$NEW_OWNER" -qtAX -c "SELECT string_agg(value::text, '|' ORDER BY item_key) FROM answers WHERE scan_id = $SCAN_ID" 2>&1)"
# the owner finishes the scan through nginx after the switch
BASE=$LB; answer_rest "$TOKEN" "$csrf"
expect_eq "the rest of the scan is answered through nginx after the switch" 0 "$ANSWER_FAILS"
sub=""
for i in $(seq 1 50); do
  http POST "/s/$TOKEN/submit" --data "csrf=$csrf"
  [ "$STATUS" = 503 ] || { sub="$STATUS $(location)"; break; }
  sleep 0.2
done
expect_eq "the scan is submitted after the failover" "303 /s/$TOKEN/done" "$sub"
[ "$sub" = "303 /s/$TOKEN/done" ] || echo "$BODY" | grep -i -m3 'error\|fout\|class="message' | sed 's/^/# /' 
expect_eq "… scored on the new primary with the acknowledged answers" "submitted|1" \
  "$(psql "$NEW_OWNER" -qtAX -c "SELECT s.status || '|' || count(r.scan_id) FROM scans s LEFT JOIN results r ON r.scan_id = s.id WHERE s.id = $SCAN_ID GROUP BY s.status")"
http GET "/s/$TOKEN/done"; expect_eq "the done page shows" 200 "$STATUS"
research_export "$I1"
expect_eq "research export after the failover (the read URL's replica is now the primary)" 200 "$STATUS"
for u in "$I1" "$I2"; do
  BASE=$u; http GET /readyz
  expect_eq "instance $u ready again by itself" 200 "$STATUS"
done
echo "# t_cluster took $(($(date +%s) - t0)) s"
