#!/usr/bin/env bash
# Follow-up meetings (issue 20.1-20.4): the themes page, planning with bad input
# per field, the proposed companies (attention point AND consent), invitations
# by e-mail with a personal link, sign-up and waiting list, a link used twice or
# after the meeting, the .ics file, `fphc meetings remind` (idempotent),
# attendance closing the matching action, the company page, another
# association's 404, and erasure deleting the sign-ups.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixture_lib.sh"
new_db
load_fixture scans_with_peers.sql
# attention points on unconscious_bias: 1301 (scan 1401, 25) and peer 1302 (scan 1402, 38);
# peer 1303 gets one too but withdrew consent, peer 1304 never answered the question
psql_q "UPDATE scores SET score = 20, band = 'attention' WHERE scan_id IN (1403, 1404) AND level = 'theme' AND key = 'unconscious_bias'" >/dev/null
psql_q "UPDATE companies SET email = 'peer' || (id - 1301) || '@peer.example' WHERE id BETWEEN 1302 AND 1307" >/dev/null
psql_q "UPDATE scans SET follow_up_consent = true, follow_up_consent_at = now() WHERE id IN (1401, 1402)" >/dev/null
psql_q "UPDATE scans SET follow_up_consent = false, follow_up_consent_at = now() WHERE id = 1403" >/dev/null
psql_q "INSERT INTO offers(id, org_id, title, provider, contact) VALUES (1501, 1002, 'Training inclusief werven', 'Partner BV', 'info@partner.example'), (1502, 1003, 'Noord aanbod', 'Noord BV', 'x@noord.example')" >/dev/null
start_fake_smtp "$WORK/mail" || exit 1
export FPHC_SMTP_URL="$SMTP_URL" FPHC_MAIL_FROM="scan@vereniging.example"
start_server || exit 1
row_of() { tr -d '\n' <"$WORK/body" | grep -o "id=\"theme-$1\">.*" | sed 's|</tr>.*||'; }
day() { date -d "+$1 days" +%F; }

# --- access ---
http GET /events;                     expect_eq "the meetings page needs a login" 303 "$STATUS"
login adviseur@zuid.example
http GET /events;                     expect_eq "an advisor opens the meetings page" 200 "$STATUS"
expect_contains "the office menu links it" '<a href="/events">Bijeenkomsten</a>' "$BODY"
row=$(row_of unconscious_bias)
expect_contains "unconscious_bias: 4 companies have it as an attention point" '<td data-label="Aandachtspunt">4</td>' "$row"
expect_contains "… none with an action or offer yet" '<td data-label="Met actie of aanbod">0</td>' "$row"
expect_contains "… a link to plan a meeting for it" 'href="/events/new?theme=unconscious_bias"' "$row"

# an agreed action with a theme (the action form's new field) and a chosen offer count as followed up
csrf_of /scans/1401
expect_contains "the action form lets the advisor pick the theme" 'name="theme_key"' "$BODY"
http POST /scans/1401/actions --data "csrf=$CSRF&what=Training+volgen&who_kind=company&status=open&theme_key=no_such_theme"
expect_eq "an unknown theme on an action is refused" 400 "$STATUS"
expect_contains "… with a message next to the field" 'id="e-theme_key"' "$BODY"
http POST /scans/1401/actions --data "csrf=$CSRF&what=Training+volgen&who_kind=company&status=open&theme_key=unconscious_bias"
expect_eq "an action for an attention point" 303 "$STATUS"
action=$(psql_q "SELECT id FROM scan_actions WHERE scan_id = 1401 AND theme_key = 'unconscious_bias'")
expect_eq "… stored with its theme" 1 "$(psql_q "SELECT count(*) FROM scan_actions WHERE id = ${action:-0}")"
http POST /scans/1401/actions --data "csrf=$CSRF&what=Iets+anders&who_kind=company&status=open&theme_key=leadership"
psql_q "INSERT INTO scan_offers(scan_id, theme_key, offer_id) VALUES (1402, 'unconscious_bias', 1501)" >/dev/null
http GET /events
expect_contains "… the page counts 2 followed up" '<td data-label="Met actie of aanbod">2</td>' "$(row_of unconscious_bias)"

