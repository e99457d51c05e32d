#!/usr/bin/env bash
# Data protection (issue 9): the privacy page, the owner's download and erasure
# request, the admin's export and erasure under both policies, last activity,
# fphc purge (dry run and real), and the audit-log browser with filters.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/respondent_lib.sh"
. "$(dirname "$0")/office_lib.sh"
start_demo_server || exit 1
apw=$(demo_password admin@demo.example)

# --- the privacy page and the links to it ---
http GET /privacy/demo
expect_eq "privacy page opens" 200 "$STATUS"
for s in "verantwoordelijk" "Welke gegevens" "Waarvoor" "Wie ziet de gegevens" "Hoe lang" "Uw rechten" \
         "Autoriteit Persoonsgegevens" "verwerker" "buiten de Europese Unie"; do
  expect_contains "privacy page answers: $s" "$s" "$BODY"
done
expect_contains "research group receives only data without names" "zonder naam" "$BODY"
expect_contains "without the keep policy the page says scores go too" "verwijderen wij ook de scores" "$BODY"

invite "Privacy Proef BV"; tok=$TOKEN; sid=$SCAN_ID
cid=$(psql_q "SELECT company_id FROM scans WHERE id = $sid")
psql_q "UPDATE companies SET contact_name = 'Jan Jansen', email = 'jan@proef.example', phone = '0612345678', kvk = '12345678' WHERE id = $cid"
for p in "/s/$tok" "/s/$tok/erase" "/s/$tok/later"; do
  http GET "$p"
  expect_contains "respondent page $p links the privacy statement and 'Uw gegevens'" "href=\"/s/$tok/erase\">Uw gegevens" "$BODY"
done
expect_contains "privacy link in the footer" 'href="/privacy/demo"' "$BODY"

# --- owner: consent (stored with the text version), answers, submit ---
csrf=$(scan_csrf "$tok"); consent "$tok" "$csrf"
expect_eq "consent stored with the version of the text shown" "consent-2024-1" "$(psql_q "SELECT consent_version FROM scans WHERE id = $sid")"
psql_q "UPDATE companies SET last_activity_at = now() - interval '3 years' WHERE id = $cid"
autosave "$tok" "$csrf" '{"item":"s01","value":4}'
autosave "$tok" "$csrf" '{"item":"s90","value":"Wij zoeken Piet Pietersen"}'
expect_eq "scan activity keeps companies.last_activity_at current" t \
  "$(psql_q "SELECT last_activity_at > now() - interval '1 minute' FROM companies WHERE id = $cid")"

# --- another association's refused look at this company stays its own business ---
"$FPHC_BIN" org add --slug other --name "Andere Vereniging" >/dev/null
new_user other snoop@b.example admin 'andere vereniging wachtwoord 1'
use_jar snoop; login snoop@b.example 'andere vereniging wachtwoord 1'
http GET "/companies/$cid"; expect_eq "another association's admin: company is 404" 404 "$STATUS"
http GET "/scans/$sid";     expect_eq "… and its scan is 404" 404 "$STATUS"
http GET "/companies/$cid/export.json"; expect_eq "… and its export is 404" 404 "$STATUS"
expect_eq "the refusals are audited (for the other association)" 3 \
  "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'denied' AND object_id IN ($cid, $sid) AND org_id = (SELECT id FROM organisations WHERE slug = 'other')")"
use_jar owner

# --- owner: download everything ---
http GET "/s/$tok/data.json"
expect_eq "owner downloads their data" 200 "$STATUS"
expect_contains "as JSON" "Content-Type: application/json" "$HEADERS"
expect_contains "as a download" 'attachment; filename="mijn-gegevens.json"' "$HEADERS"
echo "$BODY" >"$WORK/owner.json"
check "the download is valid JSON" python3 -c "import json,sys; json.load(open('$WORK/owner.json'))"
expect_eq "download holds company, contact, answers, consent" "Privacy Proef BV|Jan Jansen|Wij zoeken Piet Pietersen|consent-2024-1" \
  "$(python3 -c "import json; d=json.load(open('$WORK/owner.json')); s=d['scans'][0]; print(d['company']['name'], d['company']['contact_name'], s['answers']['s90'], s['consent_text_version'], sep='|')")"
expect_eq "download shows who accessed the data" "owner_consent" \
  "$(python3 -c "import json; d=json.load(open('$WORK/owner.json')); print(d['access_log'][0]['action'])")"
expect_eq "the download is audited" 1 "$(audit_count owner_data_export scan)"
expect_eq "the owner's access log holds no other association's refused attempts" 0 \
  "$(python3 -c "import json; d=json.load(open('$WORK/owner.json')); print(sum(1 for e in d['access_log'] if e['action'] == 'denied'))")"
