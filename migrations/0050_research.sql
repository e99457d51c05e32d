-- 0050_research: benchmark snapshots (peer statistics used by scan pages and
-- reports) and precomputed research aggregates.

-- One row per refresh, so a report can record the snapshot it used.
CREATE TABLE benchmark_refreshes (
    id            bigserial PRIMARY KEY,
    kind          text NOT NULL DEFAULT 'benchmarks' CHECK (kind IN ('benchmarks', 'aggregates')),
    computed_at   timestamptz NOT NULL DEFAULT now(),
    n_scans       bigint NOT NULL DEFAULT 0,     -- scans that went into it
    duration_ms   double precision NOT NULL DEFAULT 0
);

-- Peer statistics per questionnaire version × peer group × score, over the
-- latest submitted scan of every company. Only the current snapshot is kept
-- (replaced whole in one transaction); refresh_id says which one it is.
-- hist_bins/hist_counts: a sparse histogram at 0.5-point resolution (bin b
-- counts scores in [b/2, b/2 + 0.5), bin 200 also holds 100), enough for a
-- percentile rank to within one bin whatever n is (a sorted array of values
-- would grow with n: 8 MB per score at 1,000,000 scans).
CREATE TABLE benchmark_snapshots (
    questionnaire_id  bigint NOT NULL REFERENCES questionnaires(id),
    group_kind        text NOT NULL CHECK (group_kind IN ('sector', 'size_class', 'all')),
    group_key         text NOT NULL,   -- SBI letter, size class key, '' for all
    level             text NOT NULL CHECK (level IN ('overall', 'pillar', 'theme')),
    key               text NOT NULL,
    n                 integer NOT NULL,
    mean              double precision,
    sd                double precision,
    p25               double precision,
    median            double precision,
    p75               double precision,
    hist_bins         smallint[] NOT NULL,
    hist_counts       integer[] NOT NULL,
    refresh_id        bigint NOT NULL REFERENCES benchmark_refreshes(id),
    PRIMARY KEY (questionnaire_id, group_kind, group_key, level, key)
);

-- Research aggregates per research group × questionnaire version × dimension
-- cell × score, over every submitted scan of the associations sharing with
-- that research group. Suppression is applied when they are shown, not here.
CREATE TABLE research_aggregates (
    research_org_id   bigint NOT NULL REFERENCES organisations(id),
    questionnaire_id  bigint NOT NULL REFERENCES questionnaires(id),
    dimension         text NOT NULL CHECK (dimension IN ('sector', 'size_class', 'region', 'period')),
    cell              text NOT NULL,   -- '' = the total over all cells
    level             text NOT NULL,
    key               text NOT NULL,
    n                 integer NOT NULL,
    mean              double precision,
    sd                double precision,
    p25               double precision,
    median            double precision,
    p75               double precision,
    refresh_id        bigint NOT NULL REFERENCES benchmark_refreshes(id),
    PRIMARY KEY (research_org_id, questionnaire_id, dimension, cell, level, key)
);

-- The size class of a number of FTE, as scoring/peer.h defines it.
CREATE FUNCTION fphc_size_class(fte numeric) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN fte IS NULL THEN NULL WHEN fte < 50 THEN 'fte_10_49' WHEN fte < 100 THEN 'fte_50_99'
                WHEN fte < 200 THEN 'fte_100_199' ELSE 'fte_200_plus' END
$$;

CREATE INDEX scans_company_latest ON scans(company_id, questionnaire_id, submitted_at DESC, id DESC)
    WHERE submitted_at IS NOT NULL;
