#!/usr/bin/env bash
# Follow-up actions: validation, history, scoping, open-actions overview (overdue
# first, filters, paging) and the .xlsx and CSV exports read back.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixture_lib.sh"
new_db
load_fixture scans_with_peers.sql
start_server || exit 1

login adviseur@zuid.example
csrf_of /scans/1401
http POST /scans/1401/actions --data "csrf=$CSRF&what=&who_kind=partner&who_name=&due_date=2025-13-01"
expect_eq "empty action refused" 400 "$STATUS"
expect_contains "message next to 'what'" 'id="e-what"' "$BODY"
expect_contains "partner needs a name" 'id="e-who_name"' "$BODY"
expect_contains "invalid date refused" 'id="e-due_date"' "$BODY"
nasty='Plan; "inclusief" herontwerp
tweede regel met ë en é'
http POST /scans/1401/actions --data "csrf=$CSRF&who_kind=partner&due_date=2020-01-31" \
  --data-urlencode "what=$nasty" --data-urlencode "who_name=WSP Zuid-Limburg" --data-urlencode "notes==SUM(A1)
met een tweede regel"
expect_eq "action added" 303 "$STATUS"
http POST /scans/1401/actions --data "csrf=$CSRF&what=Opleidingsplan+maken&who_kind=company&who_name=Jan&due_date=2099-06-30"
expect_eq "second action added" 303 "$STATUS"
http POST /scans/1401/actions --data "csrf=$CSRF&what=Zonder+datum&who_kind=association"
expect_eq "action without a due date" 303 "$STATUS"
a1=$(psql_q "SELECT id FROM scan_actions WHERE who_kind = 'partner'")
a2=$(psql_q "SELECT id FROM scan_actions WHERE what = 'Opleidingsplan maken'")

# overview: overdue first
http GET /actions
expect_eq "overview is 200" 200 "$STATUS"
first=$(echo "$BODY" | grep -o 'href="/actions/[0-9]*"' | head -1)
expect_eq "overdue action first" "href=\"/actions/$a1\"" "$first"
expect_contains "overdue marked" "te laat" "$BODY"
http GET "/actions?partner=wsp"
expect_contains "partner filter keeps the partner's action" "/actions/$a1\"" "$BODY"
expect_not_contains "partner filter drops the others" "/actions/$a2\"" "$BODY"
http GET "/actions?advisor=1205"
expect_not_contains "advisor filter: another advisor has none" "/actions/$a1\"" "$BODY"

# edit: complete an action; history kept
csrf_of "/actions/$a2"
http POST "/actions/$a2" --data "csrf=$CSRF&what=Opleidingsplan+maken&who_kind=company&who_name=Jan&due_date=2099-06-30&status=done&notes=Klaar"
expect_eq "action completed" 303 "$STATUS"
http GET "/actions/$a2"
expect_contains "history shows the change" "gewijzigd" "$BODY"
local_at=$(psql_q "SELECT to_char(max(at) AT TIME ZONE 'Europe/Amsterdam', 'FMDD-FMMM-YYYY HH24:MI') FROM scan_action_history WHERE action_id = $a2")
expect_contains "history times are Dutch time (FPHC_TIMEZONE default), not UTC" ">$local_at</td>" "$BODY"
# another installation's zone: every time shown follows FPHC_TIMEZONE, also
# those the SQL formats itself (users' last login, company dates)
stop_server
FPHC_TIMEZONE=Pacific/Kiritimati start_server || exit 1
login admin@zuid.example
http GET "/actions/$a2"
far_at=$(psql_q "SELECT to_char(max(at) AT TIME ZONE 'Pacific/Kiritimati', 'FMDD-FMMM-YYYY HH24:MI') FROM scan_action_history WHERE action_id = $a2")
expect_contains "FPHC_TIMEZONE=Pacific/Kiritimati: history in that zone" ">$far_at</td>" "$BODY"
http GET /admin/users
far_login=$(psql_q "SELECT to_char(last_login_at AT TIME ZONE 'Pacific/Kiritimati', 'FMDD-FMMM-YYYY HH24:MI') FROM users WHERE email = 'admin@zuid.example'")
expect_contains "FPHC_TIMEZONE=Pacific/Kiritimati: last login in that zone, not Dutch time" "$far_login" "$BODY"
stop_server
start_server || exit 1
login adviseur@zuid.example
csrf_of /scans/1401
expect_eq "two history rows" 2 "$(psql_q "SELECT count(*) FROM scan_action_history WHERE action_id = $a2")"
expect_eq "action edits audited" 1 "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'action_update' AND object_id = $a2")"
http POST "/actions/$a2" --data "csrf=$CSRF&what=x&who_kind=company&status=kapot"
expect_eq "unknown status refused" 400 "$STATUS"
http GET /actions
expect_not_contains "done action left the overview" "/actions/$a2\"" "$BODY"

