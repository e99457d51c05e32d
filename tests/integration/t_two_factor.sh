#!/usr/bin/env bash
# Two-factor sign-in (TOTP, RFC 6238) with recovery codes: set-up on "Mijn
# account", the second login step (no session before the code, wrong and
# reused codes refused, recovery codes once, throttled like passwords), turning
# it off, and the association's "required" setting. Codes are computed with
# oathtool, an implementation independent of the server's liboath use.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/office_lib.sh"
command -v oathtool >/dev/null || { echo "# oathtool is missing (scripts/deps.sh test installs it)"; not_ok "oathtool available"; exit 1; }
new_db
setup_orgs
start_server || exit 1

location() { echo "$HEADERS" | sed -n 's/^Location: \(.*\)\r$/\1/p'; }
has_session_cookie() { echo "$HEADERS" | grep -q '^Set-Cookie: fphc_sid=[A-Za-z0-9_-]\{43\};'; }
# code_post CODE: the second login step with the page's own CSRF token
code_post() {
  http GET /login/code
  local c; c=$(form_csrf)
  http POST /login/code --data-urlencode "csrf=$c" --data-urlencode "code=$1"
}
totp() { oathtool --totp -b "$SECRET" "$@"; }
# a six-digit code that is none of the codes of the window around now
wrong_code() {
  local c=123456 ok=0
  while [ $ok = 0 ]; do
    ok=1
    for o in -60 -30 0 30 60; do [ "$c" = "$(totp -N "now $o seconds")" ] && ok=0; done
    [ $ok = 0 ] && c=$(printf '%06d' $(( (10#$c + 7919) % 1000000 )))
  done
  echo "$c"
}

# --- set-up on Mijn account ---
use_jar adv
login adv1@a.example "$PW"; expect_eq "advisor logs in with a password only" 303 "$STATUS"
http GET /account; expect_contains "Mijn account says two-factor is off" "Tweestapsverificatie staat uit" "$BODY"
http GET /account/two-factor; expect_eq "the two-factor page opens" 200 "$STATUS"
csrf=$(form_csrf)
http POST /account/two-factor/start --data "csrf=wrong"; expect_eq "starting needs the CSRF token" 403 "$STATUS"
http POST /account/two-factor/start --data "csrf=$csrf"; expect_eq "set-up starts" 200 "$STATUS"
SECRET=$(echo "$BODY" | sed -n 's/.*<code class="secret" id="secret">\([A-Z2-7 ]*\)<\/code>.*/\1/p' | tr -d ' ')
expect_eq "the secret is shown as 32 base32 characters" 32 "${#SECRET}"
expect_contains "the secret is shown in groups of four" "${SECRET:0:4} ${SECRET:4:4}" "$BODY"
expect_contains "an otpauth:// link is offered" "otpauth://totp/FPHC:adv1%40a.example" "$BODY"
expect_contains "the link carries the secret" "secret=$SECRET&amp;issuer=FPHC" "$BODY"
expect_eq "not on before it is confirmed" 1 "$(psql_q "SELECT count(*) FROM user_two_factor t JOIN users u ON u.id = t.user_id WHERE u.email = 'adv1@a.example' AND t.enabled_at IS NULL")"
expect_eq "the secret is stored sealed (nonce + MAC + 20 bytes)" 60 "$(psql_q "SELECT octet_length(secret_box) FROM user_two_factor")"
hexsecret=$(python3 -c "import base64,sys; print(base64.b32decode(sys.argv[1]).hex())" "$SECRET")
expect_eq "the plain secret is not in the table" 0 "$(psql_q "SELECT count(*) FROM user_two_factor WHERE position('\\x$hexsecret'::bytea IN secret_box) > 0")"
http GET /app; expect_eq "a started set-up does not change logging in (still logged in)" 200 "$STATUS"

http GET /account/two-factor; csrf=$(form_csrf)
http POST /account/two-factor/confirm --data "csrf=$csrf" --data-urlencode "code=$(wrong_code)"
expect_eq "a wrong code does not switch it on" 400 "$STATUS"
expect_contains "the wrong code is explained" "Deze code klopt niet" "$BODY"
expect_contains "the same secret is shown again" "${SECRET:0:4} ${SECRET:4:4}" "$BODY"
http POST /account/two-factor/confirm --data "csrf=$csrf" --data-urlencode "code=$(totp)"
expect_eq "the current code switches it on" 200 "$STATUS"
expect_contains "the recovery codes are shown" "Uw herstelcodes" "$BODY"
mapfile -t CODES < <(echo "$BODY" | grep -o '<li><code>[0-9a-z]\{4\}-[0-9a-z]\{4\}-[0-9a-z]\{4\}</code></li>' | sed 's/<[^>]*>//g')
expect_eq "ten recovery codes" 10 "${#CODES[@]}"
expect_eq "ten recovery codes stored" 10 "$(psql_q "SELECT count(*) FROM user_recovery_codes WHERE used_at IS NULL")"
expect_eq "recovery codes are stored only hashed" 0 "$(psql_q "SELECT count(*) FROM user_recovery_codes WHERE code_hash LIKE '%${CODES[0]:0:4}%${CODES[0]:5:4}%'")"
expect_eq "audit: two-factor turned on" 1 "$(audit_count two_factor_on user)"
http GET /account; expect_contains "Mijn account says two-factor is on" "Tweestapsverificatie staat aan" "$BODY"
check "the secret is not in the server log" bash -c "! grep -q '$SECRET' '$WORK/server.log'"
check "no recovery code is in the server log" bash -c "! grep -q '${CODES[0]}' '$WORK/server.log'"
http POST /account/two-factor/start --data "csrf=$csrf"; expect_eq "starting again while on changes nothing" 303 "$STATUS"

# --- the second login step ---
use_jar adv2step
sessions_before=$(psql_q "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = 'adv1@a.example'")
login adv1@a.example "$PW"
expect_eq "the right password leads to the code step" 303 "$STATUS"
expect_eq "... at /login/code" "/login/code" "$(location)"
check "no session cookie before the code" bash -c "! echo \"\$0\" | grep -q '^Set-Cookie: fphc_sid=[A-Za-z0-9_-]'" "$HEADERS"
expect_eq "no session row before the code" "$sessions_before" "$(psql_q "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = 'adv1@a.example'")"
http GET /app; expect_eq "without the code the office is closed" 303 "$STATUS"
expect_contains "... and sends to the login" "/login" "$(location)"
http GET /login/code; expect_eq "the code page opens" 200 "$STATUS"
expect_contains "the code page has a CSRF token" 'name="csrf"' "$BODY"
http POST /login/code --data-urlencode "code=$(totp -N 'now + 30 seconds')"
expect_eq "the code step without its CSRF token is refused" 403 "$STATUS"
http POST /login/code --data "csrf=x" --data-urlencode "code=$(totp -N 'now + 30 seconds')" -H "Sec-Fetch-Site: cross-site"
expect_eq "a cross-site post of the code is refused" 403 "$STATUS"
code_post "$(wrong_code)"; expect_eq "a wrong code is refused" 401 "$STATUS"
expect_contains "the wrong code is explained" "klopt niet" "$BODY"
expect_eq "audit: wrong code" 1 "$(audit_count login_code_failed user)"
# the set-up used the current step; the next step's code is within the drift allowed
NEXT=$(totp -N 'now + 30 seconds')
code_post "$NEXT"; expect_eq "the right code logs in" 303 "$STATUS"
expect_eq "... to where the login was going" "/app" "$(location)"
check "a session cookie comes with the code" has_session_cookie
http GET /app; expect_eq "logged in after the code" 200 "$STATUS"
cp "$WORK/cookies" "$WORK/jar.adv_session"

use_jar reuse
login adv1@a.example "$PW"; expect_eq "password again" 303 "$STATUS"
code_post "$NEXT"; expect_eq "the same code a second time is refused" 401 "$STATUS"
http GET /app; expect_eq "no session after a reused code" 303 "$STATUS"
code_post "${CODES[0]}"; expect_eq "a recovery code logs in" 303 "$STATUS"
http GET /app; expect_eq "logged in with a recovery code" 200 "$STATUS"
expect_eq "audit: recovery code used" 1 "$(audit_count two_factor_recovery_used user)"
expect_eq "nine recovery codes left" 9 "$(psql_q "SELECT count(*) FROM user_recovery_codes WHERE used_at IS NULL")"
use_jar reuse2
login adv1@a.example "$PW"
code_post "${CODES[0]^^}"; expect_eq "a used recovery code is refused (in capitals too)" 401 "$STATUS"
code_post "$(echo "${CODES[1]}" | tr -d -)"; expect_eq "a recovery code without dashes works" 303 "$STATUS"

use_jar late
login adv1@a.example "$PW"
psql_q "UPDATE login_pending SET created_at = now() - interval '10 minutes'" >/dev/null
http GET /login/code; expect_eq "a code step left open too long goes back to the login" 303 "$STATUS"
expect_contains "... with a message" "code_expired" "$(location)"

# --- throttling of the second step, as for passwords ---
use_jar throttle
psql_q "DELETE FROM login_throttle" >/dev/null
login adv1@a.example "$PW"
for i in 1 2 3 4; do code_post "$(wrong_code)"; done
expect_eq "four wrong codes are answered 401" 401 "$STATUS"
code_post "$(wrong_code)"; expect_eq "the fifth wrong code still 401" 401 "$STATUS"
code_post "$(totp -N 'now + 30 seconds')"
expect_eq "then even a right code waits: 429" 429 "$STATUS"
expect_contains "with Retry-After" "Retry-After: " "$HEADERS"
expect_contains "the wait is explained" "Te veel mislukte pogingen" "$BODY"
use_jar throttle_pw
login adv1@a.example "$PW"; expect_eq "the password step of the same account waits too" 429 "$STATUS"
psql_q "DELETE FROM login_throttle" >/dev/null

# --- new recovery codes and turning off, on a session ---
use_jar adv_session
http GET /account/two-factor; expect_contains "the page shows how many codes are left" "Ongebruikte herstelcodes" "$BODY"
csrf=$(form_csrf)
psql_q "UPDATE user_two_factor SET last_step = NULL" >/dev/null   # the codes above used this step already
http POST /account/two-factor/codes --data "csrf=$csrf" --data-urlencode "current=fout wachtwoord" --data-urlencode "code=$(totp)"
expect_eq "new codes need the right password" 400 "$STATUS"
http POST /account/two-factor/codes --data "csrf=$csrf" --data-urlencode "current=$PW" --data-urlencode "code=${CODES[2]}"
expect_eq "new codes need a code from the app, not a recovery code" 400 "$STATUS"
http POST /account/two-factor/codes --data "csrf=$csrf" --data-urlencode "current=$PW" --data-urlencode "code=$(totp)"
expect_eq "new recovery codes" 200 "$STATUS"
mapfile -t NEWCODES < <(echo "$BODY" | grep -o '<li><code>[0-9a-z]\{4\}-[0-9a-z]\{4\}-[0-9a-z]\{4\}</code></li>' | sed 's/<[^>]*>//g')
expect_eq "ten new codes" 10 "${#NEWCODES[@]}"
expect_eq "audit: codes renewed" 1 "$(audit_count two_factor_codes_renewed user)"
use_jar oldcode
login adv1@a.example "$PW"
code_post "${CODES[3]}"; expect_eq "an old recovery code no longer works" 401 "$STATUS"
use_jar adv_session
http POST /account/two-factor/off --data "csrf=$csrf" --data-urlencode "current=$PW" --data-urlencode "code=$(wrong_code)"
expect_eq "turning off needs a right code" 400 "$STATUS"
http POST /account/two-factor/off --data "csrf=$csrf" --data-urlencode "current=$PW" --data-urlencode "code=${NEWCODES[0]}"
expect_eq "turned off with password and a recovery code" 303 "$STATUS"
expect_eq "audit: two-factor turned off" 1 "$(audit_count two_factor_off user)"
expect_eq "secret and codes are deleted" "0|0" "$(psql_q "SELECT (SELECT count(*) FROM user_two_factor), (SELECT count(*) FROM user_recovery_codes)")"
use_jar after_off
login adv1@a.example "$PW"; expect_eq "after turning off the password is enough again" "/app" "$(location)"

# --- the association requires two-factor ---
use_jar admin
login admin1@a.example "$PW"; expect_eq "admin logs in" 303 "$STATUS"
http GET /admin; expect_contains "the setting is on the settings page" "Tweestapsverificatie verplicht" "$BODY"
csrfa=$(form_csrf)
save_settings() {
  http POST /admin/settings --data-urlencode "csrf=$csrfa" --data-urlencode "name=Demo Vereniging" \
    --data-urlencode "retention_years=7" --data-urlencode "invitation_subject=Uitnodiging" \
    --data-urlencode "invitation_template=Vul de scan in: {link}" "$@"
}
save_settings --data "two_factor_required=1"; expect_eq "admin requires two-factor" 303 "$STATUS"
expect_eq "stored" t "$(psql_q "SELECT two_factor_required FROM organisations WHERE slug = 'demo'")"
expect_eq "other associations are not affected" f "$(psql_q "SELECT two_factor_required FROM organisations WHERE slug = 'other'")"
expect_eq "audit: admin required it" 1 "$(audit_count two_factor_required_on organisation)"
http GET /admin/users; expect_eq "the admin without two-factor is now sent to set it up" "/account/two-factor" "$(location)"

use_jar forced
login adv1@a.example "$PW"; expect_eq "staff without two-factor log in" 303 "$STATUS"
http GET /app; expect_eq "... and are sent to set it up" 303 "$STATUS"
expect_eq "... at the two-factor page" "/account/two-factor" "$(location)"
http GET /companies; expect_eq "every other page sends there too" "/account/two-factor" "$(location)"
http GET /account/two-factor; expect_eq "the set-up page opens" 200 "$STATUS"
expect_contains "it says the association requires it" "Uw organisatie vraagt tweestapsverificatie" "$BODY"
csrf=$(form_csrf)
http POST /companies --data "csrf=$csrf&name=Nieuw+BV"; expect_eq "changes elsewhere are refused" 403 "$STATUS"
http POST /account/two-factor/start --data "csrf=$csrf"; expect_eq "set-up may start" 200 "$STATUS"
SECRET=$(echo "$BODY" | sed -n 's/.*<code class="secret" id="secret">\([A-Z2-7 ]*\)<\/code>.*/\1/p' | tr -d ' ')
http POST /account/two-factor/confirm --data "csrf=$csrf" --data-urlencode "code=$(totp)"
expect_eq "set-up confirmed" 200 "$STATUS"
http GET /app; expect_eq "then the office opens" 200 "$STATUS"
use_jar res
psql_owner "UPDATE organisations SET research_org_id = NULL, share_research = false WHERE slug = 'other'" >/dev/null
psql_owner "UPDATE organisations SET research_org_id = (SELECT id FROM organisations WHERE slug = 'onderzoek'), share_research = false WHERE slug = 'demo'" >/dev/null
login res@r.example "$PW"; http GET /research; expect_eq "researchers of a research group the association does not share with are not affected" 200 "$STATUS"
psql_owner "UPDATE organisations SET share_research = true WHERE slug = 'demo'" >/dev/null
http GET /research; expect_eq "researchers who see the association's data must set it up too" "/account/two-factor" "$(location)"

use_jar admin
http GET /account/two-factor; csrf=$(form_csrf)
http POST /logout --data "csrf=$csrf"; expect_eq "a user sent to the set-up may log out" 303 "$STATUS"
use_jar admin2
login admin1@a.example "$PW"; http GET /account/two-factor; csrfa=$(form_csrf)
save_settings; expect_eq "settings cannot be saved before the admin's own set-up" 403 "$STATUS"

# --- admins help a user who lost phone and codes; a set-password link is not a way around the code ---
http POST /account/two-factor/start --data "csrf=$csrfa"; expect_eq "the admin starts the set-up" 200 "$STATUS"
SECRET=$(echo "$BODY" | sed -n 's/.*<code class="secret" id="secret">\([A-Z2-7 ]*\)<\/code>.*/\1/p' | tr -d ' ')
http POST /account/two-factor/confirm --data "csrf=$csrfa" --data-urlencode "code=$(totp)"
expect_eq "the admin's set-up is confirmed" 200 "$STATUS"
save_settings --data "two_factor_required=1"; expect_eq "then the settings save again" 303 "$STATUS"
expect_eq "saving the same choice writes no second 'required' entry" 1 "$(audit_count two_factor_required_on organisation)"
http GET /admin/users; expect_eq "the users page opens" 200 "$STATUS"
expect_contains "the list shows who has two-factor on" "Tweestapsverificatie aan" "$BODY"
adv_id=$(psql_q "SELECT id FROM users WHERE email = 'adv1@a.example'")
http POST "/admin/users/$adv_id/reset" --data "csrf=$csrfa"; expect_eq "the admin makes a set-password link" 200 "$STATUS"
tok=$(echo "$BODY" | grep -o '/password/[A-Za-z0-9_-]\{22\}' | head -n 1 | cut -d/ -f3)
use_jar link
http POST "/password/$tok" --data-urlencode "password=een heel nieuw wachtwoord 77" --data-urlencode "password2=een heel nieuw wachtwoord 77"
expect_eq "the link sets the password" 303 "$STATUS"
expect_eq "... but with two-factor on it sends to the login instead of logging in" "/login?msg=password_set" "$(location)"
check "... and sets no session cookie" bash -c "! echo \"\$0\" | grep -q '^Set-Cookie: fphc_sid=[A-Za-z0-9_-]'" "$HEADERS"
http GET /app; expect_eq "not logged in by the link" 303 "$STATUS"
use_jar admin2
http POST "/admin/users/$adv_id/two-factor-off" --data "csrf=$csrfa"; expect_eq "the admin turns the user's two-factor off" 303 "$STATUS"
expect_eq "audit: turned off by the admin" 1 "$(audit_count two_factor_reset user)"
expect_eq "the user's secret is gone" 0 "$(psql_q "SELECT count(*) FROM user_two_factor WHERE user_id = $adv_id")"
own_id=$(psql_q "SELECT id FROM users WHERE email = 'admin1@a.example'")
http POST "/admin/users/$own_id/two-factor-off" --data "csrf=$csrfa"; expect_contains "an admin cannot do this to their own account" "not_self" "$(location)"
expect_eq "the admin's own two-factor stays on" 1 "$(psql_q "SELECT count(*) FROM user_two_factor WHERE user_id = $own_id AND enabled_at IS NOT NULL")"
use_jar after_reset
login adv1@a.example "een heel nieuw wachtwoord 77"; expect_eq "the user logs in with the password only" 303 "$STATUS"
http GET /app; expect_eq "... and is sent to set it up again (still required)" "/account/two-factor" "$(location)"
