#!/usr/bin/env bash
# Interim evaluation (issue 20.5-20.7): the figures of /evaluation and
# /research/evaluation checked against values computed here with SQL over the
# raw tables (scans, scores, scan_actions, scan_offers, events, event_signups);
# k suppression with a group just under and just over k; bad periods (400 with
# a message, page and PDF); who sees what: an advisor only their own
# association, a researcher only the associations that share with the group.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/office_lib.sh"
# The figures count in the installation's time zone (the server's default); the SQL here
# must too, or a scan seeded near a quarter's midnight counts in another quarter (the demo
# seed dates scans relative to now, so that happened only at some times of day).
export PGTZ=Europe/Amsterdam
new_db
setup_orgs
"$FPHC_BIN" demo seed --companies 60 --scans-per-company 3 --seed 20 --quiet >/dev/null 2>&1
DEMO=$(psql_q "SELECT id FROM organisations WHERE slug = 'demo'")
ZUID=$(psql_q "SELECT id FROM organisations WHERE slug = 'demo-zuid'")
NOORD=$(psql_q "SELECT id FROM organisations WHERE slug = 'demo-noord'")
OTHER=$(psql_q "SELECT id FROM organisations WHERE slug = 'other'")
K=5
FROM=2024-01-01; TO=2025-12-31
check "the seed gave the demo association submitted scans in the period" \
  test "$(psql_q "SELECT count(*) FROM scans WHERE org_id = $DEMO AND submitted_at >= '$FROM' AND submitted_at < '2026-01-01'")" -gt 20

# agreed actions, offers and a meeting of the demo association, in the period
psql_owner "
INSERT INTO scan_actions(org_id, scan_id, what, who_kind, due_date, status, created_at)
SELECT $DEMO, s.id, 'actie', 'company', DATE '2025-01-01' + ((g % 3) * 400)::int,
       (ARRAY['done', 'open', 'in_progress', 'dropped'])[1 + g % 4], TIMESTAMPTZ '2025-03-01 10:00' + g * interval '1 hour'
  FROM (SELECT id, row_number() OVER (ORDER BY id) AS g FROM scans WHERE org_id = $DEMO AND submitted_at IS NOT NULL LIMIT 40) s;
INSERT INTO offers(org_id, title, provider) VALUES ($DEMO, 'Training leidinggeven', 'Partner A'), ($DEMO, 'Loopbaanscan', 'Partner B'), ($DEMO, 'Kleine workshop', 'Partner C');
INSERT INTO scan_offers(scan_id, theme_key, offer_id, chosen_at)
SELECT s.id, 'mobility', o.id, TIMESTAMPTZ '2025-04-02 09:00'
  FROM (SELECT id, row_number() OVER (ORDER BY company_id) AS g FROM (SELECT DISTINCT ON (company_id) id, company_id FROM scans
        WHERE org_id = $DEMO AND submitted_at IS NOT NULL ORDER BY company_id, submitted_at DESC) l) s
  JOIN offers o ON o.org_id = $DEMO AND (o.title = 'Training leidinggeven' AND s.g <= 12 OR o.title = 'Loopbaanscan' AND s.g BETWEEN 13 AND 20
                                        OR o.title = 'Kleine workshop' AND s.g BETWEEN 21 AND 22);
INSERT INTO events(org_id, title, theme_keys, starts_at, ends_at, place, capacity, offer_id)
SELECT $DEMO, 'Bijeenkomst leidinggeven', '{mobility}', TIMESTAMPTZ '2025-05-01 15:00', TIMESTAMPTZ '2025-05-01 17:00', 'Zaal', 30, id
  FROM offers WHERE org_id = $DEMO AND title = 'Training leidinggeven';
INSERT INTO event_signups(event_id, company_id, token_hash, status, attended)
SELECT (SELECT id FROM events WHERE org_id = $DEMO), s.company_id, md5(s.company_id::text), CASE WHEN s.g <= 9 THEN 'signed_up' ELSE 'declined' END,
       CASE WHEN s.g <= 7 THEN true END
  FROM (SELECT company_id, row_number() OVER (ORDER BY company_id) AS g FROM (SELECT DISTINCT s.company_id FROM scans s
        JOIN scan_offers so ON so.scan_id = s.id JOIN offers o ON o.id = so.offer_id AND o.title = 'Training leidinggeven') c) s WHERE s.g <= 11;
