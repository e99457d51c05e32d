#!/usr/bin/env bash
# Research workspace: seeding, pseudonymized exports (CSV quoting, .sav labels and
# missing codes), scoping (no names, no non-sharing association), audit, pages and APIs.
. "$(dirname "$0")/lib.sh"
new_db
demo_init
rpw=$(demo_password onderzoeker@demo.example)
"$FPHC_BIN" demo seed --companies 120 --scans-per-company 2 --seed 7 --quiet; expect_eq "demo seed succeeds" 0 "$?"
expect_eq "every seeded scan is submitted, scored and demo" \
  "240 240 240" "$(psql_q "SELECT count(*) || ' ' || count(r.scan_id) || ' ' || count(*) FILTER (WHERE s.is_demo) FROM scans s LEFT JOIN results r ON r.scan_id = s.id")"
expect_eq "19 flattened scores per scan (overall, 4 pillars, 14 themes)" "4560" "$(psql_q "SELECT count(*) FROM scores")"
expect_eq "each seeded scan's stored number within its company is its place in sending order" "0 of 240" \
  "$(psql_q "SELECT count(*) FILTER (WHERE rr.scan_no IS DISTINCT FROM x.n) || ' of ' || count(*) FROM research_rows rr
     JOIN (SELECT id, row_number() OVER (PARTITION BY company_id ORDER BY submitted_at, id) AS n FROM scans
           WHERE submitted_at IS NOT NULL) x ON x.id = rr.scan_id")"
expect_eq "benchmarks were refreshed" "t" "$(psql_q "SELECT count(*) > 0 FROM benchmark_snapshots")"
# the refresh computed in C agrees with the reference SQL, group by group
psql_owner "CREATE TABLE bm_c AS SELECT * FROM benchmark_snapshots" >/dev/null
FPHC_BENCHMARKS_SQL=1 "$FPHC_BIN" benchmarks refresh >/dev/null
expect_eq "benchmark snapshot in C equals the reference SQL (n, mean, sd, quartiles, histogram)" "0 true" "$(psql_owner "SELECT count(*) FILTER (WHERE r.n IS DISTINCT FROM b.n OR abs(r.mean - b.mean) > 1e-9
  OR (r.sd IS NULL) <> (b.sd IS NULL) OR abs(r.sd - b.sd) > 1e-9 OR abs(r.p25 - b.p25) > 1e-9 OR abs(r.median - b.median) > 1e-9
  OR abs(r.p75 - b.p75) > 1e-9 OR r.hist_bins IS DISTINCT FROM b.hist_bins OR r.hist_counts IS DISTINCT FROM b.hist_counts)
  || ' ' || (count(*) > 100) FROM bm_c b FULL JOIN benchmark_snapshots r USING (questionnaire_id, group_kind, group_key, level, key)")"
"$FPHC_BIN" benchmarks refresh >/dev/null
shared=$(psql_q "SELECT count(*) FROM scans s JOIN organisations o ON o.id = s.org_id WHERE o.share_research")
noshare=$(psql_q "SELECT count(*) FROM scans s JOIN organisations o ON o.id = s.org_id WHERE NOT o.share_research")
check "a non-sharing association got scans" test "$noshare" -gt 0

# command-line exports
"$FPHC_BIN" export --format csv --version 1 -o "$WORK/w.csv" 2>/dev/null
expect_eq "wide CSV has one row per shared scan" "$shared" "$(($(python3 -c "import csv,sys;print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=''))))" "$WORK/w.csv") - 1))"
names=$(psql_q "SELECT string_agg(name, '|') FROM companies")
check "no company name in the export" sh -c "! grep -q 'Demobedrijf' '$WORK/w.csv'"
check "no contact data in the export" sh -c "! grep -q -e 'demobedrijf.example' -e 'de Vries' '$WORK/w.csv'"
check "CSV quoting of commas, quotes, newlines and diacritics reads back" python3 - "$WORK/w.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
texts = [r['s90'] for r in rows if r['s90']] + [r['e90'] for r in rows if r['e90']]
assert any('"binden"' in t and '\n' in t and ',' in t for t in texts), texts[:5]
assert any('Café' in t or 'café' in t.lower() for t in texts) or any('Cafébezoek' in t for t in texts)
assert all(len(r['pseudonym']) == 16 for r in rows)
assert set(r['region'] for r in rows) <= {'Limburg', 'Noord-Brabant'}
PY
check "open text only from associations that share it (demo-zuid)" python3 - "$WORK/w.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
assert not any(r['s90'] or r['e90'] for r in rows if r['region'] == 'Limburg')
assert any(r['s90'] or r['e90'] for r in rows if r['region'] == 'Noord-Brabant')
PY
"$FPHC_BIN" export --format csv --version 1 -o "$WORK/w2.csv" 2>/dev/null
expect_eq "pseudonyms are stable across exports" "$(cut -d, -f1 "$WORK/w.csv" | head -50 | md5sum)" "$(cut -d, -f1 "$WORK/w2.csv" | head -50 | md5sum)"
"$FPHC_BIN" export --format long --version 1 -o "$WORK/l.csv" 2>/dev/null; expect_eq "long export works" 0 "$?"
"$FPHC_BIN" export --format codebook --version 1 -o "$WORK/cb.csv" 2>/dev/null
expect_contains "codebook lists missing codes" "-2=weet ik niet / niet van toepassing" "$(cat "$WORK/cb.csv")"
"$FPHC_BIN" export --format sav --version 1 -o "$WORK/x.sav" 2>/dev/null; expect_eq "sav export works" 0 "$?"
meta=$(readstat "$WORK/x.sav" 2>&1)
expect_contains "readstat reads the .sav back with all rows" "Rows: $shared" "$meta"
extract_metadata "$WORK/x.sav" "$WORK/x.json" >/dev/null 2>&1
check "the .sav carries variable labels, value labels and user-missing codes" python3 - "$WORK/x.json" <<'PY'
import json, sys
v = {x['name']: x for x in json.load(open(sys.argv[1]))['variables']}
s02 = v['s02']
assert s02['label'].startswith('In dat plan'), s02['label']
assert {'code': 5.0, 'label': 'Helemaal mee eens'} in s02['categories']
assert s02['missing']['values'] == [-1, -2], s02['missing']
assert v['overall']['missing']['values'] == [-3]
PY
expect_eq "CLI exports are audited" "5" "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'research_export'")"

