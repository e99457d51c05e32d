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
"$FPHC_BIN" demo init >/dev/null 2>"$WORK/demo.err" && ok "demo init through PgBouncer" || { not_ok "demo init through PgBouncer"; sed 's/^/# /' "$WORK/demo.err"; }
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
nprep=$(cat "$CDIR"/pg1/postgres.log "$CDIR"/pgb*/pgbouncer.log 2>/dev/null | grep -c 'prepared statement' || true)
expect_eq "no prepared-statement errors through PgBouncer" 0 "$nprep"

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
[ -n "$first" ] && ok "first acknowledged autosave ${first} ms after the primary was lost" || not_ok "the scan goes on after the failover"
echo "# failover: primary loss to first acknowledged write: ${first:-none} ms"
NEW_OWNER="host=$CDIR/pg2 dbname=fphc user=postgres"
expect_eq "pg2 is the primary now" f "$(psql "$NEW_OWNER" -qtAX -c 'SELECT pg_is_in_recovery()')"
expect_eq "synchronous_standby_names cleared on the new primary" "" "$(psql "$NEW_OWNER" -qtAX -c 'SHOW synchronous_standby_names')"
expect_eq "every acknowledged answer is on the new primary" "2|1" \
  "$(psql "$NEW_OWNER" -qtAX -c "SELECT string_agg(value::text, '|' ORDER BY item_key) FROM answers WHERE scan_id = $SCAN_ID" 2>&1)"
for u in "$I1" "$I2"; do
  BASE=$u; http GET /readyz
  expect_eq "instance $u ready again by itself" 200 "$STATUS"
done
echo "# t_cluster took $(($(date +%s) - t0)) s"
