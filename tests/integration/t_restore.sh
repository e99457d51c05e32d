#!/usr/bin/env bash
# Restore drill (issue 13): a running installation is backed up with the exact
# commands of docs/operations.md (pg_dump --format=custom while fphc serves),
# restored into a new, empty PostgreSQL cluster (pg_restore, then fphc migrate
# as the owner, which is a no-op that grants the app role its rights), and a
# server on the restored copy gives the same pages, report bytes and exports.
. "$(dirname "$0")/lib.sh"
FIX="$(cd "$(dirname "$0")/../fixtures/upgrade" && pwd)"
PW_ALL=$(sed -n 's/^password of every account in users.txt: //p' "$FIX/v0.1.0/MADE")
chmod 755 "$WORK"   # the second cluster lives in here and runs as 'postgres'
PG2="$WORK/pg2"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
stop_pg2() { "$ROOT/scripts/pg.sh" stop "$PG2" >/dev/null 2>&1 || true; }
trap 'stop_server; stop_pg2; finish' EXIT

# --- a running installation with data: release 0.1.0's database, upgraded ---
DB_NAME="t_restore_$$"
createdb -h "$PG_DIR" -U postgres -T template0 -E UTF8 "$DB_NAME"
export OWNER_URL="host=$PG_DIR dbname=$DB_NAME user=postgres"
export DATABASE_URL="host=$PG_DIR dbname=$DB_NAME user=fphc_app"
gunzip -c "$FIX/v0.1.0.sql.gz" | psql "$OWNER_URL" -qX -v ON_ERROR_STOP=1 >/dev/null
migrate_owner >/dev/null 2>&1; expect_eq "the installation is migrated" 0 "$?"
"$FPHC_BIN" invite --org demo-zuid --company "Na De Upgrade BV" --sector C --fte 40 >/dev/null
KORST=$(psql_q "SELECT min(scan_id) FROM reports")
CID=$(psql_q "SELECT company_id FROM scans WHERE id = $KORST")

# capture NAME: the pages, report bytes and exports of the server at $BASE and
# the database at $DATABASE_URL, into $WORK/NAME/
capture() {
  local d="$WORK/$1" p f
  mkdir -p "$d"
  rm -f "$WORK/cookies"
  http_login --data-urlencode "email=adviseur@zuid.example" --data-urlencode "password=$PW_ALL" --data "next=/app"
  for p in /app /companies "/companies/$CID" "/scans/$KORST" "/scans/$KORST/reports" /actions /offers "/scans/$KORST/reports/1.pdf" "/scans/$KORST/reports/2.pdf"; do
    f="$d/$(echo "$p" | tr '/' '_')"
    curl -s -o "$f" -b "$WORK/cookies" "$BASE$p"
    # per-session CSRF tokens are the only thing that may differ
    case "$p" in *.pdf) ;; *) sed -i 's/\(name="csrf" value="\)[^"]*"/\1"/g; s/\(name="csrf-token" content="\)[^"]*"/\1"/g' "$f" ;; esac
  done
  rm -f "$WORK/cookies"
  http_login --data-urlencode "email=beheer@zuid.example" --data-urlencode "password=$PW_ALL" --data "next=/app"
  # twice: the first view is itself audited (audit_view then joins the filter's list)
  curl -s -o "$d/audit-erasures" -b "$WORK/cookies" "$BASE/admin/audit?action=company_erased"
  curl -s -o "$d/audit-erasures" -b "$WORK/cookies" "$BASE/admin/audit?action=company_erased"
  sed -i 's/\(name="csrf" value="\)[^"]*"/\1"/g; s/\(name="csrf-token" content="\)[^"]*"/\1"/g' "$d/audit-erasures"
  rm -f "$WORK/cookies"
  http_login --data-urlencode "email=onderzoeker@lectoraat.example" --data-urlencode "password=$PW_ALL" --data "next=/research"
  curl -s -o "$d/research-scans" -b "$WORK/cookies" "$BASE/research/scans"
  sed -i 's/\(name="csrf" value="\)[^"]*"/\1"/g; s/\(name="csrf-token" content="\)[^"]*"/\1"/g' "$d/research-scans"
  for f in csv long codebook; do "$FPHC_BIN" export --format "$f" --version 1 -o "$d/export.$f" 2>/dev/null; done
  # a .sav file carries its creation time, so it is compared as the data and
  # labels it holds (readstat reads it back), not as bytes
  "$FPHC_BIN" export --format sav --version 1 -o "$WORK/x.sav" 2>/dev/null
  readstat "$WORK/x.sav" "$d/export.sav-data.csv" >/dev/null 2>&1
  readstat "$WORK/x.sav" 2>/dev/null | grep -v '^Timestamp' >"$d/export.sav-metadata"
  extract_metadata "$WORK/x.sav" "$d/export.sav-labels.json" >/dev/null 2>&1
  "$FPHC_BIN" report "$KORST" --created 1767225600 -o "$d/draft.pdf" 2>/dev/null
  psql "$OWNER_URL" -qtAX -c "SELECT (SELECT count(*) FROM scans) || ' ' || (SELECT count(*) FROM answers) || ' ' || (SELECT count(*) FROM reports) || ' ' || (SELECT count(*) FROM users)" >"$d/counts"
}

start_server || exit 1
capture before
expect_eq "the stored report downloads before the backup" "$(psql_q "SELECT sha256 FROM reports WHERE scan_id = $KORST AND version = 1")" \
  "$(sha256sum "$WORK/before/_scans_${KORST}_reports_1.pdf" | cut -d' ' -f1)"

# --- backup, while the server runs (docs/operations.md "Backups") ---
pg_dump --format=custom --file="$WORK/fphc.dump" "$OWNER_URL"
expect_eq "pg_dump of the running installation succeeds" 0 "$?"
stop_server

# --- restore into a new, empty cluster (docs/operations.md "Restoring") ---
"$ROOT/scripts/pg.sh" start "$PG2" >/dev/null || { not_ok "second cluster starts"; exit 1; }
R_OWNER="host=$PG2 dbname=fphc_restored user=postgres"
R_APP="host=$PG2 dbname=fphc_restored user=fphc_app"
createdb -h "$PG2" -U postgres -T template0 -E UTF8 fphc_restored
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$R_OWNER" "$WORK/fphc.dump"
expect_eq "pg_restore into the empty cluster succeeds" 0 "$?"
out=$(DATABASE_URL=$R_OWNER "$FPHC_BIN" migrate 2>&1)
expect_contains "fphc migrate on the restored copy is a no-op" "(0 migration(s) applied now)" "$out"
check "the restored audit log is still append-only for the app role" bash -c "! psql '$R_APP' -qtAX -c 'DELETE FROM audit_log' 2>/dev/null"
check "the restored audit log is still append-only for the owner" bash -c "! psql '$R_OWNER' -qtAX -c 'UPDATE audit_log SET action = action' 2>/dev/null"

export OWNER_URL=$R_OWNER DATABASE_URL=$R_APP
start_server || exit 1
http GET /readyz; expect_eq "a server on the restored copy is ready" 200 "$STATUS"
capture after
for f in "$WORK"/before/*; do
  n=$(basename "$f")
  if [ -s "$f" ] && cmp -s "$f" "$WORK/after/$n"; then ok "restored: $n is byte-identical ($(stat -c %s "$f") bytes)"; else
    not_ok "restored: $n is byte-identical"; diff "$f" "$WORK/after/$n" 2>/dev/null | head -n 6 | sed 's/^/# /'; fi
done
