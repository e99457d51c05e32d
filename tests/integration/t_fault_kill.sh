#!/usr/bin/env bash
# Fault tolerance of the data (issue 9): fphc killed with SIGKILL again and again in
# the middle of autosaves and submissions never leaves a scan half-submitted, and
# never loses an answer it acknowledged; a read-only database gives a clear Dutch
# 503 page and corrupts nothing, and service resumes when it is writable again.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/respondent_lib.sh"
new_db
"$FPHC_BIN" demo init >/dev/null || exit 1
ROUNDS=${FAULT_ROUNDS:-8}
NSCANS=6
# the questionnaire's likert items (values 1..5)
read -r -a LIKERT <<<"$(python3 -c "
import json; d = json.load(open('$(dirname "$0")/../../questionnaires/fphc-1.json'))
print(' '.join(i['key'] for p in d['pillars'] for t in p['themes'] for i in t['items'] if i['type'] == 'likert5'))")"

start_server || exit 1
declare -a TOK CSRF SID
for i in $(seq 1 $NSCANS); do
  invite "Kill Test $i BV"
  TOK[$i]=$TOKEN; SID[$i]=$SCAN_ID
  CSRF[$i]=$(scan_csrf "$TOKEN"); consent "$TOKEN" "${CSRF[$i]}"
done
stop_server

# One owner: autosaves 3 items (others each round, values changing), then
# submits. Writes "item value code" per autosave, and the submit's code.
owner() {  # i round
  local i=$1 round=$2 k item v code
  for k in 0 1 2; do
    item=${LIKERT[$(( (round * 4 + k) % ${#LIKERT[@]} ))]}; v=$(( (round + k + i) % 5 + 1 ))
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "X-CSRF-Token: ${CSRF[$i]}" \
      -H 'Content-Type: application/json' --data-binary "{\"item\":\"$item\",\"value\":$v}" \
      "$BASE/s/${TOK[$i]}/answer" 2>/dev/null)
    echo "$item $v $code"
  done >"$WORK/acks.$i.$round"
  # scans 1..3 submit in the rounds they are reached; 4..6 stay in progress
  if [ "$i" -le 3 ] && [ "$round" -ge "$i" ]; then
    curl -s -o /dev/null -w '%{http_code}' --max-time 5 --data "csrf=${CSRF[$i]}&confirm_no_score=yes" \
      "$BASE/s/${TOK[$i]}/submit" >"$WORK/submit.$i.$round" 2>/dev/null
  fi
}

invariants() {  # the scan table never holds a half state
  psql_q "SELECT count(*) FROM scans s WHERE s.id IN ($(IFS=,; echo "${SID[*]}")) AND NOT (
      (s.status = 'submitted' AND s.submitted_at IS NOT NULL
        AND (SELECT count(*) FROM results r WHERE r.scan_id = s.id) = 1
        AND (SELECT count(*) FROM scores x WHERE x.scan_id = s.id) = 19)
   OR (s.status = 'started' AND s.submitted_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM results r WHERE r.scan_id = s.id)
        AND NOT EXISTS (SELECT 1 FROM scores x WHERE x.scan_id = s.id)))"
}

bad_rounds=0; lost=0; kills=0; submitted_mid=0
for round in $(seq 1 "$ROUNDS"); do
  start_server || { not_ok "server restarts after SIGKILL (round $round)"; break; }
  rm -f "$WORK"/acks.* "$WORK"/submit.*
  for i in $(seq 1 $NSCANS); do owner "$i" "$round" & done
  sleep "0.$(( RANDOM % 6 ))$(( RANDOM % 10 ))"
  kill -KILL "$SERVER_PID" 2>/dev/null && kills=$((kills + 1))
  wait "$SERVER_PID" 2>/dev/null; SERVER_PID=
  wait
  [ "$(invariants)" = 0 ] || { bad_rounds=$((bad_rounds + 1)); echo "# round $round: half state"; }
  for f in "$WORK"/submit.*; do [ -f "$f" ] && [ "$(cat "$f")" = 303 ] && submitted_mid=$((submitted_mid + 1)); done
  echo "# round $round: $(psql_q "SELECT string_agg(status, ',' ORDER BY id) FROM scans WHERE id IN ($(IFS=,; echo "${SID[*]}"))")"
  cat "$WORK"/acks.* 2>/dev/null | awk '$3 == 200' >>"$WORK/all-acks"
  # every autosave answered 200 is in the database (unless the scan was submitted
  # before it, when the owner got 409 and nothing changes)
  for i in $(seq 1 $NSCANS); do
    [ -f "$WORK/acks.$i.$round" ] || continue
    while read -r item v code; do
      [ "$code" = 200 ] || continue
      got=$(psql_q "SELECT value::text FROM answers WHERE scan_id = ${SID[$i]} AND item_key = '$item'")
      [ "$got" = "$v" ] || { lost=$((lost + 1)); echo "# round $round scan $i: $item acknowledged $v, stored '$got'"; }
    done <"$WORK/acks.$i.$round"
  done
done
expect_eq "fphc was killed with SIGKILL in every round" "$ROUNDS" "$kills"
expect_eq "after every SIGKILL each scan is fully submitted and scored, or in progress without results" 0 "$bad_rounds"
expect_eq "no acknowledged autosave was lost" 0 "$lost"
echo "# $(wc -l <"$WORK/all-acks") autosaves acknowledged, $submitted_mid submissions answered, over $kills kills"

# after the storm: everything in progress still has its answers and can be submitted
start_server || exit 1
for i in 4 5 6; do
  st=$(psql_q "SELECT status || '|' || (SELECT count(*) FROM answers WHERE scan_id = ${SID[$i]}) FROM scans WHERE id = ${SID[$i]}")
  case "$st" in started\|[1-9]*) ok "scan $i still in progress with its autosaved answers ($st)" ;;
    *) not_ok "scan $i still in progress with its autosaved answers (got '$st')" ;; esac
