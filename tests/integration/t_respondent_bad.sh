#!/usr/bin/env bash
# The owner's scan against bad input: tampered forms and JSON (400, nothing saved),
# CSRF (403), oversized bodies, and the rate limit on unknown links (429).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/respondent_lib.sh"
start_demo_server || exit 1

invite "Garage Tampering"
csrf=$(scan_csrf "$TOKEN")
http POST "/s/$TOKEN/consent" --data "consent=yes"; expect_eq "consent without CSRF token is 403" 403 "$STATUS"
case "$csrf" in *0) wrong="${csrf%?}1" ;; *) wrong="${csrf%?}0" ;; esac
http POST "/s/$TOKEN/consent" --data "csrf=$wrong&consent=yes"; expect_eq "consent with a wrong CSRF token is 403" 403 "$STATUS"
invite "Ander Bedrijf"; other_token=$TOKEN; other_csrf=$(scan_csrf "$other_token")
invite "Garage Tampering 2"; TOKEN_B=$TOKEN; SCAN_B=$SCAN_ID
csrf=$(scan_csrf "$TOKEN_B")
http POST "/s/$TOKEN_B/consent" --data "csrf=$other_csrf&consent=yes"; expect_eq "another scan's CSRF token is 403" 403 "$STATUS"
consent "$TOKEN_B" "$csrf"; expect_eq "consent with the scan's token" 303 "$STATUS"
TOKEN=$TOKEN_B; SCAN_ID=$SCAN_B
autosave "$TOKEN" "$csrf" '{"item":"s01","value":3}'; expect_eq "a good autosave" 200 "$STATUS"
expect_contains "answers with the share of closed questions answered (1 of the scan's closed questions)" '"answered_percent":2' "$BODY"

# --- CSRF on the JSON endpoint and the forms
http POST "/s/$TOKEN/answer" -H 'Content-Type: application/json' --data '{"item":"s01","value":4}'
expect_eq "autosave without the CSRF header is 403" 403 "$STATUS"
autosave "$TOKEN" "$other_csrf" '{"item":"s01","value":4}'; expect_eq "autosave with another scan's CSRF token is 403" 403 "$STATUS"
http POST "/s/$TOKEN/pillar/1" --data "a.s01=4&nav=next"; expect_eq "page save without CSRF is 403" 403 "$STATUS"
http POST "/s/$TOKEN/profile" --data "csrf=nope&sector=C&fte=45&employees=50"; expect_eq "profile without the right CSRF is 403" 403 "$STATUS"
http POST "/s/$TOKEN/submit" --data "csrf="; expect_eq "submit with an empty CSRF is 403" 403 "$STATUS"
expect_eq "nothing changed by refused posts" "3|started" "$(psql_q "SELECT a.value::text || '|' || s.status FROM answers a JOIN scans s ON s.id = a.scan_id WHERE a.scan_id = $SCAN_ID")"

# --- tampered JSON → 400, Dutch message, nothing saved
before=$(psql_q "SELECT string_agg(item_key || '=' || value::text, ',' ORDER BY item_key) FROM answers WHERE scan_id = $SCAN_ID")
bad_json() {  # description body
  autosave "$TOKEN" "$csrf" "$2"
  expect_eq "$1 is 400" 400 "$STATUS"
  case "$BODY" in *'"message":"'*) ;; *) not_ok "$1 has a message" ;; esac
}
bad_json "unknown item key" '{"item":"zz99","value":1}'
bad_json "likert out of range" '{"item":"s01","value":6}'
bad_json "likert as text" '{"item":"s01","value":"4"}'
bad_json "fraction on a likert" '{"item":"s01","value":3.5}'
bad_json "unknown option" '{"item":"s04","value":"z"}'
bad_json "number out of range" '{"item":"s16","value":101}'
bad_json "number as text" '{"item":"s16","value":"ten"}'
bad_json "yes/no as a number" '{"item":"s03","value":1}'
bad_json "multi with a duplicate" '{"item":"s13","value":["a","a"]}'
bad_json "multi with an unknown option" '{"item":"s13","value":["q"]}'
bad_json "don't know where not allowed" '{"item":"s01","value":"na"}'
bad_json "a missing value" '{"item":"s01"}'
bad_json "an extra member" '{"item":"s01","value":4,"admin":true}'
bad_json "an item that is not a string" '{"item":1,"value":4}'
bad_json "an array instead of an object" '[1,2]'
bad_json "not JSON" 'item=s01&value=4'
bad_json "invalid UTF-8" "$(printf '{"item":"s90","value":"\xff"}')"
head -c 5000 /dev/zero | tr '\0' 'x' | sed 's/.*/{"item":"s90","value":"&"}/' >"$WORK/long.json"
autosave "$TOKEN" "$csrf" @"$WORK/long.json"; expect_eq "a text answer over 4000 bytes is 400" 400 "$STATUS"
expect_contains "and says it is too long" "te lang" "$BODY"
head -c 20000 /dev/zero | tr '\0' 'x' | sed 's/.*/{"item":"s90","value":"&"}/' >"$WORK/big.json"
autosave "$TOKEN" "$csrf" @"$WORK/big.json"; expect_eq "an oversized JSON body is 400" 400 "$STATUS"
expect_contains "and says it is too large" "te groot" "$BODY"
after=$(psql_q "SELECT string_agg(item_key || '=' || value::text, ',' ORDER BY item_key) FROM answers WHERE scan_id = $SCAN_ID")
expect_eq "nothing saved by tampered JSON" "$before" "$after"