expect_eq "the token itself is not in the download" "" "$(grep -o "$tok" "$WORK/owner.json")"

# --- owner: erasure request (needs confirmation, recorded once) ---
http GET "/s/$tok/erase"; csrf_e=$(form_csrf)
expect_contains "erase page has a confirmation box" 'name="confirm"' "$BODY"
http POST "/s/$tok/erase" --data "csrf=$csrf_e"
expect_eq "request without confirmation is refused" 400 "$STATUS"
expect_contains "with a message next to the box" 'id="e-confirm"' "$BODY"
http POST "/s/$tok/erase" --data "csrf=wrong&confirm=yes"; expect_eq "request with a wrong CSRF token is 403" 403 "$STATUS"
http POST "/s/$tok/erase" --data "csrf=$csrf_e&confirm=yes"
expect_eq "request accepted" 200 "$STATUS"
expect_contains "owner is told what happens" "binnen een maand" "$BODY"
http POST "/s/$tok/erase" --data "csrf=$csrf_e&confirm=yes"
expect_contains "a second request says it was already received" "al ontvangen" "$BODY"
expect_eq "one pending request" 1 "$(psql_q "SELECT count(*) FROM erasure_requests WHERE company_id = $cid AND status = 'pending'")"
expect_eq "the request is audited" 1 "$(audit_count erasure_requested company)"

# --- admin sees it, exports, erases (policy: delete everything) ---
use_jar admin; login admin@demo.example "$apw"
http GET /admin/privacy
expect_contains "admin sees the pending request" "Privacy Proef BV" "$BODY"
http GET "/companies/$cid"
expect_contains "company page shows the owner's request" "gevraagd om de gegevens te verwijderen" "$BODY"
csrf_a=$(form_csrf)
http GET "/companies/$cid/export.json"
expect_eq "admin exports the company's data" 200 "$STATUS"
expect_contains "export holds the contact person" "Jan Jansen" "$BODY"
expect_not_contains "the company export's access log holds no other association's refused attempts" '"action": "denied"' "$(echo "$BODY" | python3 -c "import json,sys; print(json.dumps(json.load(sys.stdin)['access_log']))")"
expect_eq "the export is audited" 1 "$(audit_count company_export company)"
printf 'adviseur wachtwoord voor test 1\n' | "$FPHC_BIN" user add --org demo --email adv@demo.example --role advisor --password-stdin >/dev/null
use_jar adv; login adv@demo.example 'adviseur wachtwoord voor test 1'
http GET "/companies/$cid/export.json"; expect_eq "an advisor cannot export" 404 "$STATUS"
csrf_v=$(http GET /app; form_csrf)
http POST "/companies/$cid/erase" --data "csrf=$csrf_v&confirm=yes"; expect_eq "an advisor cannot erase" 404 "$STATUS"
use_jar admin
http POST "/companies/$cid/erase" --data "csrf=$csrf_a"
expect_eq "erasure needs the confirmation box" 400 "$STATUS"
http POST "/companies/$cid/erase" --data "csrf=$csrf_a&confirm=yes&reason=owner_request"
expect_eq "erasure redirects to the list" 303 "$STATUS"
expect_eq "contact data and name gone, tombstone kept" "Verwijderd bedrijf $cid|||||1" \
  "$(psql_q "SELECT name || '|' || coalesce(kvk, '') || '|' || contact_name || '|' || email || '|' || phone || '|' || (erased_at IS NOT NULL)::int FROM companies WHERE id = $cid")"
expect_eq "scans, answers, invitations deleted (policy: no anonymous scores)" "0|0|0" \
  "$(psql_q "SELECT (SELECT count(*) FROM scans WHERE company_id = $cid) || '|' || (SELECT count(*) FROM answers WHERE scan_id = $sid) || '|' || (SELECT count(*) FROM invitations WHERE scan_id = $sid)")"
expect_eq "the request is marked done" "done" "$(psql_q "SELECT status FROM erasure_requests WHERE company_id = $cid")"
detail=$(psql_q "SELECT detail::text FROM audit_log WHERE action = 'company_erased' AND object_id = $cid")
expect_contains "erasure audited with counts" '"scans_deleted": 1' "$detail"
expect_contains "erasure audited with the reason" '"reason": "owner_request"' "$detail"
expect_not_contains "the audit entry holds no names" "Jan" "$detail"
http GET "/s/$tok"; expect_eq "the owner's link no longer works" 404 "$STATUS"
http GET "/companies/$cid"; expect_eq "the erased company is gone from the back office" 404 "$STATUS"
http POST "/companies/$cid/erase" --data "csrf=$csrf_a&confirm=yes"; expect_eq "erasing twice is 404" 404 "$STATUS"

