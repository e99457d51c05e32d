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
local_at=$(psql_q "SELECT to_char(max(at) AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD HH24:MI') FROM scan_action_history WHERE action_id = $a2")
expect_contains "history times are Dutch time (FPHC_TIMEZONE default), not UTC" "<td>$local_at</td>" "$BODY"
# another installation's zone: every time shown follows FPHC_TIMEZONE, also
# those the SQL formats itself (users' last login, company dates)
stop_server
FPHC_TIMEZONE=Pacific/Kiritimati start_server || exit 1
login admin@zuid.example
http GET "/actions/$a2"
far_at=$(psql_q "SELECT to_char(max(at) AT TIME ZONE 'Pacific/Kiritimati', 'YYYY-MM-DD HH24:MI') FROM scan_action_history WHERE action_id = $a2")
expect_contains "FPHC_TIMEZONE=Pacific/Kiritimati: history in that zone" "<td>$far_at</td>" "$BODY"
http GET /admin/users
far_login=$(psql_q "SELECT to_char(last_login_at AT TIME ZONE 'Pacific/Kiritimati', 'DD-MM-YYYY HH24:MI') FROM users WHERE email = 'admin@zuid.example'")
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
