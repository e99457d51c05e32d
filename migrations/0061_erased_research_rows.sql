-- 0061_erased_research_rows: release 0.1.0 erased the open text of a company
-- whose association keeps anonymous scores from `answers`, but not from the
-- copy in `research_rows`, so the research exports still showed it. The erasure
-- now rebuilds the copy (server/db/protection.c); this rebuilds the rows that
-- 0.1.0 left behind, from the answers that are left.
-- Data safety (migrations/README.md): rewrites data only, in this migration's
-- one transaction, and counts before it commits.
DO $$
DECLARE
    rows_before bigint;
    rows_after  bigint;
    rebuilt     bigint;
    left_over   bigint;
BEGIN
    SELECT count(*) INTO rows_before FROM research_rows;

    UPDATE research_rows rr
       SET answers = coalesce((SELECT jsonb_object_agg(a.item_key, a.value)::text
                                 FROM answers a WHERE a.scan_id = rr.scan_id), '{}')
      FROM scans s JOIN companies c ON c.id = s.company_id
     WHERE s.id = rr.scan_id AND c.erased_at IS NOT NULL
       AND rr.answers::jsonb IS DISTINCT FROM
           coalesce((SELECT jsonb_object_agg(a.item_key, a.value) FROM answers a WHERE a.scan_id = rr.scan_id), '{}'::jsonb);
    GET DIAGNOSTICS rebuilt = ROW_COUNT;

    SELECT count(*) INTO rows_after FROM research_rows;
    SELECT count(*) INTO left_over
      FROM research_rows rr JOIN scans s ON s.id = rr.scan_id JOIN companies c ON c.id = s.company_id
     WHERE c.erased_at IS NOT NULL
       AND rr.answers::jsonb IS DISTINCT FROM
           coalesce((SELECT jsonb_object_agg(a.item_key, a.value) FROM answers a WHERE a.scan_id = rr.scan_id), '{}'::jsonb);
    IF rows_after <> rows_before OR left_over <> 0 THEN
        RAISE EXCEPTION '0061: research_rows % -> %, % erased row(s) still differ from their answers; nothing was changed',
            rows_before, rows_after, left_over;
    END IF;
    RAISE NOTICE '0061: rebuilt % research row(s) of erased companies (% rows in all)', rebuilt, rows_after;
END $$;
