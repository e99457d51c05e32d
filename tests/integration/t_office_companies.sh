#!/usr/bin/env bash
# The office: companies (checks, duplicate KvK, search, paging), invitations
# (new scan, re-issue, revoke, e-mail through a fake SMTP server, reminders),
# settings and logo, and scoping between associations.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/office_lib.sh"
start_office_server || exit 1

use_jar b
login admin2@b.example "$PW"
http GET /companies; csrfb=$(form_csrf)
http POST /companies --data "csrf=$csrfb&name=Bedrijf+van+B&kvk=87654321&sector=F&fte=50"
expect_eq "association B creates a company" 303 "$STATUS"
bco=$(psql_q "SELECT id FROM companies WHERE name = 'Bedrijf van B'")
http POST "/companies/$bco/scans" --data "csrf=$csrfb"
expect_eq "B creates a scan" 200 "$STATUS"
bscan=$(psql_q "SELECT id FROM scans WHERE company_id = $bco")
http POST /companies --data "csrf=$csrfb&kvk=87654322&sector=F&fte=50" \
  --data-urlencode "name=$(printf '\xe2\x80\xae  Bakkerij\xc2\xa0\xc2\xa0\x07Jansen\r\nBV ')"
expect_eq "a name with control, bidi and no-break marks is accepted" 303 "$STATUS"
expect_eq "... and stored as one clean line" 1 "$(psql_q "SELECT count(*) FROM companies WHERE name = 'Bakkerij Jansen BV'")"
http POST /companies --data "csrf=$csrfb&kvk=87654323&sector=F&fte=50" --data-urlencode "name=$(printf '\xc2\xa0\xe2\x80\x8b')"
expect_eq "a name of only invisible characters is refused like an empty one" 400 "$STATUS"

use_jar a
login adv1@a.example "$PW"; expect_eq "advisor of A logs in" 303 "$STATUS"
http GET /companies/new;    expect_eq "new company form" 200 "$STATUS"
csrf=$(form_csrf)
expect_contains "the sector list has Dutch SBI names" "Bouwnijverheid" "$BODY"
before=$(psql_q "SELECT count(*) FROM companies")
http POST /companies --data "csrf=$csrf&name=&kvk=1234567&sector=Z&fte=veel&email=nope&phone=abc"
expect_eq "an invalid company is refused" 400 "$STATUS"
expect_contains "KvK message next to the field" 'id="e-kvk"' "$BODY"
expect_contains "KvK needs exactly 8 digits" "precies 8 cijfers" "$BODY"
expect_contains "name message" 'id="e-name"' "$BODY"
expect_contains "sector message" 'id="e-sector"' "$BODY"
expect_contains "fte message" 'id="e-fte"' "$BODY"
expect_contains "e-mail message" 'id="e-email"' "$BODY"
expect_contains "phone message" 'id="e-phone"' "$BODY"
expect_contains "an error summary on top" 'class="error-summary"' "$BODY"
expect_eq "nothing saved" "$before" "$(psql_q "SELECT count(*) FROM companies")"
http POST /companies --data "csrf=$csrf&name=Bakkerij+Janssen&kvk=1234+5678&sector=C&fte=42%2C5&municipality=Maastricht&contact_name=Jan&email=jan%40bakkerij.example&phone=043+1234567"
expect_eq "a valid company is created" 303 "$STATUS"
aco=$(psql_q "SELECT id FROM companies WHERE name = 'Bakkerij Janssen'")
expect_eq "KvK typed with a space is stored as 8 digits" 12345678 "$(psql_q "SELECT kvk FROM companies WHERE id = $aco")"
expect_eq "FTE with a Dutch comma" 42.5 "$(psql_q "SELECT fte FROM companies WHERE id = $aco")"
http POST /companies --data "csrf=$csrf&name=Andere+Bakker&kvk=12345678&sector=C&fte=12"
expect_eq "a duplicate KvK number in the association is refused" 400 "$STATUS"
expect_contains "duplicate KvK explained next to the field" "hoort al bij een ander bedrijf" "$BODY"
expect_contains "the form keeps what was typed" 'value="Andere Bakker"' "$BODY"
http POST /companies --data "csrf=$csrf&name=Zelfde+KvK+als+B&kvk=87654321&sector=C&fte=12"
expect_eq "the same KvK number in another association is fine" 303 "$STATUS"
http GET "/companies/$aco"; expect_eq "company page" 200 "$STATUS"
expect_contains "company page shows the sector name" "Industrie" "$BODY"
expect_contains "without SMTP the page says links are sent by hand" "E-mail is niet ingesteld" "$BODY"
http GET "/companies/$aco/edit"; expect_eq "edit form" 200 "$STATUS"
expect_contains "edit form is filled in" 'value="12345678"' "$BODY"
http POST "/companies/$aco" --data "csrf=$csrf&name=Bakkerij+Janssen+BV&kvk=12345678&sector=C&fte=43&email=jan%40bakkerij.example"
expect_eq "company edited" 303 "$STATUS"
expect_eq "the edit is stored" "Bakkerij Janssen BV" "$(psql_q "SELECT name FROM companies WHERE id = $aco")"

