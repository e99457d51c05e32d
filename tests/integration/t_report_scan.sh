#!/usr/bin/env bash
# The personal report of a real (seeded) scan: draft, brief, final versions
# frozen at finalize, determinism, edge cases, scoping and the owner's download.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixture_lib.sh"
new_db
load_fixture scans_with_peers.sql
start_server || exit 1

# poppler's harmless warning about libharu's ToUnicode maps is dropped.
quiet() { "$@" 2> >(grep -v "begincidrange" >&2); }
pdf_ok() {  # pdf_ok NAME FILE: qpdf, embedded fonts, no blank page
  check "$1: qpdf --check" qpdf --check "$2"
  check "$1: fonts embedded" fonts_embedded "$2"
  check "$1: no blank page" pages_have_ink "$2"
}
fonts_embedded() {
  quiet pdffonts "$1" >"$WORK/fonts" || return 1
  grep -q "DejaVuSans" "$WORK/fonts" || return 1
  ! awk 'NR > 2 && $(NF-4) != "yes"' "$WORK/fonts" | grep -q .
}
pages_have_ink() {
  rm -f "$WORK"/ink-*.pgm
  quiet pdftoppm -gray -r 20 "$1" "$WORK/ink" || return 1
  /usr/bin/python3 - "$WORK"/ink-*.pgm <<'PY'
import sys
pages = sys.argv[1:]
bad = [p for p in pages if not any(b < 200 for b in open(p, 'rb').read().split(maxsplit=4)[4])]
sys.exit(1 if bad or not pages else 0)
PY
}
flat_text() { quiet pdftotext -layout "$1" - | tr -s ' \n' ' '; }
text_has() {  # text_has DESCRIPTION FILE STRING…: every string is in the PDF's text
  local d=$1 f=$2 s missing=""; shift 2
  local t; t=$(flat_text "$f")
  for s in "$@"; do case "$t" in *"$s"*) ;; *) missing="$missing '$s'" ;; esac; done
  if [ -z "$missing" ]; then ok "$d"; else not_ok "$d (missing:$missing)"; fi
}
# A page whose only text is the running header/footer (and the watermark) is blank to a reader.
content_on_every_page() {
  local n i
  n=$(quiet pdfinfo "$1" | sed -n 's/^Pages: *//p')
  for i in $(seq 1 "$n"); do
    quiet pdftotext -raw -f "$i" -l "$i" "$1" - | grep -v 'Future Proof Human Capital Scan\|^pagina\|Persoonlijk rapport\|Personal report\|^page' |
      tr -d ' \n' | sed 's/CONCEPT//; s/DRAFT//' | grep -q '[a-z]' || return 1
  done
}
concept_on_every_page() {
  local n i; n=$(quiet pdfinfo "$1" | awk '/^Pages:/ {print $2}')
  [ "${n:-0}" -ge 1 ] || return 1
  for i in $(seq 1 "$n"); do quiet pdftotext -raw -f "$i" -l "$i" "$1" - | tr -d ' \n' | grep -q CONCEPT || return 1; done
}
get_pdf() {  # get_pdf PATH FILE → STATUS, HEADERS
  : >"$WORK/headers"
  STATUS=$(curl -s -o "$2" -D "$WORK/headers" -w '%{http_code}' -b "$WORK/cookies" -c "$WORK/cookies" "$BASE$1")
  HEADERS=$(cat "$WORK/headers")
}
P=$WORK

# --- the advisor's work on scan 1401: advice, an offer, actions, an assessment ---
psql_q "INSERT INTO offers(id, org_id, title, provider, contact, tags) VALUES
  (1501, 1002, 'Training inclusief werven', 'Werkgeversservicepunt Zuid', 'wsp@zuid.example', '{unconscious-bias}'),
  (1502, 1002, 'Herontwerp van functies', 'Bureau Anders Werken', 'info@anders.example', '{labour-market}')" >/dev/null
psql_q "INSERT INTO research_assessments(scan_id, body, judgements) VALUES (1401,
  'Het beeld is consistent met de open antwoorden.', '{\"agility\": \"Sterk in leiderschap, zwak in werving.\"}')" >/dev/null
