#!/usr/bin/env bash
# Questionnaire text revisions: texts of a loaded version may be corrected (a new
# revision), its structure may not; the server shows the newest revision and a
# stored report records the one it used (questionnaires/README.md).
. "$(dirname "$0")/lib.sh"
new_db
DIR=$WORK/q; mkdir -p "$DIR"
cp questionnaires/fphc-1.json "$DIR/"
revs() { psql_q "SELECT string_agg(revision::text, ',' ORDER BY revision) FROM questionnaire_texts t JOIN questionnaires q ON q.id = t.questionnaire_id WHERE q.key = 'fphc'"; }
expect_eq "the migrated database holds revision 1 of fphc-1" "1" "$(revs)"
expect_eq "its structure checksum was filled in by the loader" \
  "e614a8ec3945647dc125edaf2544a0faa74ac581e4bb31c6c5a74f9aaf7a5f62" \
  "$(psql_q "SELECT structure_sha256 FROM questionnaires WHERE key = 'fphc' AND version = 1")"
out=$("$FPHC_BIN" questionnaire load --questionnaires "$DIR" 2>&1); rc=$?
expect_eq "loading the same file again changes nothing" "0:1" "$rc:$(revs)"
expect_not_contains "and says nothing" "loaded" "$out"

# a corrected question text and tip: a new text revision of version 1
python3 - "$DIR/fphc-1.json" <<'PY'
import json, sys
p = sys.argv[1]; d = json.load(open(p))
it = d["pillars"][0]["themes"][0]["items"][0]
it["text"]["nl"] = "Wij hebben een helder plan voor waar ons bedrijf over drie jaar staat."
it["tip"]["nl"] = "Schrijf op één A4 op waar uw bedrijf over drie jaar staat, met wie en met welke kennis."
json.dump(d, open(p, "w"), ensure_ascii=False, indent=2)
PY
out=$("$FPHC_BIN" questionnaire load --questionnaires "$DIR" 2>&1); rc=$?
expect_eq "a text correction loads" 0 "$rc"
expect_contains "as text revision 2" "loaded text revision 2 of questionnaire fphc version 1" "$out"
expect_eq "both revisions are kept" "1,2" "$(revs)"
expect_eq "the version keeps the sha256 of the file first loaded" "$(sha256sum questionnaires/fphc-1.json | cut -d' ' -f1)" \
  "$(psql_q "SELECT sha256 FROM questionnaires WHERE key = 'fphc'")"

# a changed weight is a structure change: refused, nothing stored
python3 - "$DIR/fphc-1.json" <<'PY'
import json, sys
p = sys.argv[1]; d = json.load(open(p))
d["pillars"][0]["themes"][0]["items"][0]["weight"] = 2
json.dump(d, open(p, "w"), ensure_ascii=False, indent=2)
PY
out=$("$FPHC_BIN" questionnaire load --questionnaires "$DIR" 2>&1); rc=$?
expect_eq "a structure change is refused" 1 "$rc"
expect_contains "with the reason" "changes the structure of version 1 of 'fphc'" "$out"
expect_eq "and no revision is added" "1,2" "$(revs)"
