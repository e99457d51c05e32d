#!/usr/bin/env bash
# Security hardening (issue 9): least-privilege database role, security headers on
# every kind of response, native HTTPS with HSTS, X-Forwarded-For only from trusted
# proxies, slow clients and the per-address connection limit, and no secrets in logs.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/respondent_lib.sh"
. "$(dirname "$0")/office_lib.sh"
start_demo_server || exit 1
apw=$(demo_password admin@demo.example)

# --- the server runs as fphc_app, which cannot rewrite history or the schema ---
http GET /readyz
expect_eq "the server's database connections use the role fphc_app" "fphc_app" \
  "$(psql_owner "SELECT string_agg(DISTINCT usename, ',') FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")"
app_sql() { psql "$DATABASE_URL" -qtAX -v ON_ERROR_STOP=1 -c "$1" 2>&1; }
psql_q "INSERT INTO audit_log(action) VALUES ('test_entry')" >/dev/null
expect_eq "fphc_app may append to the audit log" 1 "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'test_entry'")"
expect_contains "fphc_app cannot UPDATE the audit log" "permission denied" "$(app_sql "UPDATE audit_log SET action = 'x'")"
expect_contains "fphc_app cannot DELETE from the audit log" "permission denied" "$(app_sql "DELETE FROM audit_log")"
expect_contains "fphc_app cannot TRUNCATE the audit log" "permission denied" "$(app_sql "TRUNCATE audit_log")"
expect_contains "fphc_app cannot disable the audit trigger" "must be owner" "$(app_sql "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update")"
expect_contains "fphc_app cannot change a table" "must be owner" "$(app_sql "ALTER TABLE companies ADD COLUMN x integer")"
expect_contains "fphc_app cannot drop a table" "must be owner" "$(app_sql "DROP TABLE answers")"
expect_contains "fphc_app cannot create a table" "permission denied" "$(app_sql "CREATE TABLE t (x integer)")"
expect_contains "fphc_app cannot rewrite the migration record" "permission denied" "$(app_sql "UPDATE schema_migrations SET sha256 = 'x'")"
expect_contains "fphc_app cannot replace the installation secrets" "permission denied" "$(app_sql "UPDATE installation SET value = 'x'")"
expect_contains "even the owner cannot update the audit log (trigger)" "append-only" "$(psql "$OWNER_URL" -qtAX -c "UPDATE audit_log SET action = 'x'" 2>&1)"
expect_contains "fphc migrate as fphc_app is refused (no owner rights)" "permission denied" "$("$FPHC_BIN" migrate 2>&1)"

# --- security headers on every kind of response ---
invite "Koppen BV"; tok=$TOKEN
for p in / /login /healthz /static/app.css /does-not-exist /privacy/demo "/s/$tok" /s/AAAAAAAAAAAAAAAAAAAAAA /a%zz; do
  http GET "$p"
  h=$(echo "$HEADERS" | tr -d '\r')
  csp=$(echo "$h" | sed -n 's/^Content-Security-Policy: //p')
  case "$csp" in
    "default-src 'self'"*"frame-ancestors 'none'"*) ;;
    *) not_ok "CSP with default-src 'self' and frame-ancestors 'none' on $p (got '$csp')"; continue ;;
  esac
  case "$csp" in *unsafe-inline*|*unsafe-eval*) not_ok "no inline allowed by the CSP on $p"; continue ;; esac
  echo "$h" | grep -qx 'X-Content-Type-Options: nosniff' || { not_ok "nosniff on $p"; continue; }
  echo "$h" | grep -qx 'Referrer-Policy: no-referrer' || { not_ok "no-referrer on $p"; continue; }
  echo "$h" | grep -q '^Strict-Transport-Security' && { not_ok "no HSTS over plain HTTP on $p"; continue; }
  ok "security headers on $p ($STATUS)"
done
http POST /healthz
expect_contains "security headers on a 405 too" "frame-ancestors 'none'" "$HEADERS"
if grep -rqE '<script>|<script [^s]|style="' "$(dirname "$0")/../../server/templates"; then
  not_ok "no inline scripts or style attributes in templates"
else ok "no inline scripts or style attributes in templates"; fi