# search and paging
"$FPHC_BIN" demo seed-office --org demo --companies 30 --scans 10 >/dev/null
expect_eq "seed command adds companies" 32 "$(psql_q "SELECT count(*) FROM companies c JOIN organisations o ON o.id = c.org_id WHERE o.slug = 'demo'")"
http GET "/companies?q=janssen"; expect_contains "search by part of the name, any case" "Bakkerij Janssen BV" "$BODY"
expect_not_contains "search does not show other companies" "Zelfde KvK" "$BODY"
http GET "/companies?q=Bedrijf+van+B"; expect_not_contains "search never shows another association's company" ">Bedrijf van B</a>" "$BODY"
http GET "/companies?q=zzqqxx"; expect_contains "an empty result says so" "Geen bedrijven gevonden" "$BODY"
psql_q "UPDATE companies SET municipality = 'Sittard-Geleen', contact_name = 'Marieke de Vries', phone = '046-1234567' WHERE id = $aco" >/dev/null
for q in 1234567 "1234+5678" sittard "MARIEKE" "de+vries+janssen" "jan%40bakkerij" "046-1234567"; do
  http GET "/companies?q=$q"
  expect_contains "search '$q' finds the company (name, KvK, municipality, contact, e-mail, phone)" ">Bakkerij Janssen BV</a>" "$BODY"
done
http GET "/companies?q=sittard+bakkerij"; expect_contains "words can come from different fields" ">Bakkerij Janssen BV</a>" "$BODY"
http GET "/companies?q=sittard+maastricht"; expect_not_contains "every word must match" ">Bakkerij Janssen BV</a>" "$BODY"
http GET "/companies?q=%25"; expect_eq "a % is a character, not a wildcard" 200 "$STATUS"
expect_not_contains "... and finds nothing here" ">Bakkerij Janssen BV</a>" "$BODY"
http GET "/companies?q=%5C"; expect_eq "a backslash is harmless" 200 "$STATUS"
http GET "/companies";     expect_contains "the list pages" 'rel="next"' "$BODY"
http GET "/companies?page=2"; expect_eq "page 2" 200 "$STATUS"
expect_contains "page 2 of 2" "Pagina 2 van 2" "$BODY"

# scoping: B's company and scan are unreachable for A
denied0=$(audit_count denied company)
http GET "/companies/$bco";       expect_eq "A opens B's company → 404" 404 "$STATUS"
http GET "/companies/$bco/edit";  expect_eq "A opens B's company form → 404" 404 "$STATUS"
http POST "/companies/$bco" --data "csrf=$csrf&name=Overgenomen&sector=C&fte=12"
expect_eq "A edits B's company → 404" 404 "$STATUS"
http POST "/companies/$bco/scans" --data "csrf=$csrf"; expect_eq "A creates a scan for B's company → 404" 404 "$STATUS"
http POST "/invitations/$bscan/reissue" --data "csrf=$csrf"; expect_eq "A re-issues B's link → 404" 404 "$STATUS"
http POST "/invitations/$bscan/revoke" --data "csrf=$csrf"; expect_eq "A revokes B's link → 404" 404 "$STATUS"
expect_eq "B's company is unchanged" "Bedrijf van B" "$(psql_q "SELECT name FROM companies WHERE id = $bco")"
expect_eq "B's link still works" 1 "$(psql_q "SELECT count(*) FROM invitations WHERE scan_id = $bscan AND revoked_at IS NULL")"
expect_eq "each attempt is in the audit log" $((denied0 + 4)) "$(audit_count denied company)"
expect_eq "scan attempts are audited too" 2 "$(audit_count denied scan)"
http GET "/companies/99999999"; expect_eq "an unknown company is 404 as well" 404 "$STATUS"

