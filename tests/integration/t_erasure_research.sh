#!/usr/bin/env bash
# An erasure that keeps anonymous scores also takes the open text out of the
# research exports (0.1.0 left it in research_rows; see migration 0061).
. "$(dirname "$0")/lib.sh"
new_db
"$FPHC_BIN" demo seed --org demo-zuid --companies 8 --scans-per-company 1 --seed 7 --quiet >/dev/null 2>&1
sid=$(psql_q "SELECT min(scan_id) FROM research_rows WHERE answers::jsonb ? 's90'")
check "a seeded scan has open text in its research row" test -n "$sid"
cid=$(psql_q "SELECT company_id FROM scans WHERE id = $sid")
text=$(psql_q "SELECT answers::jsonb->>'s90' FROM research_rows WHERE scan_id = $sid")
psql_q "UPDATE organisations SET keep_anonymous_scores = true WHERE slug = 'demo-zuid'" >/dev/null
psql_q "UPDATE companies SET last_activity_at = now() - interval '10 years' WHERE id = $cid" >/dev/null
out=$("$FPHC_BIN" purge 2>&1)
expect_contains "purge erases the company past retention" "companies past their association's retention period: 1" "$out"
expect_eq "the scan and its scores are kept" "1|19" \
  "$(psql_q "SELECT count(*) || '|' || (SELECT count(*) FROM scores WHERE scan_id = $sid) FROM scans WHERE id = $sid")"
expect_eq "its open text is gone from answers and from research_rows" "0|0" \
  "$(psql_q "SELECT (SELECT count(*) FROM answers WHERE scan_id = $sid AND item_key IN ('s90', 's91', 'e90')) || '|' || (SELECT count(*) FROM research_rows WHERE scan_id = $sid AND answers::jsonb ?| array['s90', 's91', 'e90'])")"
expect_eq "its closed answers are still in research_rows" \
  "$(psql_q "SELECT count(*) FROM answers WHERE scan_id = $sid")" \
  "$(psql_q "SELECT count(*) FROM jsonb_object_keys((SELECT answers::jsonb FROM research_rows WHERE scan_id = $sid))")"
"$FPHC_BIN" export --format csv --version 1 -o "$WORK/w.csv" 2>/dev/null
"$FPHC_BIN" export --format long --version 1 -o "$WORK/l.csv" 2>/dev/null
check "the erased scan is still in the export" python3 - "$WORK/w.csv" "$sid" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')) if r['scan'] == sys.argv[2]]
assert len(rows) == 1 and rows[0]['overall'] not in ('', '-3'), rows
assert rows[0]['s90'] == '' and rows[0]['s91'] == '' and rows[0]['e90'] == '', rows[0]['s90']
PY
first_line=$(printf '%s\n' "$text" | head -n 1)
check "its open text is in neither export" bash -c "! grep -qF -- \"\$1\" '$WORK/w.csv' '$WORK/l.csv'" _ "$first_line"
