#!/usr/bin/env bash
# Item diagnostics (issue 17.10): the /research/items page shows omega, floor and
# ceiling and the flags in words; the CSV download has one line per scored item,
# neutralised text cells; omega of the all-likert themes is cross-checked with R's
# psych::fa (principal axis, one factor) on the wide CSV's answers.
. "$(dirname "$0")/lib.sh"
new_db
demo_init
rpw=$(demo_password onderzoeker@demo.example)
"$FPHC_BIN" demo seed --companies 120 --scans-per-company 2 --seed 7 --quiet; expect_eq "demo seed succeeds" 0 "$?"
"$FPHC_BIN" export --format csv --version 1 -o "$WORK/w.csv" 2>/dev/null

start_server || exit 1
http_login --data-urlencode "email=onderzoeker@demo.example" --data-urlencode "password=$rpw" --data "next=/research"
expect_eq "researcher logs in" 303 "$STATUS"
http GET /research/items
expect_eq "items page is 200" 200 "$STATUS"
expect_contains "items page shows omega per theme" "omega 0." "$BODY"
expect_contains "items page has floor and ceiling columns" "% laagste" "$BODY"
expect_contains "flags are words, not colour only" "Let op:" "$BODY"
expect_contains "the page links the CSV download" 'href="/research/items.csv?version=1"' "$BODY"
http GET '/research/items?lang=en'
http GET /research/items.csv?version=1
expect_eq "items CSV is 200" 200 "$STATUS"
expect_contains "items CSV is text/csv" "text/csv" "$HEADERS"
expect_contains "items CSV is a download" "item-diagnostics.csv" "$HEADERS"
printf '%s' "$BODY" >"$WORK/items.csv"
http GET /api/v1/research/items
printf '%s' "$BODY" >"$WORK/items.json"
check "items CSV: one line per scored item, the API's numbers, flags as keys" python3 - "$WORK/items.csv" "$WORK/items.json" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
api = json.load(open(sys.argv[2]))
items = [(t, i) for t in api['themes'] for i in t['items']]
assert len(rows) == len(items) and len(rows) > 40, (len(rows), len(items))
assert list(rows[0].keys())[:4] == ['theme', 'item', 'type', 'n']
for r, (t, i) in zip(rows, items):
    assert r['item'] == i['key'] and r['theme'] == t['key']
    for k in ('pct_na', 'pct_missing', 'pct_floor', 'pct_ceiling', 'item_rest'):
        v = i[k]
        assert (r[k] == '' and v is None) or abs(float(r[k]) - v) < 1e-12, (k, r[k], v)
    assert r['flags'] == ';'.join(i['flags']) and r['flagged'] == ('1' if i['flags'] else '0')
    assert set(i['flags']) <= {'na', 'missing', 'floor', 'ceiling', 'item_rest'}
    # rules of docs/research.md
    assert ('floor' in i['flags']) == (i['pct_floor'] is not None and i['pct_floor'] > 15)
    assert ('ceiling' in i['flags']) == (i['pct_ceiling'] is not None and i['pct_ceiling'] > 15)
    assert ('item_rest' in i['flags']) == (i['item_rest'] is not None and i['item_rest'] < 0.20)
    assert ('na' in i['flags']) == (i['pct_na'] is not None and i['pct_na'] > 15)
    for k in ('text', 'flags', 'item', 'theme'):
        assert not r[k][:1] in ('=', '+', '-', '@', '\t', '\r'), (k, r[k])
om = [t['omega'] for t in api['themes'] if t['omega'] is not None]
assert len(om) >= 10 and all(0 < o < 1 for o in om), om
assert any(i['flags'] for _, i in items), 'synthetic data flags at least one item'
PY

# R: omega of every theme whose scored items are likert5, yes/no or choice, from
# the wide CSV's codes (likert 1-5, yes 1 / no 0, choice 1..n) turned into item scores
python3 - "$WORK/w.csv" "$(dirname "$0")/../../questionnaires/fphc-1.json" "$WORK/items.json" "$WORK/themes" <<'PY'
import csv, json, sys, os
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
q = json.load(open(sys.argv[2])); api = json.load(open(sys.argv[3])); out = sys.argv[4]
os.makedirs(out, exist_ok=True)
omega = {t['key']: (t['omega'], t['n_complete']) for t in api['themes']}
with open(os.path.join(out, 'list'), 'w') as lst:
    for p in q['pillars']:
        for t in p['themes']:
            its = [i for i in t['items'] if i['type'] != 'text']
            if not its or any(i['type'] not in ('likert5', 'yesno', 'choice') for i in its) or omega[t['key']][0] is None:
                continue
            def score(i, x):
                if i['type'] == 'likert5':
                    return (5 - x) / 4 if i.get('reverse') else (x - 1) / 4
                if i['type'] == 'yesno':
                    pts = i.get('points', {})
                    return pts.get('yes', 1) if x == 1 else pts.get('no', 0)
                return i['options'][x - 1]['points']
            with open(os.path.join(out, t['key'] + '.csv'), 'w') as f:
                for r in rows:
                    v = [int(r[i['key']]) for i in its]
                    if any(x < 0 for x in v):  # -1/-2/-3: not an answer (listwise)
                        continue
                    f.write(','.join(repr(float(score(i, x))) for x, i in zip(v, its)) + '\n')
            lst.write('%s %.12f %d\n' % (t['key'], omega[t['key']][0], omega[t['key']][1]))
PY
check "at least three themes of likert, yes/no and choice items to cross-check" test "$(wc -l <"$WORK/themes/list")" -ge 3
res=$(Rscript - "$WORK/themes" <<'R' 2>&1
suppressMessages(library(psych))
dir <- commandArgs(TRUE)[1]
lst <- read.table(file.path(dir, "list"), col.names = c("theme", "omega", "n"))
bad <- 0
for (i in seq_len(nrow(lst))) {
  x <- as.matrix(read.csv(file.path(dir, paste0(lst$theme[i], ".csv")), header = FALSE))
  f <- fa(x, nfactors = 1, fm = "pa", rotate = "none", min.err = 1e-14, max.iter = 1000, warnings = FALSE)
  l <- as.vector(f$loadings); l <- l * sign(sum(l))
  o <- sum(l)^2 / (sum(l)^2 + sum(1 - l^2))
  if (abs(o - lst$omega[i]) > 1e-6 || nrow(x) != lst$n[i]) { bad <- bad + 1; cat(lst$theme[i], o, lst$omega[i], nrow(x), lst$n[i], "\n") }
}
cat("checked", nrow(lst), "bad", bad, "\n")
R
)
expect_contains "R psych::fa (pa, 1 factor) gives fphc's omega for those themes (within 1e-6)" "bad 0" "$res"
echo "# $res" | tail -n 1
finish
