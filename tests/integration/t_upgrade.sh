#!/usr/bin/env bash
# Upgrades lose nothing (issue 13): each frozen database of an earlier release
# (tests/fixtures/upgrade/vX.Y.Z.sql.gz) is restored, migrated with this binary,
# and compared with what that release itself said about it (vX.Y.Z/): answers,
# statuses, scores (recomputed by fphc rescore, unchanged), stored final reports
# (same bytes and ETag over HTTP), logins, the audit trail (complete, still
# append-only), research exports (after map.py's documented mapping) and erased
# data (still erased). A new release adds its dump; this loop picks it up.
. "$(dirname "$0")/lib.sh"
FIX="$(cd "$(dirname "$0")/../fixtures/upgrade" && pwd)"
PW_ALL=$(sed -n 's/^password of every account in users.txt: //p' "$FIX"/v*/MADE | head -n 1)
tmpl() { psql "host=$PG_DIR dbname=$TEMPLATE_DB user=postgres" -qtAX -c "$1"; }
# the template was migrated by this binary: the schema an upgrade must reach
want_migrations=$(tmpl "SELECT string_agg(version || ':' || sha256, ',' ORDER BY version) FROM schema_migrations")
n_compiled=$(tmpl "SELECT count(*) FROM schema_migrations")
qo() { psql "$OWNER_URL" -qtAX -v ON_ERROR_STOP=1 -F '|' -c "$1"; }
same_file() {  # same_file DESCRIPTION EXPECTED_FILE ACTUAL_FILE
  if cmp -s "$2" "$3"; then ok "$1"; else not_ok "$1"; diff "$2" "$3" | head -n 8 | sed 's/^/# /'; fi
}

