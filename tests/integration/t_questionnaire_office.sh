#!/usr/bin/env bash
# The questionnaire workbook in the back office (issue 19): admins and researchers download
# any stored version, upload an edited workbook and see its problems next to the field or
# the changes; only the researcher publishes; every upload and publish is audited.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/office_lib.sh"
start_office_server
PY=/usr/bin/python3

use_jar admin; login admin1@a.example "$PW"
http GET /questionnaires
expect_eq "an admin opens the questionnaires" 200 "$STATUS"
qid=$(psql_q "SELECT id FROM questionnaires WHERE key = 'fphc' AND version = 1")
expect_contains "with a download of version 1" "/questionnaires/$qid/workbook" "$BODY"
http GET "/questionnaires/$qid/workbook"; cp "$WORK/body" "$WORK/q.xlsx"
expect_eq "the workbook downloads" 200 "$STATUS"
expect_contains "as an xlsx attachment" "fphc-1.xlsx" "$HEADERS"
check "which the command line imports without changes" "$FPHC_BIN" questionnaire import "$WORK/q.xlsx"
http GET "/questionnaires/999999/workbook"
expect_eq "an unknown version is 404" 404 "$STATUS"
use_jar advisor; login adv1@a.example "$PW"
http GET /questionnaires
expect_eq "an advisor may not (the back office answers 404 for a role that may not)" 404 "$STATUS"

"$PY" - "$WORK/q.xlsx" "$WORK/edit.xlsx" "$WORK/bad.xlsx" <<'PY'
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["items"]
head = [c.value for c in ws[1]]
ws.cell(2, head.index("text_nl") + 1).value = "Wij weten waar ons bedrijf over drie jaar staat."
ws.cell(3, head.index("weight") + 1).value = 2
wb["questionnaire"]["B2"].value = 2
wb.save(sys.argv[2])
ws.cell(14, head.index("weight") + 1).value = 0
wb.save(sys.argv[3])
PY

use_jar admin
http GET /questionnaires; csrf=$(form_csrf)
http POST /questionnaires/import -F "csrf=$csrf" -F "workbook=@$WORK/bad.xlsx"
expect_eq "a workbook with problems is refused" 400 "$STATUS"
expect_contains "the problem next to the field, by sheet, row and column" "Tabblad items, rij 14, kolom weight: vul een getal groter dan 0 in" "$BODY"
expect_eq "and audited" 1 "$(audit_count questionnaire_import_refused organisation)"
http POST /questionnaires/import -F "csrf=$csrf" -F "workbook=@$WORK/edit.xlsx"
expect_eq "the edited workbook is checked" 200 "$STATUS"
expect_contains "the new wording in the diff" "Wij weten waar ons bedrijf over drie jaar staat." "$BODY"
expect_contains "the new weight in the diff" "gewicht" "$BODY"
expect_contains "a structural change" "De structuur is veranderd" "$BODY"
expect_not_contains "an admin gets no publish button" "/publish" "$BODY"
expect_eq "audited" 1 "$(audit_count questionnaire_import questionnaire_draft)"
draft=$(psql_q "SELECT max(id) FROM questionnaire_drafts")
http POST "/questionnaires/drafts/$draft/publish" --data "csrf=$csrf"
expect_eq "an admin cannot publish (404, as for any route of another role)" 404 "$STATUS"
http POST /questionnaires/import -F "workbook=@$WORK/edit.xlsx"
expect_eq "an upload without the CSRF token is refused" 403 "$STATUS"

use_jar researcher; login res@r.example "$PW"
http GET /questionnaires; csrf=$(form_csrf)
http POST /questionnaires/import -F "csrf=$csrf" -F "workbook=@$WORK/edit.xlsx"
expect_contains "the researcher gets the publish button" "/publish" "$BODY"
rdraft=$(psql_q "SELECT max(id) FROM questionnaire_drafts")
expect_contains "the check shows the preview banner" "Voorbeeld, er wordt niets opgeslagen." "$BODY"
http GET "/questionnaires/drafts/$rdraft/report.pdf"
expect_eq "the sample report of the draft renders" 200 "$STATUS"
expect_contains "as a PDF" "application/pdf" "$HEADERS"
expect_contains "of the draft's version" "fphc-2 (demo)" "$(pdftotext "$WORK/body" - 2>/dev/null | tr '\n' ' ')"
http GET "/questionnaires/drafts/$draft/report.pdf"
expect_eq "another association's draft has no preview" 404 "$STATUS"
http POST "/questionnaires/drafts/$draft/publish" --data "csrf=$csrf"
expect_eq "another association's draft is 404" 404 "$STATUS"
expect_eq "nothing published yet" 1 "$(psql_q "SELECT count(*) FROM questionnaires WHERE key = 'fphc'")"
http POST "/questionnaires/drafts/$rdraft/publish" --data "csrf=$csrf"
expect_eq "publishing answers with a redirect" 303 "$STATUS"
expect_eq "version 2 is stored" "1,2" "$(psql_q "SELECT string_agg(version::text, ',' ORDER BY version) FROM questionnaires WHERE key = 'fphc'")"
expect_eq "the publish is audited" 1 "$(audit_count questionnaire_publish questionnaire_draft)"
http POST "/questionnaires/drafts/$rdraft/publish" --data "csrf=$csrf"
expect_eq "publishing twice is refused" 409 "$STATUS"
v2id=$(psql_q "SELECT id FROM questionnaires WHERE key = 'fphc' AND version = 2")
http GET "/research/versions?a=$qid&b=$v2id"
expect_eq "the researcher compares version 1 and 2" 200 "$STATUS"
expect_contains "all but the two edited questions are identical" "Gelijke vragen: 67 / 69" "$BODY"
http GET "/research/versions?a=999999&b=$v2id"
expect_eq "an unknown version is 404" 404 "$STATUS"