" >/dev/null
# an open answer with a marker that must never appear
psql_owner "UPDATE research_rows SET answers = jsonb_set(answers::jsonb, '{s90}', '\"GEHEIM-OPEN-ANTWOORD\"')::text
            WHERE scan_id IN (SELECT id FROM scans WHERE org_id = $DEMO AND submitted_at IS NOT NULL LIMIT 5)" >/dev/null

# the other association: 4 companies (k - 1) with one scan each in 2025-Q2, scores copied from demo scans
add_other_scans() {  # add_other_scans FROM_INDEX TO_INDEX
  psql_owner "
  WITH src AS (SELECT s.id, row_number() OVER (ORDER BY s.id) AS g FROM scans s WHERE s.org_id = $NOORD AND s.submitted_at IS NOT NULL),
  c AS (INSERT INTO companies(org_id, name, sector) SELECT $OTHER, 'Bedrijf ' || g, 'C' FROM generate_series($1, $2) g RETURNING id, name),
  s AS (INSERT INTO scans(org_id, company_id, questionnaire_id, status, created_at, started_at, submitted_at, sector, fte)
        SELECT $OTHER, c.id, (SELECT min(id) FROM questionnaires), 'submitted', TIMESTAMPTZ '2025-04-10 10:00',
               TIMESTAMPTZ '2025-04-11 10:00', TIMESTAMPTZ '2025-04-12 10:00', 'C', 20 FROM c RETURNING id, company_id),
  m AS (SELECT s.id AS new_id, src.id AS src_id FROM s JOIN c ON c.id = s.company_id
        JOIN src ON src.g = substring(c.name FROM 9)::int),
  x AS (INSERT INTO scores(scan_id, level, key, score, valid, band) SELECT m.new_id, sc.level, sc.key, sc.score, sc.valid, sc.band
        FROM m JOIN scores sc ON sc.scan_id = m.src_id)
  INSERT INTO research_rows(scan_id, answers, scores) SELECT m.new_id, '{}', rr.scores FROM m JOIN research_rows rr ON rr.scan_id = m.src_id;
  " >/dev/null
}
add_other_scans 1 $((K - 1))
"$FPHC_BIN" benchmarks refresh >/dev/null
start_server || exit 1

