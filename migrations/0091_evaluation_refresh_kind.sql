-- 0091_evaluation_refresh_kind: the interim evaluation's summaries (0090) have
-- refreshes of their own, recorded beside the benchmark and aggregate ones, so
-- an evaluation can say which refresh (and when) it was read from.
ALTER TABLE benchmark_refreshes DROP CONSTRAINT benchmark_refreshes_kind_check,
    ADD CONSTRAINT benchmark_refreshes_kind_check CHECK (kind IN ('benchmarks', 'aggregates', 'evaluation'));