# the admin chooses the version of new invitations; scans keep theirs
v2=$(psql_q "SELECT id FROM questionnaires WHERE key = 'fphc' AND version = 2")
scan_q() { psql_q "SELECT questionnaire_id FROM scans ORDER BY id DESC LIMIT 1"; }
"$FPHC_BIN" invite --org demo --company "Bakkerij Nieuw" --sector C --fte 12 >/dev/null 2>&1
expect_eq "without a choice a new invitation gets the newest version" "$v2" "$(scan_q)"
first_scan=$(psql_q "SELECT max(id) FROM scans")
use_jar admin
http GET /questionnaires; csrf=$(form_csrf)
expect_contains "the admin sees the choice" 'name="questionnaire"' "$BODY"
http POST /questionnaires/invitations --data "csrf=$csrf&questionnaire=$qid"
expect_eq "the admin chooses version 1" 303 "$STATUS"
expect_eq "audited" 1 "$(audit_count questionnaire_chosen questionnaire)"
"$FPHC_BIN" invite --org demo --company "Bakkerij Oud" --sector C --fte 12 >/dev/null 2>&1
expect_eq "a new invitation then gets version 1" "$qid" "$(scan_q)"
expect_eq "the earlier scan keeps version 2" "$v2" "$(psql_q "SELECT questionnaire_id FROM scans WHERE id = $first_scan")"
http POST /questionnaires/invitations --data "csrf=$csrf&questionnaire=999999"
expect_eq "an unknown version is refused" 400 "$STATUS"
expect_contains "next to the field" "Kies een versie uit de lijst." "$BODY"
http POST /questionnaires/invitations --data "csrf=$csrf&questionnaire=0"
"$FPHC_BIN" invite --org demo --company "Bakkerij Weer" --sector C --fte 12 >/dev/null 2>&1
expect_eq "back to the newest" "$v2" "$(scan_q)"
use_jar researcher
http POST /questionnaires/invitations --data "csrf=$csrf&questionnaire=$qid"
expect_eq "a researcher does not choose for an association" 404 "$STATUS"

# an association that owns its questionnaire: its admin publishes too
"$PY" - "$WORK/edit.xlsx" "$WORK/v3.xlsx" <<'PY'
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1]); wb["questionnaire"]["B2"].value = 3
wb.save(sys.argv[2])
PY
use_jar admin
http GET /questionnaires; csrf=$(form_csrf)
http POST /questionnaires/import -F "csrf=$csrf" -F "workbook=@$WORK/v3.xlsx"
expect_not_contains "before, the admin gets no publish button" "/publish" "$BODY"
"$FPHC_BIN" org questionnaire --org demo yes; rc=$?
expect_eq "fphc org questionnaire sets it" 0 "$rc"
http POST /questionnaires/import -F "csrf=$csrf" -F "workbook=@$WORK/v3.xlsx"
expect_contains "now the admin gets the publish button" "/publish" "$BODY"
adraft=$(psql_q "SELECT max(id) FROM questionnaire_drafts")
http POST "/questionnaires/drafts/$adraft/publish" --data "csrf=$csrf"
expect_eq "and publishes" "303:1,2,3" "$STATUS:$(psql_q "SELECT string_agg(version::text, ',' ORDER BY version) FROM questionnaires WHERE key = 'fphc'")"
use_jar admin2; login admin2@b.example "$PW"
http GET /questionnaires; csrf=$(form_csrf)
http POST /questionnaires/import -F "csrf=$csrf" -F "workbook=@$WORK/v3.xlsx"
odraft=$(psql_q "SELECT max(id) FROM questionnaire_drafts")
http POST "/questionnaires/drafts/$odraft/publish" --data "csrf=$csrf"
expect_eq "the admin of an association that does not own it cannot" 404 "$STATUS"
"$FPHC_BIN" org questionnaire --org nowhere yes 2>/dev/null; rc=$?
expect_eq "an unknown association is an error" 1 "$rc"
# an unpublished upload older than a week is dropped at the next upload; published ones stay
psql_q "UPDATE questionnaire_drafts SET created_at = now() - interval '8 days'" >/dev/null
before_pub=$(psql_q "SELECT count(*) FROM questionnaire_drafts WHERE published_at IS NOT NULL")
use_jar researcher
http GET /questionnaires; csrf=$(form_csrf)
http POST /questionnaires/import -F "csrf=$csrf" -F "workbook=@$WORK/edit.xlsx"
expect_eq "old unpublished drafts are gone, the new one is kept" 0 \
  "$(psql_q "SELECT count(*) FROM questionnaire_drafts WHERE published_at IS NULL AND created_at < now() - interval '7 days' AND org_id = (SELECT org_id FROM users WHERE email = 'res@r.example')")"
expect_eq "published drafts stay" "$before_pub" "$(psql_q "SELECT count(*) FROM questionnaire_drafts WHERE published_at IS NOT NULL")"
finish