# another secret gives other pseudonyms
psql_owner "UPDATE installation SET value = decode(repeat('ab', 32), 'hex') WHERE key = 'pseudonym_secret'" >/dev/null
"$FPHC_BIN" export --format csv --version 1 -o "$WORK/w3.csv" 2>/dev/null
check "another secret gives different pseudonyms" sh -c "[ \"\$(sed -n 2p '$WORK/w.csv' | cut -d, -f1)\" != \"\$(sed -n 2p '$WORK/w3.csv' | cut -d, -f1)\" ]"

# the web: a researcher
start_server || exit 1
http_login --data-urlencode "email=onderzoeker@demo.example" --data-urlencode "password=$rpw" --data "next=/research"
expect_eq "researcher logs in" 303 "$STATUS"
for p in /research /research/exports /research/exports/codebook /research/aggregates /research/items; do
  http GET "$p"; expect_eq "GET $p is 200" 200 "$STATUS"
  expect_not_contains "$p shows no company name" "Demobedrijf" "$BODY"
done
http GET /research/aggregates; expect_contains "aggregates page has an SVG chart" "<svg" "$BODY"
expect_not_contains "aggregates page has no inline style" "style=" "$BODY"
http GET /research/items; expect_contains "items page shows alpha" "alfa" "$BODY"
http GET /api/v1/research/aggregates; expect_eq "aggregates API is 200" 200 "$STATUS"
check "aggregates API: only shared regions, suppressed cells carry no numbers" python3 -c "
import json,sys
d=json.loads(sys.argv[1])
regions={c['cell'] for t in d['tables'] if t['dimension']=='region' for c in t['cells']}
assert regions <= {'Limburg','Noord-Brabant'}, regions
for t in d['tables']:
  for c in t['cells']:
    if 'suppressed' in c: assert 'n' not in c and 'mean' not in c
  sup=[c for c in t['cells'] if 'suppressed' in c]
  assert len(sup)!=1 or len([c for c in t['cells']])==1
" "$BODY"
http GET /api/v1/research/items; expect_eq "items API is 200" 200 "$STATUS"
check "alpha per theme lands in 0.6-0.9 on synthetic data" python3 -c "
import json,sys
d=json.loads(sys.argv[1])
a=[t['alpha'] for t in d['themes'] if t['alpha'] is not None]
assert len(a)>=10 and sum(a)/len(a) > 0.55, a
" "$BODY"
http GET /research/exports; csrf=$(form_csrf)
http POST /research/exports --data "csrf=$csrf&version=1&format=sav"
expect_eq "web .sav download is 200" 200 "$STATUS"
expect_contains "download is an attachment" "attachment; filename=\"fphc-scans-v1.sav\"" "$HEADERS"
cp "$WORK/body" "$WORK/web.sav"; expect_contains "web .sav reads back" "Rows: $shared" "$(readstat "$WORK/web.sav" 2>&1)"
http POST /research/exports --data "csrf=$csrf&version=1&format=csv&from=2000-01-01&to=2999-12-31"
expect_eq "web CSV with a period is 200" 200 "$STATUS"
expect_not_contains "web CSV has no company names" "Demobedrijf" "$BODY"
http POST /research/exports --data "csrf=$csrf&version=1&format=csv&from=31-12-2020"
expect_eq "a bad date is refused" 400 "$STATUS"
http POST /research/exports --data "csrf=wrong&version=1&format=csv"; expect_eq "download without CSRF is 403" 403 "$STATUS"
expect_eq "web exports are audited with rows" "t" "$(psql_q "SELECT bool_and(detail ? 'rows') FROM audit_log WHERE action = 'research_export' AND user_id IS NOT NULL")"
for p in /companies /companies/1 /scans/1 /api/v1/companies /app/companies; do
  http GET "$p"; expect_eq "researcher asking for $p gets 404" 404 "$STATUS"
done
