#!/usr/bin/env bash
# The preview of a questionnaire draft (issue 19.4): every page the owner would see — start,
# profile, each pillar, review, later, done — in Dutch and English, with the banner "voorbeeld,
# er wordt niets opgeslagen"; the forms are checked with the owner's rules and messages
# (a Dutch decimal comma, a percent sign, a wrong number) and nothing is written: no scan,
# no answer, no audit entry. Only the draft's own association sees it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/office_lib.sh"
. "$(dirname "$0")/respondent_lib.sh"
start_office_server
PY=/usr/bin/python3

use_jar admin; login admin1@a.example "$PW"
qid=$(psql_q "SELECT id FROM questionnaires WHERE key = 'fphc' AND version = 1")
http GET "/questionnaires/$qid/workbook"; cp "$WORK/body" "$WORK/q.xlsx"
"$PY" - "$WORK/q.xlsx" "$WORK/edit.xlsx" <<'PY'
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["items"]
head = [c.value for c in ws[1]]
ws.cell(2, head.index("text_nl") + 1).value = "Wij weten goed waar ons bedrijf over drie jaar staat."
ws.cell(2, head.index("text_en") + 1).value = "We know well where our company will be in three years."
wb.save(sys.argv[2])
PY
http GET /questionnaires; csrf=$(form_csrf)
http POST /questionnaires/import -F "csrf=$csrf" -F "workbook=@$WORK/edit.xlsx"
expect_eq "the edited workbook is checked" 200 "$STATUS"
draft=$(psql_q "SELECT max(id) FROM questionnaire_drafts")
P="/questionnaires/drafts/$draft/preview"
expect_contains "the draft's page links to the preview" "href=\"$P\"" "$BODY"
for page in profile pillar/1 pillar/2 pillar/3 pillar/4 review later done; do
  expect_contains "and to its page $page" "href=\"$P/$page\"" "$BODY"
done

counts() { psql_q "SELECT (SELECT count(*) FROM scans) || '/' || (SELECT count(*) FROM answers) || '/' || (SELECT count(*) FROM audit_log) || '/' || (SELECT count(*) FROM companies)"; }
before=$(counts)

for page in "" /profile /pillar/1 /pillar/2 /pillar/3 /pillar/4 /review /later /done; do
  http GET "$P$page"
  expect_eq "preview page '${page:-start}' opens" 200 "$STATUS"
  expect_contains "with the banner on '${page:-start}'" "Voorbeeld, er wordt niets opgeslagen." "$BODY"
  expect_contains "and a way back to the changes" "href=\"/questionnaires/drafts/$draft\"" "$BODY"
  privacy=$(sed -n 's/.*href="\(\/privacy\/[^"?]*\).*/\1/p' "$WORK/body" | head -n 1)
  code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$privacy")
  expect_eq "whose privacy link opens the association's statement" "200" "$code"
  expect_not_contains "without the back-office menu" 'href="/companies"' "$BODY"
  expect_not_contains "and without a scan link" '/s/' "$BODY"
done
http GET "$P/pillar/1"
expect_contains "the pillar shows the draft's new wording" "Wij weten goed waar ons bedrijf over drie jaar staat." "$BODY"
expect_contains "its form posts to the preview" "action=\"$P/pillar/1\"" "$BODY"
expect_not_contains "and does not autosave" "data-answer-save" "$BODY"
http GET "$P/pillar/5"
expect_eq "a pillar that does not exist is 404" 404 "$STATUS"
http GET "$P"; csrf=$(form_csrf)

http POST "$P/consent" --data "csrf=$csrf"
expect_eq "consent not ticked is refused" 400 "$STATUS"
expect_contains "with the owner's message next to the box" 'id="e-consent"' "$BODY"
http POST "$P/consent" --data "csrf=$csrf&consent=yes"
expect_eq "consent moves on" 303 "$STATUS"
expect_contains "to the profile" "Location: $P/profile" "$HEADERS"
http POST "$P/consent" --data "consent=yes"
expect_eq "a post without the CSRF token is refused" 403 "$STATUS"

http POST "$P/profile" --data "csrf=$csrf&sector=C&fte=veel&employees=50"
expect_eq "a profile with letters for FTE is refused" 400 "$STATUS"
expect_contains "with the owner's message" "Vul het aantal fte in als getal" "$BODY"
expect_contains "showing what was typed" 'value="veel"' "$BODY"
http POST "$P/profile" --data-urlencode "csrf=$csrf" --data "sector=C" --data-urlencode "fte=42,5" --data "employees=50"
expect_eq "42,5 FTE is read the Dutch way" 303 "$STATUS"
expect_contains "and moves to the first pillar" "Location: $P/pillar/1" "$HEADERS"
http POST "$P/profile" --data-urlencode "csrf=$csrf" --data "sector=C" --data-urlencode "fte=6,5" --data "employees=8"
expect_eq "6,5 FTE shows the notice first" 200 "$STATUS"
expect_contains "which carries what was seen" 'name="fte_seen"' "$BODY"