# --- plan: bad input, each with its message and nothing stored ---
csrf_of /events/new?theme=unconscious_bias
expect_contains "the form ticks the theme it came for" 'value="unconscious_bias" checked' "$BODY"
expect_contains "… offers the association's own offers" 'Training inclusief werven' "$BODY"
expect_not_contains "… not another association's" 'Noord aanbod' "$BODY"
good="title=Werken+aan+inclusie&theme=unconscious_bias&date=$(day 10)&start_time=14:00&end_time=16:00&place=Stadhuis%3B+zaal+2%2C+Maastricht&online_url=&offer=1501&capacity=1&description=Samen+leren"
post_event() { http POST /events --data "csrf=$CSRF&$1"; }
bad() {  # DESCRIPTION FIELD FORM MESSAGE
  post_event "$3"
  expect_eq "$1 is refused" 400 "$STATUS"
  expect_contains "… with the message next to $2" "id=\"e-$2\">$4" "$BODY"
}
bad "no title" title "${good/title=Werken+aan+inclusie/title=}" "Vul een titel in"
bad "no theme" themes "${good/theme=unconscious_bias/theme=}" "Kies een of meer"
bad "an unknown theme" themes "${good/theme=unconscious_bias/theme=bogus}" "Kies een of meer"
bad "a date that does not exist" date "${good/date=$(day 10)/date=2026-02-31}" "Vul een geldige datum"
bad "a date in the past" date "${good/date=$(day 10)/date=2020-01-01}" "Deze datum en tijd zijn al voorbij"
bad "an end before the start" end_time "${good/end_time=16:00/end_time=13:00}" "De eindtijd moet na de begintijd"
bad "a bad start time" start_time "${good/start_time=14:00/start_time=25:00}" ""
bad "no place and no link" place "${good/place=Stadhuis%3B+zaal+2%2C+Maastricht/place=}" "Vul een plaats in of een link"
bad "a link that is not http(s)" online_url "${good/online_url=/online_url=javascript:alert(1)}" "Vul een link in die begint"
bad "capacity 0" capacity "${good/capacity=1/capacity=0}" "Vul een aantal plaatsen in"
bad "capacity 10001" capacity "${good/capacity=1/capacity=10001}" "Vul een aantal plaatsen in"
bad "capacity abc" capacity "${good/capacity=1/capacity=abc}" "Vul een aantal plaatsen in"
bad "another association's offer" offer "${good/offer=1501/offer=1502}" "Kies een partner"
expect_contains "a refused form keeps what was typed" 'value="Werken aan inclusie"' "$BODY"
http POST /events --data "csrf=wrong&$good"; expect_eq "no CSRF token: 403" 403 "$STATUS"
expect_eq "nothing was stored" 0 "$(psql_q "SELECT count(*) FROM events")"
post_event "$good";                   expect_eq "a good meeting is stored" 303 "$STATUS"
ev=$(psql_q "SELECT max(id) FROM events")
expect_eq "… audited in the same transaction" 1 "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'event_create' AND object_id = $ev")"
expect_eq "… with its local time" "14:00" "$(psql_q "SELECT to_char(starts_at AT TIME ZONE 'Europe/Amsterdam', 'HH24:MI') FROM events WHERE id = $ev")"

