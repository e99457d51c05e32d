#!/usr/bin/env bash
# The owner's scan: link → consent → profile → pillars → review → submit → done,
# resume, language, and the stored scores equal `fphc score` for the same answers.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/respondent_lib.sh"
new_db
"$FPHC_BIN" demo init >/dev/null || exit 1
"$FPHC_BIN" demo invite >"$WORK/demo.out" || exit 1
start_server || exit 1

# --- demo invite prints a link (make run calls it), and a second run re-issues it
demo_link=$(sed -n 's/.*(fill it in as the owner): \(http.*\)$/\1/p' "$WORK/demo.out")
expect_contains "demo invite prints an invitation link" "/s/" "$demo_link"
"$FPHC_BIN" demo invite >"$WORK/demo2.out"
demo_link2=$(sed -n 's/.*(fill it in as the owner): \(http.*\)$/\1/p' "$WORK/demo2.out")
http GET "/s/${demo_link2##*/}"; expect_eq "the re-issued demo link opens" 200 "$STATUS"
http GET "/s/${demo_link##*/}"; expect_eq "the earlier demo link is revoked" 404 "$STATUS"
expect_eq "one demo company, one open demo scan" "1|1" "$(psql_q "SELECT count(DISTINCT c.id) || '|' || count(s.id) FROM companies c JOIN scans s ON s.company_id = c.id WHERE c.name = 'Demo Metaalbewerking BV'")"