# --- no tokens, passwords or session ids in logs or error messages: a full flow ---
use_jar admin
login admin@demo.example "$apw"
sid=$(awk '$6 == "fphc_sid" {print $7}' "$WORK/cookies")
[ -n "$sid" ] && ok "logged in (session cookie set)" || not_ok "logged in (session cookie set)"
# every redirect target passes one check: TAB, CR, LF, backslashes, "//" and schemes
for next in '/%09/evil.example' '/%0d%0a/evil.example' '//evil.example' '/%5cevil.example' '%09//evil.example' 'https://evil.example'; do
  http GET "/lang?to=en&next=$next"
  loc=$(printf '%s' "$HEADERS" | sed -n 's/^Location: \(.*\)\r$/\1/p')
  expect_eq "the language switch does not send next=$next off-site" "/" "$loc"
  use_jar "n$RANDOM"
  http_login --data-urlencode "email=admin@demo.example" --data-urlencode "password=$apw" --data "next=$next"
  loc=$(printf '%s' "$HEADERS" | sed -n 's/^Location: \(.*\)\r$/\1/p')
  expect_eq "the login does not send next=$next off-site" "/app" "$loc"
  use_jar admin
done
use_jar owner
csrf=$(scan_csrf "$tok"); consent "$tok" "$csrf"
autosave "$tok" "$csrf" '{"item":"s01","value":3}'; expect_eq "autosave works" 200 "$STATUS"
http POST "/s/$tok/submit" --data "csrf=$csrf&confirm_no_score=yes"
http GET "/s/$tok/data.json"
http GET "/s/${tok}x"                             # wrong token: the page must not echo it
expect_not_contains "an unknown-link page does not echo the token" "${tok}x" "$BODY"
http_login --data-urlencode "email=admin@demo.example" --data-urlencode "password=Wrong-$apw"
expect_not_contains "a failed login does not echo the password" "Wrong-$apw" "$BODY"
printf 'nieuw wachtwoord voor een test 99\n' | "$FPHC_BIN" user add --org demo --email pw@demo.example --role advisor --password-stdin >/dev/null
use_jar pw; login pw@demo.example 'nieuw wachtwoord voor een test 99'
sleep 0.2
leaks=
for secret in "$tok" "$apw" "$sid" "$csrf" "nieuw wachtwoord voor een test 99" "Wrong-$apw"; do
  grep -qF -- "$secret" "$WORK/server.log" "$WORK/server.out" && leaks="$leaks ${secret:0:6}…"
done
expect_eq "no token, password, CSRF token or session id in the server's logs" "" "$leaks"
expect_eq "no token or password in the audit log's details either" 0 \
  "$(psql_q "SELECT count(*) FROM audit_log WHERE detail::text LIKE '%$tok%' OR detail::text LIKE '%$sid%'")"

