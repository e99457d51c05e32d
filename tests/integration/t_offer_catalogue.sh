#!/usr/bin/env bash
# The offer catalogue as a spreadsheet (issue 19.7): download as .xlsx and CSV, edit with a real
# spreadsheet library (openpyxl) or as Dutch Excel saves CSV (';'), upload, see every problem by
# row and column or every change, confirm in one transaction; nothing stored before that.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/office_lib.sh"
start_office_server
PY=/usr/bin/python3
org=$(psql_q "SELECT org_id FROM users WHERE email = 'admin1@a.example'")
psql_q "INSERT INTO offers(org_id, title, provider, description, contact, tags) VALUES
  ($org, 'Werkplekleren', 'Leerwerkloket', 'Leren op de werkvloer', 'info@lwl.example', '{learning-culture}'),
  ($org, 'Flexpool', 'WSP', '', 'flex@wsp.example', '{flex-scaling}')" >/dev/null
first=$(psql_q "SELECT id FROM offers WHERE title = 'Werkplekleren'")
flex=$(psql_q "SELECT id FROM offers WHERE title = 'Flexpool'")

use_jar admin; login admin1@a.example "$PW"
http GET /offers; csrf=$(form_csrf)
expect_contains "the offers page links the workbook" "/offers/catalogue.xlsx" "$BODY"
expect_contains "and the upload" 'action="/offers/import"' "$BODY"
http GET /offers/catalogue.xlsx; cp "$WORK/body" "$WORK/a.xlsx"
expect_eq "the workbook downloads" 200 "$STATUS"
expect_contains "as an attachment" "aanbod.xlsx" "$HEADERS"
http GET /offers/catalogue.csv; cp "$WORK/body" "$WORK/a.csv"
expect_eq "the CSV downloads" 200 "$STATUS"
expect_eq "with the columns in its first line" "id;provider;title;description;contact;url;price;region;offer_tags;active" \
  "$(head -n 1 "$WORK/a.csv" | sed 's/^\xEF\xBB\xBF//' | tr -d '\r')"

http POST /offers/import -F "csrf=$csrf" -F "catalogue=@$WORK/a.xlsx"
expect_eq "the unchanged workbook checks" 200 "$STATUS"
expect_contains "and says nothing changes" "Geen wijzigingen" "$BODY"
expect_not_contains "without a button to store" "/apply" "$BODY"
http POST /offers/import -F "csrf=$csrf" -F "catalogue=@$WORK/a.csv"
expect_contains "the unchanged CSV too" "Geen wijzigingen" "$BODY"

"$PY" - "$WORK/a.xlsx" "$WORK" <<'PY'
import openpyxl, sys, datetime
src, out = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(src); ws = wb["aanbod"]
head = [c.value for c in ws[1]]
col = lambda n: head.index(n) + 1
for r in range(2, ws.max_row + 1):
    if ws.cell(r, col("title")).value == "Werkplekleren":
        ws.cell(r, col("price")).value = 450
        ws.cell(r, col("description")).value = "Leren op de werkvloer, met een coach"
r = ws.max_row + 1
for name, v in {"provider": "Zuyd Hogeschool", "title": "Leiderschap in het mkb", "contact": "mkb@zuyd.example",
                "url": "https://zuyd.example/mkb", "price": "gratis", "region": "Zuid-Limburg",
                "offer_tags": "leadership, Learning-Culture", "active": "ja"}.items():
    ws.cell(r, col(name)).value = v
for row in list(ws.iter_rows(min_row=2)):
    if row[col("title") - 1].value == "Flexpool":
        ws.delete_rows(row[0].row)
        break
