#!/usr/bin/env bash
# Research exports in Stata's and Frictionless Data's formats, read back with
# independent readers: R's haven reads the .dta and is compared with the .sav of
# the same scans (values, missing codes, variable and value labels); a
# Frictionless validator checks the Data Package (descriptor, types, enum,
# missingValues, primary key) and must refuse a tampered CSV. No database id or
# name in either.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/frictionless_lib.sh"
new_db
demo_init
rpw=$(demo_password onderzoeker@demo.example)
"$FPHC_BIN" demo seed --companies 60 --scans-per-company 2 --seed 11 --quiet; expect_eq "demo seed succeeds" 0 "$?"
shared=$(psql_q "SELECT count(*) FROM scans s JOIN organisations o ON o.id = s.org_id WHERE o.share_research")

"$FPHC_BIN" export --format sav --version 1 -o "$WORK/x.sav" 2>/dev/null; expect_eq "sav export works" 0 "$?"
"$FPHC_BIN" export --format dta --version 1 -o "$WORK/x.dta" 2>/dev/null; expect_eq "dta export works" 0 "$?"
"$FPHC_BIN" export --format csv --version 1 -o "$WORK/w.csv" 2>/dev/null
expect_contains "readstat reads the .dta back with all rows" "Rows: $shared" "$(readstat "$WORK/x.dta" 2>&1)"

# R haven: the .dta equals the .sav, with -1/-2/-3 as .a/.b/.c
cat >"$WORK/compare.R" <<'R'
suppressMessages(library(haven))
args <- commandArgs(TRUE)
s <- read_sav(args[1], user_na = TRUE)
d <- read_dta(args[2])
stopifnot(identical(names(s), names(d)), nrow(s) == nrow(d))
tag_of <- c("-1" = "a", "-2" = "b", "-3" = "c")
for (v in names(s)) {
  a <- s[[v]]; b <- d[[v]]
  la <- attr(a, "label"); lb <- attr(b, "label")
  if (is.null(la) != is.null(lb) || (!is.null(la) && substr(la, 1, nchar(lb)) != lb))
    stop(sprintf("%s: variable label '%s' vs '%s'", v, la, lb))
  if (is.character(a)) {
    if (!identical(as.character(zap_labels(a)), as.character(zap_labels(b)))) stop(sprintf("%s: texts differ", v))
    next
  }
  av <- as.numeric(zap_labels(zap_missing(a)))
  ac <- as.numeric(vctrs::vec_data(a))
  tags <- na_tag(b)
  bv <- as.numeric(zap_labels(b))
  miss <- ac %in% c(-1, -2, -3) & is.na(av)
  if (any(miss != !is.na(tags))) stop(sprintf("%s: missing codes and tagged missings differ", v))
  if (any(tags[miss] != tag_of[as.character(ac[miss])])) stop(sprintf("%s: wrong extended missing", v))
  if (!isTRUE(all.equal(av[!miss], bv[!miss], tolerance = 0))) stop(sprintf("%s: values differ", v))
  ls <- attr(a, "labels"); ld <- attr(b, "labels")
  if (!is.null(ls)) {
    keep <- !(ls %in% c(-1, -2, -3))
    dl <- ld[!is.na(ld)]
    if (!identical(unname(ls[keep]), unname(as.numeric(dl))) || !identical(names(ls[keep]), names(dl)))
      stop(sprintf("%s: value labels differ", v))
    for (code in ls[!keep]) {
      t <- tag_of[as.character(code)]
      nm <- names(ld)[is.na(ld) & na_tag(ld) %in% t]
      if (!identical(nm, names(ls)[ls == code])) stop(sprintf("%s: label of .%s differs", v, t))
    }
  }
}
cat("same", nrow(d), "\n")
R
res=$(Rscript "$WORK/compare.R" "$WORK/x.sav" "$WORK/x.dta" 2>&1)
expect_eq "R haven: the .dta has the .sav's values, missing codes (.a/.b/.c), variable and value labels" "same $shared" "$(echo "$res" | tail -n1 | sed 's/ *$//')"
[ "$(echo "$res" | tail -n1 | sed 's/ *$//')" = "same $shared" ] || echo "$res" | sed 's/^/# /' | head -20
check "R haven: .dta labels and tagged missings read as expected (s02, overall)" Rscript -e '
suppressMessages(library(haven)); d <- read_dta(commandArgs(TRUE)[1])
l <- attr(d$s02, "labels"); stopifnot(names(l)[l == 5 & !is.na(l)] == "Helemaal mee eens")
stopifnot("niet beantwoord" %in% names(l)[is.na(l) & na_tag(l) == "a"])
stopifnot(startsWith(attr(d$s02, "label"), "In dat plan"), all(nchar(names(d)) <= 32))
stopifnot(is.character(d$pseudonym), all(nchar(d$pseudonym) == 16), all(d$scan >= 1))' "$WORK/x.dta"
check "R haven: the .dta rows are the CSV rows (pseudonym, scan, overall)" Rscript -e '
suppressMessages(library(haven)); a <- commandArgs(TRUE)
d <- read_dta(a[1]); w <- read.csv(a[2], encoding = "UTF-8", colClasses = c(pseudonym = "character"))
stopifnot(nrow(d) == nrow(w), all(d$pseudonym == w$pseudonym), all(as.numeric(d$scan) == w$scan))
o <- as.numeric(zap_labels(d$overall)); stopifnot(all((is.na(o) & w$overall == -3) | abs(o - w$overall) < 1e-12))' "$WORK/x.dta" "$WORK/w.csv"
check "no database id and no company name in the .dta" sh -c "! grep -a -q -e 'Demobedrijf' -e 'demobedrijf.example' '$WORK/x.dta' && ! readstat '$WORK/x.dta' - 2>/dev/null | head -1 | grep -q -w -e id -e company_id -e scan_id -e org_id"

