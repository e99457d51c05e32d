#!/usr/bin/env bash
# The office: accounts and roles — set-password links, password rules, user
# management by admins, disabled users, session expiry, CSRF, login throttling.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/office_lib.sh"
new_db
setup_orgs
start_server || exit 1

# --- fphc user add ---
out=$("$FPHC_BIN" user add --org demo --email new1@a.example --role advisor --name "Nieuwe Adviseur")
expect_contains "user add prints a set-password link" "/password/" "$out"
tok=$(echo "$out" | sed -n 's|.*/password/\([A-Za-z0-9_-]*\)$|\1|p')
expect_eq "the token is stored only as its hash" 1 "$(psql_q "SELECT count(*) FROM password_tokens WHERE token_hash = encode(sha256('$tok'), 'hex')")"
expect_eq "the link is valid for 7 days" 7 "$(psql_q "SELECT round(extract(epoch FROM expires_at - created_at) / 86400) FROM password_tokens WHERE token_hash = encode(sha256('$tok'), 'hex')")"
printf 'wachtwoord2024!\n' | "$FPHC_BIN" user add --org demo --email weak@a.example --role advisor --password-stdin >/dev/null 2>&1
expect_eq "user add refuses a common password from stdin" 1 "$?"
"$FPHC_BIN" user add --org demo --email r2@a.example --role researcher >/dev/null 2>&1
expect_eq "user add refuses a researcher in an association" 1 "$?"
"$FPHC_BIN" user add --org demo --email x@a.example --role boss >/dev/null 2>&1
expect_eq "user add refuses an unknown role" 2 "$?"

# --- the set-password page ---
use_jar new1
http GET "/password/$tok";  expect_eq "set-password link opens" 200 "$STATUS"
expect_contains "the page shows whose account it is" "new1@a.example" "$BODY"
http POST "/password/$tok" --data-urlencode "password=kort" --data-urlencode "password2=kort"
expect_eq "a short password is refused" 400 "$STATUS"
expect_contains "the message says why (length)" "minstens 12 tekens" "$BODY"
http POST "/password/$tok" --data-urlencode "password=Welkom12345!" --data-urlencode "password2=Welkom12345!"
expect_eq "a common password is refused" 400 "$STATUS"
expect_contains "the message says it is too common" "te vaak gebruikt" "$BODY"
http POST "/password/$tok" --data-urlencode "password=qwertyuiop123" --data-urlencode "password2=qwertyuiop123"
expect_eq "a listed password is refused" 400 "$STATUS"
http POST "/password/$tok" --data-urlencode "password=paars fietsje onder de brug" --data-urlencode "password2=anders"
expect_eq "two different passwords are refused" 400 "$STATUS"
expect_contains "mismatch explained next to the field" "niet hetzelfde" "$BODY"
http POST "/password/$tok" --data-urlencode "password=paars fietsje onder de brug" --data-urlencode "password2=paars fietsje onder de brug"
expect_eq "a good password is set and logs in" 303 "$STATUS"
http GET /app;              expect_eq "the new user is logged in" 200 "$STATUS"
http GET "/password/$tok";  expect_eq "a used link no longer works" 404 "$STATUS"
http GET "/password/AAAAAAAAAAAAAAAAAAAAAA"; expect_eq "an unknown link is 404" 404 "$STATUS"

# --- admins manage users ---
use_jar admin1
login admin1@a.example "$PW";  expect_eq "admin logs in" 303 "$STATUS"
http GET /admin/users;      expect_eq "admin sees the users page" 200 "$STATUS"
expect_contains "the list shows the association's users" "adv1@a.example" "$BODY"
expect_not_contains "the list does not show another association's users" "adv2@b.example" "$BODY"
csrf=$(form_csrf)
http POST /admin/users --data "email=invited@a.example&name=Ina&role=advisor"
expect_eq "invite without CSRF token is 403" 403 "$STATUS"
http POST /admin/users --data "csrf=wrong&email=invited@a.example&name=Ina&role=advisor"
expect_eq "invite with a wrong CSRF token is 403" 403 "$STATUS"
http POST /admin/users --data "csrf=$csrf&email=Invited@A.example&name=Ina&role=advisor"
expect_eq "admin invites a user" 200 "$STATUS"
expect_contains "the set-password link is shown once" "/password/" "$BODY"
http POST /admin/users --data "csrf=$csrf&email=invited@a.example&name=Ina&role=advisor"
expect_eq "inviting the same address again is refused" 400 "$STATUS"
expect_contains "duplicate address explained" "al een account" "$BODY"
http POST /admin/users --data "csrf=$csrf&email=not-an-address&role=advisor"
expect_eq "an invalid address is refused" 400 "$STATUS"
http POST /admin/users --data "csrf=$csrf&email=r3@a.example&role=researcher"
expect_eq "an admin cannot make researchers" 400 "$STATUS"