wb.save(out + "/edit.xlsx")
# every kind of bad input, each in its own row
bad = openpyxl.load_workbook(out + "/edit.xlsx"); ws = bad["aanbod"]
r = ws.max_row + 1
ws.cell(r, col("provider")).value = "Geen titel"; ws.cell(r, col("contact")).value = "x@y.example"
ws.cell(r + 1, col("title")).value = "Formule"; ws.cell(r + 1, col("provider")).value = "P"
ws.cell(r + 1, col("contact")).value = "=HYPERLINK(\"http://evil.example\")"
ws.cell(r + 2, col("title")).value = "Datum"; ws.cell(r + 2, col("provider")).value = "P"
ws.cell(r + 2, col("contact")).value = "c"; ws.cell(r + 2, col("price")).value = datetime.date(2026, 3, 1)
ws.cell(r + 3, col("title")).value = "Leiderschap in het mkb"; ws.cell(r + 3, col("provider")).value = "Zuyd Hogeschool"
ws.cell(r + 3, col("contact")).value = "c"
ws.cell(r + 4, col("title")).value = "Vreemd nummer"; ws.cell(r + 4, col("provider")).value = "P"
ws.cell(r + 4, col("contact")).value = "c"; ws.cell(r + 4, col("id")).value = 999999
ws.cell(r + 5, col("title")).value = "Slechte url"; ws.cell(r + 5, col("provider")).value = "P"
ws.cell(r + 5, col("url")).value = "javascript:alert(1)"; ws.cell(r + 5, col("active")).value = "misschien"
ws.cell(r + 6, col("title")).value = "Tags"; ws.cell(r + 6, col("provider")).value = "P"
ws.cell(r + 6, col("contact")).value = "c"; ws.cell(r + 6, col("offer_tags")).value = "<script>"
ws.cell(1, len(head) + 1).value = "extra"
ws.merge_cells(start_row=r + 8, start_column=1, end_row=r + 8, end_column=2)
bad.create_sheet("geheim").sheet_state = "hidden"
bad.save(out + "/bad.xlsx")
# 100,000 rows
big = openpyxl.Workbook(write_only=True); s = big.create_sheet("aanbod"); s.append(head)
for i in range(100000):
    s.append([None, "P", "T"])
big.save(out + "/big.xlsx")
PY

http POST /offers/import -F "csrf=$csrf" -F "catalogue=@$WORK/bad.xlsx"
expect_eq "a workbook with problems is refused" 400 "$STATUS"
n=$(psql_q "SELECT count(*) FROM offers")
for want in "kolom title: geef het aanbod een titel" "kolom contact: gebruik geen formule" "kolom price: dit is een datum" \
    "heeft dezelfde aanbieder en titel" "kolom id: nummer 999999 is geen aanbod van uw vereniging" \
    "kolom url: " "kolom active: vul ja of nee in" "kolom offer_tags: " 'onbekende kolom &quot;extra&quot;' \
    "samengevoegde cellen" "Tabblad geheim: onbekend tabblad"; do
  expect_contains "problem: $want" "$want" "$BODY"
done
expect_contains "each located by sheet and row" "Tabblad aanbod, rij " "$BODY"
expect_eq "nothing stored" "$n" "$(psql_q "SELECT count(*) FROM offers")"
expect_eq "no upload kept" 0 "$(psql_q "SELECT count(*) FROM offer_imports")"
expect_eq "audited" 1 "$(audit_count offer_catalogue_import_refused organisation)"
http POST /offers/import -F "csrf=$csrf" -F "catalogue=@$WORK/big.xlsx"
expect_eq "100,000 rows are refused" 400 "$STATUS"
expect_contains "with one clear line (the reader stops at its cell cap)" "meer dan 200.000 gevulde cellen" "$BODY"
printf 'niet;een\x00bestand' > "$WORK/bin.csv"
http POST /offers/import -F "csrf=$csrf" -F "catalogue=@$WORK/bin.csv"
expect_eq "a binary file is refused" 400 "$STATUS"
expect_contains "with a plain sentence" "UTF-8" "$BODY"
http POST /offers/import -F "csrf=$csrf"
expect_eq "no file is refused" 400 "$STATUS"
expect_contains "next to the field" "Kies een bestand." "$BODY"

http POST /offers/import -F "csrf=$csrf" -F "catalogue=@$WORK/edit.xlsx"
expect_eq "the edited workbook checks" 200 "$STATUS"
expect_contains "the new offer in the diff" "Leiderschap in het mkb" "$BODY"
expect_contains "the changed price, old and new" "450" "$BODY"
expect_contains "the changed description" "met een coach" "$BODY"
expect_contains "the removed offer is switched off" "Uitgezet" "$BODY"
expect_contains "a summary" "Nieuw: 1 · Gewijzigd: 1 · Uitgezet: 1" "$BODY"
expect_eq "still nothing stored" "$n" "$(psql_q "SELECT count(*) FROM offers")"
imp=$(psql_q "SELECT max(id) FROM offer_imports")
http POST "/offers/imports/$imp/apply" --data "csrf=$csrf"
expect_eq "confirming redirects" 303 "$STATUS"
expect_eq "the new offer is stored with its fields" "Zuyd Hogeschool|gratis|Zuid-Limburg|{leadership,learning-culture}|true" \
  "$(psql_q "SELECT provider || '|' || price || '|' || region || '|' || tags::text || '|' || active FROM offers WHERE title = 'Leiderschap in het mkb'")"