# --- unknown, expired and revoked links get the same friendly page
invite "Verlopen BV"; expired=$TOKEN
psql_q "UPDATE invitations SET expires_at = now() - interval '1 day' WHERE scan_id = $SCAN_ID"
invite "Ingetrokken BV"; revoked=$TOKEN
psql_q "UPDATE invitations SET revoked_at = now() WHERE scan_id = $SCAN_ID"
unknown=AAAAAAAAAAAAAAAAAAAAAA
http GET "/s/$unknown"; s1=$STATUS; b1=${BODY//$unknown/T}
http GET "/s/$expired"; s2=$STATUS; b2=${BODY//$expired/T}
http GET "/s/$revoked"; s3=$STATUS; b3=${BODY//$revoked/T}
expect_eq "unknown, expired and revoked links answer 404" "404 404 404" "$s1 $s2 $s3"
expect_contains "the page says to contact the advisor" "Neem contact op met uw adviseur" "$b1"
if [ "$b1" = "$b2" ] && [ "$b2" = "$b3" ]; then ok "the three pages are identical"; else not_ok "the three pages differ"; fi

# --- start page and consent gate
invite "Bakkerij De Korenbloem"
http GET "/s/$TOKEN"; expect_eq "start page opens" 200 "$STATUS"
expect_contains "start page estimates the time" "Ongeveer 25 minuten" "$BODY"
expect_contains "start page names the association" "Demo Werkgeversvereniging" "$BODY"
expect_contains "start page names the research group" "Lectoraat Employability" "$BODY"
expect_contains "start page links the privacy statement" 'href="/privacy/demo"' "$BODY"
csrf=$(form_csrf)
http GET "/s/$TOKEN/profile"; expect_eq "profile before consent redirects to the start" "303 /s/$TOKEN" "$STATUS $(location)"
http GET "/s/$TOKEN/pillar/1"; expect_eq "a pillar before consent redirects to the start" 303 "$STATUS"
http POST "/s/$TOKEN/pillar/1" --data "csrf=$csrf&a.s01=3"; expect_eq "saving a page before consent is 403" 403 "$STATUS"
autosave "$TOKEN" "$csrf" '{"item":"s01","value":3}'; expect_eq "autosave before consent is 403" 403 "$STATUS"
http POST "/s/$TOKEN/submit" --data "csrf=$csrf"; expect_eq "submit before consent is 403" 403 "$STATUS"
http POST "/s/$TOKEN/consent" --data "csrf=$csrf"; expect_eq "consent without the tick is 400" 400 "$STATUS"
expect_contains "and says why next to the box" 'id="e-consent"' "$BODY"
expect_eq "nothing saved before consent" "0|invited|" "$(answer_count "$SCAN_ID")|$(psql_q "SELECT status || '|' || coalesce(consent_version, '') FROM scans WHERE id = $SCAN_ID")"
consent "$TOKEN" "$csrf"; expect_eq "consent opens the profile" "303 /s/$TOKEN/profile" "$STATUS $(location)"
expect_eq "consent time and text version stored" "t|consent-2024-1|started" "$(psql_q "SELECT CASE WHEN consent_at IS NOT NULL THEN 't' END || '|' || consent_version || '|' || status FROM scans WHERE id = $SCAN_ID")"

# --- profile: prefilled, validated, FTE notice
http GET "/s/$TOKEN/profile"
expect_contains "profile is prefilled with the sector" '<option value="C" selected>Industrie (C)</option>' "$BODY"
expect_contains "profile is prefilled with the FTE" 'value="45"' "$BODY"
http POST "/s/$TOKEN/profile" --data "csrf=$csrf&sector=Z&fte=&employees=abc"
expect_eq "an invalid profile is 400" 400 "$STATUS"
expect_contains "sector error next to the field" '<p class="field-error" id="e-sector">Kies de sector van uw bedrijf.</p>' "$BODY"
expect_contains "fte error next to the field" 'id="e-fte">Vul het aantal fte in.' "$BODY"
expect_contains "employees error next to the field" 'id="e-employees">Vul het aantal medewerkers in als heel getal' "$BODY"
expect_contains "errors summarised at the top" 'class="error-summary"' "$BODY"
http POST "/s/$TOKEN/profile" --data "csrf=$csrf&sector=I&fte=450&employees=500&municipality=Heerlen"
expect_eq "FTE above 300 shows the notice first" 200 "$STATUS"
expect_contains "the notice says the scan is made for 10-300 FTE" "10 tot 300 fte" "$BODY"
http POST "/s/$TOKEN/profile" --data "csrf=$csrf&sector=I&fte=450&employees=500&municipality=Heerlen&fte_seen=450"
expect_eq "confirmed, the profile goes on to pillar 1" "303 /s/$TOKEN/pillar/1" "$STATUS $(location)"
expect_eq "profile stored on the scan" "I|450.0|500|Heerlen" "$(psql_q "SELECT sector || '|' || fte || '|' || employees || '|' || municipality FROM scans WHERE id = $SCAN_ID")"

# --- pillar pages without JavaScript
http GET "/s/$TOKEN/pillar/1"; expect_eq "pillar 1 opens" 200 "$STATUS"
expect_contains "progress says part 1 of 4" "Stap 2 van 6" "$BODY"
expect_contains "items are fieldsets with a legend" '<fieldset class="item" id="q-s01"' "$BODY"
expect_contains "help texts are linked" 'aria-describedby="h-s02"' "$BODY"
expect_contains "don't know where allowed" 'name="a.s02" value="na"' "$BODY"
size=${#BODY}; if [ "$size" -lt 102400 ]; then ok "pillar page under 100 KB ($size bytes)"; else not_ok "pillar page is $size bytes"; fi
http POST "/s/$TOKEN/pillar/1" --data "csrf=$csrf&a.s01=4&a.s02=na&a.s03=yes&a.s04=c&p.s13=1&a.s13=a&a.s13=c&a.s16=7%2C5&a.s90=Vakmensen+vinden&nav=next"
expect_eq "next saves and opens pillar 2" "303 /s/$TOKEN/pillar/2" "$STATUS $(location)"
expect_eq "the page's answers are stored as JSON values" '4|"na"|true|"c"|["a", "c"]|7.5|"Vakmensen vinden"' \
  "$(psql_q "SELECT string_agg(value::text, '|' ORDER BY array_position(ARRAY['s01','s02','s03','s04','s13','s16','s90'], item_key)) FROM answers WHERE scan_id = $SCAN_ID")"
http GET "/s/$TOKEN/pillar/1"
expect_contains "a saved radio is checked again" 'name="a.s01" value="4" checked' "$BODY"
expect_contains "saved checkboxes are checked again" 'name="a.s13" value="c" checked' "$BODY"
expect_eq "a saved number is filled in again, as Dutch people write it" 1 "$(echo "$BODY" | grep -o '<input[^>]*name="a.s16"[^>]*>' | grep -c 'value="7,5"')"
http POST "/s/$TOKEN/pillar/2" --data "csrf=$csrf&a.w01=2&nav=later"
expect_eq "later verder saves and explains the link" "303 /s/$TOKEN/later" "$STATUS $(location)"
http GET "/s/$TOKEN/later"; expect_contains "the later page says the link is the way back" "link uit uw uitnodiging" "$BODY"

# --- resume: a fresh client (no cookies) continues where the owner stopped
rm -f "$WORK/cookies"
http GET "/s/$TOKEN"; expect_eq "reopening the link opens at the first unanswered closed question" "303 /s/$TOKEN/pillar/1#q-s05" "$STATUS $(location)"
http GET "/s/$TOKEN/pillar/2"; expect_contains "with the answer given there" 'name="a.w01" value="2" checked' "$BODY"

# --- language switch, remembered per scan
http GET "/s/$TOKEN/lang/en?next=/s/$TOKEN/pillar/2"; expect_eq "language switch returns to the page" "303 /s/$TOKEN/pillar/2" "$STATUS $(location)"
http GET "/s/$TOKEN/pillar/2"; expect_contains "the page is in English" "Step 3 of 6" "$BODY"
expect_contains "questionnaire texts in English" "Coaching leadership" "$BODY"
http GET "/s/$TOKEN/lang/nl?next=https://evil.example/"; expect_eq "no open redirect from the language switch" "303 /s/$TOKEN" "$STATUS $(location)"

# --- all answers through the JSON endpoint, then review and submit
answer_rest "$TOKEN" "$csrf"  # every item but s01 and w03 (respondent_lib.sh)
for kv in 's01 2' 'w03 5' 's90 "Vooral vakmensen vinden"' 'e90 "Vooral vakmensen vinden"' 's91 ""'; do
  autosave "$TOKEN" "$csrf" "{\"item\":\"${kv%% *}\",\"value\":${kv#* }}"
  [ "$STATUS" = 200 ] || ANSWER_FAILS=$((ANSWER_FAILS + 1))
done
expect_eq "every answer autosaved" 0 "$ANSWER_FAILS"
expect_eq "an emptied text answer is no answer" 0 "$(psql_q "SELECT count(*) FROM answers WHERE scan_id = $SCAN_ID AND item_key = 's91'")"
autosave "$TOKEN" "$csrf" '{"item":"w03","value":null}'; expect_eq "null clears an answer" "200 0" "$STATUS $(psql_q "SELECT count(*) FROM answers WHERE scan_id = $SCAN_ID AND item_key = 'w03'")"
http GET "/s/$TOKEN/review"; expect_eq "review opens" 200 "$STATUS"
expect_contains "review lists the answers" "Helemaal mee eens" "$BODY"
expect_contains "review marks what is missing" 'class="unanswered"' "$BODY"
expect_contains "with a link to the missing question" "/s/$TOKEN/pillar/2#q-w03" "$BODY"

# Two submissions at once (double click, two tabs): one result.
curl -s -o /dev/null -w '%{http_code}\n' --data "csrf=$csrf" "$BASE/s/$TOKEN/submit" >"$WORK/sub1" & c1=$!
curl -s -o /dev/null -w '%{http_code}\n' --data "csrf=$csrf" "$BASE/s/$TOKEN/submit" >"$WORK/sub2" & c2=$!
wait "$c1" "$c2"
expect_eq "both submissions answer with the done page" "303 303" "$(cat "$WORK/sub1") $(cat "$WORK/sub2")"
http POST "/s/$TOKEN/submit" --data "csrf=$csrf"; expect_eq "a third submission is still fine" "303 /s/$TOKEN/done" "$STATUS $(location)"
expect_eq "one result, 19 score rows, status submitted" "1|19|submitted" \
  "$(psql_q "SELECT (SELECT count(*) FROM results WHERE scan_id = $SCAN_ID) || '|' || (SELECT count(*) FROM scores WHERE scan_id = $SCAN_ID) || '|' || status FROM scans WHERE id = $SCAN_ID")"

# The stored scores equal `fphc score` for the same answers.
psql_q "SELECT json_build_object('answers', json_object_agg(item_key, value)) FROM answers WHERE scan_id = $SCAN_ID" >"$WORK/answers.json"
"$FPHC_BIN" score --questionnaire questionnaires/fphc-1.json --answers "$WORK/answers.json" >"$WORK/score.json" 2>"$WORK/score.err"
expect_eq "fphc score accepts the stored answers" 0 "$?"
cli=$(psql "$DATABASE_URL" -qtAX -v j="$(cat "$WORK/score.json")" <<'SQL'
SELECT round(((:'j')::jsonb->'overall'->>'score')::numeric, 9) || '|' ||
       (SELECT string_agg(p->>'key' || '=' || round((p->>'score')::numeric, 9), ',' ORDER BY p->>'key')
        FROM jsonb_array_elements((:'j')::jsonb->'pillars') p)
SQL
)
stored=$(psql_q "SELECT round(overall::numeric, 9) || '|' || (SELECT string_agg(key || '=' || round(score::numeric, 9), ',' ORDER BY key) FROM scores WHERE scan_id = $SCAN_ID AND level = 'pillar') FROM results WHERE scan_id = $SCAN_ID")
expect_eq "stored overall and pillar scores equal fphc score" "$cli" "$stored"
expect_eq "results carry the engine version" "fphc-score/1" "$(psql_q "SELECT engine_version FROM results WHERE scan_id = $SCAN_ID")"
expect_eq "the sent scan is its company's scan number 1 for the research exports" \
  "$(psql_q "SELECT count(*) FROM scans WHERE company_id = (SELECT company_id FROM scans WHERE id = $SCAN_ID) AND submitted_at IS NOT NULL")" \
  "$(psql_q "SELECT scan_no FROM research_rows WHERE scan_id = $SCAN_ID")"

# --- after submit: read-only
autosave "$TOKEN" "$csrf" '{"item":"s01","value":5}'; expect_eq "autosave after submit is 409" 409 "$STATUS"
http POST "/s/$TOKEN/pillar/1" --data "csrf=$csrf&a.s01=5&nav=next"; expect_eq "saving a page after submit is 409" 409 "$STATUS"
http POST "/s/$TOKEN/profile" --data "csrf=$csrf&sector=C&fte=45&employees=50"; expect_eq "changing the profile after submit is 409" 409 "$STATUS"
expect_eq "the answer did not change" 2 "$(psql_q "SELECT value FROM answers WHERE scan_id = $SCAN_ID AND item_key = 's01'")"
http GET "/s/$TOKEN"; expect_eq "the link now leads to the done page" "303 /s/$TOKEN/done" "$STATUS $(location)"
http GET "/s/$TOKEN/done"; expect_contains "done page says what happens next" "Uw adviseur belt of mailt u" "$BODY"
expect_contains "done page: with no peers it says there is no comparison yet" "Er doen nog te weinig bedrijven mee" "$BODY"
expect_not_contains "done page: and promises none" "hoe andere bedrijven scoren" "$BODY"

# --- may we invite you to follow-up meetings? (issue 20.2), asked on the done page
expect_contains "done page asks about follow-up meetings" "Mogen wij u uitnodigen voor een bijeenkomst" "$BODY"
expect_not_contains "… with nothing chosen yet" "checked" "$(echo "$BODY" | grep 'name="follow_up"')"
http POST "/s/$TOKEN/follow-up" --data "csrf=wrong&follow_up=yes"; expect_eq "follow-up choice without the scan's CSRF token is 403" 403 "$STATUS"
for bad in "" "follow_up=misschien" "follow_up=YES" "follow_up=yes&follow_up=no"; do
  http POST "/s/$TOKEN/follow-up" --data "csrf=$csrf&$bad"
  expect_eq "follow-up choice '$bad' is refused with 400" 400 "$STATUS"
  expect_contains "… with the message next to the question" '<p class="field-error" id="e-follow-up">Kies ja of nee.</p>' "$BODY"
done
http POST "/s/$TOKEN/follow-up" --data "csrf=$csrf&follow_up=yes%00"; expect_eq "a NUL in the choice is refused with 400" 400 "$STATUS"
expect_eq "nothing stored for a refused choice" "|" "$(psql_q "SELECT follow_up_consent || '|' || follow_up_consent_at FROM scans WHERE id = $SCAN_ID" | sed 's/^$/|/')"
http POST "/s/$TOKEN/follow-up" --data "csrf=$csrf&follow_up=yes"
expect_eq "yes goes back to the question on the done page" "303 /s/$TOKEN/done#follow-up" "$STATUS $(location)"
expect_eq "yes is stored with its time" "true|true" "$(psql_q "SELECT follow_up_consent || '|' || (follow_up_consent_at > now() - interval '1 minute') FROM scans WHERE id = $SCAN_ID")"
http GET "/s/$TOKEN/done"
expect_contains "the page says what was saved and when" "u krijgt een uitnodiging als er een bijeenkomst is" "$BODY"
expect_contains "… in the installation's time" "Opgeslagen op $(psql_q "SELECT to_char(follow_up_consent_at AT TIME ZONE 'Europe/Amsterdam', 'DD-MM-YYYY HH24:MI') FROM scans WHERE id = $SCAN_ID")" "$BODY"
expect_contains "… and the choice is ticked" 'value="yes" checked' "$BODY"
http POST "/s/$TOKEN/follow-up" --data "csrf=$csrf&follow_up=no"
expect_eq "no can be chosen later" "f" "$(psql_q "SELECT follow_up_consent FROM scans WHERE id = $SCAN_ID")"
http GET "/s/$TOKEN/done"; expect_contains "… and the page says so" "wij sturen u geen uitnodigingen voor bijeenkomsten" "$BODY"
expect_eq "each choice is in the audit log" 2 "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'owner_follow_up_consent' AND object_id = $SCAN_ID")"
expect_contains "the steps match the status" "Nu:</span> Uw adviseur maakt een rapport" "$BODY"
psql_q "UPDATE organisations SET show_first_impression = false WHERE slug = 'demo'"
http GET "/s/$TOKEN/done"; expect_not_contains "no first impression unless enabled" "Een eerste indruk" "$BODY"
psql_q "UPDATE organisations SET show_first_impression = true WHERE slug = 'demo'"
http GET "/s/$TOKEN/done"; expect_contains "first impression when enabled" "Een eerste indruk" "$BODY"
expect_contains "with each score's band name" 'class="band band-' "$BODY"

# --- "Later verder": the link by e-mail, only to the invitation's address, a few times an hour
stop_server
start_fake_smtp "$WORK/mail" || exit 1
FPHC_SMTP_URL="$SMTP_URL" FPHC_MAIL_FROM="scan@vereniging.example" start_server || exit 1
link=$("$FPHC_BIN" invite --org demo --company "Bakkerij Mail" --sector C --fte 20 --email jan@bakkerij-mail.example)
MTOKEN=${link##*/}
mcsrf=$(scan_csrf "$MTOKEN"); consent "$MTOKEN" "$mcsrf"
http GET "/s/$MTOKEN/later"; expect_eq "the later page opens" 200 "$STATUS"
expect_contains "it offers the link by e-mail" "Stuur mij de link" "$BODY"
expect_contains "it hints at the invitation's address, not all of it" "j…@bakkerij-mail.example" "$BODY"
expect_not_contains "the full address is not on the page" "jan@bakkerij-mail.example" "$BODY"
http POST "/s/$MTOKEN/later/mail" --data "email=evil@attacker.example&to=evil@attacker.example"
expect_eq "without the CSRF token nothing is sent" 403 "$STATUS"
http POST "/s/$MTOKEN/later/mail" --data "csrf=$mcsrf&email=evil@attacker.example&to=evil@attacker.example"
expect_eq "the link is sent" 200 "$STATUS"
expect_contains "the page says so" "We hebben de link gestuurd" "$BODY"
expect_eq "the mail goes to the invitation's address only" "jan@bakkerij-mail.example" "$(sed -n 2p "$WORK/mail/msg-1.env" | tr -d '<>')"
expect_contains "the mail carries the link" "/s/$MTOKEN" "$(cat "$WORK/mail/msg-1.eml")"
expect_contains "the mail greets the company" "Beste Bakkerij Mail" "$(cat "$WORK/mail/msg-1.eml")"
expect_eq "the request is audited" 1 "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'owner_link_mail'")"
http POST "/s/$MTOKEN/later/mail" --data "csrf=$mcsrf"; expect_eq "a second time is fine" 200 "$STATUS"
http POST "/s/$MTOKEN/later/mail" --data "csrf=$mcsrf"; expect_eq "a third time is fine" 200 "$STATUS"
http POST "/s/$MTOKEN/later/mail" --data "csrf=$mcsrf"
expect_eq "the fourth in an hour is refused" 429 "$STATUS"
expect_contains "and says why in plain words" "probeer het over een uur opnieuw" "$BODY"
expect_eq "three mails in all" 3 "$(ls "$WORK/mail"/msg-*.eml | wc -l)"
http GET "/s/$MTOKEN/pillar/1"; expect_eq "the scan still works after the limit" 200 "$STATUS"
link=$("$FPHC_BIN" invite --org demo --company "Bakkerij Zonder Mail" --sector C --fte 20)
NTOKEN=${link##*/}
ncsrf=$(scan_csrf "$NTOKEN"); consent "$NTOKEN" "$ncsrf"
http GET "/s/$NTOKEN/later"; expect_not_contains "no offer without an address" "Stuur mij de link" "$BODY"
expect_contains "but it says how to keep the link" "Zo bewaart u de link" "$BODY"
http POST "/s/$NTOKEN/later/mail" --data "csrf=$ncsrf&email=evil@attacker.example"
expect_eq "a typed-in address is never used" 400 "$STATUS"
expect_eq "and nothing more was sent" 3 "$(ls "$WORK/mail"/msg-*.eml | wc -l)"
kill "$SMTP_PID" 2>/dev/null; wait "$SMTP_PID" 2>/dev/null
stop_server
start_server || exit 1
http GET "/s/$MTOKEN/later"; expect_not_contains "without SMTP there is no offer" "Stuur mij de link" "$BODY"
expect_contains "without SMTP it says how to keep the link" "Zo bewaart u de link" "$BODY"
http POST "/s/$MTOKEN/later/mail" --data "csrf=$mcsrf"; expect_eq "without SMTP the request is 400" 400 "$STATUS"

# --- privacy page
http GET /privacy/demo; expect_eq "privacy page opens" 200 "$STATUS"
expect_contains "privacy page names the controller" "Demo Werkgeversvereniging is verantwoordelijk" "$BODY"
http GET /privacy/nobody; expect_eq "unknown association privacy page is 404" 404 "$STATUS"
