#!/usr/bin/env bash
# fphc rescore: recomputes stored results, reports what changed, repairs tampered scores.
. "$(dirname "$0")/lib.sh"
new_db
"$FPHC_BIN" demo init >/dev/null
"$FPHC_BIN" demo seed --companies 6 --scans-per-company 1 --seed 7 --quiet >/dev/null 2>&1
n=$(psql_q "SELECT count(*) FROM scans WHERE submitted_at IS NOT NULL")
out=$("$FPHC_BIN" rescore 2>&1); rc=$?
expect_eq "rescore succeeds" 0 "$rc"
expect_contains "rescore counts every submitted scan, none changed" "$n scan(s) rescored, 0 changed, 0 failed" "$out"
sid=$(psql_q "SELECT min(scan_id) FROM scores")
psql_q "UPDATE scores SET score = score + 5 WHERE scan_id = $sid AND level = 'overall'"
psql_q "UPDATE results SET overall = overall + 5 WHERE scan_id = $sid"
out=$("$FPHC_BIN" rescore --version 1 2>&1)
expect_contains "a tampered scan is reported as changed" "scan $sid: changed" "$out"
expect_contains "exactly one changed" "1 changed" "$out"
out=$("$FPHC_BIN" rescore 2>&1)
expect_contains "after rescore the stored scores are right again" "0 changed" "$out"
rows=$(psql_q "SELECT count(*) FROM scores WHERE scan_id = $sid")
expect_eq "one row per overall, pillar and theme (1 + 4 + 14)" 19 "$rows"
"$FPHC_BIN" rescore --version x >/dev/null 2>&1; expect_eq "a bad --version is a usage error" 2 "$?"