# --- proposed companies: attention point AND consent ---
http GET "/events/$ev";               expect_eq "the meeting page" 200 "$STATUS"
expect_contains "proposes the company with consent" 'Bakkerij De Gouden Korst' "$BODY"
expect_contains "… and the peer with consent" '>  Peer 1</label>' "$(echo "$BODY" | sed 's/checked>/checked> /')"
expect_not_contains "… not the company that withdrew consent" 'Peer 2' "$BODY"
expect_not_contains "… not the company that never said yes" 'Peer 3' "$BODY"
CSRF=$(form_csrf)
http POST "/events/$ev/invite" --data "csrf=$CSRF&company=1303"
expect_eq "inviting a company that withdrew consent is refused" 400 "$STATUS"
expect_eq "… nothing stored" 0 "$(psql_q "SELECT count(*) FROM event_signups")"
login adviseur@noord.example
http GET "/events/$ev";               expect_eq "another association's advisor gets 404" 404 "$STATUS"
csrf_of /events
http POST "/events/$ev/invite" --data "csrf=$CSRF&company=1301"
expect_eq "… and cannot invite" 404 "$STATUS"
http POST "/events/$ev/attendance" --data "csrf=$CSRF"
expect_eq "… nor record attendance" 404 "$STATUS"
http GET /companies/1301;             expect_eq "… nor see the company" 404 "$STATUS"
login adviseur@zuid.example
csrf_of "/events/$ev"
http POST "/events/$ev/invite" --data "csrf=$CSRF&company=1301&company=1302"
expect_eq "invite two companies" 303 "$STATUS"
expect_eq "two sign-up rows" 2 "$(psql_q "SELECT count(*) FROM event_signups WHERE event_id = $ev AND status = 'invited'")"
expect_eq "only token hashes are stored" 64 "$(psql_q "SELECT min(length(token_hash)) FROM event_signups")"
expect_eq "each invitation audited" 2 "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'event_invite' AND object_id = $ev")"
m1=$(grep -l 'jan@goudenkorst.example' "$WORK"/mail/msg-*.env | head -1); m1=${m1%.env}.eml
m2=$(grep -l 'peer1@peer.example' "$WORK"/mail/msg-*.env | head -1); m2=${m2%.env}.eml
mail1=$(cat "$m1" 2>/dev/null); mail2=$(cat "$m2" 2>/dev/null)
expect_contains "the invitation mail has the title" "Werken aan inclusie" "$mail1"
link1=$(echo "$mail1" | grep -o 'http[^ ]*/e/[A-Za-z0-9_-]*' | head -1); tok1=${link1##*/}
link2=$(echo "$mail2" | grep -o 'http[^ ]*/e/[A-Za-z0-9_-]*' | head -1); tok2=${link2##*/}
expect_eq "… a personal link of 22 characters" 22 "${#tok1}"
expect_contains "… and links the calendar file" "/e/$tok1/meeting.ics" "$mail1"
http POST "/events/$ev/invite" --data "csrf=$CSRF&company=1301"
expect_eq "inviting the same company twice is refused" 400 "$STATUS"

# --- the sign-up link: no account, full → waiting list, twice, decline moves up ---
: >"$WORK/cookies"
http GET "/e/$tok1";                  expect_eq "the sign-up page needs no account" 200 "$STATUS"
expect_contains "… shows the meeting" "Werken aan inclusie" "$BODY"
expect_contains "… in Dutch" "Ik kom" "$BODY"
expect_not_contains "… no inline style" ' style="' "$BODY"
http GET "/e/$tok1?lang=en";          expect_contains "… or English" "I will come" "$BODY"
http GET "/e/nonexistenttoken1234567"; expect_eq "an unknown link is 404" 404 "$STATUS"
http POST "/e/$tok1" --data "choice=maybe"; expect_eq "a choice that is not yes or no: 400" 400 "$STATUS"
http POST "/e/$tok1" --data "choice=yes"; expect_eq "sign up" 200 "$STATUS"
expect_contains "… says so" "U bent aangemeld" "$BODY"
http POST "/e/$tok1" --data "choice=yes"; expect_eq "the same choice twice: 409" 409 "$STATUS"
expect_contains "… with a clear message" "Dit had u al gekozen" "$BODY"
http POST "/e/$tok2" --data "choice=yes"; expect_eq "the meeting is full: sign-up accepted" 200 "$STATUS"
expect_contains "… on the waiting list" "U staat op de wachtlijst" "$BODY"
expect_eq "… stored as waiting" waiting "$(psql_q "SELECT status FROM event_signups WHERE company_id = 1302")"
http POST "/e/$tok2" --data "choice=yes" -H "Origin: https://evil.example"
expect_eq "a cross-site post is refused" 403 "$STATUS"
before=$(ls "$WORK"/mail/*.eml | wc -l)
http POST "/e/$tok1" --data "choice=no"; expect_eq "the signed-up company cancels" 200 "$STATUS"
expect_eq "… the waiting company moves up" signed_up "$(psql_q "SELECT status FROM event_signups WHERE company_id = 1302")"
expect_eq "… and gets a mail" $((before + 1)) "$(ls "$WORK"/mail/*.eml | wc -l)"
expect_contains "… saying a place came free" "plek vrijgekomen" "$(cat "$(ls -t "$WORK"/mail/*.eml | head -1)")"
expect_eq "sign-up, waiting, decline and moving up are audited" 4 "$(psql_q "SELECT count(*) FROM audit_log WHERE object_type = 'event' AND action IN ('event_signed_up', 'event_waiting', 'event_declined', 'event_moved_up')")"
http POST "/e/$tok1" --data "choice=yes"; expect_eq "signing up again when full" 200 "$STATUS"
expect_contains "… waits again" "wachtlijst" "$BODY"

# --- .ics ---
http GET "/e/$tok2/meeting.ics";      expect_eq "the calendar file" 200 "$STATUS"
expect_contains "… as text/calendar" "Content-Type: text/calendar" "$HEADERS"
expect_contains "… CRLF line ends" $'BEGIN:VEVENT\r\n' "$BODY"
expect_contains "… a UID" "UID:fphc-event-$ev@fphc" "$BODY"
start_utc=$(psql_q "SELECT to_char(starts_at AT TIME ZONE 'UTC', 'YYYYMMDD\"T\"HH24MISS\"Z\"') FROM events WHERE id = $ev")
expect_contains "… DTSTART in UTC" "DTSTART:$start_utc" "$BODY"
expect_contains "… escaped text" 'LOCATION:Stadhuis\; zaal 2\, Maastricht' "$BODY"

# --- fphc meetings remind: 24-48 h ahead, once ---
out=$("$FPHC_BIN" meetings remind); expect_contains "no reminder 10 days ahead" "0 meeting reminder(s) sent" "$out"
psql_q "UPDATE events SET starts_at = now() + interval '30 hours', ends_at = now() + interval '32 hours' WHERE id = $ev" >/dev/null
out=$("$FPHC_BIN" meetings remind); expect_contains "one reminder 30 hours ahead" "1 meeting reminder(s) sent" "$out"
expect_contains "… to the signed-up company" "peer1@peer.example" "$(cat "$(ls -t "$WORK"/mail/*.env | head -1)")"
out=$("$FPHC_BIN" meetings remind); expect_contains "running it again sends nothing" "0 meeting reminder(s) sent" "$out"
expect_eq "… reminded_at set once" 1 "$(psql_q "SELECT count(*) FROM event_signups WHERE reminded_at IS NOT NULL")"
(unset FPHC_SMTP_URL; "$FPHC_BIN" meetings remind >/dev/null 2>&1); expect_eq "remind without SMTP exits 2" 2 "$?"

# --- after the meeting ---
login adviseur@zuid.example
csrf_of "/events/$ev"
http POST "/events/$ev/attendance" --data "csrf=$CSRF&att_1=1"
expect_eq "attendance before the start is refused" 409 "$STATUS"
psql_q "UPDATE events SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $ev" >/dev/null
: >"$WORK/cookies"
http POST "/e/$tok2" --data "choice=no"; expect_eq "a link used after the meeting: 410" 410 "$STATUS"
expect_contains "… with a clear message" "al begonnen of voorbij" "$BODY"
expect_eq "… nothing changed" signed_up "$(psql_q "SELECT status FROM event_signups WHERE company_id = 1302")"
# the signed-up company (1302) gets an action on the theme to close; 1301 waits and keeps its own
psql_q "INSERT INTO scan_actions(org_id, scan_id, what, who_kind, theme_key) VALUES (1002, 1402, 'Vooroordelen bespreken', 'company', 'unconscious_bias')" >/dev/null
a2=$(psql_q "SELECT id FROM scan_actions WHERE scan_id = 1402")
login adviseur@zuid.example
csrf_of "/events/$ev"
expect_contains "the attendance form offers to close the matching action" "name=\"close_$a2\"" "$BODY"
expect_not_contains "… not an action on another theme" "Iets anders" "$BODY"
s2=$(psql_q "SELECT id FROM event_signups WHERE company_id = 1302")
s1=$(psql_q "SELECT id FROM event_signups WHERE company_id = 1301")
http POST "/events/$ev/attendance" --data "csrf=$CSRF&att_$s2=1&close_$a2=1&close_$action=1"
expect_eq "record attendance" 303 "$STATUS"
expect_eq "… the attending company" t "$(psql_q "SELECT attended FROM event_signups WHERE id = $s2")"
expect_eq "… the one not ticked is absent" f "$(psql_q "SELECT attended FROM event_signups WHERE id = $s1")"
expect_eq "… closes the matching action" "done $ev" "$(psql_q "SELECT status || ' ' || closed_by_event_id FROM scan_actions WHERE id = $a2")"
expect_eq "… with history" done "$(psql_q "SELECT status FROM scan_action_history WHERE action_id = $a2 ORDER BY id DESC LIMIT 1")"
expect_eq "… an absent company's action stays open" open "$(psql_q "SELECT status FROM scan_actions WHERE id = $action")"
expect_eq "… audited" 1 "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'action_closed_by_event' AND object_id = $a2")"
http GET /companies/1302
expect_contains "the company page shows the meeting attended" "<a href=\"/events/$ev\">Werken aan inclusie</a>" "$BODY"
sc=$(psql_q "SELECT max(id) FROM scans WHERE company_id = 1302")
http GET "/scans/$sc/reports"
expect_contains "the scan's report history shows it too" "<a href=\"/events/$ev\">Werken aan inclusie</a>" "$BODY"
http GET /events
expect_contains "the themes page counts the attendance" '<td data-label="Aanwezig">1</td>' "$(row_of unconscious_bias)"

# --- erasure deletes the sign-ups (with their e-mail addresses) ---
login admin@zuid.example
csrf_of /companies/1302
http POST /companies/1302/erase --data "csrf=$CSRF&confirm=yes"
expect_eq "erase the company" 303 "$STATUS"
expect_eq "… its sign-ups are gone" 0 "$(psql_q "SELECT count(*) FROM event_signups WHERE company_id = 1302 OR email = 'peer1@peer.example'")"

# --- calling a meeting off: the signed-up and waiting companies get a mail, the link closes ---
login adviseur@zuid.example
ev2=$(psql_q "INSERT INTO events(org_id, title, theme_keys, starts_at, ends_at, place, capacity)
  VALUES (1002, 'Gaat niet door', '{unconscious_bias}', now() + interval '5 days', now() + interval '5 days 2 hours', 'Zaal', 1) RETURNING id" | head -1)
tokc=CancelTokenAAAAAAAAAAA
psql_q "INSERT INTO event_signups(event_id, company_id, email, token_hash, status)
  VALUES ($ev2, 1301, 'jan@goudenkorst.example', encode(sha256('$tokc'::bytea), 'hex'), 'signed_up')" >/dev/null
csrf_of "/events/$ev2"
expect_contains "a meeting before its start can be called off" "/events/$ev2/cancel" "$BODY"
before=$(ls "$WORK"/mail/*.eml | wc -l)
http POST "/events/$ev2/cancel" --data "csrf=$CSRF"
expect_eq "call it off" 303 "$STATUS"
expect_eq "… stored with its time" 1 "$(psql_q "SELECT count(*) FROM events WHERE id = $ev2 AND cancelled_at IS NOT NULL")"
expect_eq "… the signed-up company gets a mail" $((before + 1)) "$(ls "$WORK"/mail/*.eml | wc -l)"
expect_contains "… saying it does not take place" "gaat niet door" "$(cat "$(ls -t "$WORK"/mail/*.eml | head -1)")"
expect_eq "… audited" 1 "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'event_cancel' AND object_id = $ev2")"
http POST "/events/$ev2/cancel" --data "csrf=$CSRF"
expect_eq "calling it off twice: 409" 409 "$STATUS"
expect_contains "… with a message" "al afgezegd" "$BODY"
http POST "/e/$tokc" --data "choice=no"
expect_eq "the link of a cancelled meeting is closed (410)" 410 "$STATUS"
http POST "/events/$ev/cancel" --data "csrf=$CSRF"
expect_eq "a meeting that took place cannot be called off" 409 "$STATUS"

finish
