-- Issue 17.11: the export names a scan by its number within the company (1 for
-- the company's first sent scan, 2 for the next, …). It was counted per row
-- with a subquery, a fifth of the export's database time; it is now stored
-- when the scan is sent (db_scan_mark_submitted) or seeded. A row without it
-- (a scan scored before it was sent, old fixtures) is still counted as before.
-- Kept anonymous scores move to one new company together, so the numbers stay.
DO $$
DECLARE before bigint; after bigint; numbered bigint;
BEGIN
    SELECT count(*) INTO before FROM research_rows;
    ALTER TABLE research_rows ADD COLUMN scan_no integer CHECK (scan_no > 0);
    UPDATE research_rows rr SET scan_no = x.n
      FROM (SELECT id, row_number() OVER (PARTITION BY company_id ORDER BY submitted_at, id) AS n
              FROM scans WHERE submitted_at IS NOT NULL) x
     WHERE x.id = rr.scan_id;
    SELECT count(*), count(scan_no) INTO after, numbered FROM research_rows;
    IF before <> after THEN
        RAISE EXCEPTION 'research_rows: % rows before, % after', before, after;
    END IF;
    RAISE NOTICE 'research_rows: % of % rows numbered', numbered, after;
END $$;