# the Data Package: a directory from the CLI, a zip from the CLI
"$FPHC_BIN" export --format datapackage --version 1 -o "$WORK/pkg" 2>/dev/null; expect_eq "datapackage export into a directory works" 0 "$?"
check "the directory holds the CSV and datapackage.json" test -s "$WORK/pkg/fphc-scans-v1.csv" -a -s "$WORK/pkg/datapackage.json"
expect_eq "the package's CSV is the csv export" "$(md5sum <"$WORK/w.csv")" "$(md5sum <"$WORK/pkg/fphc-scans-v1.csv")"
check "the Table Schema: types, titles, categories with labels, enum, missingValues, primary key" python3 - "$WORK/pkg/datapackage.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
r = p['resources'][0]
assert r['path'] == 'fphc-scans-v1.csv' and r['profile'] == 'tabular-data-resource', r['path']
import os
assert r['bytes'] == os.path.getsize(os.path.join(os.path.dirname(sys.argv[1]), r['path']))
s = r['schema']
f = {x['name']: x for x in s['fields']}
assert s['missingValues'] == ['', '-1', '-2', '-3'] and s['primaryKey'] == ['pseudonym', 'scan']
s02 = f['s02']
assert s02['type'] == 'integer' and s02['title'].startswith('In dat plan'), s02
assert {'value': 5, 'label': 'Helemaal mee eens'} in s02['categories'] and s02['categoriesOrdered'] is True
assert s02['constraints']['enum'] == [1, 2, 3, 4, 5] and s02['missingValues'][:1] == ['-1'], s02
assert f['overall']['type'] == 'number' and f['overall']['missingValues'] == ['-3']
assert f['month']['type'] == 'yearmonth' and f['pseudonym']['constraints']['pattern'] == '[0-9a-f]{16}'
assert {'value': 'A', 'label': f['sector']['categories'][0]['label']} == f['sector']['categories'][0]
assert [c['value'] for c in f['size_class']['categories']] == ['fte_10_49', 'fte_50_99', 'fte_100_199', 'fte_200_plus']
assert f['s90']['type'] == 'string' and f['s90']['missingValues'] == ['']
assert not any(n in f for n in ('id', 'company_id', 'scan_id', 'org_id', 'name'))
PY
if frictionless_setup; then
  [ -n "$FRICTIONLESS_WHY" ] && echo "# $FRICTIONLESS_WHY; validating with Frictionless Data's JavaScript library instead"
  res=$(frictionless_validate "$WORK/pkg/datapackage.json" 2>&1)
  expect_eq "frictionless ($FRICTIONLESS_KIND) finds the Data Package valid" "valid" "$(echo "$res" | tail -n1)"
  [ "$(echo "$res" | tail -n1)" = valid ] || echo "$res" | head -20 | sed 's/^/# /'
  # the validator really reads the data: a code outside the categories is refused
  cp -r "$WORK/pkg" "$WORK/bad"
  python3 - "$WORK/bad/fphc-scans-v1.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