# --- tampered forms → 400, Dutch message, nothing saved (the whole page is refused)
bad_form_whole() {  # description form
  http POST "/s/$TOKEN/pillar/1" --data "csrf=$csrf&$2&nav=next"
  expect_eq "$1 is 400" 400 "$STATUS"
  expect_contains "$1 says nothing was changed" "Er is niets veranderd." "$BODY"
}
bad_form() {  # description form
  http POST "/s/$TOKEN/pillar/1" --data "csrf=$csrf&$2&nav=next"
  expect_eq "$1 is 400" 400 "$STATUS"
  expect_contains "$1 shows the page again with what could not be saved" "Uw andere antwoorden zijn bewaard" "$BODY"
  expect_contains "$1 puts the message next to the question" 'class="field-error" id="e-' "$BODY"
}
bad_form_whole "a form with an unknown item" "a.s01=4&a.zz=1"
bad_form_whole "a form with another pillar's item" "a.s01=4&a.w01=1"
bad_form_whole "a form with an unknown field" "a.s01=4&role=admin"
bad_form "a likert value out of range" "a.s01=9&a.s03=yes"
bad_form "letters in a number" "a.s01=4&a.s16=veel"
bad_form "a number out of range" "a.s01=4&a.s16=150"
bad_form "two values for a radio" "a.s01=4&a.s01=5"
bad_form "an unknown option" "a.s04=zz"
bad_form "yes/no tampered" "a.s03=maybe"
http POST "/s/$TOKEN/pillar/1" --data "csrf=$csrf&a.s01=4&a.s16=150&nav=next"
expect_contains "the message names the question and the range" "Vraag 18" "$BODY"
expect_contains "with the allowed range" "van 0 tot en met 100" "$BODY"
expect_contains "the typed value is shown again" 'aria-invalid="true" aria-describedby="e-s16" value="150"' "$BODY"
expect_contains "the summary links to the field" 'href="#f-s16"' "$BODY"
expect_eq "the valid answer beside it is kept" 4 "$(psql_q "SELECT value FROM answers WHERE scan_id = $SCAN_ID AND item_key = 's01'")"
expect_eq "and the refused one is not stored" "" "$(psql_q "SELECT value FROM answers WHERE scan_id = $SCAN_ID AND item_key = 's16'")"
after=$(psql_q "SELECT string_agg(item_key || '=' || value::text, ',' ORDER BY item_key) FROM answers WHERE scan_id = $SCAN_ID")
# every valid answer beside a refused one is kept (issue 14.3); nothing refused is stored
expect_not_contains "no refused value stored" "s01=9" "$after"
http POST "/s/$TOKEN/pillar/9" --data "csrf=$csrf&nav=next"; expect_eq "a pillar that does not exist is 404" 404 "$STATUS"
http GET "/s/$TOKEN/pillar/0"; expect_eq "pillar 0 is 404" 404 "$STATUS"
http POST "/s/$TOKEN/pillar/1" --data-urlencode "csrf=$csrf" --data "a.s90=%ZZ"; expect_eq "a malformed form is 400" 400 "$STATUS"
# open answers are cleaned once, on input: only (no-break) spaces is no answer,
# control and bidi-override marks are dropped, on both roads (page and autosave)
http POST "/s/$TOKEN/pillar/1" --data-urlencode "csrf=$csrf" --data "nav=stay" \
  --data-urlencode "a.s90=$(printf '\xc2\xa0\xe3\x80\x80\r\n')"
