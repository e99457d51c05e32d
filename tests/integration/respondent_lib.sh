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