# --- login CSRF: the form's token and its cookie must come back together ---
use_jar nocsrf
http POST /login --data-urlencode "email=admin@demo.example" --data-urlencode "password=$apw"
expect_eq "a login post without the form's token is refused" 403 "$STATUS"
expect_contains "… with a fresh form and a message that says what to do" "Vul uw e-mailadres en wachtwoord opnieuw in" "$BODY"
expect_eq "… and no session" "" "$(grep -o 'fphc_sid' "$WORK/cookies")"
tok_other=$(curl -s "$BASE/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
http POST /login --data "csrf=$tok_other" --data-urlencode "email=admin@demo.example" --data-urlencode "password=$apw"
expect_eq "a token from another browser (no matching cookie) is refused" 403 "$STATUS"
http_login --data-urlencode "email=admin@demo.example" --data-urlencode "password=$apw"
expect_eq "with the form's token and cookie the login works" 303 "$STATUS"
use_jar anon

stop_server


# --- X-Forwarded-For only from trusted proxies ---
ip_of_last_failure() { psql_q "SELECT ip FROM audit_log WHERE action = 'login_failed' ORDER BY id DESC LIMIT 1"; }
start_server || exit 1
use_jar anon
http_login -H 'X-Forwarded-For: 203.0.113.7' --data "email=admin@demo.example&password=wrong"
expect_eq "X-Forwarded-For from an untrusted peer is ignored" "127.0.0.1" "$(ip_of_last_failure)"
use_jar proto
http_login -H 'X-Forwarded-Proto: https' --data-urlencode "email=pw@demo.example" --data-urlencode "password=nieuw wachtwoord voor een test 99"
expect_eq "login over plain HTTP works" 303 "$STATUS"
expect_not_contains "X-Forwarded-Proto from an untrusted peer does not make the cookie Secure" "; Secure" "$(echo "$HEADERS" | grep -i '^Set-Cookie')"
use_jar anon
stop_server
FPHC_TRUSTED_PROXIES=127.0.0.1 start_server || exit 1
http_login -H 'X-Forwarded-For: 10.9.9.9, 203.0.113.7' --data "email=admin@demo.example&password=wrong"
expect_eq "from a trusted proxy the last X-Forwarded-For entry is the client" "203.0.113.7" "$(ip_of_last_failure)"
http_login -H 'X-Forwarded-For: not-an-address' --data "email=admin@demo.example&password=wrong"
expect_eq "a malformed X-Forwarded-For falls back to the peer" "127.0.0.1" "$(ip_of_last_failure)"
use_jar proto2
http_login -H 'X-Forwarded-Proto: https' --data-urlencode "email=pw@demo.example" --data-urlencode "password=nieuw wachtwoord voor een test 99"
expect_eq "login behind a trusted TLS proxy works" 303 "$STATUS"
expect_contains "behind a trusted proxy that says https the session cookie is Secure" "; Secure" "$(echo "$HEADERS" | grep -i '^Set-Cookie: fphc_sid')"
expect_contains "… and HSTS is sent" "Strict-Transport-Security" "$HEADERS"
http GET /app -H 'X-Forwarded-Proto: http'
expect_not_contains "a plain-HTTP request through the proxy gets no HSTS" "Strict-Transport-Security" "$HEADERS"
use_jar anon
# the token rate limit is per client address: one forged-looking address is
# limited, another one (through the same trusted proxy) is not
for _ in $(seq 1 11); do http GET /s/BBBBBBBBBBBBBBBBBBBBBB -H 'X-Forwarded-For: 198.51.100.1'; done
expect_eq "unknown-token look-ups are rate-limited per client address" 429 "$STATUS"
http GET /s/BBBBBBBBBBBBBBBBBBBBBB -H 'X-Forwarded-For: 198.51.100.2'
expect_eq "another client behind the proxy is not affected" 404 "$STATUS"
stop_server

# --- slow clients and the per-address connection limit ---
FPHC_CONN_TIMEOUT=2 FPHC_PER_IP_LIMIT=3 start_server || exit 1
port=${BASE##*:}
half_request() {  # opens a connection, sends half a request, waits until the server closes it
  python3 - "$port" "$1" <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nemail=")
t = time.time(); s.settimeout(float(sys.argv[2]))
try:
    data = s.recv(4096)
    print("closed %.1f" % (time.time() - t))
except socket.timeout:
    print("open")
PY
}
r=$(half_request 10)
case "$r" in closed\ [1-4].*) ok "a client that sends half a request is cut off after the timeout ($r s)" ;;
  *) not_ok "a client that sends half a request is cut off after the timeout (got '$r')" ;; esac
python3 - "$port" >"$WORK/limit.out" <<'PY' &
import socket, sys, time
held = [socket.create_connection(("127.0.0.1", int(sys.argv[1]))) for _ in range(3)]
for s in held: s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
print("held", flush=True)
time.sleep(5)
PY
holder=$!
for _ in $(seq 1 1200); do grep -q held "$WORK/limit.out" 2>/dev/null && break; sleep 0.05; done
sleep 0.2
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$BASE/healthz" || true)
expect_eq "a fourth connection from one address is refused (limit 3)" "000" "$code"
wait "$holder"
sleep 0.3
http GET /healthz; expect_eq "once they are closed the address is served again" 200 "$STATUS"
stop_server

# --- native HTTPS with a self-signed certificate made here ---
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/key.pem" -out "$WORK/cert.pem" -days 1 \
  -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" >/dev/null 2>&1
start_server --tls-cert "$WORK/cert.pem" --tls-key "$WORK/key.pem" || exit 1
expect_contains "the server says it serves https" "https://" "$BASE"
http GET /healthz --cacert "$WORK/cert.pem"
expect_eq "GET /healthz over https (certificate verified)" 200 "$STATUS"
expect_contains "HSTS over TLS" "Strict-Transport-Security: max-age=31536000" "$HEADERS"
http GET /login --cacert "$WORK/cert.pem"
expect_contains "session-capable pages over TLS also carry HSTS" "Strict-Transport-Security" "$HEADERS"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://${BASE#https://}/healthz" || true)
expect_eq "plain HTTP to the TLS port gets no page" "000" "$code"
