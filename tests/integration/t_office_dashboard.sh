#!/usr/bin/env bash
# The office: the pipeline dashboard (funnel counts, filters, stale flags,
# paging) and the public take-part page with its requests (accept, decline,
# rate limit, scoping).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/office_lib.sh"
start_office_server || exit 1

# A known pipeline in association demo: 10 scans over 3 companies and 2 advisors.
adv1=$(psql_q "SELECT id FROM users WHERE email = 'adv1@a.example'")
adm1=$(psql_q "SELECT id FROM users WHERE email = 'admin1@a.example'")
psql_q "
INSERT INTO companies(org_id, name, sector, fte) SELECT o.id, v.name, v.sector, 20
  FROM organisations o, (VALUES ('Alfa Bouw', 'F'), ('Beta Zorg', 'Q'), ('Gamma Metaal', 'C')) v(name, sector) WHERE o.slug = 'demo';
INSERT INTO scans(org_id, company_id, questionnaire_id, advisor_id, status, sector, created_at, started_at, submitted_at)
SELECT c.org_id, c.id, (SELECT min(id) FROM questionnaires), v.adv, v.status, c.sector, now() - make_interval(days => v.age),
       CASE WHEN v.status <> 'invited' THEN now() - make_interval(days => v.age - 1) END,
       CASE WHEN v.status NOT IN ('invited', 'started') THEN now() - make_interval(days => v.sub) END
FROM (VALUES
  ('Alfa Bouw', 'invited', 20, 0, $adv1),      -- stale: invited 20 days ago
  ('Alfa Bouw', 'invited', 3, 0, $adv1),
  ('Beta Zorg', 'started', 5, 0, $adv1),
  ('Beta Zorg', 'submitted', 30, 20, $adm1),   -- stale: submitted 20 days ago
  ('Gamma Metaal', 'submitted', 10, 2, $adm1),
  ('Gamma Metaal', 'advice', 40, 30, $adv1),
  ('Alfa Bouw', 'final', 60, 50, $adv1),
  ('Beta Zorg', 'meeting_held', 90, 80, $adm1),
  ('Gamma Metaal', 'closed', 200, 190, $adv1),
  ('Gamma Metaal', 'closed', 400, 390, $adm1)
) v(company, status, age, sub, adv) JOIN companies c ON c.name = v.company" >/dev/null
bco=$(psql_q "INSERT INTO companies(org_id, name, sector) SELECT id, 'Van B', 'F' FROM organisations WHERE slug = 'other' RETURNING id" | head -1)
psql_q "INSERT INTO scans(org_id, company_id, questionnaire_id, sector) SELECT org_id, id, (SELECT min(id) FROM questionnaires), 'F' FROM companies WHERE id = $bco" >/dev/null