# "mijn acties" and "mijn scans": one click to what is mine (issue 16.5, in part)
me=$(psql_q "SELECT id FROM users WHERE email = 'adviseur@zuid.example'")
http GET /actions
expect_contains "the overview links my open actions" "href=\"/actions?advisor=$me\"" "$BODY"
expect_contains "... and all my actions" "href=\"/actions?advisor=$me&amp;status=all\"" "$BODY"
http GET /app
expect_contains "the dashboard links my scans" "href=\"/app?advisor=$me\"" "$BODY"
expect_contains "... and my actions" "href=\"/actions?advisor=$me\"" "$BODY"

# scoping
login adviseur@noord.example
http GET "/actions/$a1";              expect_eq "another association's action is 404" 404 "$STATUS"
csrf_of /actions
http POST "/actions/$a1" --data "csrf=$CSRF&what=x&who_kind=company&status=done"
expect_eq "another association cannot edit it" 404 "$STATUS"
http GET /actions.csv
expect_not_contains "another association's export is empty of it" "herontwerp" "$BODY"
login adviseur@zuid.example

# CSV: BOM, ';', CRLF, quoting, diacritics; a company name that starts like a formula
# (names can come from the public take-part form)
psql_q "UPDATE companies SET name = '-2+3 Hostile BV' WHERE id = (SELECT company_id FROM scans WHERE id = 1401)" >/dev/null
curl -s -b "$WORK/cookies" -o "$WORK/a.csv" -D "$WORK/h" "$BASE/actions.csv"
check "CSV content type" grep -qi 'content-type: text/csv; charset=utf-8' "$WORK/h"
check "CSV download name" grep -qi 'filename="acties.csv"' "$WORK/h"
expect_eq "CSV starts with the UTF-8 BOM" "efbbbf" "$(head -c 3 "$WORK/a.csv" | od -An -tx1 | tr -d ' \n')"
check "CSV header is ;-separated" grep -q '^.*Bedrijf;Wat;Wie;Naam;Klaar op;Stand;Te laat' "$WORK/a.csv"
check "CSV lines end in CRLF" grep -q $'\r$' "$WORK/a.csv"
check "CSV quotes ; quotes and newline" grep -q '"Plan; ""inclusief"" herontwerp' "$WORK/a.csv"
check "a line break typed into the one-line 'what' became a space on input" grep -q 'herontwerp tweede regel met ë en é";' "$WORK/a.csv"
check "CSV keeps the newline of the notes inside the quoted field" grep -q '^met een tweede regel' "$WORK/a.csv"
check "CSV date as Dutch Excel reads it" grep -q ';31-01-2020;' "$WORK/a.csv"
check "CSV neutralises formulas" grep -q "'=SUM(A1)" "$WORK/a.csv"
check "CSV neutralises a leading minus too" grep -q "^'-2+3 Hostile BV;" "$WORK/a.csv"
expect_eq "no cell starts with a bare formula sign" 0 "$(tr ';' '\n' < "$WORK/a.csv" | grep -c '^[=+@-]')"
expect_eq "CSV has a header and 2 open actions, each ending in CRLF (the embedded newline is a bare LF)" 3 "$(grep -c $'\r$' "$WORK/a.csv")"

# XLSX: unzip and read the sheet XML
curl -s -b "$WORK/cookies" -o "$WORK/a.xlsx" -D "$WORK/h" "$BASE/actions.xlsx"
check "xlsx content type" grep -qi 'spreadsheetml.sheet' "$WORK/h"
mkdir -p "$WORK/x" && (cd "$WORK/x" && unzip -q ../a.xlsx)
check "xlsx has a worksheet" test -f "$WORK/x/xl/worksheets/sheet1.xml"
sheet=$(cat "$WORK/x/xl/worksheets/sheet1.xml")
strings=$(cat "$WORK/x/xl/sharedStrings.xml" 2>/dev/null)
expect_contains "autofilter over the header row" '<autoFilter ref="A1:L3"/>' "$sheet"
expect_contains "column widths set" '<col min="1" max="1" width="30.7109375"' "$sheet"
expect_contains "header row frozen" 'state="frozen"' "$sheet"
expect_contains "header text" "Klaar op" "$strings$sheet"
expect_contains "diacritics kept" "tweede regel met ë en é" "$strings$sheet"
# the due date 2020-01-31 is the serial number 43861, with a date format
expect_contains "due date is a typed date (serial number)" "<v>43861</v>" "$sheet"
check "a date number format exists" grep -q 'formatCode="dd-mm-yyyy"' "$WORK/x/xl/styles.xml"
expect_eq "exports audited" 2 "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'actions_export' AND org_id = 1002")"

