#!/usr/bin/env bash
# Scan page: scoping, audit of views, status workflow, advice concurrency and
# Markdown sanitising, offers, meeting validation, research assessment with pseudonyms.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixture_lib.sh"
new_db
load_fixture scans_with_peers.sql
start_server || exit 1

# --- scoping ---
http GET /scans/1401;                 expect_eq "scan page needs login" 303 "$STATUS"
login adviseur@noord.example
http GET /scans/1401;                 expect_eq "advisor of another association gets 404" 404 "$STATUS"
expect_not_contains "the 404 names no company" "Gouden Korst" "$BODY"
http GET /scans/1410;                 expect_eq "own association's scan is 200" 200 "$STATUS"
expect_contains "no sector or size-class peers: falls back to all companies" "alle deelnemers: 7 andere bedrijven" "$BODY"
login adviseur@zuid.example
http GET /scans/1401;                 expect_eq "advisor sees own scan" 200 "$STATUS"
expect_contains "company name shown" "Bakkerij De Gouden Korst" "$BODY"
expect_contains "peer group: sector with 6 peers" "sector C: 6 andere bedrijven" "$BODY"
expect_contains "overall score and band" "Op weg" "$BODY"
expect_contains "radar chart as SVG" '<svg xmlns="http://www.w3.org/2000/svg"' "$BODY"
expect_not_contains "no inline style attributes" ' style="' "$BODY"
expect_contains "attention point listed" 'id="attention-unconscious_bias"' "$BODY"
expect_contains "movers from the result JSON" "We werven met anonieme cv" "$BODY"
expect_contains "change since the previous scan" "Verschil met vorige scan: +10" "$BODY"
expect_contains "open answer shown, escaped" "&lt;b&gt;binden&lt;/b&gt;" "$BODY"
expect_contains "na answer shown" "Weet ik niet / niet van toepassing" "$BODY"
med=$(psql_q "SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY score)::numeric) FROM scores WHERE level = 'theme' AND key = 'hr_strategy' AND scan_id BETWEEN 1402 AND 1407")
expect_contains "theme median as percentile_cont" "mediaan $med " "$BODY"
http GET /scans/1410;                 expect_eq "other association's scan is 404" 404 "$STATUS"
http GET /scans/99999;                expect_eq "unknown scan is 404" 404 "$STATUS"
http GET /scans/abc;                  expect_eq "non-numeric id is 404" 404 "$STATUS"
views=$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'scan_view' AND object_id = 1401")
expect_eq "each view is audited" 1 "$views"
denied=$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'denied' AND object_id = 1401")
expect_eq "the denied view is audited" 1 "$denied"


# --- status workflow ---
csrf_of /scans/1401
http POST /scans/1401/status --data "csrf=$CSRF&op=forward&to=final"
expect_eq "skipping a step is refused" 409 "$STATUS"
http POST /scans/1401/status --data "csrf=$CSRF&op=forward&to=advice"
expect_eq "submitted → advice" 303 "$STATUS"
expect_eq "status is advice" advice "$(psql_q 'SELECT status FROM scans WHERE id = 1401')"
http POST /scans/1401/status --data "csrf=$CSRF&op=forward&to=advice"
expect_eq "the same step twice is refused" 409 "$STATUS"
http POST /scans/1401/status --data "csrf=wrong&op=forward&to=final"
expect_eq "status change without CSRF is 403" 403 "$STATUS"

# --- advice: save, Markdown sanitising, concurrency ---
md='Bel **Jan**.

- punt een
- [klik](javascript:alert(1))