# --- policy: keep anonymous scores; a submitted scan keeps scores, loses open text ---
http GET /admin/privacy; csrf_a=$(form_csrf)
http POST /admin/privacy --data "csrf=$csrf_a&keep_anonymous_scores=yes&erase_company_names=yes"
expect_eq "policy saved" "t|t" "$(psql_q "SELECT keep_anonymous_scores || '|' || erase_company_names FROM organisations WHERE slug = 'demo'" | sed 's/true/t/g')"
http GET /privacy/demo
expect_contains "the privacy page states the keep policy" "bewaren wij alleen de scores" "$BODY"
invite "Bewaar Scores BV"; tok2=$TOKEN; sid2=$SCAN_ID
cid2=$(psql_q "SELECT company_id FROM scans WHERE id = $sid2")
use_jar owner2
csrf=$(scan_csrf "$tok2"); consent "$tok2" "$csrf"
for kv in s01:4 s02:true s03:3 s04:4 a01:3 a02:true a03:4 a04:3 f01:5 f02:4 f03:3 e01:3 e02:2 e03:4 e04:3 w01:4 w02:3 w03:4 w04:3; do
  autosave "$tok2" "$csrf" "{\"item\":\"${kv%%:*}\",\"value\":${kv#*:}}" >/dev/null
done
autosave "$tok2" "$csrf" '{"item":"s90","value":"Open tekst met Klaas"}'
http POST "/s/$tok2/submit" --data "csrf=$csrf&confirm_no_score=yes"
n_scores=$(psql_q "SELECT count(*) FROM scores WHERE scan_id = $sid2")
psql_q "INSERT INTO report_links(scan_id, token_hash) VALUES ($sid2, encode(sha256('keptScanReportLink0123'::bytea), 'hex'))" >/dev/null
use_jar admin
http GET "/companies/$cid2"; csrf_a=$(form_csrf)
http POST "/companies/$cid2/erase" --data "csrf=$csrf_a&confirm=yes"
expect_eq "keep policy: the report's own web link is gone with the reports" 0 \
  "$(psql_q "SELECT count(*) FROM report_links WHERE scan_id = $sid2")"
expect_eq "keep policy: the submitted scan and its scores stay" "1|$n_scores" \
  "$(psql_q "SELECT count(*) || '|' || (SELECT count(*) FROM scores WHERE scan_id = $sid2) FROM scans WHERE id = $sid2")"
expect_eq "keep policy: open text deleted, closed answers kept" "0|1" \
  "$(psql_q "SELECT count(*) FILTER (WHERE item_key = 's90') || '|' || (count(*) > 0)::int FROM answers WHERE scan_id = $sid2")"
expect_eq "keep policy: the kept scan has no municipality" "" "$(psql_q "SELECT coalesce(municipality, '') FROM scans WHERE id = $sid2")"
[ "$n_scores" -gt 0 ] && ok "the scan had scores before erasure ($n_scores)" || not_ok "the scan had scores before erasure"

# --- fphc purge ---
invite "Oud Bedrijf BV"; old_c=$(psql_q "SELECT company_id FROM scans WHERE id = $SCAN_ID")
invite "Recent Bedrijf BV"; new_c=$(psql_q "SELECT company_id FROM scans WHERE id = $SCAN_ID")
psql_q "UPDATE companies SET last_activity_at = now() - interval '6 years' WHERE id = $old_c"
psql_q "INSERT INTO rate_limits(key, window_start, count) VALUES ('old', now() - interval '2 days', 3)"
psql_q "INSERT INTO sessions(id_hash, user_id, csrf_token, created_at, last_seen_at) SELECT 'oldsession', id, 'x', now() - interval '8 days', now() - interval '8 days' FROM users LIMIT 1"
out=$("$FPHC_BIN" purge --dry-run 2>&1); rc=$?
expect_eq "purge --dry-run exits 0" 0 "$rc"
expect_contains "dry run names the company past retention" "company $old_c (last activity" "$out"
expect_contains "dry run counts old sessions" "expired sessions (8 hours idle or 7 days old): 1" "$out"
expect_contains "dry run says nothing changed" "dry run: nothing was changed" "$out"
expect_eq "dry run changed nothing" "1|1" "$(psql_q "SELECT (SELECT count(*) FROM companies WHERE id = $old_c AND erased_at IS NULL) || '|' || (SELECT count(*) FROM rate_limits WHERE key = 'old')")"
out=$("$FPHC_BIN" purge 2>&1); rc=$?
expect_eq "purge exits 0" 0 "$rc"
expect_contains "purge prints what it did" "companies past their association's retention period: 1" "$out"
expect_contains "as fphc_app it leaves the audit log alone and says so" "only the owner role may prune" "$out"
expect_eq "the old company is erased, the recent one kept" "1|0" \
  "$(psql_q "SELECT (SELECT (erased_at IS NOT NULL)::int FROM companies WHERE id = $old_c) || '|' || (SELECT (erased_at IS NOT NULL)::int FROM companies WHERE id = $new_c)")"