# --- issue 16.3: done actions come back through the filter; exports follow it ---
# a third action at another company (Peer 1, scan without an advisor)
csrf_of /scans/1402
http POST /scans/1402/actions --data "csrf=$CSRF&what=Peer+plan&who_kind=company&due_date=2030-01-15"
expect_eq "action at another company added" 303 "$STATUS"
a3=$(psql_q "SELECT id FROM scan_actions WHERE what = 'Peer plan'")
a4=$(psql_q "SELECT id FROM scan_actions WHERE what = 'Zonder datum'")
# a2 became done at 23:30 UTC on 1 May 2024: 2 May in Dutch time
psql_q "UPDATE scan_action_history SET at = '2024-05-01 23:30+00' WHERE action_id = $a2 AND status = 'done'" >/dev/null
ids() { echo "$BODY" | grep -o 'href="/actions/[0-9]*"' | grep -o '[0-9]*' | sort -n | tr '\n' ' '; }
http GET /actions
expect_eq "default: open and in progress only" "$a1 $a4 $a3 " "$(ids)"
expect_not_contains "default: no 'Afgerond op' column" "Afgerond op" "$BODY"
http GET "/actions?status=done"
expect_eq "status=done: the done action is back" 200 "$STATUS"
expect_eq "status=done: only the done action" "$a2 " "$(ids)"
expect_contains "status=done: 'Afgerond op' column" '<th scope="col">Afgerond op</th>' "$BODY"
expect_contains "'afgerond op' is the local date it became done (FPHC_TIMEZONE)" ">2-5-2024</td>" "$BODY"
expect_contains "status=done chosen in the form" '<option value="done" selected>Klaar</option>' "$BODY"
http GET "/actions?status=all"
expect_eq "status=all: every action of the association" "$a1 $a2 $a4 $a3 " "$(ids)"
http GET "/actions?status=open"
expect_eq "status=open" "$a1 $a4 $a3 " "$(ids)"
http GET "/actions?status=in_progress"
expect_eq "status=in_progress: none" "" "$(ids)"
expect_contains "no match says so" "Er zijn geen acties die passen bij deze keuze." "$BODY"
http GET "/actions?status=dropped';--"
expect_eq "unknown status: the default list, no error" "200 $a1 $a4 $a3 " "$STATUS $(ids)"
# reopened and done again: 'afgerond op' counts from the last time
csrf_of "/actions/$a3"
for st in done open done; do
  http POST "/actions/$a3" --data "csrf=$CSRF&what=Peer+plan&who_kind=company&due_date=2030-01-15&status=$st"
  # the first two changes happened long ago
  [ "$(psql_q "SELECT count(*) FROM scan_action_history WHERE action_id = $a3")" -le 3 ] &&
    psql_q "UPDATE scan_action_history SET at = '2024-01-10 12:00+01' WHERE id = (SELECT max(id) FROM scan_action_history WHERE action_id = $a3)" >/dev/null
done
today=$(psql_q "SELECT to_char(now() AT TIME ZONE 'Europe/Amsterdam', 'FMDD-FMMM-YYYY')")
http GET "/actions?status=done&company=peer"
expect_contains "done again after reopening: the last time counts" ">$today</td>" "$BODY"
expect_not_contains "not the first time it was done" "2024-01-10" "$BODY"
csrf_of "/actions/$a3"
http POST "/actions/$a3" --data "csrf=$CSRF&what=Peer+plan&who_kind=company&due_date=2030-01-15&status=open"

# advisor, company, partner and due period
http GET "/actions?advisor=1202"
expect_eq "advisor filter: the advisor's scans only" "$a1 $a4 " "$(ids)"
http GET "/actions?advisor=1202&status=all"
expect_eq "advisor filter with status=all" "$a1 $a2 $a4 " "$(ids)"
http GET "/actions?company=PEER"
expect_eq "company filter (part of the name, any case)" "$a3 " "$(ids)"
http GET "/actions?company=hostile&status=done"
expect_eq "company and status together" "$a2 " "$(ids)"
http GET "/actions?due_from=2025-01-01&due_to=2050-12-31&status=all"
expect_eq "due period (actions without a due date left out)" "$a3 " "$(ids)"
http GET "/actions?due_from=2030-01-15&due_to=2030-01-15"
expect_eq "due period includes both ends" "$a3 " "$(ids)"
http GET "/actions?due_to=2025-01-01"
expect_eq "due up to a date" "$a1 " "$(ids)"
http GET "/actions?status=all&company=gouden&due_from=2021-01-01"
expect_contains "export links carry the filter (xlsx)" 'href="/actions.xlsx?status=all&amp;company=gouden&amp;due_from=2021-01-01&amp;"' "$BODY"
expect_contains "export links carry the filter (csv)" 'href="/actions.csv?status=all&amp;company=gouden&amp;due_from=2021-01-01&amp;"' "$BODY"
expect_contains "the form keeps the company" 'name="company" value="gouden"' "$BODY"
expect_contains "the form keeps the date" 'name="due_from" type="date" value="2021-01-01"' "$BODY"

