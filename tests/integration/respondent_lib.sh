# respondent_lib.sh: helpers for the owner's scan tests (sourced after lib.sh).

# invite NAME → sets TOKEN (and SCAN_ID) for a new company in the demo association
invite() {
  local link
  link=$("$FPHC_BIN" invite --org demo --company "$1" --sector C --fte 45) || return 1
  TOKEN=${link##*/}
  SCAN_ID=$(psql_q "SELECT scan_id FROM invitations WHERE token_hash = encode(sha256('$TOKEN'::bytea), 'hex')")
}
# csrf_of TOKEN → the scan's CSRF token (from its start page or the page it redirects to)
scan_csrf() {
  http GET "/s/$1"
  if [ "$STATUS" = 303 ]; then http GET "$(echo "$HEADERS" | sed -n 's/^Location: \(.*\)\r$/\1/p')"; fi
  form_csrf
}
consent() {  # TOKEN CSRF
  http POST "/s/$1/consent" --data "csrf=$2&consent=yes"
}
# autosave TOKEN CSRF JSON → STATUS, BODY
autosave() {
  http POST "/s/$1/answer" -H "X-CSRF-Token: $2" -H 'Content-Type: application/json' --data-binary "$3"
}
answer_count() { psql_q "SELECT count(*) FROM answers WHERE scan_id = $1"; }
location() { echo "$HEADERS" | sed -n 's/^Location: \(.*\)\r$/\1/p'; }
# answer_rest TOKEN CSRF: answers every item of fphc-1 but s01 and w03 (a valid
# whole scan with those two); counts the answers not acknowledged in ANSWER_FAILS.
answer_rest() {
  local key value
  ANSWER_FAILS=0
  while read -r key value; do
    autosave "$1" "$2" "{\"item\":\"$key\",\"value\":$value}"
    [ "$STATUS" = 200 ] || ANSWER_FAILS=$((ANSWER_FAILS + 1))
  done <<'ANSWERS'
s02 3
s03 false
s04 "a"
s05 1
s06 3
s07 4
s08 false
s09 1
s10 2
s11 4
s12 5
s13 ["a","b"]
s14 2
s15 3
s16 40
s17 5
s18 ["a","b"]
s19 false
w01 3
w02 4
w04 "b"
w05 true
w06 3
w07 4
w08 false
w09 1
w10 2
w11 3
w12 false
w13 5
w14 1
w15 2
w16 3
w17 40
w18 5
f01 1
f02 2
f03 "na"
f04 ["a","b"]
f05 true
f06 1
f07 2
f08 false
f09 4
f10 5
f11 1
f12 "a"
f13 true
f14 4
e01 5
e02 1
e03 "na"
e04 false
e05 "c"
e06 5
e07 3
e08 2
e09 ["a","b"]
e10 4
e11 true
e12 1
e13 2
e14 false
e15 4
ANSWERS
}