<script>alert(2)</script><img src=x onerror=alert(3)>'
http POST /scans/1401/advice --data "csrf=$CSRF&theme=unconscious_bias&version=0" --data-urlencode "body=$md"
expect_eq "advice saved (HTML form → redirect)" 303 "$STATUS"
http GET /scans/1401
expect_contains "Markdown bold rendered" "<strong>Jan</strong>" "$BODY"
expect_contains "Markdown list rendered" "<li>punt een</li>" "$BODY"
expect_not_contains "javascript: link made harmless" 'href="javascript:' "$BODY"
expect_not_contains "raw script not rendered" "<script>alert(2)" "$BODY"
expect_not_contains "raw img not rendered" "<img src=x" "$BODY"
expect_contains "last edited by" "Laatst gewijzigd door Anouk Adviseur" "$BODY"
http POST /scans/1401/advice -H 'Accept: application/json' --data "csrf=$CSRF&theme=unconscious_bias&version=1&body=Versie+twee"
expect_eq "autosave as JSON" 200 "$STATUS"
expect_contains "JSON gives the new version" '"version":2' "$BODY"
# a colleague saves on the same version 2; then the first advisor's save on 2 is refused
login collega@zuid.example
csrf_of /scans/1401
http POST /scans/1401/advice -H 'Accept: application/json' --data "csrf=$CSRF&theme=unconscious_bias&version=2&body=Tekst+van+Cor"
expect_eq "colleague saves version 3" 200 "$STATUS"
login adviseur@zuid.example
csrf_of /scans/1401
http POST /scans/1401/advice -H 'Accept: application/json' --data "csrf=$CSRF&theme=unconscious_bias&version=2&body=Mijn+late+tekst"
expect_eq "a save on an old version is refused with 409 (JSON)" 409 "$STATUS"
expect_contains "409 shows the other person's text" "Tekst van Cor" "$BODY"
http POST /scans/1401/advice --data "csrf=$CSRF&theme=unconscious_bias&version=2&body=Mijn+late+tekst"
expect_eq "a save on an old version is refused with 409 (HTML)" 409 "$STATUS"
expect_contains "conflict page shows their text" "Tekst van Cor" "$BODY"
expect_contains "conflict page keeps my text" "Mijn late tekst" "$BODY"
expect_eq "stored text is the colleague's" "Tekst van Cor" "$(psql_q "SELECT body_md FROM scan_advice WHERE scan_id = 1401 AND theme_key = 'unconscious_bias'")"
http POST /scans/1401/advice --data "csrf=$CSRF&theme=no_such_theme&version=0&body=x"
expect_eq "advice for an unknown theme is 400" 400 "$STATUS"

# --- offers: pick one of the association's offers for an attention point ---
oid=$(psql_q "INSERT INTO offers(org_id, title, provider, contact, tags) VALUES (1002, 'Inclusief herontwerp', 'WSP Zuid', 'wsp@zuid.example', '{inclusive-redesign}') RETURNING id")
other=$(psql_q "INSERT INTO offers(org_id, title, provider, contact, tags) VALUES (1003, 'Noord aanbod', 'Noord', 'x', '{inclusive-redesign}') RETURNING id")
http GET /scans/1401
expect_contains "matching offer suggested" "Inclusief herontwerp" "$BODY"
expect_not_contains "other association's offer not suggested" "Noord aanbod" "$BODY"
http POST /scans/1401/offers --data "csrf=$CSRF&theme=unconscious_bias&offer_id=$oid&op=pick&note=Eerst+bellen"
expect_eq "offer picked" 303 "$STATUS"
http POST /scans/1401/offers --data "csrf=$CSRF&theme=unconscious_bias&offer_id=$other&op=pick&note=x"
expect_eq "another association's offer cannot be picked" 404 "$STATUS"
expect_eq "pick stored with note" "Eerst bellen" "$(psql_q "SELECT note FROM scan_offers WHERE scan_id = 1401")"

# --- meeting: validation next to the fields ---
http POST /scans/1401/meeting --data "csrf=$CSRF&planned_date=2025-02-30&planned_time=25:00&place=Kantoor"
expect_eq "invalid date and time refused" 400 "$STATUS"
expect_contains "message next to the date field" 'id="e-planned_date"' "$BODY"
expect_contains "message next to the time field" 'id="e-planned_time"' "$BODY"
expect_contains "typed values kept" 'value="Kantoor"' "$BODY"
http POST /scans/1401/meeting --data "csrf=$CSRF&planned_date=2025-06-30&planned_time=14:30&place=Kantoor&attendees=Jan,+Anouk"
expect_eq "meeting saved" 303 "$STATUS"

