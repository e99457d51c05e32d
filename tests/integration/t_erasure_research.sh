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
TEXT_ITEMS="SELECT jsonb_path_query(definition, 'strict \$.pillars[*].themes[*].items[*] ? (@.type == \"text\").key') #>> '{}' FROM questionnaires"
# seeded texts repeat across companies: give this company's open answers texts of its own
psql_owner "UPDATE answers SET value = to_jsonb('Geheim van bedrijf $cid, ' || item_key || E', regel 1\nen regel 2 van ' || scan_id) WHERE scan_id IN (SELECT id FROM scans WHERE company_id = $cid) AND item_key IN ($TEXT_ITEMS)" >/dev/null
psql_owner "UPDATE research_rows rr SET answers = (SELECT jsonb_object_agg(a.item_key, a.value)::text FROM answers a WHERE a.scan_id = rr.scan_id) WHERE scan_id IN (SELECT id FROM scans WHERE company_id = $cid)" >/dev/null
text=$(psql_q "SELECT answers::jsonb->>'s90' FROM research_rows WHERE scan_id = $sid")
# what identifies the company before the erasure: its texts, its contact data, its pseudonym
psql_q "SELECT value #>> '{}' FROM answers WHERE scan_id IN (SELECT id FROM scans WHERE company_id = $cid) AND item_key IN ($TEXT_ITEMS)" >"$WORK/texts.txt"
psql_q "SELECT name FROM companies WHERE id = $cid UNION ALL SELECT email FROM companies WHERE id = $cid AND email <> '' UNION ALL SELECT phone FROM companies WHERE id = $cid AND phone <> '' UNION ALL SELECT contact_name FROM companies WHERE id = $cid AND contact_name <> '' UNION ALL SELECT kvk FROM companies WHERE id = $cid AND kvk IS NOT NULL" >"$WORK/identity.txt"
"$FPHC_BIN" export --format csv --version 1 -o "$WORK/before.csv" 2>/dev/null
expect_eq "the command line's export is in the audit log" "cli questionnaire csv" \
  "$(psql_q "SELECT actor || ' ' || object_type || ' ' || (detail->>'format') FROM audit_log WHERE action = 'research_export' AND detail->>'via' = 'cli' ORDER BY id DESC LIMIT 1")"
"$FPHC_BIN" export --format csv --version 99 -o "$WORK/none.csv" 2>"$WORK/none.err"
expect_eq "an export of a version not stored fails" 1 "$?"
expect_contains "and says so" "questionnaire fphc version 99 is not stored" "$(cat "$WORK/none.err")"
# exports carry no database id: find the scan's row by its place (exports are in scan order)
row=$(psql_q "SELECT count(*) FROM scans s JOIN organisations o ON o.id = s.org_id WHERE o.share_research AND o.research_org_id IS NOT NULL AND s.submitted_at IS NOT NULL AND s.id < $sid")
old_pseudonym=$(python3 -c "
import csv, sys
print(list(csv.DictReader(open('$WORK/before.csv', newline='', encoding='utf-8')))[$row]['pseudonym'])")
check "the company had open text and contact data to erase" test -s "$WORK/texts.txt" -a -s "$WORK/identity.txt"
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
check "the erased scan is still in the export" python3 - "$WORK/w.csv" "$row" <<'PY'
import csv, sys
rows = [list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))[int(sys.argv[2])]]
assert len(rows) == 1 and rows[0]['overall'] not in ('', '-3'), rows
assert rows[0]['s90'] == '' and rows[0]['s91'] == '' and rows[0]['e90'] == '', rows[0]['s90']
PY
first_line=$(printf '%s\n' "$text" | head -n 1)
check "its open text is in neither export" bash -c "! grep -qF -- \"\$1\" '$WORK/w.csv' '$WORK/l.csv'" _ "$first_line"

# every table and every export format, searched for what identified the company
"$FPHC_BIN" export --format sav --version 1 -o "$WORK/x.sav" 2>/dev/null
readstat "$WORK/x.sav" "$WORK/sav.csv" >/dev/null 2>&1
"$FPHC_BIN" export --format dta --version 1 -o "$WORK/x.dta" 2>/dev/null
readstat "$WORK/x.dta" "$WORK/dta.csv" >/dev/null 2>&1
"$FPHC_BIN" export --format datapackage --version 1 -o "$WORK/pkg" 2>/dev/null
"$FPHC_BIN" export --format codebook --version 1 -o "$WORK/cb.csv" 2>/dev/null
check "the .sav was read back" test -s "$WORK/sav.csv"
check "the .dta was read back" test -s "$WORK/dta.csv"
check "the Data Package was written" test -s "$WORK/pkg/datapackage.json"
pg_dump --data-only "$OWNER_URL" >"$WORK/all.sql" 2>/dev/null
check "the database dump was taken" test -s "$WORK/all.sql"
# each line of each text (texts span lines; in the dump newlines are escaped)
tr -s '\n' '\n' <"$WORK/texts.txt" | awk 'length($0) >= 6' | sort -u >"$WORK/needles.txt"
cat "$WORK/identity.txt" >>"$WORK/needles.txt"
n=0; found=0
while IFS= read -r needle; do
  [ -n "$needle" ] || continue
  n=$((n + 1))
  for f in "$WORK/all.sql" "$WORK/w.csv" "$WORK/l.csv" "$WORK/sav.csv" "$WORK/dta.csv" "$WORK/pkg/"* "$WORK/cb.csv"; do
    if grep -qF -- "$needle" "$f"; then found=$((found + 1)); echo "# '$needle' still in $(basename "$f")"; fi
  done
done <"$WORK/needles.txt"
check "there were texts and identity data to search for ($n)" test "$n" -ge 3
expect_eq "none of them is in any table or any export (dump, wide, long, .sav, .dta, Data Package, codebook)" 0 "$found"
new_pseudonym=$(python3 -c "
import csv
rows = list(csv.DictReader(open('$WORK/w.csv', newline='', encoding='utf-8')))
print(rows[$row]['pseudonym'] if len(rows) > $row else '')")
check "the kept scores have a pseudonym" test ${#new_pseudonym} -eq 16
check "a fresh one: not the pseudonym earlier exports hold" test "$new_pseudonym" != "$old_pseudonym"
check "the old pseudonym is in no export" bash -c "! grep -qF -- '$old_pseudonym' '$WORK/w.csv' '$WORK/l.csv' '$WORK/sav.csv' '$WORK/dta.csv' '$WORK/pkg/'*"
expect_eq "the kept scan is no longer linked to the erased company's row" 0 "$(psql_q "SELECT count(*) FROM scans WHERE company_id = $cid")"
expect_eq "the row it belongs to now carries no name, contact data or FTE" "Anonieme scores||||true" \
  "$(psql_q "SELECT c.name || '|' || c.email || '|' || c.phone || '|' || coalesce(c.fte::text, '') || '|' || (c.erased_at IS NOT NULL) FROM scans s JOIN companies c ON c.id = s.company_id WHERE s.id = $sid")"
expect_eq "the stored reports and notes of the scan are gone" "0" \
  "$(psql_q "SELECT (SELECT count(*) FROM reports WHERE scan_id = $sid) + (SELECT count(*) FROM scan_advice WHERE scan_id = $sid)")"
finish