# bad dates: a message next to the field, never a 500
http GET "/actions?due_from=2025-02-31"
expect_eq "impossible date refused" 400 "$STATUS"
expect_contains "message next to 'vanaf'" '<p class="field-error" id="e-due_from">Vul een geldige datum in' "$BODY"
expect_contains "the field points at its message" 'aria-describedby="e-due_from"' "$BODY"
expect_contains "the list still shows (without the bad field)" "/actions/$a1\"" "$BODY"
http GET "/actions?due_to=morgen"
expect_eq "text instead of a date refused" 400 "$STATUS"
expect_contains "message next to 'tot en met'" 'id="e-due_to"' "$BODY"
http GET "/actions?due_from=2026-01-01&due_to=2025-01-01"
expect_eq "period that ends before it starts refused" 400 "$STATUS"
expect_contains "message about the order" "Deze datum ligt voor de datum bij" "$BODY"
http GET "/actions.csv?due_from=2025-13-01"
expect_eq "CSV with a bad date: 400" 400 "$STATUS"
http GET "/actions.xlsx?due_from=2026-01-01&due_to=2025-01-01"
expect_eq "xlsx with a reversed period: 400" 400 "$STATUS"

# the exports follow the filter (rows counted)
csv_rows() { curl -s -b "$WORK/cookies" "$BASE/actions.csv?$1" | grep -c $'\r$'; }
expect_eq "CSV default: header + 3 open actions" 4 "$(csv_rows "")"
expect_eq "CSV status=done: header + 1" 2 "$(csv_rows "status=done")"
expect_eq "CSV status=all: header + 4" 5 "$(csv_rows "status=all")"
expect_eq "CSV company=peer: header + 1" 2 "$(csv_rows "company=peer")"
expect_eq "CSV advisor=1202&status=all: header + 3" 4 "$(csv_rows "advisor=1202&status=all")"
expect_eq "CSV due period: header + 1" 2 "$(csv_rows "due_from=2025-01-01&due_to=2050-12-31")"
curl -s -b "$WORK/cookies" -o "$WORK/done.csv" "$BASE/actions.csv?status=done"
check "CSV 'Afgerond op' header last" grep -q ';Afgerond op'$'\r''$' "$WORK/done.csv"
check "CSV 'afgerond op' as Dutch Excel reads a date" grep -q ';02-05-2024'$'\r''$' "$WORK/done.csv"
curl -s -b "$WORK/cookies" -o "$WORK/d.xlsx" "$BASE/actions.xlsx?status=done"
mkdir -p "$WORK/d" && (cd "$WORK/d" && unzip -q ../d.xlsx)
dsheet=$(cat "$WORK/d/xl/worksheets/sheet1.xml")
expect_eq "xlsx status=done: header + 1 row" 2 "$(grep -o '<row ' <<<"$dsheet" | wc -l)"
# 2024-05-02 is serial number 45414
expect_contains "xlsx 'afgerond op' is a typed date" "<v>45414</v>" "$dsheet"
curl -s -b "$WORK/cookies" -o "$WORK/all.xlsx" "$BASE/actions.xlsx?status=all"
mkdir -p "$WORK/all" && (cd "$WORK/all" && unzip -q ../all.xlsx)
expect_eq "xlsx status=all: header + 4 rows" 5 "$(grep -o '<row ' "$WORK/all/xl/worksheets/sheet1.xml" | wc -l)"

# the association's scope holds whatever the filter says
login adviseur@noord.example
http GET "/actions?status=all&advisor=1202"
expect_eq "another association: none of these, even with status=all" "" "$(ids)"
expect_eq "another association's CSV with status=all: header only" 1 "$(csv_rows "status=all")"
login adviseur@zuid.example
http GET "/actions?due_from=2025-02-31&due_to=2025-01-01"
expect_eq "bad 'vanaf' with a good 'tot en met': 400, the good bound still applies" "400 $a1 " "$STATUS $(ids)"
http GET "/actions?company=%FF%FE&partner=%C3"
expect_eq "bytes that are no UTF-8 in a text filter: no 500" 1 "$([ "$STATUS" -lt 500 ] && echo 1)"
