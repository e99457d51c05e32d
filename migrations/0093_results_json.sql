-- Issue 17.11: a scan's stored result is written once and read whole (the scan
-- page and the data download parse it in C; no query looks inside it). As jsonb
-- every insert parsed and re-encoded ~13 KB, which was the largest part of the
-- seed's and the rescore's database time; as json it is checked and stored as
-- the scoring engine wrote it. The text the engine writes is valid JSON, so the
-- cast cannot fail; the count check guards the rewrite anyway.
DO $$
DECLARE before bigint; after bigint;
BEGIN
    SELECT count(*) INTO before FROM results;
    ALTER TABLE results ALTER COLUMN result TYPE json USING result::json;
    ALTER TABLE results ALTER COLUMN result SET COMPRESSION lz4;
    SELECT count(*) INTO after FROM results;
    IF before <> after THEN
        RAISE EXCEPTION 'results: % rows before, % after', before, after;
    END IF;
END $$;
