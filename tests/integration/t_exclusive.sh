#!/usr/bin/env bash
# Exclusive options ("Niets in het bijzonder"): a new answer that combines one with
# another option is refused with a clear message (autosave and page form); stored
# answers are never re-validated with the rule (fphc rescore keeps every scan).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/respondent_lib.sh"
start_demo_server || exit 1
invite "Garage Alleen"
csrf=$(scan_csrf "$TOKEN"); consent "$TOKEN" "$csrf"; csrf=$(scan_csrf "$TOKEN")
http GET "/s/$TOKEN/pillar/1"
expect_contains "the exclusive option is marked for the browser" 'name="a.s13" value="e" data-exclusive="1"' "$BODY"
autosave "$TOKEN" "$csrf" '{"item":"s13","value":["a","e"]}'
expect_eq "autosave of 'Training' with 'Niets in het bijzonder' is refused" "400 0" "$STATUS $(answer_count "$SCAN_ID")"
expect_contains "with a message that says why" "niet samen met een ander antwoord kiezen" "$BODY"
autosave "$TOKEN" "$csrf" '{"item":"s13","value":["e"]}'
expect_eq "'Niets in het bijzonder' alone is saved" "200 1" "$STATUS $(answer_count "$SCAN_ID")"
autosave "$TOKEN" "$csrf" '{"item":"s13","value":["a","c"]}'
expect_eq "two ordinary options are saved" 200 "$STATUS"
http POST "/s/$TOKEN/pillar/1" --data "csrf=$csrf&p.s13=1&a.s13=a&a.s13=e&nav=next"
expect_eq "the page form with the combination is refused" 400 "$STATUS"
expect_contains "naming the question and the option" "“Niets in het bijzonder” kunt u niet samen met een ander antwoord kiezen" "$BODY"
expect_eq "and the earlier answer stays" '["a", "c"]' "$(psql_q "SELECT value::text FROM answers WHERE scan_id = $SCAN_ID AND item_key = 's13'")"
# a stored combination from before the rule: rescore keeps it and its scores
psql_owner "UPDATE answers SET value = '[\"a\", \"e\"]' WHERE scan_id = $SCAN_ID AND item_key = 's13'" >/dev/null
psql_owner "UPDATE scans SET status = 'submitted', submitted_at = now() WHERE id = $SCAN_ID" >/dev/null
out=$("$FPHC_BIN" rescore 2>&1)
expect_contains "fphc rescore does not re-validate stored answers with the rule" "0 failed" "$out"