adv1=$(psql_q "SELECT id FROM users WHERE email = 'adv1@a.example'")
adv2=$(psql_q "SELECT id FROM users WHERE email = 'adv2@b.example'")
use_jar adv1
login adv1@a.example "$PW";    expect_eq "advisor logs in" 303 "$STATUS"
http GET /app;              expect_eq "advisor sees the dashboard" 200 "$STATUS"
http GET /admin;            expect_eq "advisor cannot open settings (404)" 404 "$STATUS"
http GET /admin/users;      expect_eq "advisor cannot open user management (404)" 404 "$STATUS"
use_jar admin1
http POST "/admin/users/$adv2/disable" --data "csrf=$csrf"
expect_eq "disabling another association's user is 404" 404 "$STATUS"
expect_eq "the attempt is in the audit log" 1 "$(audit_count denied user)"
expect_eq "the other association's user is untouched" f "$(psql_q "SELECT disabled FROM users WHERE id = $adv2")"
http POST "/admin/users/$adv1/disable" --data "csrf=$csrf"; expect_eq "admin disables the advisor" 303 "$STATUS"
use_jar adv1
http GET /app;              expect_eq "a disabled user's session stops working" 303 "$STATUS"
login adv1@a.example "$PW";    expect_eq "a disabled user cannot log in" 401 "$STATUS"
use_jar admin1
http POST "/admin/users/$adv1/enable" --data "csrf=$csrf"; expect_eq "admin enables the advisor" 303 "$STATUS"
use_jar adv1
login adv1@a.example "$PW";    expect_eq "an enabled user can log in again" 303 "$STATUS"
use_jar admin1
http POST "/admin/users/$adv1/reset" --data "csrf=$csrf"; expect_eq "admin resets a user" 200 "$STATUS"
rtok=$(echo "$BODY" | sed -n 's|.*/password/\([A-Za-z0-9_-]\{22\}\)".*|\1|p' | head -1)
expect_eq "the reset shows a fresh link" 22 "${#rtok}"
http GET "/password/$rtok"; expect_eq "the reset link works" 200 "$STATUS"
me=$(psql_q "SELECT id FROM users WHERE email = 'admin1@a.example'")
http POST "/admin/users/$me/disable" --data "csrf=$csrf"
expect_eq "admins cannot disable themselves" f "$(psql_q "SELECT disabled FROM users WHERE id = $me")"

# --- change password ---
use_jar adv1
http GET /account; csrf1=$(form_csrf)
expect_eq "account page opens" 200 "$STATUS"
http POST /account/password --data-urlencode "csrf=$csrf1" --data-urlencode "current=wrong" --data-urlencode "password=een andere lange zin 7" --data-urlencode "password2=een andere lange zin 7"
expect_eq "a wrong current password is refused" 400 "$STATUS"
http POST /account/password --data-urlencode "csrf=$csrf1" --data-urlencode "current=$PW" --data-urlencode "password=passwordpassword" --data-urlencode "password2=passwordpassword"
expect_eq "a common new password is refused" 400 "$STATUS"
use_jar adv1b
login adv1@a.example "$PW"
use_jar adv1
http POST /account/password --data-urlencode "current=$PW" --data-urlencode "password=een andere lange zin 7" --data-urlencode "password2=een andere lange zin 7"
expect_eq "change password without CSRF is 403" 403 "$STATUS"
http POST /account/password --data-urlencode "csrf=$csrf1" --data-urlencode "current=$PW" --data-urlencode "password=een andere lange zin 7" --data-urlencode "password2=een andere lange zin 7"
expect_eq "the password is changed" 303 "$STATUS"
http GET /app;              expect_eq "the session that changed it stays" 200 "$STATUS"
use_jar adv1b
http GET /app;              expect_eq "other sessions of the user end" 303 "$STATUS"
login adv1@a.example "een andere lange zin 7"; expect_eq "the new password works" 303 "$STATUS"

# --- session expiry ---
use_jar adv1
psql_q "UPDATE sessions SET last_seen_at = now() - interval '8 hours 1 minute' WHERE user_id = $adv1" >/dev/null
http GET /app;              expect_eq "a session idle for 8 hours has expired" 303 "$STATUS"
expect_contains "expiry sends to the login page" "Location: /login" "$HEADERS"
use_jar adv1b
psql_q "UPDATE sessions SET created_at = now() - interval '7 days 1 minute' WHERE user_id = $adv1" >/dev/null
http GET /app;              expect_eq "a session older than 7 days has expired" 303 "$STATUS"

# --- researchers ---
use_jar res
login res@r.example "$PW";     expect_eq "researcher logs in" 303 "$STATUS"
http GET /app;              expect_eq "researcher's /app goes to /research" 303 "$STATUS"
expect_contains "redirect target is /research" "Location: /research" "$HEADERS"
cid=$(psql_q "INSERT INTO companies(org_id, name, sector) SELECT id, 'Res Test', 'C' FROM organisations WHERE slug = 'demo' RETURNING id" | head -1)
http GET "/companies/$cid"; expect_eq "researcher opens a company page → 404" 404 "$STATUS"
http GET /companies;        expect_eq "researcher opens the company list → 404" 404 "$STATUS"
http GET /account;          expect_eq "researcher has an account page" 200 "$STATUS"

# --- login throttling ---
new_user demo lock@a.example advisor "$PW"
use_jar lock
for i in 1 2 3 4 5; do login lock@a.example wrong-password; done
expect_eq "fifth failed login is still 401" 401 "$STATUS"
login lock@a.example "$PW"
expect_eq "after 5 failures the account is locked (429)" 429 "$STATUS"
expect_contains "locked message" "Te veel mislukte pogingen" "$BODY"
psql_q "UPDATE users SET locked_until = now() - interval '1 second' WHERE email = 'lock@a.example'" >/dev/null
login lock@a.example "$PW";    expect_eq "after the lock ends the right password works" 303 "$STATUS"
for i in $(seq 1 20); do login nobody@a.example wrong; done
expect_eq "more than 20 attempts from one address are throttled (429)" 429 "$STATUS"
expect_eq "throttled attempts are audited" t "$(psql_q "SELECT count(*) > 0 FROM audit_log WHERE action = 'login_throttled'")"

