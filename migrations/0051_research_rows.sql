-- 0051_research_rows: one denormalised row per scored scan for the research
-- exports and item statistics. Reading answers and scores per scan through
-- subqueries cost ~300 us a scan (3,300 rows/s); one sequential read of this
-- table streams the wide export at well over 50,000 rows/s.
--
-- Written by db_scan_store_result (after the answers are stored) and by
-- fphc demo seed; rows go with their scan (ON DELETE CASCADE).
--   answers: the scan's answers as one JSON object text (item key -> value),
--            open-text answers included: the export drops them for
--            associations without share_open_text.
--   scores:  the flattened scores in scan_score_rows order (overall, then each
--            pillar followed by its themes); NULL where the score is not valid.
CREATE TABLE research_rows (
    scan_id  bigint PRIMARY KEY REFERENCES scans(id) ON DELETE CASCADE,
    answers  text NOT NULL,
    scores   double precision[] NOT NULL
);

-- Scans scored before this migration.
INSERT INTO research_rows(scan_id, answers, scores)
SELECT r.scan_id,
       coalesce((SELECT jsonb_object_agg(a.item_key, a.value)::text FROM answers a WHERE a.scan_id = r.scan_id), '{}'),
       (SELECT array_agg(CASE WHEN sc.valid THEN sc.score END
                         ORDER BY CASE sc.level WHEN 'overall' THEN 0 ELSE 1 END, x.ord)
          FROM scores sc
          LEFT JOIN LATERAL (SELECT min(o.n) AS ord FROM (
              SELECT p.ordinality * 1000 AS n FROM jsonb_array_elements(q.definition->'pillars') WITH ORDINALITY p
               WHERE sc.level = 'pillar' AND p.value->>'key' = sc.key
              UNION ALL
              SELECT p.ordinality * 1000 + t.ordinality FROM jsonb_array_elements(q.definition->'pillars') WITH ORDINALITY p,
                     jsonb_array_elements(p.value->'themes') WITH ORDINALITY t
               WHERE sc.level = 'theme' AND t.value->>'key' = sc.key) o) x ON true
         WHERE sc.scan_id = r.scan_id)
  FROM results r JOIN scans s ON s.id = r.scan_id JOIN questionnaires q ON q.id = s.questionnaire_id;

-- Results JSON (~13 KB a scan) compresses 3x faster with lz4 than with pglz.
ALTER TABLE results ALTER COLUMN result SET COMPRESSION lz4;