expect_eq "old sessions and rate-limit rows are gone" "0|0" \
  "$(psql_q "SELECT (SELECT count(*) FROM sessions WHERE id_hash = 'oldsession') || '|' || (SELECT count(*) FROM rate_limits WHERE key = 'old')")"
expect_eq "the purge's erasure is audited with reason retention" 1 \
  "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'company_erased' AND object_id = $old_c AND detail->>'reason' = 'retention'")"
psql_owner "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update; INSERT INTO audit_log(at, action) VALUES (now() - interval '7 years', 'ancient'); ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update"
out=$(DATABASE_URL=$OWNER_URL "$FPHC_BIN" purge 2>&1)
expect_contains "as the owner, purge prunes audit entries past retention" "audit entries older than the retention period: 1" "$out"
expect_eq "the ancient entry is gone" 0 "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'ancient'")"
expect_contains "outside the purge even the owner cannot delete audit entries" "append-only" \
  "$(psql "$OWNER_URL" -qtAX -c "DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)" 2>&1)"

# --- audit browse: filters and paging ---
use_jar bad; login admin@demo.example "wrong password"
use_jar admin
http GET /admin/audit
expect_eq "admin opens the audit log" 200 "$STATUS"
expect_contains "it lists logins" 'title="login">Ingelogd</span>' "$BODY"
expect_contains "it lists failed logins" 'title="login_failed">Inloggen mislukt</span>' "$BODY"
expect_contains "it lists erasures" 'title="company_erased">Gegevens van bedrijf verwijderd</span>' "$BODY"
expect_contains "it lists owner downloads" 'title="owner_data_export">Eigenaar downloadde de eigen gegevens</span>' "$BODY"
expect_not_contains "events in words, not codes in <code>" "<code>" "$BODY"
expect_not_contains "details in words, not JSON" '{&quot;' "$BODY"
expect_contains "objects in words" ">Bedrijf " "$BODY"
expect_contains "the filter offers events in words" '>Gegevens van bedrijf gedownload</option>' "$BODY"
http GET "/admin/audit?action=company_export"
expect_contains "filter by action" "1 regel gevonden" "$BODY"
uid=$(psql_q "SELECT id FROM users WHERE email = 'adv@demo.example'")
http GET "/admin/audit?user=$uid"
expect_not_contains "filter by user leaves out others" 'title="company_erased">Gegevens van bedrijf verwijderd</span>' "$BODY"
expect_contains "filter by user keeps theirs" 'title="login">Ingelogd</span>' "$BODY"
http GET "/admin/audit?from=2000-01-01&to=2000-12-31"
expect_contains "filter by period" "Geen regels gevonden" "$BODY"
http GET "/admin/audit?from=31-12-2000"
expect_eq "a malformed date is a 400 with a message" 400 "$STATUS"
psql_q "INSERT INTO audit_log(org_id, action) SELECT id, 'filler' FROM organisations, generate_series(1, 30) WHERE slug = 'demo'"
http GET "/admin/audit?action=filler"
expect_contains "paged: a next link" 'rel="next"' "$BODY"
http GET "/admin/audit?action=filler&page=2"
expect_contains "page 2 holds the rest" "Pagina 2 van 2" "$BODY"
# every audit event the code writes has words in the log (office.audit.ev.*)
check "every audited event has a label in Dutch and English" python3 -c "
import json, re, glob
src = ''.join(open(f, encoding='utf-8').read() for f in glob.glob('server/**/*.c', recursive=True) + glob.glob('cli/*.c'))
# the event is the 2nd argument of audit()/office_audit(), the 3rd of the _as
# forms; a choice between two events (cond ? x : y) gives both
arg = r'(?:(?:[^;,()]|\\([^()]*\\))*?\\?\\s*)?\\\"([a-z_]+)\\\"(?:\\s*:\\s*\\\"([a-z_]+)\\\")?'
calls = re.findall(r'\\b(?:audit|office_audit)\\(\\s*\\w+\\s*,\\s*' + arg, src)
calls += re.findall(r'\\b(?:audit_as|office_audit_as)\\(\\s*[^,;]+,\\s*[^,;]+,\\s*' + arg, src)
codes = {c for pair in calls for c in pair if c}
cat = json.load(open('server/i18n/office.json', encoding='utf-8'))
missing = sorted(c for c in codes if 'office.audit.ev.' + c not in cat)
assert len(codes) > 20, codes
assert not missing, missing"

use_jar adv
http GET /admin/audit; expect_eq "an advisor cannot browse the audit log" 404 "$STATUS"
http GET /admin/privacy; expect_eq "an advisor cannot see erasure requests" 404 "$STATUS"
