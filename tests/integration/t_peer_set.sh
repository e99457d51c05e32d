#!/usr/bin/env bash
# One peer-set rule (server/db/peer_set.h): demo scans count only while there is
# no real submitted scan. Checked on the scan page, the draft PDF, the meeting
# brief, the owner's done page and the benchmark snapshot.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fixture_lib.sh"
new_db
load_fixture scans_with_peers.sql
quiet() { "$@" 2> >(grep -v "begincidrange" >&2); }
flat_text() { quiet pdftotext -layout "$1" - | tr -s ' \n' ' '; }
snapshot_n() { psql_q "SELECT n FROM benchmark_snapshots b JOIN benchmark_refreshes r ON r.id = b.refresh_id
  WHERE b.group_kind = 'all' AND b.level = 'overall' AND b.questionnaire_id = 1100 ORDER BY r.id DESC LIMIT 1"; }
look() {  # look TAG: the scan page, the draft and the brief of scan 1401
  start_server || exit 1
  login adviseur@zuid.example
  http GET /scans/1401; PAGE=$(cat "$WORK/body")
  curl -s -o "$WORK/draft.pdf" -b "$WORK/cookies" "$BASE/scans/1401/report.pdf"
  curl -s -o "$WORK/brief.pdf" -b "$WORK/cookies" "$BASE/scans/1401/brief.pdf"
  DRAFT=$(flat_text "$WORK/draft.pdf"); BRIEF=$(flat_text "$WORK/brief.pdf")
  http GET "/s/$OWNER_TOKEN/done"; DONE=$(cat "$WORK/body")
  stop_server
}

OWNER_TOKEN=ownerPeerSetToken01234
psql_q "INSERT INTO invitations(scan_id, token_hash, expires_at) VALUES (1401, encode(sha256('$OWNER_TOKEN'::bytea), 'hex'), now() + interval '30 days')" >/dev/null
# 1. only demo scans: they form the comparison group
psql_owner "UPDATE scans SET is_demo = true" >/dev/null
# the fixture writes no research_rows, so the snapshot's reference SQL (same rule) is used
FPHC_BENCHMARKS_SQL=1 "$FPHC_BIN" benchmarks refresh >/dev/null 2>&1
look demo
expect_contains "demo only: the scan page compares with the demo scans" "6 andere bedrijven" "$PAGE"
expect_contains "demo only: so does the draft" "(6 bedrijven" "$DRAFT"
expect_contains "demo only: the done page names the group" "vergelijken we uw scores met die van" "$DONE"
n_demo=$(snapshot_n)
expect_eq "demo only: the snapshot counts the demo companies" "t" "$([ "${n_demo:-0}" -ge 6 ] && echo t)"

# 2. one real scan: the demo scans drop out everywhere
psql_owner "UPDATE scans SET is_demo = false WHERE id = 1401" >/dev/null
# the fixture writes no research_rows, so the snapshot's reference SQL (same rule) is used
FPHC_BENCHMARKS_SQL=1 "$FPHC_BIN" benchmarks refresh >/dev/null 2>&1
look real
expect_not_contains "one real scan: the scan page shows no demo peer group" "6 andere bedrijven" "$PAGE"
expect_not_contains "one real scan: the draft shows no demo peer group" "6 bedrijven" "$DRAFT"
expect_not_contains "one real scan: the brief shows no demo peer group" "6 bedrijven" "$BRIEF"
expect_contains "one real scan: the done page says there is no comparison yet" "Er doen nog te weinig bedrijven mee" "$DONE"
expect_eq "one real scan: the snapshot holds that scan only" "1" "$(snapshot_n)"