# section_json FILE: the page's tables as JSON {section id: {row label: [cells]}}
tables() {
  python3 - "$WORK/body" <<'PY'
import html, json, re, sys
s = open(sys.argv[1], encoding='utf-8').read()
out = {}
for sec in re.finditer(r'<section class="eval-section" id="([^"]+)".*?</section>', s, re.S):
    rows = {}
    for tr in re.finditer(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', sec.group(0), re.S):
        rows[html.unescape(tr.group(1))] = [html.unescape(c) for c in re.findall(r'<td>(.*?)</td>', tr.group(2))]
    out[sec.group(1)] = rows
print(json.dumps(out))
PY
}
# cell JSON SECTION ROW INDEX
cell() { python3 -c 'import json,sys; t=json.loads(sys.argv[1]); print(t[sys.argv[2]][sys.argv[3]][int(sys.argv[4])])' "$1" "$2" "$3" "$4" 2>/dev/null; }
num() { echo "$1" | tr ',' '.'; }
# close A B TOL: |A - B| <= TOL
close() { python3 -c 'import sys; a,b,t=map(float,sys.argv[1:4]); sys.exit(0 if abs(a-b)<=t else 1)' "$1" "$2" "$3"; }

use_jar adv1; login adv1@a.example "$PW"
http GET "/evaluation?from=$FROM&to=$TO"
expect_eq "the advisor's evaluation: 200" 200 "$STATUS"
expect_contains "it says which refresh it used" "Cijfers berekend op" "$BODY"
expect_contains "and the minimum group size" "Kleinste groep die we tonen: $K bedrijven" "$BODY"
expect_not_contains "open text never appears" "GEHEIM-OPEN-ANTWOORD" "$BODY"
expect_contains "linked from the office menu" 'href="/evaluation"' "$BODY"
T=$(tables)
Q="org_id = $DEMO AND %s >= '$FROM' AND %s < '2026-01-01'"
in_period() { printf "%s >= '$FROM' AND %s < DATE '$TO' + 1" "$1" "$1"; }
expect_eq "funnel: invited as counted in scans" "$(psql_q "SELECT count(*) FROM scans WHERE org_id = $DEMO AND $(in_period created_at)")" "$(cell "$T" funnel Uitgenodigd 0)"
expect_eq "funnel: started" "$(psql_q "SELECT count(*) FROM scans WHERE org_id = $DEMO AND $(in_period started_at)")" "$(cell "$T" funnel Begonnen 0)"
expect_eq "funnel: submitted" "$(psql_q "SELECT count(*) FROM scans WHERE org_id = $DEMO AND $(in_period submitted_at)")" "$(cell "$T" funnel Ingestuurd 0)"
# box plot of one pillar and one theme against percentile_cont over the scores table
for lk in "pillar|Strategie & Bedrijf|" "theme|Mobiliteit|"; do
  level=${lk%%|*}; title=$(echo "$lk" | cut -d'|' -f2)
  key=$(psql_q "SELECT CASE '$level' WHEN 'pillar' THEN p->>'key' ELSE t->>'key' END FROM questionnaires q,
                jsonb_array_elements(q.definition->'pillars') p, jsonb_array_elements(p->'themes') t
                WHERE ('$level' = 'pillar' AND p->'title'->>'nl' = '$title') OR ('$level' = 'theme' AND t->'title'->>'nl' = '$title') LIMIT 1")
  want=$(psql_q "SELECT count(*) || ' ' || min(score) || ' ' || percentile_cont(0.25) WITHIN GROUP (ORDER BY score) || ' ' ||
                 percentile_cont(0.5) WITHIN GROUP (ORDER BY score) || ' ' || percentile_cont(0.75) WITHIN GROUP (ORDER BY score) || ' ' || max(score)
                 FROM scores sc JOIN scans s ON s.id = sc.scan_id WHERE s.org_id = $DEMO AND $(in_period s.submitted_at)
                 AND sc.level = '$level' AND sc.key = '$key' AND sc.valid AND sc.score IS NOT NULL")
  set -- $want
  sec=$([ "$level" = pillar ] && echo scores || echo "pillar-$(psql_q "SELECT p->>'key' FROM questionnaires q, jsonb_array_elements(q.definition->'pillars') p, jsonb_array_elements(p->'themes') t WHERE t->>'key' = '$key' LIMIT 1")")
  expect_eq "box plot $title: n" "$1" "$(cell "$T" "$sec" "$title" 0)"
  ok_all=1
  for i in 1 2 3 4 5; do
    got=$(num "$(cell "$T" "$sec" "$title" $i)"); eval "exp=\${$((i + 1))}"
    close "$got" "$exp" 0.151 || { ok_all=0; echo "# $title column $i: got $got, SQL $exp"; }
  done
  check "box plot $title: min, quartiles and max within a bin (and display rounding) of percentile_cont" test $ok_all = 1
done
# attention points: the most frequent theme and its count from scores.band
top=$(psql_q "SELECT sc.key || '|' || count(*) FROM scores sc JOIN scans s ON s.id = sc.scan_id WHERE s.org_id = $DEMO
              AND $(in_period s.submitted_at) AND sc.level = 'theme' AND sc.valid AND sc.band = 'attention'
              GROUP BY sc.key ORDER BY count(*) DESC, sc.key LIMIT 1")
top_title=$(psql_q "SELECT t->'title'->>'nl' FROM questionnaires q, jsonb_array_elements(q.definition->'pillars') p, jsonb_array_elements(p->'themes') t WHERE t->>'key' = '${top%%|*}' LIMIT 1")
expect_eq "attention points: the most frequent theme's count" "${top##*|}" "$(cell "$T" attention "$top_title" 0)"
# actions by state (created in 2025-Q1: all in the period)
expect_eq "actions done" "$(psql_q "SELECT count(*) FROM scan_actions WHERE org_id = $DEMO AND status = 'done'")" "$(cell "$T" actions Klaar 0)"
expect_eq "actions overdue" "$(psql_q "SELECT count(*) FROM scan_actions WHERE org_id = $DEMO AND status IN ('open', 'in_progress') AND due_date < current_date")" "$(cell "$T" actions 'Te laat' 0)"
expect_eq "actions open (not overdue)" "$(psql_q "SELECT count(*) FROM scan_actions WHERE org_id = $DEMO AND status IN ('open', 'in_progress') AND NOT due_date < current_date")" "$(cell "$T" actions Open 0)"
# offers: 12 chosen and 7 taken up; 8 chosen; 2 chosen (< k, hidden) takes the 8 with it (secondary)
expect_eq "offer chosen 12 times" 12 "$(cell "$T" offers 'Training leidinggeven' 0)"
expect_eq "offer taken up by the 7 companies that attended its partner's meeting" 7 "$(cell "$T" offers 'Training leidinggeven' 1)"
expect_eq "an offer chosen twice (< k) is hidden" "minder dan $K" "$(cell "$T" offers 'Kleine workshop' 0)"
expect_eq "and the next smallest goes with it (secondary)" "verborgen" "$(cell "$T" offers 'Loopbaanscan' 0)"
# meetings
expect_eq "meetings: 1 is fewer than k" "minder dan $K" "$(cell "$T" events Bijeenkomsten 0)"
expect_eq "meetings: 11 invitations" 11 "$(cell "$T" events Uitnodigingen 0)"
expect_eq "meetings: 9 sign-ups" 9 "$(cell "$T" events Aanmeldingen 0)"
expect_eq "meetings: 7 attended" 7 "$(cell "$T" events Aanwezig 0)"
# the change from the first to the latest scan in the period, per pillar
pkey=$(psql_q "SELECT p->>'key' FROM questionnaires q, jsonb_array_elements(q.definition->'pillars') p WHERE p->'title'->>'nl' = 'Strategie & Bedrijf' LIMIT 1")
want=$(psql_q "WITH x AS (SELECT s.company_id, sc.score, row_number() OVER w AS first, row_number() OVER (PARTITION BY s.company_id ORDER BY s.submitted_at DESC, s.id DESC) AS last,
                 count(*) OVER (PARTITION BY s.company_id) AS n
               FROM scans s JOIN scores sc ON sc.scan_id = s.id AND sc.level = 'pillar' AND sc.key = '$pkey' AND sc.valid
               WHERE s.org_id = $DEMO AND $(in_period s.submitted_at) WINDOW w AS (PARTITION BY s.company_id ORDER BY s.submitted_at, s.id))
               SELECT count(*) || ' ' || avg(l.score - f.score) FROM x f JOIN x l ON l.company_id = f.company_id AND l.last = 1 WHERE f.first = 1 AND f.n > 1")
set -- $want
expect_eq "change: the number of companies with a repeat scan" "$1" "$(cell "$T" change 'Strategie & Bedrijf' 0)"
check "change: the mean of latest − first (display rounding)" close "$(num "$(cell "$T" change 'Strategie & Bedrijf' 1)" | tr -d +)" "$2" 0.051

# the PDF from the same model
http GET "/evaluation.pdf?from=$FROM&to=$TO"
expect_eq "PDF: 200" 200 "$STATUS"
expect_contains "PDF: application/pdf" "application/pdf" "$HEADERS"
check "PDF: a real PDF" bash -c "head -c 5 '$WORK/body' | grep -q '%PDF-'"
check "PDF: the same funnel figure as the page" bash -c "pdftotext '$WORK/body' - 2>/dev/null | grep -qx '$(cell "$T" funnel Ingestuurd 0)'"

# bad periods
http GET "/evaluation?from=2025-06-01&to=2025-01-01"
expect_eq "from after to: 400" 400 "$STATUS"
expect_contains "with a clear message next to the field" "De begindatum ligt na de einddatum" "$BODY"
http GET "/evaluation?from=2025-02-30&to=2025-06-01"
expect_eq "not a date: 400" 400 "$STATUS"
expect_contains "the message says how to write it" "Dit is geen datum" "$BODY"
http GET "/evaluation?from=2025-01-01&to="
expect_eq "an empty period (a date left out): 400" 400 "$STATUS"
expect_contains "the message asks for both dates" "Vul allebei de datums in" "$BODY"
http GET "/evaluation.pdf?from=2025-06-01&to=2025-01-01"
expect_eq "PDF with a bad period: 400" 400 "$STATUS"
expect_contains "with the message" "begindatum ligt na de einddatum" "$BODY"
http GET "/evaluation?from=2030-01-01&to=2030-12-31"
expect_eq "a period without scans: 200" 200 "$STATUS"
expect_contains "that says so" "In deze periode zijn er nog geen scans" "$BODY"

# k: the other association has k - 1 scans, then k
use_jar adv2; login adv2@b.example "$PW"
http GET "/evaluation?from=$FROM&to=$TO&org=$DEMO"
expect_contains "another association's advisor sees their own association (org= is ignored)" "Andere Vereniging" "$BODY"
T2=$(tables)
expect_eq "k - 1 submitted scans: the count is hidden" "minder dan $K" "$(cell "$T2" funnel Ingestuurd 0)"
expect_eq "k - 1 scans: the box plot is hidden" "minder dan $K" "$(cell "$T2" scores 'Strategie & Bedrijf' 0)"
expect_eq "k - 1 scans: no quartile is shown" "" "$(cell "$T2" scores 'Strategie & Bedrijf' 3)"
expect_not_contains "none of the demo association's figures" ">$(cell "$T" funnel Uitgenodigd 0)<" "$BODY"
add_other_scans "$K" "$K"
"$FPHC_BIN" benchmarks refresh >/dev/null
http GET "/evaluation?from=$FROM&to=$TO"
T2=$(tables)
expect_eq "k submitted scans: the count is shown" "$K" "$(cell "$T2" funnel Ingestuurd 0)"
expect_eq "k scans: the box plot is shown" "$K" "$(cell "$T2" scores 'Strategie & Bedrijf' 0)"
med=$(psql_q "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY sc.score) FROM scores sc JOIN scans s ON s.id = sc.scan_id
              WHERE s.org_id = $OTHER AND sc.level = 'pillar' AND sc.key = '$pkey' AND sc.valid")
check "k scans: the median agrees with percentile_cont" close "$(num "$(cell "$T2" scores 'Strategie & Bedrijf' 3)")" "$med" 0.1

# the researcher: the sharing associations only
use_jar res; login res@r.example "$PW"
http GET "/research/evaluation?from=$FROM&to=$TO"
expect_eq "researcher: 200" 200 "$STATUS"
expect_contains "linked from the research menu" 'href="/research/evaluation"' "$BODY"
T3=$(tables)
expect_eq "researcher: the funnel adds up the sharing associations only (demo, demo-zuid)" \
  "$(psql_q "SELECT count(*) FROM scans WHERE org_id IN ($DEMO, $ZUID) AND $(in_period created_at)")" "$(cell "$T3" funnel Uitgenodigd 0)"
expect_not_contains "a non-sharing association is not offered" "Demo Noord" "$(grep -o '<select id="f-org".*</select>' "$WORK/body")"
http GET "/research/evaluation?from=$FROM&to=$TO&org=$ZUID"
expect_eq "one sharing association: 200" 200 "$STATUS"
expect_eq "and its own figures" "$(psql_q "SELECT count(*) FROM scans WHERE org_id = $ZUID AND $(in_period created_at)")" "$(cell "$(tables)" funnel Uitgenodigd 0)"
http GET "/research/evaluation?from=$FROM&to=$TO&org=$NOORD"
expect_eq "an association that does not share: 404" 404 "$STATUS"
http GET "/research/evaluation.pdf?from=$FROM&to=$TO&org=$OTHER"
expect_eq "nor its PDF" 404 "$STATUS"
http GET "/research/evaluation.pdf?from=$FROM&to=$TO"
expect_eq "the province's PDF: 200" 200 "$STATUS"
http GET "/evaluation"
expect_eq "a researcher has no office evaluation" 404 "$STATUS"
use_jar adv1
http GET "/research/evaluation"
expect_eq "an advisor has no research evaluation" 404 "$STATUS"
