#!/usr/bin/env bash
# The office: accounts and roles — set-password links, password rules, user
# management by admins, disabled users, session expiry, CSRF, login throttling.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/office_lib.sh"
start_office_server || exit 1

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
# an address another association uses: no sign of that; this association gets its own account
http POST /admin/users --data "csrf=$csrf&email=adv2@b.example&name=Twee&role=advisor"
expect_eq "inviting an address used by another association works like any other" 200 "$STATUS"
expect_not_contains "… without saying the address has an account elsewhere" "al een account" "$BODY"
xtok=$(echo "$BODY" | sed -n 's|.*/password/\([A-Za-z0-9_-]\{22\}\)".*|\1|p' | head -1)
use_jar twin
http POST "/password/$xtok" --data-urlencode "password=een heel ander wachtwoord 3" --data-urlencode "password2=een heel ander wachtwoord 3"
expect_eq "the invited person sets a password for this association's account" 303 "$STATUS"
login adv2@b.example "een heel ander wachtwoord 3"; expect_eq "that password logs in" 303 "$STATUS"
expect_eq "… to this association's account" t \
  "$(psql_q "SELECT last_login_at IS NOT NULL FROM users u JOIN organisations o ON o.id = u.org_id WHERE u.email = 'adv2@b.example' AND o.slug = 'demo'")"
login adv2@b.example "$PW"; expect_eq "the other association's password still logs in" 303 "$STATUS"
expect_eq "… to that association's account" t \
  "$(psql_q "SELECT last_login_at IS NOT NULL FROM users u JOIN organisations o ON o.id = u.org_id WHERE u.email = 'adv2@b.example' AND o.slug = 'other'")"
use_jar admin1

adv1=$(psql_q "SELECT id FROM users WHERE email = 'adv1@a.example'")
adv2=$(psql_q "SELECT u.id FROM users u JOIN organisations o ON o.id = u.org_id WHERE u.email = 'adv2@b.example' AND o.slug = 'other'")
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

# --- login throttling (failures only; unknown and locked accounts alike; delays, never a permanent lock) ---
retry_after() { echo "$HEADERS" | tr -d '\r' | sed -n 's/^Retry-After: *//Ip' | head -n 1; }
new_user demo lock@a.example advisor "$PW"
use_jar lock
clear_address() { psql_q "DELETE FROM login_throttle WHERE key LIKE 'address:%'" >/dev/null; }
clear_address
for i in $(seq 1 21); do login lock@a.example "$PW"; done
expect_eq "21 correct logins in a row from one address all work (successes do not count)" 303 "$STATUS"
for i in 1 2 3 4; do login lock@a.example wrong-password; done
expect_eq "four failures: still 401" 401 "$STATUS"
login lock@a.example wrong-password
expect_eq "the fifth failure is 401 too" 401 "$STATUS"
login lock@a.example "$PW"
expect_eq "then the account waits: 429 even with the right password" 429 "$STATUS"
expect_eq "the wait is said in Retry-After (30 s after the fifth failure)" 30 "$(retry_after)"
expect_contains "the message says the real wait" "Probeer het over 30 seconden opnieuw" "$BODY"
clear_address
for i in 1 2 3 4 5; do login ghost@a.example wrong-password; done
login ghost@a.example wrong-password
ghost_status=$STATUS; ghost_retry=$(retry_after); ghost_body=$BODY
expect_eq "an unknown account answers the same 429 after five failures" 429 "$ghost_status"
expect_eq "… with the same Retry-After" 30 "$ghost_retry"
expect_contains "… and the same message" "Probeer het over 30 seconden opnieuw" "$ghost_body"
psql_q "UPDATE login_throttle SET blocked_until = now() - interval '1 second' WHERE key = 'account:lock@a.example'" >/dev/null
login lock@a.example "$PW";    expect_eq "after the wait the right password works" 303 "$STATUS"
expect_eq "a correct login forgets the account's failures" 0 "$(psql_q "SELECT count(*) FROM login_throttle WHERE key = 'account:lock@a.example'")"
# one wrong try each time the wait ends: the waits grow, but never past 15 minutes, and the owner gets in between
for i in $(seq 1 12); do
  login lock@a.example wrong-password
  psql_q "UPDATE login_throttle SET blocked_until = now() - interval '1 second' WHERE key = 'account:lock@a.example'" >/dev/null
  clear_address
done
login lock@a.example wrong-password
expect_eq "the wait after many failures is 15 minutes, not forever" 900 "$(psql_q "SELECT round(extract(epoch FROM blocked_until - now()) / 60) * 60 FROM login_throttle WHERE key = 'account:lock@a.example'")"
psql_q "UPDATE login_throttle SET blocked_until = now() - interval '1 second' WHERE key = 'account:lock@a.example'" >/dev/null
login lock@a.example "$PW";    expect_eq "a correct password after the wait still works after 13 failures" 303 "$STATUS"
# the address: 20 failures in 10 minutes (on different account names), then 429 for the rest of the window
clear_address
for i in $(seq 1 20); do login "nobody$i@a.example" wrong; done
expect_eq "the 20th failure from one address is still 401" 401 "$STATUS"
login adv1@a.example "een andere lange zin 7"
expect_eq "then the address waits, even for a correct login (429)" 429 "$STATUS"
ra=$(retry_after)
expect_eq "its Retry-After is the rest of the 10 minutes" t "$([ "${ra:-0}" -gt 540 ] && [ "${ra:-0}" -le 600 ] && echo t || echo f)"
expect_contains "the message says minutes" "Probeer het over 10 minuten opnieuw" "$BODY"
expect_eq "throttled attempts are audited" t "$(psql_q "SELECT count(*) > 0 FROM audit_log WHERE action = 'login_throttled'")"

