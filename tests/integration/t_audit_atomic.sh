#!/usr/bin/env bash
# The audit entry and the change it records are one transaction: when the
# entry cannot be written, the change is undone and the answer is a 503 (for
# the office, for the owner's link and for an erasure); a failed statement the
# handler turns into a form error (a taken KvK number) does not spoil the rest
# of the request's transaction; a cross-site post to a public form is refused.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/office_lib.sh"
start_office_server || exit 1

# A trigger that refuses audit entries of one action: the audit write fails.
psql_owner "CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS \$\$
BEGIN IF NEW.action = current_setting('test.refuse', true) OR NEW.action = (SELECT v FROM test_refuse) THEN
RAISE EXCEPTION 'audit refused by the test'; END IF; RETURN NEW; END \$\$;
CREATE TABLE test_refuse(v text); GRANT SELECT ON test_refuse TO fphc_app;
CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_refuse_audit();" >/dev/null
refuse() { psql_owner "DELETE FROM test_refuse; INSERT INTO test_refuse VALUES ('$1')" >/dev/null; }

use_jar a
login adv1@a.example "$PW"
http GET /companies/new; csrf=$(form_csrf)
http POST /companies --data "csrf=$csrf&name=Bakkerij+Eerst&kvk=11112222&sector=C&fte=20"
expect_eq "a company is created while audit works" 303 "$STATUS"
co=$(psql_q "SELECT id FROM companies WHERE name = 'Bakkerij Eerst'")

refuse company_created
before=$(psql_q "SELECT count(*) FROM companies")
http POST /companies --data "csrf=$csrf&name=Bakkerij+Zonder+Spoor&kvk=33334444&sector=C&fte=20"
expect_eq "without its audit entry the change is refused" 503 "$STATUS"
expect_eq "… and the company is not there" "$before" "$(psql_q "SELECT count(*) FROM companies")"
expect_not_contains "… and no redirect to it" "Location:" "$(cat "$WORK/headers")"

refuse company_updated
http POST "/companies/$co" --data "csrf=$csrf&name=Bakkerij+Hernoemd&kvk=11112222&sector=C&fte=20"
expect_eq "an update without its audit entry is refused" 503 "$STATUS"
expect_eq "… and the name is unchanged" "Bakkerij Eerst" "$(psql_q "SELECT name FROM companies WHERE id = $co")"

refuse nothing
http POST /companies --data "csrf=$csrf&name=Tweede+Bakkerij&kvk=11112222&sector=C&fte=20"
expect_eq "a taken KvK number is a form error" 400 "$STATUS"
expect_contains "… shown next to the field, on a page that still rendered" 'id="e-kvk"' "$BODY"
http POST "/companies/$co" --data "csrf=$csrf&name=Bakkerij+Hernoemd&kvk=11112222&sector=C&fte=20"
expect_eq "with audit working again the update is kept" 303 "$STATUS"
expect_eq "… with its entry" 1 "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'company_updated' AND object_id = $co")"

# the owner's link: an answer without its audit entry is not kept
http POST "/companies/$co/scans" --data "csrf=$csrf"
token=$(sed -n 's/.*\/s\/\([A-Za-z0-9_-]\{20,\}\).*/\1/p' "$WORK/body" | head -n 1)
if [ -n "$token" ]; then
  use_jar owner
  http GET "/s/$token"; ocsrf=$(form_csrf)
  refuse owner_consent
  http POST "/s/$token/consent" --data "csrf=$ocsrf&consent=yes"
  expect_eq "the owner's consent without its audit entry is refused" 503 "$STATUS"
  expect_eq "… and not stored" "f" "$(psql_q "SELECT consent_at IS NOT NULL FROM scans WHERE company_id = $co ORDER BY id DESC LIMIT 1")"
  refuse nothing
  http POST "/s/$token/consent" --data "csrf=$ocsrf&consent=yes"
  expect_eq "with audit working the consent is kept" 303 "$STATUS"
  expect_eq "… stored with its entry" "t 1" "$(psql_q "SELECT (consent_at IS NOT NULL)::text || ' ' || (SELECT count(*) FROM audit_log WHERE action = 'owner_consent') FROM scans WHERE company_id = $co ORDER BY id DESC LIMIT 1" | sed 's/^true/t/;s/^false/f/')"
else
  not_ok "an invitation link for the owner test"
fi

# a public form posted from another site is refused; from our own pages it works
use_jar x
http_login -H "Sec-Fetch-Site: cross-site" --data "email=adv1%40a.example&password=$PW"
expect_eq "a cross-site login post is refused" 403 "$STATUS"
http_login -H "Origin: https://evil.example" --data "email=adv1%40a.example&password=$PW"
expect_eq "a login post with another Origin is refused" 403 "$STATUS"
http_login -H "Sec-Fetch-Site: same-origin" -H "Origin: null" --data "email=adv1%40a.example&password=$PW"
expect_eq "a same-origin login post works (Origin null under no-referrer)" 303 "$STATUS"

finish