use_jar a
login adv1@a.example "$PW"
http GET /app;              expect_eq "dashboard" 200 "$STATUS"
# "Vandaag voor mij" (issue 16.5): adv1 has 1 invitation unanswered for 20 days,
# 1 final report without a planned meeting, no submitted scan and no action
expect_contains "what needs me today: the stale invitation" "1 uitnodiging al 14 dagen zonder antwoord" "$BODY"
expect_contains "… linked to the list that shows it" "href=\"/app?advisor=$adv1&amp;status=invited&amp;stale=1\"" "$BODY"
expect_contains "… the report without a meeting" "1 rapport klaar, maar nog geen gesprek gepland" "$BODY"
expect_not_contains "… nothing about advice when no scan waits for it" "op uw advies" "$BODY"
expect_not_contains "… nor actions" "over de afgesproken datum" "$BODY"
psql_q "INSERT INTO scan_meetings(scan_id, planned_date) SELECT id, current_date + 7 FROM scans WHERE advisor_id = $adv1 AND status = 'final'" >/dev/null
psql_q "INSERT INTO scan_actions(org_id, scan_id, what, who_kind, due_date, status) SELECT org_id, id, 'Functioneringsgesprekken', 'company', current_date - 3, 'open' FROM scans WHERE advisor_id = $adv1 AND status = 'advice'" >/dev/null
http GET /app
expect_not_contains "a planned meeting takes the report off the list" "nog geen gesprek gepland" "$BODY"
expect_contains "an overdue action shows" "1 actie over de afgesproken datum" "$BODY"
flat=$(echo "$BODY" | tr -d '\n' | sed 's/  */ /g')
expect_contains "total and response share" "10 scans, waarvan 7 ingevuld (70%)" "$flat"
expect_contains "stale total" "2 scans staan te lang stil" "$flat"
expect_contains "funnel: invited now 2, reached 10, one stale" 'Uitgenodigd</a></th> <td class="num">2 <span class="flag">(1 te lang stil)</span></td> <td class="num">10</td>' "$flat"
expect_contains "funnel: submitted now 2, reached 7" 'Ingevuld</a></th> <td class="num">2 <span class="flag">(1 te lang stil)</span></td> <td class="num">7</td>' "$flat"
expect_contains "funnel: closed 2, reached 2 (20%)" 'Afgerond</a></th> <td class="num">2</td> <td class="num">2</td>' "$flat"
expect_contains "the share as a percentage" "20%" "$flat"
expect_not_contains "another association's scan is not counted or listed" "Van B" "$BODY"
expect_contains "stale rows are flagged in the list" '<tr class="stale">' "$BODY"
rows() { echo "$BODY" | grep -c '<td><a href="/companies/'; }
http GET "/app?status=submitted"; expect_eq "filter by status" 2 "$(rows)"
expect_contains "the filter keeps its choice" '<option value="submitted" selected>' "$BODY"
http GET "/app?sector=C";   expect_eq "filter by sector" 4 "$(rows)"
expect_contains "sector filter changes the counts" "4 scans, waarvan 4 ingevuld" "$(echo "$BODY" | tr -d '\n')"
http GET "/app?advisor=$adm1"; expect_eq "filter by advisor" 4 "$(rows)"
http GET "/app?stale=1";    expect_eq "only stale scans" 2 "$(rows)"
from=$(date -u -d '45 days ago' +%F); to=$(date -u -d '8 days ago' +%F)
http GET "/app?from=$from&to=$to"; expect_eq "filter by period" 4 "$(rows)"
http GET "/app?status=closed&sector=C&advisor=$adm1"; expect_eq "filters combine" 1 "$(rows)"
http GET "/app?from=2025-02-30"; expect_eq "an invalid date still shows the page" 200 "$STATUS"
expect_contains "the invalid date is explained next to the field" 'id="e-from"' "$BODY"
http GET "/app?status=nonsense&sector=ZZ&advisor=abc"; expect_eq "unknown filter values are ignored" 10 "$(rows)"
"$FPHC_BIN" demo seed-office --org demo --companies 5 --scans 40 >/dev/null
http GET /app;              expect_contains "the list pages" 'rel="next"' "$BODY"
expect_eq "25 per page" 25 "$(rows)"
http GET "/app?page=2";     expect_eq "page 2 holds the rest" 25 "$(rows)"
http GET "/app?page=3";     expect_eq "page 3 is empty" 0 "$(rows)"
use_jar res
login res@r.example "$PW"
http GET /app;              expect_eq "researchers are sent to /research" 303 "$STATUS"