psql_q "INSERT INTO scan_actions(org_id, scan_id, what, who_kind, status) VALUES
  (1002, 1400, 'Verzuimbeleid herschrijven', 'company', 'open'), (1002, 1400, 'Afgeronde oude actie', 'company', 'done')" >/dev/null
login adviseur@zuid.example
csrf_of /scans/1401
http POST /scans/1401/status --data "csrf=$CSRF&op=forward&to=advice"
expect_eq "scan moves to advice" 303 "$STATUS"
http POST /scans/1401/advice --data "csrf=$CSRF&theme=unconscious_bias&version=0" \
  --data-urlencode "body=Werf voortaan met **anonieme cv's** en vaste vragen."
http POST /scans/1401/advice --data "csrf=$CSRF&theme=&version=0" \
  --data-urlencode "body=Uw bedrijf staat er goed voor op flexibel afschalen."
expect_eq "general advice saved" 303 "$STATUS"
# stored texts are cleaned once, on input (text_normalize): no-break and other
# Unicode spaces only is no advice; control and bidi-override marks are dropped
http POST /scans/1401/advice --data "csrf=$CSRF&theme=mobility&version=0" \
  --data-urlencode "body=$(printf '\xc2\xa0\xc2\xa0\r\n\xe3\x80\x80\xe2\x80\x83')"
expect_eq "advice of only no-break spaces is accepted" 303 "$STATUS"
expect_eq "... and kept as no advice (empty)" "0" \
  "$(psql_q "SELECT coalesce(max(length(body_md)), 0) FROM scan_advice WHERE scan_id = 1401 AND theme_key = 'mobility'")"
att=inclusive_labour_market  # the other attention point of scan 1401
http POST /scans/1401/advice --data "csrf=$CSRF&theme=$att&version=0" \
  --data-urlencode "body=$(printf 'Plan\x01 een\xe2\x80\xae gesprek\r\nmet elk\x1b[31m team')"
expect_eq "advice with control characters is accepted" 303 "$STATUS"
expect_eq "... without them, line break kept" "$(printf 'Plan een gesprek\nmet elk[31m team')" \
  "$(psql_q "SELECT body_md FROM scan_advice WHERE scan_id = 1401 AND theme_key = '$att'")"
http POST /scans/1401/offers --data "csrf=$CSRF&theme=unconscious_bias&offer_id=1501&op=pick" --data-urlencode "note=Start in mei"
expect_eq "offer picked" 303 "$STATUS"
http POST /scans/1401/actions --data "csrf=$CSRF&who_kind=association&status=open&due_date=2025-06-01&notes=" \
  --data-urlencode "what=Intake plannen met het Werkgeversservicepunt" --data-urlencode "who_name=Anouk"
expect_eq "action added" 303 "$STATUS"

# --- draft ---
get_pdf /scans/1401/report.pdf "$P/draft.pdf"
expect_eq "draft downloads" 200 "$STATUS"
expect_contains "draft is a PDF" "application/pdf" "$HEADERS"
expect_contains "the draft's file name says what, whose and when (RFC 6266 filename*)" \
  "filename*=UTF-8''Conceptrapport%20Bakkerij%20De%20Gouden%20Korst%202025-03-12.pdf" "$HEADERS"
expect_contains "with an ASCII name beside it" 'filename="Conceptrapport Bakkerij De Gouden Korst 2025-03-12.pdf"' "$HEADERS"
pdf_ok draft "$P/draft.pdf"
check "draft: CONCEPT on every page" concept_on_every_page "$P/draft.pdf"
check "draft: every page has content beyond the running header, footer and watermark" content_on_every_page "$P/draft.pdf"
text_has "draft: company, pillars and themes" "$P/draft.pdf" "Bakkerij De Gouden Korst" "Werkgevers Zuid" \
  "Strategie & Bedrijf" "Flexibiliteit & Wendbaarheid" "Flexibiliteit in op- en afschalen" \
  "Employability en Duurzame inzetbaarheid" "HR en strategie" "Digitalisering" "Coachend leiderschap" \
  "Onbewuste vooroordelen" "Flexibel op- en afschalen" "Mobiliteit" "Talentontwikkeling" "Inclusieve arbeidsmarkt"