http POST "$P/pillar/1" --data-urlencode "csrf=$csrf" --data "a.s01=4" --data-urlencode "a.s16=12,5 %" --data "nav=next"
expect_eq "12,5 % is a valid answer" 303 "$STATUS"
expect_contains "and the next pillar follows" "Location: $P/pillar/2" "$HEADERS"
http POST "$P/pillar/1" --data-urlencode "csrf=$csrf" --data "a.s01=4" --data "a.s16=twaalf" --data "nav=next"
expect_eq "a wrong number is refused" 400 "$STATUS"
expect_contains "with the owner's message next to it" 'id="e-s16">Vraag 18' "$BODY"
expect_contains "the wrong text shown back" 'value="twaalf"' "$BODY"
expect_contains "the valid answer of the page kept on it" 'value="4" checked' "$BODY"
expect_contains "and an error summary" 'id="error-summary"' "$BODY"
http POST "$P/pillar/1" --data "csrf=$csrf&a.zz99=1"
expect_eq "a field of no question is refused" 400 "$STATUS"
http POST "$P/pillar/2" --data "csrf=$csrf&nav=back"
expect_contains "back goes to the pillar before" "Location: $P/pillar/1" "$HEADERS"
http POST "$P/pillar/2" --data "csrf=$csrf&nav=later"
expect_contains "later goes to 'later verder'" "Location: $P/later" "$HEADERS"
http POST "$P/submit" --data "csrf=$csrf"
expect_eq "sending an empty scan asks for the confirmation" 400 "$STATUS"
http POST "$P/submit" --data "csrf=$csrf&confirm_no_score=yes"
expect_contains "and with it goes to done" "Location: $P/done" "$HEADERS"
http POST "$P/follow-up" --data "csrf=$csrf"
expect_eq "the follow-up question without a choice is refused" 400 "$STATUS"
http POST "$P/follow-up" --data "csrf=$csrf&follow_up=yes"
expect_eq "with a choice it moves on" 303 "$STATUS"

expect_eq "nothing was stored: scans, answers, audit entries, companies" "$before" "$(counts)"

http GET "/lang?to=en&next=$P/pillar/1"
expect_contains "the language switch returns to the preview" "Location: $P/pillar/1" "$HEADERS"
http GET "$P/pillar/1"
expect_contains "in English" "We know well where our company will be in three years." "$BODY"
expect_contains "with the English banner" "Preview, nothing is stored." "$BODY"
http GET "$P/review"
expect_contains "the review in English" 'lang="en"' "$BODY"
http GET "/lang?to=nl&next=/questionnaires"

http GET "/questionnaires/drafts/$draft"
expect_eq "the draft's page opens again" 200 "$STATUS"
expect_contains "with its changes" "Wij weten goed waar ons bedrijf over drie jaar staat." "$BODY"
expect_contains "and the text-only kind" "tekst" "$BODY"

use_jar other; login admin2@b.example "$PW"
http GET "$P"
expect_eq "another association's admin does not see the draft" 404 "$STATUS"
http GET "/questionnaires/drafts/$draft"
expect_eq "nor its page" 404 "$STATUS"
use_jar advisor; login adv1@a.example "$PW"
http GET "$P/pillar/1"
expect_eq "an advisor may not preview" 404 "$STATUS"
use_jar researcher; login res@r.example "$PW"
http GET /questionnaires; csrf=$(form_csrf)
http POST /questionnaires/import -F "csrf=$csrf" -F "workbook=@$WORK/edit.xlsx"
rdraft=$(psql_q "SELECT max(id) FROM questionnaire_drafts")
http GET "/questionnaires/drafts/$rdraft/preview"
expect_eq "the researcher previews their own upload" 200 "$STATUS"
expect_contains "naming an association, as an owner would see" "Uw werkgeversvereniging" "$BODY"
expect_not_contains "without a privacy link to no association's statement" 'href="/privacy/' "$BODY"
http GET "/questionnaires/drafts/$rdraft/preview/pillar/1"
expect_not_contains "on a pillar either" 'href="/privacy/' "$BODY"
http GET "$P"
expect_eq "but not the association's draft" 404 "$STATUS"

# a text revision published while the server runs reaches an owner who is filling in
use_jar owner
invite "Lopende Scan BV"
http GET "/s/$TOKEN"; ocsrf=$(form_csrf)
http POST "/s/$TOKEN/consent" --data "csrf=$ocsrf&consent=yes"
http GET "/s/$TOKEN/pillar/1"
expect_not_contains "the owner sees the published wording first" "Wij weten goed waar ons bedrijf over drie jaar staat." "$BODY"
use_jar researcher
http GET "/questionnaires/drafts/$rdraft"; csrf=$(form_csrf)
http POST "/questionnaires/drafts/$rdraft/publish" --data "csrf=$csrf"
expect_eq "the researcher publishes the text revision" 303 "$STATUS"
http GET /questionnaires
use_jar owner
http GET "/s/$TOKEN/pillar/1"
expect_contains "and the owner's next page has the new wording, without a restart" "Wij weten goed waar ons bedrijf over drie jaar staat." "$BODY"
http GET "/questionnaires/drafts/$rdraft"
use_jar researcher
http GET "/questionnaires/drafts/$rdraft"
expect_contains "the published draft's page says so" "Deze versie is al gepubliceerd." "$BODY"
expect_not_contains "without a publish button" "/publish" "$BODY"

use_jar anon
http GET "$P"
expect_contains "an anonymous caller is sent to the login" "/login" "$HEADERS"

finish