# take part
use_jar public
http GET /deelnemen;        expect_eq "with two associations /deelnemen lists them" 200 "$STATUS"
expect_contains "the list links each association" 'href="/deelnemen/other"' "$BODY"
http GET /deelnemen/demo;   expect_eq "take-part page" 200 "$STATUS"
expect_contains "it says the scan is free" "gratis" "$BODY"
http GET /deelnemen/onderzoek; expect_eq "the research group has no take-part page" 404 "$STATUS"
http GET /deelnemen/nope;   expect_eq "an unknown association is 404" 404 "$STATUS"
psql_q "UPDATE organisations SET free_of_charge = false WHERE slug = 'other'" >/dev/null
http GET /deelnemen/other;  expect_contains "not free: ask about costs" "naar de kosten" "$BODY"
http POST /deelnemen/demo --data "name=&company=&email=x&fte=veel"
expect_eq "an incomplete request is refused" 400 "$STATUS"
expect_contains "messages next to the fields" 'id="e-email"' "$BODY"
expect_eq "nothing stored" 0 "$(psql_q "SELECT count(*) FROM participation_requests")"
http POST /deelnemen/demo --data-urlencode "name=Ria Ondernemer" --data-urlencode "company=Ria's Reizen" --data-urlencode "email=ria@reizen.example" --data-urlencode "phone=06 12345678" --data-urlencode "fte=25"
expect_eq "a request is accepted" 200 "$STATUS"
expect_contains "thanks" "Bedankt" "$BODY"
http POST /deelnemen/demo --data-urlencode "name=Piet" --data-urlencode "company=Piet Pannen" --data-urlencode "email=piet@pannen.example"
http POST /deelnemen/other --data-urlencode "name=Bea" --data-urlencode "company=Bea Bloemen" --data-urlencode "email=bea@bloem.example"
r1=$(psql_q "SELECT id FROM participation_requests WHERE company_name = 'Ria''s Reizen'")
r2=$(psql_q "SELECT id FROM participation_requests WHERE company_name = 'Piet Pannen'")
r3=$(psql_q "SELECT id FROM participation_requests WHERE company_name = 'Bea Bloemen'")
use_jar a
http GET /app; csrf=$(form_csrf)
expect_contains "the request is on the dashboard" "Ria&#39;s Reizen" "$BODY"
expect_not_contains "another association's request is not" "Bea Bloemen" "$BODY"
http POST "/requests/$r1/accept" --data "csrf=$csrf"
expect_eq "accept without a sector asks for one" 303 "$STATUS"
expect_eq "nothing created yet" 0 "$(psql_q "SELECT count(*) FROM companies WHERE name = 'Ria''s Reizen'")"
http POST "/requests/$r3/accept" --data "csrf=$csrf&sector=G"
expect_eq "accepting another association's request → 404" 404 "$STATUS"
http POST "/requests/$r3/decline" --data "csrf=$csrf"
expect_eq "declining another association's request → 404" 404 "$STATUS"
expect_eq "that request is untouched" pending "$(psql_q "SELECT status FROM participation_requests WHERE id = $r3")"
expect_eq "the attempts are audited" 2 "$(audit_count denied participation_request)"
http POST "/requests/$r1/accept" --data "sector=G"
expect_eq "accept without CSRF → 403" 403 "$STATUS"
http POST "/requests/$r1/accept" --data "csrf=$csrf&sector=G"
expect_eq "accept" 200 "$STATUS"
expect_contains "accept shows the invitation link" "/s/" "$BODY"
expect_eq "accept made the company with the request's details" "G|25.0|Ria Ondernemer|ria@reizen.example|06 12345678" \
  "$(psql_q "SELECT sector, fte, contact_name, email, phone FROM companies WHERE name = 'Ria''s Reizen'")"
expect_eq "and an invited scan with a live link" "invited|1" \
  "$(psql_q "SELECT s.status, count(i.id) FROM scans s JOIN companies c ON c.id = s.company_id JOIN invitations i ON i.scan_id = s.id WHERE c.name = 'Ria''s Reizen' GROUP BY s.status")"
expect_eq "the request is accepted" accepted "$(psql_q "SELECT status FROM participation_requests WHERE id = $r1")"
http POST "/requests/$r1/accept" --data "csrf=$csrf&sector=G"
expect_eq "a request cannot be accepted twice" 404 "$STATUS"
http POST "/requests/$r2/decline" --data "csrf=$csrf"
expect_eq "decline" 303 "$STATUS"
expect_eq "the request is declined" declined "$(psql_q "SELECT status FROM participation_requests WHERE id = $r2")"
http GET /app; expect_contains "no requests left" "geen nieuwe aanvragen" "$BODY"

use_jar public
# four requests (one refused) so far from this address
http POST /deelnemen/demo --data-urlencode "name=N5" --data-urlencode "company=C5" --data-urlencode "email=n5@c.example"
expect_eq "five requests an hour from one address are fine" 200 "$STATUS"
http POST /deelnemen/demo --data-urlencode "name=N6" --data-urlencode "company=C6" --data-urlencode "email=n6@c.example"
expect_eq "the sixth within an hour is throttled" 429 "$STATUS"