i = rows[0].index('s02'); rows[1][i] = '7'
csv.writer(open(sys.argv[1], 'w', newline='', encoding='utf-8'), lineterminator='\r\n').writerows(rows)
PY
  python3 -c "import json,os,sys;p=json.load(open(sys.argv[1]));p['resources'][0]['bytes']=os.path.getsize(sys.argv[2]);json.dump(p,open(sys.argv[1],'w'))" "$WORK/bad/datapackage.json" "$WORK/bad/fphc-scans-v1.csv"
  check "frictionless refuses an answer code outside the categories" sh -c "! { . '$(dirname "$0")/frictionless_lib.sh'; FRICTIONLESS_KIND=$FRICTIONLESS_KIND frictionless_validate '$WORK/bad/datapackage.json'; }"
else
  not_ok "no Data Package validator could be installed: $FRICTIONLESS_WHY"
fi
"$FPHC_BIN" export --format datapackage --version 1 -o "$WORK/p.zip" 2>/dev/null; expect_eq "datapackage export as a zip works" 0 "$?"
check "the zip passes unzip -t" unzip -tq "$WORK/p.zip"
mkdir -p "$WORK/unz" && (cd "$WORK/unz" && unzip -q "$WORK/p.zip")
expect_eq "the zip holds the CSV and datapackage.json" "datapackage.json fphc-scans-v1.csv" "$(ls "$WORK/unz" | sort | tr '\n' ' ' | sed 's/ $//')"
expect_eq "the zip's CSV is the csv export" "$(md5sum <"$WORK/w.csv")" "$(md5sum <"$WORK/unz/fphc-scans-v1.csv")"
check "no company name in the package" sh -c "! grep -r -q -e 'Demobedrijf' -e 'demobedrijf.example' '$WORK/unz'"

# the web: the research exports page offers both
start_server || exit 1
http_login --data-urlencode "email=onderzoeker@demo.example" --data-urlencode "password=$rpw" --data "next=/research"
http GET /research/exports
expect_contains "the exports page offers .dta" 'value="dta"' "$BODY"
expect_contains "the exports page offers the Data Package" 'value="datapackage"' "$BODY"
csrf=$(form_csrf)
http POST /research/exports --data "csrf=$csrf&version=1&format=dta"
expect_eq "web .dta download is 200" 200 "$STATUS"
expect_contains "the .dta is an attachment" 'attachment; filename="fphc-scans-v1.dta"' "$HEADERS"
cp "$WORK/body" "$WORK/web.dta"
check "R haven reads the web .dta with all rows" Rscript -e "suppressMessages(library(haven)); stopifnot(nrow(read_dta('$WORK/web.dta')) == $shared)"
http POST /research/exports --data "csrf=$csrf&version=1&format=datapackage"
expect_eq "web Data Package download is 200" 200 "$STATUS"
expect_contains "the Data Package is a zip attachment" 'attachment; filename="fphc-scans-v1.zip"' "$HEADERS"
expect_contains "with the zip content type" 'application/zip' "$HEADERS"
mkdir -p "$WORK/webpkg" && cp "$WORK/body" "$WORK/web.zip" && (cd "$WORK/webpkg" && unzip -q "$WORK/web.zip")
if [ -n "$FRICTIONLESS_KIND" ]; then
  expect_eq "frictionless finds the web Data Package valid" "valid" "$(frictionless_validate "$WORK/webpkg/datapackage.json" 2>&1 | tail -n1)"
fi
expect_eq "web downloads are audited with their format" "dta datapackage" "$(psql_q "SELECT string_agg(detail->>'format', ' ' ORDER BY id) FROM audit_log WHERE action = 'research_export' AND user_id IS NOT NULL")"