# each rounded score (half away from zero: 62.5 → 63, 43.75 → 44, 81.25 → 81, 56.25 → 56)
text_has "draft: every theme score rounded" "$P/draft.pdf" "63 · Op weg" "75 · Toekomstbestendig" "50 · Op weg" \
  "25 · Aandachtspunt" "81 · Toekomstbestendig" "44 · Op weg" "56 · Op weg" "30 · Aandachtspunt"
overall=$(psql_q "SELECT round(score::numeric) FROM scores WHERE scan_id = 1401 AND level = 'overall'")
text_has "draft: overall score and peer group" "$P/draft.pdf" "$overall" "sector C Industrie (6 bedrijven"
text_has "draft: advice, offer, action, assessment, movers" "$P/draft.pdf" "anonieme cv's" \
  "goed voor op flexibel afschalen" "Training inclusief werven" "Werkgeversservicepunt Zuid" \
  "Intake plannen met het" "Vereniging: Anouk" "1 juni 2025" "consistent met de open antwoorden" \
  "Sterk in leiderschap, zwak in werving" "Werf met anonieme cv's en stel elke kandidaat dezelfde vragen."
expect_not_contains "draft: what raises the score is named by the tip, never by the question" "We werven met anonieme cv" "$(flat_text "$P/draft.pdf")"
text_has "draft: cleaned advice is in the report" "$P/draft.pdf" "Plan een gesprek"
text_has "draft: colophon with versions and retention" "$P/draft.pdf" "fixture-1" "Werkgevers Zuid bewaart uw antwoorden" \
  "5 jaar na de scan" "Fixture Lectoraat" "pagina 1 van"
text_has "draft: change since the previous scan" "$P/draft.pdf" "10 maart 2024"

# --- brief ---
get_pdf /scans/1401/brief.pdf "$P/brief.pdf"
expect_eq "brief downloads" 200 "$STATUS"
pdf_ok brief "$P/brief.pdf"
text_has "brief: profile, suggested offers, open answers, previous open actions, notes" "$P/brief.pdf" \
  "Gespreksvoorbereiding" "Bakkerij De Gouden Korst" "Training inclusief werven" "Herontwerp van functies" \
  "Graag snel contact." "Verzuimbeleid herschrijven" "Notities"
check "brief: done actions of the earlier scan are not listed" bash -c "! pdftotext '$P/brief.pdf' - 2>/dev/null | grep -q 'Afgeronde oude actie'"
brief_pages=$(quiet pdfinfo "$P/brief.pdf" | awk '/^Pages:/ {print $2}')
check "brief: 1-2 pages (has $brief_pages)" test "${brief_pages:-0}" -ge 1 -a "${brief_pages:-0}" -le 2

# --- finalize: version 1 frozen with sha256 ---
http GET /scans/1401/reports
expect_eq "versions page without versions" 200 "$STATUS"
expect_contains "says there is no final report yet" "nog geen definitief rapport" "$BODY"
csrf_of /scans/1401
http POST /scans/1401/status --data "csrf=$CSRF&op=forward&to=final"
expect_eq "scan moves to final" 303 "$STATUS"
expect_eq "status is final" final "$(psql_q 'SELECT status FROM scans WHERE id = 1401')"
expect_eq "version 1 stored by the advisor" "1|1202" "$(psql_q 'SELECT version, created_by FROM reports WHERE scan_id = 1401')"
expect_eq "the report records the questionnaire text revision it used (the newest)" \
  "$(psql_q 'SELECT coalesce(max(t.revision), 1) FROM questionnaire_texts t JOIN scans s ON s.questionnaire_id = t.questionnaire_id WHERE s.id = 1401')" \
  "$(psql_q 'SELECT text_revision FROM reports WHERE scan_id = 1401')"
get_pdf /scans/1401/reports/1.pdf "$P/v1.pdf"
expect_eq "version 1 downloads" 200 "$STATUS"
sha=$(sha256sum "$P/v1.pdf" | cut -d' ' -f1)
expect_eq "stored sha256 matches the bytes" "$sha" "$(psql_q 'SELECT sha256 FROM reports WHERE scan_id = 1401 AND version = 1')"
expect_eq "stored bytes are the downloaded bytes" "$sha" "$(psql_q "SELECT encode(sha256(pdf), 'hex') FROM reports WHERE scan_id = 1401 AND version = 1")"
expect_contains "ETag is the sha256" "ETag: \"$sha\"" "$HEADERS"
day=$(psql_q "SELECT to_char(created_at, 'YYYY-MM-DD') FROM reports WHERE scan_id = 1401 AND version = 1")
expect_contains "the report's file name: company and the day it was made" \
  "filename=\"Rapport Bakkerij De Gouden Korst $day.pdf\"" "$HEADERS"
