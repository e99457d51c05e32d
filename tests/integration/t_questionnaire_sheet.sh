#!/usr/bin/env bash
# The questionnaire as a workbook (issue 19): export a stored version, import it back
# unchanged ("geen wijzigingen"), edited with openpyxl (a reworded question: a text
# revision; a new weight: a new version) and re-saved by LibreOffice when present;
# problems by sheet, row and column; nothing stored without --publish.
. "$(dirname "$0")/lib.sh"
new_db
PY=/usr/bin/python3   # Debian's python3-openpyxl is for the system python
revs() { psql_q "SELECT string_agg(revision::text, ',' ORDER BY revision) FROM questionnaire_texts t JOIN questionnaires q ON q.id = t.questionnaire_id WHERE q.key = 'fphc' AND q.version = 1"; }
versions() { psql_q "SELECT string_agg(version::text, ',' ORDER BY version) FROM questionnaires WHERE key = 'fphc'"; }

"$FPHC_BIN" questionnaire export --version 1 --format xlsx -o "$WORK/q.xlsx"; rc=$?
expect_eq "version 1 exports as a workbook" 0 "$rc"
check "which is a zip with a workbook part" unzip -l "$WORK/q.xlsx" xl/workbook.xml
"$FPHC_BIN" questionnaire export --version 1 --format json -o "$WORK/q.json"; rc=$?
expect_eq "and as JSON" 0 "$rc"
check "the JSON passes questionnaire check" "$FPHC_BIN" questionnaire check "$WORK/q.json"
out=$("$FPHC_BIN" questionnaire export --version 9 --format xlsx -o "$WORK/none.xlsx" 2>&1); rc=$?
expect_eq "an unknown version fails" 1 "$rc"

out=$("$FPHC_BIN" questionnaire import "$WORK/q.xlsx" 2>&1); rc=$?
expect_eq "the exported workbook imports" 0 "$rc"
expect_contains "without changes" "geen wijzigingen" "$out"
out=$("$FPHC_BIN" questionnaire import --publish "$WORK/q.xlsx" 2>&1); rc=$?
expect_eq "publishing no change is fine" "0:1" "$rc:$(revs)"
expect_contains "and stores nothing" "er is niets opgeslagen" "$out"

# a reworded question: text only, a text revision of version 1
"$PY" - "$WORK/q.xlsx" "$WORK/text.xlsx" <<'PY'
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["items"]
head = [c.value for c in ws[1]]
ws.cell(2, head.index("text_nl") + 1).value = "Wij hebben een helder plan voor ons bedrijf over drie jaar."
wb.save(sys.argv[2])
PY
out=$("$FPHC_BIN" questionnaire import "$WORK/text.xlsx" 2>&1); rc=$?
expect_eq "a reworded question imports" 0 "$rc"
expect_contains "as a text revision" "alleen teksten veranderd" "$out"
expect_contains "with the new text" "wordt \"Wij hebben een helder plan voor ons bedrijf over drie jaar.\"" "$out"
expect_eq "and nothing is stored without --publish" "1" "$(revs)"
out=$("$FPHC_BIN" questionnaire import --publish "$WORK/text.xlsx" 2>&1); rc=$?
expect_eq "--publish stores it" "0:1,2" "$rc:$(revs)"
expect_contains "as text revision 2" "tekstherziening 2" "$out"

# a new weight in the same version: structural, refused on publish
"$PY" - "$WORK/q.xlsx" "$WORK/weight.xlsx" <<'PY'
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["items"]
head = [c.value for c in ws[1]]
ws.cell(2, head.index("weight") + 1).value = 2
wb.save(sys.argv[2])
PY
out=$("$FPHC_BIN" questionnaire import "$WORK/weight.xlsx" 2>&1); rc=$?
expect_contains "a new weight is a structural change" "de structuur is veranderd" "$out"
expect_contains "named in the diff" "gewicht: \"1\" wordt \"2\"" "$out"
out=$("$FPHC_BIN" questionnaire import --publish "$WORK/weight.xlsx" 2>&1); rc=$?
expect_eq "publishing it as version 1 is refused" "1:1" "$rc:$(versions)"
# with version 2 it is a new version
"$PY" - "$WORK/weight.xlsx" "$WORK/v2.xlsx" <<'PY'
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1]); wb["questionnaire"]["B2"].value = 2
wb.save(sys.argv[2])
PY
out=$("$FPHC_BIN" questionnaire import --publish "$WORK/v2.xlsx" 2>&1); rc=$?
expect_eq "as version 2 it is stored" "0:1,2" "$rc:$(versions)"
expect_contains "compared with version 1" "vergeleken met fphc versie 1" "$out"

# bad cells: every problem at once, by sheet, row and column, nothing stored
"$PY" - "$WORK/q.xlsx" "$WORK/bad.xlsx" <<'PY'
import openpyxl, sys, datetime
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["items"]
head = [c.value for c in ws[1]]
ws.cell(14, head.index("weight") + 1).value = 0
ws.cell(15, head.index("weight") + 1).value = "=1+1"
wb["options"].cell(3, 5).value = datetime.date(2024, 1, 5)
wb["pillars"].sheet_state = "hidden"
wb.save(sys.argv[2])
PY
out=$("$FPHC_BIN" questionnaire import --publish "$WORK/bad.xlsx" 2>&1); rc=$?
expect_eq "a workbook with problems exits 1 and stores nothing" "1:1,2" "$rc:$(versions)"
expect_contains "a weight of 0" "Tabblad items, rij 14, kolom weight: vul een getal groter dan 0 in" "$out"
expect_contains "a formula" "Tabblad items, rij 15, kolom weight: gebruik geen formule" "$out"
expect_contains "a date for a number" "Tabblad options, rij 3, kolom points: dit is een datum" "$out"
expect_contains "a hidden sheet" "Tabblad pillars: dit tabblad is verborgen" "$out"
printf 'PK\003\004nonsense' > "$WORK/junk.xlsx"
out=$("$FPHC_BIN" questionnaire import "$WORK/junk.xlsx" 2>&1); rc=$?
expect_eq "a file that is not a workbook exits 1" 1 "$rc"
expect_contains "with a plain reason" "geen Excel-werkmap" "$out"

# re-saved by LibreOffice, as a user's spreadsheet program would
if command -v soffice >/dev/null 2>&1; then
  mkdir -p "$WORK/lo"
  HOME=$WORK timeout 180 soffice --headless --convert-to xlsx --outdir "$WORK/lo" "$WORK/text.xlsx" >/dev/null 2>&1
  out=$("$FPHC_BIN" questionnaire import "$WORK/lo/text.xlsx" 2>&1); rc=$?
  expect_eq "a workbook re-saved by LibreOffice imports" 0 "$rc"
  expect_contains "with no changes against the stored text revision" "geen wijzigingen" "$out"
else
  ok "# SKIP LibreOffice is not installed"
fi
finish