# --- research: pseudonymized, scoped ---
login onderzoeker@lectoraat.example
http GET /scans/1401;                 expect_eq "researcher asking for the advisor URL gets 404" 404 "$STATUS"
expect_not_contains "404 has no company name" "Gouden Korst" "$BODY"
# research pages name a scan as the exports do: company pseudonym and scan number within the company
secret=$(psql_q "SELECT encode(value, 'hex') FROM installation WHERE key = 'pseudonym_secret'")
ref_of() {  # ref_of SCAN_ID → PSEUDONYM-N
  local c n; c=$(psql_q "SELECT company_id FROM scans WHERE id = $1")
  n=$(psql_q "SELECT count(*) FROM scans s2, scans s WHERE s.id = $1 AND s2.company_id = s.company_id AND s2.submitted_at IS NOT NULL AND (s2.submitted_at, s2.id) <= (s.submitted_at, s.id)")
  printf '%s-%s' "$(printf '%s' "$c" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$secret" | sed 's/.*= //' | cut -c1-16)" "$n"
}
R1401=$(ref_of 1401); R1410=$(ref_of 1410)
http GET "/research/scans/$R1410";    expect_eq "researcher: scan of a non-sharing association is 404" 404 "$STATUS"
http GET /research/scans/1401;        expect_eq "researcher: a database id names no research page" 404 "$STATUS"
http GET "/research/scans/$R1401";    expect_eq "researcher sees the shared scan" 200 "$STATUS"
expect_not_contains "no company name" "Gouden Korst" "$BODY"
expect_not_contains "no KvK number" "12345678" "$BODY"
expect_not_contains "no contact e-mail" "goudenkorst.example" "$BODY"
expect_not_contains "no contact name" "Jan Bakker" "$BODY"
expect_not_contains "open answers hidden when not shared" "binden" "$BODY"
pseudo=$(printf '1301' | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$secret" | sed 's/.*= //' | cut -c1-16)
expect_contains "pseudonym is HMAC-SHA256 of the company id" "$pseudo" "$BODY"
http GET /research/scans;             expect_contains "list shows pseudonyms" "$pseudo" "$BODY"
expect_not_contains "list has no names" "Gouden Korst" "$BODY"
expect_contains "list links by pseudonym and scan number" "href=\"/research/scans/$R1401\"" "$BODY"
expect_not_contains "list links no database id" 'href="/research/scans/1401"' "$BODY"
CSRF=$(form_csrf)
http POST "/research/scans/$R1401" --data "csrf=$CSRF&version=0&body=Sterk+op+strategie&j_strategy=Goed+op+weg"
expect_eq "assessment saved" 303 "$STATUS"
http POST "/research/scans/$R1401" --data "csrf=$CSRF&version=0&body=Later"
expect_eq "assessment on an old version is refused" 409 "$STATUS"
http POST "/research/scans/$R1410" --data "csrf=$CSRF&version=0&body=x"
expect_eq "assessment of a non-shared scan is 404" 404 "$STATUS"
login adviseur@zuid.example
http GET /scans/1401
expect_contains "advisor sees the assessment" "Sterk op strategie" "$BODY"
expect_contains "advisor sees the pillar judgement" "Goed op weg" "$BODY"

# --- workflow to closed, advice locked after final, reopen with reason ---
CSRF=$(form_csrf)
http POST /scans/1401/status --data "csrf=$CSRF&op=forward&to=final"; expect_eq "advice → final" 303 "$STATUS"
http POST /scans/1401/advice -H 'Accept: application/json' --data "csrf=$CSRF&theme=&version=0&body=x"
expect_eq "advice locked once final" 409 "$STATUS"
http POST /scans/1401/status --data "csrf=$CSRF&op=forward&to=meeting_held"
expect_eq "'Gesprek gehouden' without a meeting held on record is refused" 400 "$STATUS"
expect_contains "… with a message that says what to fill in" "Vul bij ‘Gesprek met de ondernemer’ in op welke datum het is gehouden" "$BODY"
expect_eq "… and the status stays" final "$(psql_q 'SELECT status FROM scans WHERE id = 1401')"
http POST /scans/1401/meeting --data "csrf=$CSRF&planned_date=2025-06-30&planned_time=14:30&place=Kantoor&held_date=2025-07-01&attendees=Jan,+Anouk"
expect_eq "the meeting is recorded as held" 303 "$STATUS"
http POST /scans/1401/status --data "csrf=$CSRF&op=forward&to=meeting_held"; expect_eq "final → meeting held" 303 "$STATUS"
http POST /scans/1401/status --data "csrf=$CSRF&op=forward&to=closed"; expect_eq "meeting held → closed" 303 "$STATUS"
http POST /scans/1401/status --data "csrf=$CSRF&op=reopen&to=advice&reason="
expect_eq "reopen without a reason is refused" 400 "$STATUS"
expect_contains "reason message next to the field" 'id="e-reason"' "$BODY"
http POST /scans/1401/status --data "csrf=$CSRF&op=reopen&to=advice&reason=Advies+aanvullen"
expect_eq "reopen with a reason" 303 "$STATUS"
expect_eq "status back to advice" advice "$(psql_q 'SELECT status FROM scans WHERE id = 1401')"
expect_eq "history has every change" 5 "$(psql_q 'SELECT count(*) FROM scan_status_history WHERE scan_id = 1401')"
expect_eq "reopen reason stored" "Advies aanvullen" "$(psql_q "SELECT reason FROM scan_status_history WHERE scan_id = 1401 AND to_status = 'advice' ORDER BY id DESC LIMIT 1")"
expect_eq "transitions audited" 5 "$(psql_q "SELECT count(*) FROM audit_log WHERE action IN ('scan_status', 'scan_reopen') AND object_id = 1401")"
expect_eq "advice edits audited" 3 "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'advice_save' AND object_id = 1401")"