psql_q "UPDATE companies SET name = 'Bäckerei \"Ölmühle\"/Zürich' WHERE id = 1301" >/dev/null
get_pdf /scans/1401/reports/1.pdf "$P/v1n.pdf"
expect_contains "a name outside ASCII: UTF-8 in filename*, quotes and slashes dropped" \
  "filename*=UTF-8''Rapport%20B%C3%A4ckerei%20%20%C3%96lm%C3%BChle%20%20Z%C3%BCrich%20$day.pdf" "$HEADERS"
expect_contains "and an ASCII stand-in for old browsers" "filename=\"Rapport B_ckerei  _lm_hle  Z_rich $day.pdf\"" "$HEADERS"
psql_q "UPDATE companies SET name = 'Bakkerij De Gouden Korst' WHERE id = 1301" >/dev/null
get_pdf /scans/1401/reports/1.pdf "$P/v1b.pdf"
check "downloading version 1 twice gives identical bytes" cmp "$P/v1.pdf" "$P/v1b.pdf"
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -b "$WORK/cookies" -H "If-None-Match: \"$sha\"" "$BASE/scans/1401/reports/1.pdf")
expect_eq "If-None-Match with the ETag gives 304" 304 "$STATUS"
pdf_ok final "$P/v1.pdf"
check "final: no CONCEPT" bash -c "! pdftotext -raw '$P/v1.pdf' - 2>/dev/null | tr -d ' \n' | grep -q CONCEPT"
# The first final version prints the report's own web link (/r/TOKEN) on its
# cover; its token is not kept, so the command line re-renders without it and
# the byte check runs on version 2 below (made while the link is live: no link).
web=$(quiet pdftotext -raw -f 1 -l 1 "$P/v1.pdf" - | grep -o '/r/[A-Za-z0-9_-]\{22\}' | head -1)
check "version 1 prints the report's web link on its first page" test -n "$web"
expect_contains "with the configured base URL" "$BASE$web" "$(flat_text "$P/v1.pdf")"
expect_eq "one live report link" 1 "$(psql_q "SELECT count(*) FROM report_links WHERE scan_id = 1401 AND revoked_at IS NULL")"
expect_eq "the web link is no invitation token" 0 \
  "$(psql_q "SELECT count(*) FROM invitations WHERE token_hash = encode(sha256('${web#/r/}'::bytea), 'hex')")"
check "the PDF prints no invitation link" bash -c "! pdftotext '$P/v1.pdf' - 2>/dev/null | grep -q '/s/'"
"$FPHC_BIN" report 1401 --created 1741780800 -o "$P/d1.pdf" 2>/dev/null
"$FPHC_BIN" report 1401 --created 1741780800 -o "$P/d2.pdf" 2>/dev/null
check "the same scan and date render byte-identically" cmp "$P/d1.pdf" "$P/d2.pdf"
check "another date changes the bytes" bash -c "'$FPHC_BIN' report 1401 --created 1741867200 -o '$P/d3.pdf' && ! cmp -s '$P/d1.pdf' '$P/d3.pdf'"
http GET /scans/1401/reports/0.pdf;    expect_eq "version 0 is 404" 404 "$STATUS"
http GET /scans/1401/reports/2.pdf;    expect_eq "a version not made yet is 404" 404 "$STATUS"
http GET /scans/1401/reports/1.txt;    expect_eq "another file name is 404" 404 "$STATUS"

# --- reopen and finalize again: version 2, version 1 kept ---
csrf_of /scans/1401
http POST /scans/1401/status --data "csrf=$CSRF&op=reopen&to=advice&reason=Advies+aangevuld"
expect_eq "reopen to advice" 303 "$STATUS"
http POST /scans/1401/advice --data "csrf=$CSRF&theme=inclusive_labour_market&version=1" \
  --data-urlencode "body=Neem contact op met het WSP over *functiecreatie*."