# invitations
http POST "/companies/$aco/scans" --data "email=x"
expect_eq "new scan without CSRF → 403" 403 "$STATUS"
http POST "/companies/$aco/scans" --data "csrf=$csrf&email=geen-adres"
expect_eq "an invalid invitation address is refused" 400 "$STATUS"
http POST "/companies/$aco/scans" --data "csrf=$csrf"
expect_eq "new scan" 200 "$STATUS"
link1=$(echo "$BODY" | sed -n 's|.*value="\(http[^"]*/s/[A-Za-z0-9_-]*\)".*|\1|p' | head -1)
expect_contains "the link is shown in a copy field" "/s/" "$link1"
expect_contains "no SMTP: the page says so" "Kopieer de link" "$BODY"
scan=$(psql_q "SELECT id FROM scans WHERE company_id = $aco")
tok1=${link1##*/}
expect_eq "the link's token is stored hashed" 1 "$(psql_q "SELECT count(*) FROM invitations WHERE scan_id = $scan AND token_hash = encode(sha256('$tok1'), 'hex') AND revoked_at IS NULL")"
expect_eq "the scan is invited" invited "$(psql_q "SELECT status FROM scans WHERE id = $scan")"
http GET "/companies/$aco"; expect_not_contains "the link is not shown again" "$tok1" "$BODY"
http POST "/invitations/$scan/reissue" --data "csrf=$csrf"
expect_eq "re-issue" 200 "$STATUS"
link2=$(echo "$BODY" | sed -n 's|.*value="\(http[^"]*/s/[A-Za-z0-9_-]*\)".*|\1|p' | head -1)
tok2=${link2##*/}
expect_eq "re-issue revokes the old link" 1 "$(psql_q "SELECT count(*) FROM invitations WHERE token_hash = encode(sha256('$tok1'), 'hex') AND revoked_at IS NOT NULL")"
expect_eq "the new link is live" 1 "$(psql_q "SELECT count(*) FROM invitations WHERE token_hash = encode(sha256('$tok2'), 'hex') AND revoked_at IS NULL")"
http POST "/invitations/$scan/revoke" --data "csrf=$csrf"
expect_eq "revoke" 303 "$STATUS"
expect_eq "no live link after revoke" 0 "$(psql_q "SELECT count(*) FROM invitations WHERE scan_id = $scan AND revoked_at IS NULL")"
psql_q "UPDATE scans SET status = 'submitted', submitted_at = now() WHERE id = $scan" >/dev/null
http POST "/invitations/$scan/reissue" --data "csrf=$csrf"
expect_eq "a submitted scan gets no new link (409)" 409 "$STATUS"

# settings and logo (admin)
use_jar a_admin
login admin1@a.example "$PW"
http GET /admin; csrfa=$(form_csrf)
expect_contains "settings page shows the template" "{link}" "$BODY"
http POST /admin/settings --data "csrf=$csrfa&name=&retention_years=99&invitation_subject=Hoi&invitation_template=zonder+link"
expect_eq "invalid settings are refused" 400 "$STATUS"
expect_contains "retention checked" 'id="e-retention_years"' "$BODY"
expect_contains "the template must hold {link}" 'id="e-invitation_template"' "$BODY"
http POST /admin/settings --data-urlencode "csrf=$csrfa" --data-urlencode "name=Vereniging A" --data-urlencode "region=Limburg" \
  --data-urlencode "retention_years=7" --data-urlencode "free_of_charge=1" --data-urlencode "share_research=1" \
  --data-urlencode "invitation_subject=Uitnodiging voor {bedrijf} – doe mee" \
  --data-urlencode "invitation_template=Beste {bedrijf}, vul de scan in: {link} Groet, {adviseur}"
expect_eq "settings saved" 303 "$STATUS"
expect_eq "settings stored" "Vereniging A|7|t|f|t" "$(psql_q "SELECT name, retention_years, free_of_charge, show_first_impression, share_research FROM organisations WHERE slug = 'demo'")"
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0aIDATx\x9cc\x00\x01\x00\x00\x05\x00\x01\x0d\x0a\x2d\xb4\x00\x00\x00\x00IEND\xaeB`\x82' >"$WORK/logo.png"
echo "not a png" >"$WORK/logo.txt"
head -c 600000 /dev/zero >>"$WORK/big.png"; cat "$WORK/logo.png" "$WORK/big.png" >"$WORK/huge.png"
http POST /admin/logo -F "csrf=$csrfa" -F "logo=@$WORK/logo.txt;type=image/png"
expect_eq "a file that is not a PNG is refused" 400 "$STATUS"
expect_contains "not-a-PNG explained" "geen PNG-bestand" "$BODY"
http POST /admin/logo -F "csrf=$csrfa" -F "logo=@$WORK/huge.png;type=image/png"
expect_eq "a PNG over 512 KB is refused" 400 "$STATUS"
http POST /admin/logo -F "logo=@$WORK/logo.png;type=image/png"
expect_eq "logo upload without CSRF → 403" 403 "$STATUS"
http POST /admin/logo -F "csrf=$csrfa" -F "logo=@$WORK/logo.png;type=image/png"
expect_eq "a PNG logo is stored" 303 "$STATUS"
http GET /admin/logo.png
expect_eq "the logo is served" 200 "$STATUS"
# The stored logo is the decoded and re-encoded copy (never the upload's bytes):
# a PNG of the same size in pixels.
png_size() { python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(); assert d[:8]==b"\x89PNG\r\n\x1a\n"; print("%dx%d" % struct.unpack(">II", d[16:24]))' "$1"; }
expect_eq "the logo comes back as a PNG of the same size" "$(png_size "$WORK/logo.png")" "$(png_size "$WORK/body")"
BODY=
http POST /admin/logo --data-binary 'garbage' -H 'Content-Type: multipart/form-data; boundary=xyz'
expect_eq "a malformed multipart body is 400" 400 "$STATUS"
"$FPHC_BIN" org logo --org other "$WORK/logo.txt" >/dev/null 2>&1; expect_eq "fphc org logo refuses a non-PNG" 1 "$?"
"$FPHC_BIN" org logo --org other "$WORK/logo.png" >/dev/null; expect_eq "fphc org logo stores a PNG" 0 "$?"
expect_eq "the logo is in the database" t "$(psql_q "SELECT logo_png IS NOT NULL FROM organisations WHERE slug = 'other'")"

# e-mail through a fake SMTP server
stop_server
start_fake_smtp "$WORK/mail" || exit 1
export FPHC_SMTP_URL="$SMTP_URL" FPHC_MAIL_FROM="scan@vereniging.example"
start_server || exit 1
use_jar a
login adv1@a.example "$PW"; http GET /companies; csrf=$(form_csrf)

# --- hand a company over (issue 16.5): the company and its scans that are not closed ---
adm1=$(psql_q "SELECT id FROM users WHERE email = 'admin1@a.example'")
adv1=$(psql_q "SELECT id FROM users WHERE email = 'adv1@a.example'")
adv2=$(psql_q "SELECT id FROM users WHERE email = 'adv2@b.example'")
http GET "/companies/$aco"
expect_contains "the company page offers the hand-over" "action=\"/companies/$aco/advisor\"" "$BODY"
expect_not_contains "… not to another association's advisor" "adv2@b.example" "$BODY"
closed=$(psql_q "SELECT count(*) FROM scans WHERE company_id = $aco AND status = 'closed'")
http POST "/companies/$aco/advisor" --data "csrf=$csrf&advisor=$adm1"
expect_eq "hand the company over" 303 "$STATUS"
expect_eq "… stored on the company" "$adm1" "$(psql_q "SELECT advisor_id FROM companies WHERE id = $aco")"
expect_eq "… and on its scans that are not closed" 0 "$(psql_q "SELECT count(*) FROM scans WHERE company_id = $aco AND status <> 'closed' AND advisor_id IS DISTINCT FROM $adm1")"
expect_eq "… closed scans keep theirs" "$closed" "$(psql_q "SELECT count(*) FROM scans WHERE company_id = $aco AND status = 'closed'")"
expect_eq "… audited" 1 "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'company_handover' AND object_id = $aco")"
http GET "/companies/$aco?msg=handover"
expect_contains "… said on the page" "zijn overgedragen" "$BODY"
for bad in "$adv2" x ''; do
  http POST "/companies/$aco/advisor" --data "csrf=$csrf&advisor=$bad"
  expect_eq "hand the company over to '$bad' is refused" 400 "$STATUS"
done
expect_contains "… with the message next to the field" 'id="e-advisor"' "$BODY"
http POST "/companies/$bco/advisor" --data "csrf=$csrf&advisor=$adv1"
expect_eq "another association's company cannot be taken" 404 "$STATUS"
http POST "/companies/$aco/advisor" --data "csrf=$csrf&advisor=$adv1"
expect_eq "hand it back" 303 "$STATUS"

http POST "/companies/$aco/scans" --data "csrf=$csrf"
expect_eq "new scan with SMTP" 200 "$STATUS"
expect_contains "the page says the mail was sent" "per e-mail verstuurd" "$BODY"
link3=$(echo "$BODY" | sed -n 's|.*value="\(http[^"]*/s/[A-Za-z0-9_-]*\)".*|\1|p' | head -1)
msg=$(cat "$WORK/mail/msg-1.eml" 2>/dev/null)
expect_contains "the mail carries the link" "$link3" "$msg"
expect_contains "the mail fills {bedrijf}" "Beste Bakkerij Janssen BV" "$msg"
expect_contains "the mail fills {adviseur}" "Groet, adv1@a.example" "$msg"
expect_contains "the mail goes to the company" "jan@bakkerij.example" "$(cat "$WORK/mail/msg-1.env")"
expect_contains "a non-ASCII subject is encoded as UTF-8" "Subject: =?UTF-8?B?$(printf 'Uitnodiging voor Bakkerij Janssen BV – doe mee' | base64 -w0)?=" "$msg"
scan3=$(psql_q "SELECT max(id) FROM scans WHERE company_id = $aco")
expect_eq "the invitation is marked as sent" t "$(psql_q "SELECT sent_at IS NOT NULL FROM invitations WHERE scan_id = $scan3")"
out=$("$FPHC_BIN" invitations remind); expect_contains "no reminder before 7 days" "0 reminder(s) sent" "$out"
psql_q "UPDATE invitations SET sent_at = now() - interval '8 days' WHERE scan_id = $scan3" >/dev/null
out=$("$FPHC_BIN" invitations remind); expect_contains "first reminder after 7 days" "1 reminder(s) sent" "$out"
expect_contains "the reminder says so in the subject" "Subject: =?UTF-8?B?$(printf 'Herinnering: Uitnodiging' | base64 -w0 | cut -c1-28)" "$(cat "$WORK/mail/msg-2.eml" 2>/dev/null)"
expect_eq "the first link keeps working beside the reminder's" 2 "$(psql_q "SELECT count(*) FROM invitations WHERE scan_id = $scan3 AND revoked_at IS NULL")"
out=$("$FPHC_BIN" invitations remind); expect_contains "no second reminder before 14 days" "0 reminder(s) sent" "$out"
psql_q "UPDATE invitations SET sent_at = now() - interval '15 days' WHERE scan_id = $scan3" >/dev/null
out=$("$FPHC_BIN" invitations remind); expect_contains "second reminder after 14 days" "1 reminder(s) sent" "$out"
out=$("$FPHC_BIN" invitations remind); expect_contains "never a third reminder" "0 reminder(s) sent" "$out"
psql_q "UPDATE scans SET status = 'started', started_at = now() WHERE id = $scan3" >/dev/null
unset FPHC_SMTP_URL
"$FPHC_BIN" invitations remind >/dev/null 2>&1; expect_eq "remind without SMTP exits 2" 2 "$?"
kill "$SMTP_PID" 2>/dev/null; wait "$SMTP_PID" 2>/dev/null