expect_eq "open answer of only no-break spaces: not stored" 0 "$(psql_q "SELECT count(*) FROM answers WHERE scan_id = $SCAN_ID AND item_key = 's90'")"
http POST "/s/$TOKEN/answer" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
  --data '{"item":"s90","value":"\u00a0Wij\u0007 werken\u202e samen\r\nmet de school"}'
expect_eq "autosaved open answer is accepted" 200 "$STATUS"
expect_eq "... and stored clean" '"Wij werken samen\nmet de school"' "$(psql_q "SELECT value::text FROM answers WHERE scan_id = $SCAN_ID AND item_key = 's90'")"
http POST "/s/$TOKEN/answer" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' --data '{"item":"s90","value":"\u00a0\u2003"}'
expect_eq "autosaved spaces-only open answer deletes it" 0 "$(psql_q "SELECT count(*) FROM answers WHERE scan_id = $SCAN_ID AND item_key = 's90'")"
head -c 1100000 /dev/zero | tr '\0' 'a' >"$WORK/huge"
http POST "/s/$TOKEN/answer" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' --data-binary @"$WORK/huge"
expect_eq "a body over the server limit is refused (413)" 413 "$STATUS"

# --- pages are small, carry the CSP and no inline script or style
for p in "/s/$TOKEN/profile" "/s/$TOKEN/pillar/1" "/s/$TOKEN/pillar/4" "/s/$TOKEN/review" "/s/$TOKEN/later" /privacy/demo; do
  http GET "$p"
  n=${#BODY}
  if [ "$STATUS" = 200 ] && [ "$n" -lt 102400 ]; then ok "$p is 200 and under 100 KB ($n)"; else not_ok "$p: $STATUS, $n bytes"; fi
  case "$BODY" in *'style="'*|*'<script>'*|*'onclick'*|*'src="http'*|*'href="http'*) not_ok "$p has inline style/script or an external resource" ;; *) ok "$p has no inline style/script or external resource" ;; esac
done
expect_contains "the CSP forbids inline scripts" "script-src 'self'" "$HEADERS"

# --- "Later verder" without SMTP says how to keep the link and offers no mail
http GET "/s/$TOKEN/later"
expect_contains "without SMTP the later page says how to keep the link" "Zo bewaart u de link" "$BODY"
expect_not_contains "and offers no e-mail" "Stuur mij de link" "$BODY"
http POST "/s/$TOKEN/later/mail" --data "csrf=$csrf"; expect_eq "asking for the mail without SMTP is 400" 400 "$STATUS"

# --- sending a near-empty scan asks for an explicit yes (issue 14.6)
http GET "/s/$TOKEN/review"
expect_contains "the review says which parts get no score" "Dit onderdeel krijgt nu nog geen score" "$BODY"
expect_contains "and which questions are missing for it" 'Vraag 2<span class="visually-hidden">' "$BODY"
http POST "/s/$TOKEN/submit" --data "csrf=$csrf"
expect_eq "sending without the yes is 400" 400 "$STATUS"
expect_contains "with the message next to the box" 'id="e-confirm_no_score"' "$BODY"
expect_eq "and the scan is not sent" started "$(psql_q "SELECT status FROM scans WHERE id = $SCAN_ID")"
http POST "/s/$TOKEN/submit" --data "csrf=$csrf&confirm_no_score=yes"
expect_eq "with the yes it is sent" "303 /s/$TOKEN/done" "$STATUS $(location)"

# --- the rate limit on unknown links (last: it blocks this client address for a minute)
codes=""
for i in $(seq 1 12); do http GET "/s/Unknown${i}AAAAAAAAAAAAAAAAA"; codes="$codes $STATUS"; done
codes=${codes# }
expect_eq "10 unknown links per minute, then 429" "404 404 404 404 404 404 404 404 404 404 429 429" "$codes"
expect_contains "429 says when to retry" "Retry-After: 60" "$HEADERS"
http GET "/s/short"; expect_eq "a malformed token counts as unknown too" 429 "$STATUS"
http GET "/s/$TOKEN/done"; expect_eq "a real link still opens" 200 "$STATUS"