http POST /scans/1401/status --data "csrf=$CSRF&op=forward&to=final"
expect_eq "final again" 303 "$STATUS"
expect_eq "two versions stored" "1,2" "$(psql_q "SELECT string_agg(version::text, ',' ORDER BY version) FROM reports WHERE scan_id = 1401")"
get_pdf /scans/1401/reports/1.pdf "$P/v1c.pdf"
check "version 1 unchanged after version 2" cmp "$P/v1.pdf" "$P/v1c.pdf"
get_pdf /scans/1401/reports/2.pdf "$P/v2.pdf"
text_has "version 2 holds the new advice" "$P/v2.pdf" "Neem contact op met het WSP"
check "version 2 prints no web link (the live link's token is not kept)" bash -c "! pdftotext '$P/v2.pdf' - 2>/dev/null | grep -q '/r/'"
created=$(psql_q "SELECT extract(epoch FROM created_at)::bigint FROM reports WHERE scan_id = 1401 AND version = 2")
check "re-rendering with the finalize time gives the stored bytes" bash -c \
  "'$FPHC_BIN' report 1401 --created $created -o '$P/again.pdf' && cmp '$P/again.pdf' '$P/v2.pdf'"
check "version 1 does not" bash -c "! pdftotext '$P/v1.pdf' - 2>/dev/null | grep -q 'Neem contact op met het WSP'"
check "stored reports cannot be changed" bash -c "! psql '$DATABASE_URL' -qtAX -c \"UPDATE reports SET sha256 = repeat('0', 64) WHERE scan_id = 1401\" 2>/dev/null"
http GET /scans/1401/reports
expect_contains "versions page lists version 2" "/scans/1401/reports/2.pdf" "$BODY"
expect_contains "versions page lists version 1" "/scans/1401/reports/1.pdf" "$BODY"
http GET /scans/1401
expect_contains "scan page links the draft" 'href="/scans/1401/report.pdf"' "$BODY"
expect_contains "scan page links the brief" 'href="/scans/1401/brief.pdf"' "$BODY"
expect_contains "scan page links the final versions" 'href="/scans/1401/reports/2.pdf"' "$BODY"
expect_not_contains "scan page: still no inline style" ' style="' "$BODY"
expect_contains "scan page: charts from the shared model" 'id="radar-title"' "$BODY"
downloads=$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'report_download' AND object_id = 1401")
expect_eq "every download is audited (draft, brief, 5 × v1 incl. 304, v2)" 8 "$downloads"
expect_eq "finalizing is audited" 2 "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'report_final' AND object_id = 1401")"

# --- edge cases, through the command line ---
FPHC_BENCHMARK_K=50 "$FPHC_BIN" report 1401 --created 1741780800 -o "$P/nobench.pdf" 2>/dev/null
pdf_ok "no benchmark" "$P/nobench.pdf"
text_has "fewer than k peers: the report says so" "$P/nobench.pdf" "nog geen vergelijking: te weinig bedrijven"
psql_q "UPDATE scores SET score = NULL, valid = false, band = NULL WHERE scan_id = 1402 AND level = 'theme' AND key = 'mobility'" >/dev/null
"$FPHC_BIN" report 1402 --created 1741780800 -o "$P/peer.pdf" 2>/dev/null
pdf_ok "insufficient theme" "$P/peer.pdf"
text_has "a theme with insufficient answers says so" "$P/peer.pdf" "Mobiliteit" "onvoldoende antwoorden" "Peer 1"
check "no actions: no actions section" bash -c "! pdftotext '$P/peer.pdf' - 2>/dev/null | grep -q 'Afspraken'"
text_has "empty advice: said plainly, once" "$P/peer.pdf" "Bij de punten zonder geschreven advies bespreekt uw adviseur"
psql_q "UPDATE scans SET lang = 'en' WHERE id = 1402" >/dev/null
"$FPHC_BIN" report 1402 --created 1741780800 -o "$P/en.pdf" 2>/dev/null
text_has "the scan's language: English" "$P/en.pdf" "Personal report" "Strategy & business" "insufficient answers"
check "unknown scan: the command fails" bash -c "! '$FPHC_BIN' report 99999 -o '$P/x.pdf' 2>/dev/null"

