#!/usr/bin/env bash
# The research aggregates computed in C (server/app/aggregates_refresh.c) are
# the reference SQL's (percentile_cont under GROUPING SETS) row for row: the
# same groups and n, the same mean, sd and quartiles to 1e-9, also with
# unknown sectors and sizes, a region name that needs COPY escaping, an
# association that stops sharing, a second research group and an erased company.
# The benchmark snapshot (server/app/benchmark_refresh.c, the same sort and
# scatter) is checked against its reference SQL in the same way.
. "$(dirname "$0")/lib.sh"
new_db
"$FPHC_BIN" demo init >/dev/null
"$FPHC_BIN" demo seed --companies 60 --scans-per-company 2 --seed 23 --quiet >/dev/null 2>&1
expect_eq "the seed wrote a research row per submitted scan" \
  "$(psql_q "SELECT count(*) FROM scans WHERE submitted_at IS NOT NULL")" "$(psql_q "SELECT count(*) FROM research_rows")"
psql_owner "UPDATE scans SET sector = NULL WHERE id % 7 = 0;
  UPDATE scans SET fte = NULL WHERE id % 5 = 0;
  UPDATE scans SET submitted_at = submitted_at - interval '400 days' WHERE id % 3 = 0;
  UPDATE organisations SET region = E'Zuid\\tLimburg \\\\ \"Parkstad\"' WHERE slug = 'demo-zuid';
  INSERT INTO organisations(slug, name, kind) VALUES ('onderzoek-2', 'Tweede groep', 'research');
  UPDATE organisations SET share_research = true, research_org_id = (SELECT id FROM organisations WHERE slug = 'onderzoek-2') WHERE slug = 'demo-noord';
  UPDATE research_rows SET scores[2] = NULL WHERE scan_id % 4 = 0" >/dev/null
cid=$(psql_q "SELECT min(company_id) FROM scans WHERE submitted_at IS NOT NULL")
psql_owner "UPDATE research_rows SET answers = '{}' WHERE scan_id IN (SELECT id FROM scans WHERE company_id = $cid);
  UPDATE scores SET valid = false WHERE level = 'pillar' AND key = 'strategy'
    AND scan_id IN (SELECT scan_id FROM research_rows WHERE scan_id % 4 = 0)" >/dev/null

"$FPHC_BIN" aggregates refresh >/dev/null 2>"$WORK/c.err"; expect_eq "the refresh in C succeeds" 0 "$?"
psql_owner "CREATE TABLE ag_c AS SELECT * FROM research_aggregates" >/dev/null
FPHC_BENCHMARKS_SQL=1 "$FPHC_BIN" aggregates refresh >/dev/null 2>"$WORK/sql.err"; expect_eq "the reference SQL succeeds" 0 "$?"
diff=$(psql_owner "SELECT count(*) FILTER (WHERE c.key IS NULL) || ' only in SQL, ' ||
  count(*) FILTER (WHERE s.key IS NULL) || ' only in C, ' ||
  count(*) FILTER (WHERE c.n <> s.n OR abs(c.mean - s.mean) > 1e-9 OR (c.sd IS NULL) <> (s.sd IS NULL)
    OR abs(c.sd - s.sd) > 1e-9 OR abs(c.p25 - s.p25) > 1e-9 OR abs(c.median - s.median) > 1e-9
    OR abs(c.p75 - s.p75) > 1e-9) || ' differ'
  FROM ag_c c FULL JOIN research_aggregates s USING (research_org_id, questionnaire_id, dimension, cell, level, key)")
expect_eq "C and SQL give the same aggregates" "0 only in SQL, 0 only in C, 0 differ" "$diff"
expect_eq "both research groups have aggregates" 2 "$(psql_owner "SELECT count(DISTINCT research_org_id) FROM ag_c")"
expect_eq "the escaped region name arrives as typed" 1 \
  "$(psql_owner "SELECT count(DISTINCT cell) FROM ag_c WHERE dimension = 'region' AND cell = E'Zuid\\tLimburg \\\\ \"Parkstad\"'")"
expect_eq "every dimension has its total row" 4 "$(psql_owner "SELECT count(DISTINCT dimension) FROM ag_c WHERE cell = '' AND level = 'overall'")"
expect_eq "a period per quarter, more than one" t "$(psql_owner "SELECT count(DISTINCT cell) > 1 FROM ag_c WHERE dimension = 'period'")"
"$FPHC_BIN" benchmarks refresh >/dev/null 2>&1; expect_eq "the benchmark refresh in C succeeds" 0 "$?"
psql_owner "CREATE TABLE bm_c AS SELECT * FROM benchmark_snapshots" >/dev/null
FPHC_BENCHMARKS_SQL=1 "$FPHC_BIN" benchmarks refresh >/dev/null 2>&1
diff=$(psql_owner "SELECT count(*) FILTER (WHERE c.key IS NULL) || ' only in SQL, ' ||
  count(*) FILTER (WHERE s.key IS NULL) || ' only in C, ' ||
  count(*) FILTER (WHERE c.n <> s.n OR abs(c.mean - s.mean) > 1e-9 OR (c.sd IS NULL) <> (s.sd IS NULL)
    OR abs(c.sd - s.sd) > 1e-9 OR abs(c.p25 - s.p25) > 1e-9 OR abs(c.median - s.median) > 1e-9
    OR abs(c.p75 - s.p75) > 1e-9 OR c.hist_bins <> s.hist_bins OR c.hist_counts <> s.hist_counts) || ' differ, ' ||
  count(*) || ' rows'
  FROM bm_c c FULL JOIN benchmark_snapshots s USING (questionnaire_id, group_kind, group_key, level, key)")
expect_contains "C and SQL give the same benchmark snapshot" "0 only in SQL, 0 only in C, 0 differ" "$diff"
finish