expect_eq "the price is the Dutch way" "450" "$(psql_q "SELECT price FROM offers WHERE id = $first")"
expect_eq "the removed offer is kept, switched off" "f" "$(psql_q "SELECT active FROM offers WHERE id = $flex")"
expect_eq "the apply is audited" 1 "$(audit_count offer_catalogue_apply offer_import)"
http POST "/offers/imports/$imp/apply" --data "csrf=$csrf"
expect_eq "confirming twice is refused" 409 "$STATUS"

# the CSV way, as Dutch Excel saves it: ';', quotes, a line break in a cell, the protective apostrophe
http GET /offers/catalogue.csv; cp "$WORK/body" "$WORK/b.csv"
"$PY" - "$WORK/b.csv" <<'PY'
import csv, io, sys
p = sys.argv[1]; text = open(p, encoding="utf-8-sig").read()
rows = list(csv.reader(io.StringIO(text), delimiter=";"))
head = rows[0]
for r in rows[1:]:
    if r[head.index("title")] == "Werkplekleren":
        r[head.index("description")] = "Twee regels;\n\"met\" puntkomma"
        r[head.index("contact")] = "'-06 12345678"
out = io.StringIO(); csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
open(p, "w", encoding="utf-8-sig").write(out.getvalue())
PY
http POST /offers/import -F "csrf=$csrf" -F "catalogue=@$WORK/b.csv"
expect_eq "the edited CSV checks" 200 "$STATUS"
imp=$(psql_q "SELECT max(id) FROM offer_imports")
expect_contains "one offer changed" "Nieuw: 0 · Gewijzigd: 1 · Uitgezet: 0" "$BODY"
http POST "/offers/imports/$imp/apply" --data "csrf=$csrf"
expect_eq "and is stored" 303 "$STATUS"
expect_eq "with the quote, separator and line break" "$(printf 'Twee regels;\n"met" puntkomma')" \
  "$(psql_q "SELECT description FROM offers WHERE id = $first")"
expect_eq "the apostrophe that protected a leading - is gone" "-06 12345678" "$(psql_q "SELECT contact FROM offers WHERE id = $first")"
http GET /offers/catalogue.csv
expect_contains "and comes back protected in the CSV" "'-06 12345678" "$BODY"

# a catalogue changed between upload and confirmation is not overwritten
http POST /offers/import -F "csrf=$csrf" -F "catalogue=@$WORK/edit.xlsx"
imp=$(psql_q "SELECT max(id) FROM offer_imports")
psql_q "UPDATE offers SET contact = 'nieuw@lwl.example' WHERE id = $first" >/dev/null
http POST "/offers/imports/$imp/apply" --data "csrf=$csrf"
expect_eq "a stale upload is refused" 409 "$STATUS"
expect_contains "with a message" "veranderd sinds u het bestand uploadde" "$BODY"
expect_eq "and the change made meanwhile stays" "nieuw@lwl.example" "$(psql_q "SELECT contact FROM offers WHERE id = $first")"

# access
http POST /offers/import -F "catalogue=@$WORK/edit.xlsx"
expect_eq "an upload without the CSRF token is refused" 403 "$STATUS"
use_jar advisor; login adv1@a.example "$PW"
http GET /offers/catalogue.xlsx
expect_eq "an advisor may download" 200 "$STATUS"
http GET /offers; acsrf=$(form_csrf)
expect_not_contains "but gets no upload" 'action="/offers/import"' "$BODY"
http POST /offers/import -F "csrf=$acsrf" -F "catalogue=@$WORK/edit.xlsx"
expect_eq "and may not upload" 404 "$STATUS"
http POST "/offers/imports/$imp/apply" --data "csrf=$acsrf"
expect_eq "nor confirm" 404 "$STATUS"
use_jar admin2; login admin2@b.example "$PW"
http GET /offers; bcsrf=$(form_csrf)
http POST "/offers/imports/$imp/apply" --data "csrf=$bcsrf"
expect_eq "another association's upload is 404" 404 "$STATUS"
http GET /offers/catalogue.csv
expect_not_contains "and its download holds only its own offers" "Werkplekleren" "$BODY"
finish