# --- scoping ---
login adviseur@noord.example
for u in /scans/1401/report.pdf /scans/1401/brief.pdf /scans/1401/reports /scans/1401/reports/1.pdf; do
  http GET "$u"; expect_eq "advisor of another association: $u is 404" 404 "$STATUS"
done
expect_not_contains "the 404 names no company" "Gouden Korst" "$BODY"
login onderzoeker@lectoraat.example
for u in /scans/1401/report.pdf /scans/1401/brief.pdf /scans/1401/reports/1.pdf; do
  http GET "$u"; expect_eq "researcher: $u is 404" 404 "$STATUS"
done
rm -f "$WORK/cookies"
http GET /scans/1401/report.pdf;       expect_eq "not logged in: to the login page" 303 "$STATUS"

# --- the owner's download from the invitation link ---
token=ownerLinkToken01234567
psql_q "INSERT INTO invitations(scan_id, token_hash, expires_at) VALUES (1401, encode(sha256('$token'::bytea), 'hex'), now() + interval '30 days')" >/dev/null
http GET "/s/$token/report.pdf";       expect_eq "owner download off: 404" 404 "$STATUS"
psql_q "UPDATE organisations SET owner_report_download = true WHERE id = 1002" >/dev/null
get_pdf "/s/$token/report.pdf" "$P/owner.pdf"
expect_eq "owner download on: 200" 200 "$STATUS"
check "the owner gets the latest final version" cmp "$P/owner.pdf" "$P/v2.pdf"
http GET "/s/$token/done"
expect_contains "the done page links the owner's report" "/s/$token/report.pdf" "$BODY"
expect_contains "the done page names the comparison group as the report does" \
  "vergelijken we uw scores met die van bedrijven uit uw eigen sector (C Industrie)" "$BODY"
expect_contains "the done page links the report as a web page" "/s/$token/report.html" "$BODY"
http GET "/s/$token/report.html";      expect_eq "the web page from the invitation link: 200" 200 "$STATUS"
expect_contains "which names the company" "Bakkerij De Gouden Korst" "$BODY"
# --- the report's own read-only web link (/r/TOKEN) ---
http GET "$web";                       expect_eq "the web link opens the report" 200 "$STATUS"
expect_contains "the report names the company" "Bakkerij De Gouden Korst" "$BODY"
expect_contains "shows the newest advice (as HTML)" "Neem contact op met het WSP over <em>functiecreatie</em>" "$BODY"
expect_contains "the comparison is a table" '<th scope="col">Thema</th>' "$BODY"
expect_contains "with the group in words" "mediaan" "$BODY"
expect_contains "the tips" "Wat uw score omhoog brengt" "$BODY"
expect_contains "the chosen offer" "Training inclusief werven" "$BODY"
expect_contains "the agreed actions" "Afspraken" "$BODY"
expect_contains "a band label" 'class="band band-' "$BODY"
expect_not_contains "no inline style" ' style="' "$BODY"
expect_not_contains "no inline script" '<script>' "$BODY"
expect_not_contains "opens nothing of the owner's data" "/data.json" "$BODY"
http GET "$web?lang=en";               expect_contains "in English on request" "Personal report" "$BODY"
psql_q "UPDATE organisations SET owner_report_download = false WHERE id = 1002" >/dev/null
http GET "$web";                       expect_eq "owner download off: the web link is 404" 404 "$STATUS"
http GET "/s/$token/report.html";      expect_eq "and so is the page from the invitation link" 404 "$STATUS"
psql_q "UPDATE organisations SET owner_report_download = true WHERE id = 1002" >/dev/null
psql_q "UPDATE invitations SET revoked_at = now() WHERE scan_id = 1401" >/dev/null
psql_q "INSERT INTO invitations(scan_id, token_hash, expires_at) VALUES (1401, encode(sha256('reissuedLinkToken0123456'::bytea), 'hex'), now() + interval '30 days')" >/dev/null
http GET "$web";                       expect_eq "a reissued invitation leaves the web link working" 200 "$STATUS"
http GET "/s/nosuchtoken000000000000000000/report.pdf"; expect_eq "unknown token: 404" 404 "$STATUS"
psql_q "UPDATE invitations SET revoked_at = now() WHERE scan_id = 1401" >/dev/null
http GET "/s/$token/report.pdf";       expect_eq "revoked link: 404" 404 "$STATUS"
for i in $(seq 1 12); do http GET "/s/guess$i/report.pdf"; done
expect_eq "guessing tokens is rate-limited" 429 "$STATUS"
expect_eq "the owner's download is audited" 1 "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'report_download' AND detail->>'kind' = 'owner'")"