upgrade_one() {  # upgrade_one RELEASE
  local rel=$1 exp="$FIX/v$1" tag="v$1"
  [ -d "$exp" ] || { not_ok "$tag: expectations folder $exp exists"; return; }
  DB_NAME="t_upgrade_$$_${rel//[^0-9]/_}"
  createdb -h "$PG_DIR" -U postgres -T template0 -E UTF8 "$DB_NAME"
  export OWNER_URL="host=$PG_DIR dbname=$DB_NAME user=postgres"
  export DATABASE_URL="host=$PG_DIR dbname=$DB_NAME user=fphc_app"
  check "$tag: the frozen dump restores" bash -c "gunzip -c '$FIX/v$rel.sql.gz' | psql '$OWNER_URL' -qX -v ON_ERROR_STOP=1 >/dev/null"
  local had; had=$(qo "SELECT count(*) FROM schema_migrations")

  # --- migrate: dry run first (lists, changes nothing), then for real ---
  local out rc
  out=$(migrate_owner --dry-run 2>&1); rc=$?
  expect_eq "$tag: migrate --dry-run succeeds" 0 "$rc"
  expect_contains "$tag: the dry run counts what is pending" "$((n_compiled - had)) migration(s) pending; dry run, nothing was changed" "$out"
  expect_eq "$tag: the dry run lists one line per pending migration" "$((n_compiled - had))" "$(grep -c '^would apply migrations/' <<<"$out")"
  expect_eq "$tag: the dry run applied nothing" "$had" "$(qo "SELECT count(*) FROM schema_migrations")"
  out=$(migrate_owner 2>&1); rc=$?
  expect_eq "$tag: fphc migrate succeeds" 0 "$rc"
  [ "$rc" = 0 ] || echo "$out" | tail -n 5 | sed 's/^/# /'
  expect_eq "$tag: every migration of this release is applied, with this release's checksums" "$want_migrations" \
    "$(qo "SELECT string_agg(version || ':' || sha256, ',' ORDER BY version) FROM schema_migrations")"
  expect_contains "$tag: a second migrate is a no-op" "(0 migration(s) applied now)" "$(migrate_owner 2>&1)"

  # --- the data, as the old release wrote it ---
  qo "SELECT scan_id, item_key, value::text FROM answers ORDER BY 1, 2" >"$WORK/answers.txt"
  same_file "$tag: every scan keeps its answers ($(wc -l <"$exp/answers.txt") rows)" "$exp/answers.txt" "$WORK/answers.txt"
  qo "SELECT s.id, s.status, (r.scan_id IS NOT NULL) FROM scans s LEFT JOIN results r ON r.scan_id = s.id ORDER BY 1" >"$WORK/scans.txt"
  same_file "$tag: every scan keeps its status and result ($(wc -l <"$exp/scans.txt") scans)" "$exp/scans.txt" "$WORK/scans.txt"
  local scored; scored=$(grep -c '|t$' "$exp/scans.txt")
  out=$("$FPHC_BIN" rescore 2>&1)
  expect_contains "$tag: fphc rescore recomputes every scored scan and changes none" "$scored scan(s) rescored, 0 changed, 0 failed" "$out"
  qo "SELECT scan_id, level, key, coalesce(score::text, ''), valid, coalesce(band, '') FROM scores ORDER BY 1, 2, 3" >"$WORK/scores.txt"
  same_file "$tag: stored scores equal the old release's ($(wc -l <"$exp/scores.txt") rows)" "$exp/scores.txt" "$WORK/scores.txt"

  # --- secrets: the CSRF key is no longer the pseudonym key twice ---
  expect_eq "$tag: the CSRF secret is 64 bytes of its own" "64|false" \
    "$(qo "SELECT octet_length(c.value) || '|' || (c.value = p.value || p.value) FROM installation c, installation p WHERE c.key = 'csrf_secret' AND p.key = 'pseudonym_secret'")"

  # --- the audit trail: complete, and still append-only ---
  local n_before max_before md5_before
  IFS='|' read -r n_before max_before md5_before <"$exp/audit.txt"
  expect_eq "$tag: the $n_before audit entries of the old release are unchanged" "$md5_before" \
    "$(qo "SELECT md5(string_agg(concat_ws('|', id, extract(epoch FROM at), org_id, user_id, actor, action, object_type, object_id, detail::text, ip), E'\n' ORDER BY id)) FROM audit_log WHERE id <= $max_before")"
  check "$tag: the audit log has no fewer entries" test "$(qo "SELECT count(*) FROM audit_log")" -ge "$n_before"
  check "$tag: the app role cannot UPDATE audit_log" bash -c "! psql '$DATABASE_URL' -qtAX -c 'UPDATE audit_log SET action = action' 2>/dev/null"
  check "$tag: the app role cannot DELETE from audit_log" bash -c "! psql '$DATABASE_URL' -qtAX -c 'DELETE FROM audit_log' 2>/dev/null"
  check "$tag: not even the owner can rewrite it" bash -c "! psql '$OWNER_URL' -qtAX -c 'UPDATE audit_log SET action = action' 2>/dev/null"

  # --- research exports: the same scans and values, after the documented mapping ---
  local kind fmt
  for kind in wide long codebook; do
    fmt=$kind; [ "$kind" = wide ] && fmt=csv
    "$FPHC_BIN" export --format "$fmt" --version 1 -o "$WORK/now-$kind.csv" 2>/dev/null
    python3 "$FIX/map.py" "$rel" "$kind" "$exp/export-$kind.csv" "$WORK/now-$kind.csv" >"$WORK/want-$kind.csv"
    same_file "$tag: the $kind research export equals the old one after map.py" "$WORK/want-$kind.csv" "$WORK/now-$kind.csv"
  done

  # --- erased data stays erased: not in any table, not in any export ---
  pg_dump --data-only "$OWNER_URL" >"$WORK/all.sql" 2>/dev/null
  local s
  while IFS= read -r s; do
    [ -n "$s" ] || continue
    check "$tag: erased '$s' is in no table" bash -c "! grep -qF -- '$s' '$WORK/all.sql'"
    check "$tag: erased '$s' is in no export" bash -c "! grep -qF -- '$s' '$WORK'/now-*.csv"
  done <"$exp/erased.txt"

  # --- over HTTP: every user logs in, every stored report downloads unchanged ---
  start_server || { not_ok "$tag: server starts on the upgraded database"; return; }
  http GET /readyz; expect_eq "$tag: /readyz is 200 (schema current)" 200 "$STATUS"
  local email role slug n_users=0 n_in=0
  while IFS='|' read -r email role slug; do
    n_users=$((n_users + 1)); rm -f "$WORK/cookies"
    http_login --data-urlencode "email=$email" --data-urlencode "password=$PW_ALL" --data "next=/app"
    if [ "$STATUS" = 303 ] && ! grep -qi '^Location: /login' "$WORK/headers"; then n_in=$((n_in + 1)); else echo "# $email: $STATUS"; fi
  done <"$exp/users.txt"
  expect_eq "$tag: every user logs in ($n_users: $(cut -d'|' -f2 "$exp/users.txt" | sort -u | tr '\n' ' '))" "$n_users" "$n_in"
  local scan ver sha org adv n_rep=0 n_same=0
  while IFS='|' read -r scan ver sha org; do
    n_rep=$((n_rep + 1))
    adv=$(qo "SELECT u.email FROM users u WHERE u.org_id = $org AND u.role = 'advisor' AND u.password_hash IS NOT NULL ORDER BY u.id LIMIT 1")
    rm -f "$WORK/cookies"
    http_login --data-urlencode "email=$adv" --data-urlencode "password=$PW_ALL" --data "next=/app"
    : >"$WORK/headers"
    STATUS=$(curl -s -o "$WORK/r.pdf" -D "$WORK/headers" -w '%{http_code}' -b "$WORK/cookies" "$BASE/scans/$scan/reports/$ver.pdf")
    if [ "$STATUS" = 200 ] && [ "$(sha256sum "$WORK/r.pdf" | cut -d' ' -f1)" = "$sha" ] && grep -q "^ETag: \"$sha\"" "$WORK/headers"; then
      n_same=$((n_same + 1))
    else echo "# report $scan v$ver: $STATUS"; fi
  done <"$exp/reports.txt"
  expect_eq "$tag: every stored final report downloads byte-identical with the same ETag ($n_rep versions)" "$n_rep" "$n_same"
  stop_server
  dropdb -h "$PG_DIR" -U postgres --if-exists "$DB_NAME"
  DB_NAME=
}

# a dry run on an empty database lists every migration and creates nothing
DB_NAME="t_upgrade_$$_empty"
createdb -h "$PG_DIR" -U postgres -T template0 -E UTF8 "$DB_NAME"
OWNER_URL="host=$PG_DIR dbname=$DB_NAME user=postgres"
out=$(migrate_owner --dry-run 2>&1)
expect_eq "dry run on an empty database lists all $n_compiled migrations" "$n_compiled" "$(grep -c '^would apply migrations/' <<<"$out")"
expect_eq "and creates nothing, not even schema_migrations" "0" "$(qo "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
dropdb -h "$PG_DIR" -U postgres "$DB_NAME"; DB_NAME=

n=0
for dump in "$FIX"/v*.sql.gz; do
  [ -f "$dump" ] || continue
  rel=$(basename "$dump" .sql.gz); rel=${rel#v}
  upgrade_one "$rel"
  n=$((n + 1))
done
check "at least one frozen release was upgraded" test "$n" -ge 1