done
for i in $(seq 1 $NSCANS); do
  http POST "/s/${TOK[$i]}/submit" --data "csrf=${CSRF[$i]}&confirm_no_score=yes"
done
expect_eq "then every scan submits and is scored exactly once" "$NSCANS|$NSCANS|$((NSCANS * 19))" \
  "$(psql_q "SELECT count(*) FILTER (WHERE status = 'submitted') || '|' || (SELECT count(*) FROM results WHERE scan_id IN ($(IFS=,; echo "${SID[*]}"))) || '|' || (SELECT count(*) FROM scores WHERE scan_id IN ($(IFS=,; echo "${SID[*]}"))) FROM scans WHERE id IN ($(IFS=,; echo "${SID[*]}"))")"

# --- the database turns read-only (a full disk looks the same to fphc: writes fail) ---
invite "Alleen Lezen BV"; ro_tok=$TOKEN; ro_sid=$SCAN_ID
ro_csrf=$(scan_csrf "$ro_tok"); consent "$ro_tok" "$ro_csrf"
autosave "$ro_tok" "$ro_csrf" '{"item":"s01","value":2}'
autosave "$ro_tok" "$ro_csrf" '{"item":"s90","value":"Eerste tekst"}'
before=$(psql_q "SELECT count(*) || '|' || string_agg(item_key || '=' || value::text, ',' ORDER BY item_key) FROM answers WHERE scan_id = $ro_sid")
psql_owner "ALTER DATABASE $DB_NAME SET default_transaction_read_only = on"
psql_owner "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$DB_NAME' AND usename = 'fphc_app'" >/dev/null
sleep 0.2
# each worker notices its dropped connection once (503) and reconnects
for _ in 1 2 3 4; do http GET /readyz; done
http GET "/s/$ro_tok/pillar/1"
expect_eq "reading still works while the database is read-only" 200 "$STATUS"
autosave "$ro_tok" "$ro_csrf" '{"item":"s02","value":5}'
expect_eq "an autosave is refused with 503" 503 "$STATUS"
http POST "/s/$ro_tok/submit" --data "csrf=$ro_csrf&confirm_no_score=yes"
expect_eq "a submission is refused with 503" 503 "$STATUS"
expect_contains "with a clear Dutch message" "Probeer het over een paar minuten opnieuw" "$BODY"
expect_contains "that says what was saved is kept" "blijft bewaard" "$BODY"
check "the server is still running" kill -0 "$SERVER_PID"
psql "$OWNER_URL" -qtAX -c "SET default_transaction_read_only = off" -c "ALTER DATABASE $DB_NAME RESET default_transaction_read_only"
psql_owner "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$DB_NAME' AND usename = 'fphc_app'" >/dev/null
expect_eq "nothing was changed or corrupted while read-only" "$before|started" \
  "$before|$(psql_q "SELECT status FROM scans WHERE id = $ro_sid")"
expect_eq "the answers are exactly those saved before" "$before" \
  "$(psql_q "SELECT count(*) || '|' || string_agg(item_key || '=' || value::text, ',' ORDER BY item_key) FROM answers WHERE scan_id = $ro_sid")"
for _ in 1 2 3 4; do http GET /readyz; done
autosave "$ro_tok" "$ro_csrf" '{"item":"s02","value":5}'
expect_eq "once writable again autosaves work without restarting fphc" 200 "$STATUS"