# --- the advisor revokes the web link; the next finalize makes a new one ---
http GET "$web";                       expect_eq "web link still works before the revoke" 200 "$STATUS"
login adviseur@zuid.example
http GET /scans/1401
expect_contains "the scan page offers to revoke the web link" 'action="/scans/1401/report-link"' "$BODY"
csrf_of /scans/1401
http POST /scans/1401/report-link --data "op=revoke"
expect_eq "revoking without CSRF is refused" 403 "$STATUS"
http POST /scans/1401/report-link --data "csrf=$CSRF&op=revoke"
expect_eq "revoke: back to the scan page" 303 "$STATUS"
http GET "$web";                       expect_eq "a revoked web link is 404" 404 "$STATUS"
expect_eq "the revoke is audited" 1 "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'report_link_revoked' AND object_id = 1401")"
csrf_of /scans/1401
http POST /scans/1401/status --data "csrf=$CSRF&op=reopen&to=advice&reason=Nieuwe+link"
http POST /scans/1401/status --data "csrf=$CSRF&op=forward&to=final"
expect_eq "final once more" 303 "$STATUS"
get_pdf /scans/1401/reports/3.pdf "$P/v3.pdf"
web3=$(quiet pdftotext -raw -f 1 -l 1 "$P/v3.pdf" - | grep -o '/r/[A-Za-z0-9_-]\{22\}' | head -1)
check "the next final version prints a new web link" bash -c "[ -n '$web3' ] && [ '$web3' != '$web' ]"
http GET "$web3";                      expect_eq "the new web link works" 200 "$STATUS"
http GET "$web";                       expect_eq "the old one stays revoked" 404 "$STATUS"

# --- one date style on every screen (issue 16.2): 1-12-2026 18:23, never the
# ISO form or a padded day in the text people read (form values keep ISO) ---
"$FPHC_BIN" benchmarks refresh >/dev/null 2>&1
# the fixture writes no research_rows, so the aggregates' reference SQL (same rule) is used
FPHC_BENCHMARKS_SQL=1 "$FPHC_BIN" aggregates refresh >/dev/null 2>&1
visible_dates_ok() {  # $1 = what [$2 = month: research pages show months only]; the page in $WORK/body
  local text
  text=$(sed -e 's/<[^>]*>/ /g' "$WORK/body")
  if echo "$text" | grep -qE '\b(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}\b|\b0[1-9]-[0-9]{2}-(19|20)[0-9]{2}\b'; then
    not_ok "$1: one date style ($(echo "$text" | grep -oE '\b(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}[^ ]*|\b0[1-9]-[0-9]{2}-(19|20)[0-9]{2}' | head -3 | tr '\n' ' '))"
  elif [ -z "${2:-}" ] && ! echo "$text" | grep -qE '\b[1-9][0-9]?-[1-9][0-9]?-(19|20)[0-9]{2}\b'; then
    not_ok "$1: shows a date at all"
  else
    ok "$1: dates as 1-12-2026 18:23"
  fi
}
a_id=$(psql_q "SELECT min(id) FROM scan_actions WHERE scan_id = 1401")
for page in /scans/1401 /companies/1301 /actions "/actions/$a_id" /app; do
  http GET "$page"; visible_dates_ok "advisor $page"
done
login admin@zuid.example
for page in /admin/users /admin/audit; do
  http GET "$page"; visible_dates_ok "admin $page"
done
login onderzoeker@lectoraat.example
http GET /research/scans; visible_dates_ok "researcher /research/scans" month
ref=$(grep -o 'href="/research/scans/[0-9a-f]\{16\}-[0-9]*"' "$WORK/body" | head -n 1 | sed 's/href="\(.*\)"/\1/')
http GET "$ref"; visible_dates_ok "researcher $ref" month
http GET /research/aggregates; visible_dates_ok "researcher /research/aggregates"