# --- hand over a scan to another advisor (issue 16.5) ---
http GET /scans/1401
expect_contains "the scan page offers the hand-over" 'action="/scans/1401/advisor"' "$BODY"
expect_contains "… listing the association's advisors" '>Cor Collega</option>' "$BODY"
expect_not_contains "… and no one of another association" 'Nico Noord' "$BODY"
CSRF=$(form_csrf)
http POST /scans/1401/advisor --data "csrf=$CSRF&advisor=1205"
expect_eq "hand over to a colleague" 303 "$STATUS"
expect_eq "… stored" 1205 "$(psql_q 'SELECT advisor_id FROM scans WHERE id = 1401')"
http GET '/scans/1401?msg=handover'
expect_contains "… shown as the advisor" '<dd>Cor Collega</dd>' "$BODY"
expect_contains "… chosen in the list" '<option value="1205" selected>Cor Collega</option>' "$BODY"
expect_contains "… with a notice" 'De scan is overgedragen.' "$BODY"
expect_eq "… audited" 1 "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'scan_handover' AND object_id = 1401")"
for bad in 1203 1204 999999 abc -1 '' 99999999999999999999; do
  http POST /scans/1401/advisor --data "csrf=$CSRF&advisor=$bad"
  expect_eq "hand over to '$bad' (other association, researcher, unknown, not a number) is refused" 400 "$STATUS"
done
expect_contains "… with the message next to the field" 'id="e-advisor"' "$BODY"
expect_eq "… and nothing changed" 1205 "$(psql_q 'SELECT advisor_id FROM scans WHERE id = 1401')"
psql_q "UPDATE users SET disabled = true WHERE id = 1201" >/dev/null
http POST /scans/1401/advisor --data "csrf=$CSRF&advisor=1201"
expect_eq "a disabled user cannot take a scan" 400 "$STATUS"
psql_q "UPDATE users SET disabled = false WHERE id = 1201" >/dev/null
http POST /scans/1401/advisor --data "advisor=1202"
expect_eq "hand-over without the CSRF token is refused" 403 "$STATUS"
http POST /scans/1401/advisor --data "csrf=$CSRF&advisor=1202"
expect_eq "hand back" 303 "$STATUS"

# --- fewer than k peers everywhere: said plainly ---
stop_server
FPHC_BENCHMARK_K=50 start_server || exit 1
login adviseur@zuid.example
http GET /scans/1401
expect_contains "below k: no comparison yet" "Nog geen vergelijking" "$BODY"
expect_not_contains "below k: no peer band drawn" "Middelste helft" "$BODY"
