-- 0090_evaluation_summaries: per-quarter summaries for the interim evaluation
-- (tussen-evaluatie, issue 20.5-20.7), refreshed with the benchmarks
-- (server/app/evaluation_refresh.c), so the evaluation of a period adds up a
-- few rows per quarter instead of reading every scan. Replaced whole at every
-- refresh; refresh_id says which benchmark refresh wrote them.
--
-- quarter: the first day of the quarter (installation time zone) in which the
-- counted thing happened: invited = scan created, started, submitted,
-- discussed = feedback meeting held, attention = scan submitted, offer chosen,
-- action created, event starts.

-- Counts per association × quarter × kind (× key: a theme key, an offer id).
CREATE TABLE evaluation_counts (
    org_id      bigint NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    quarter     date NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('invited', 'started', 'submitted', 'discussed',
                    'attention', 'offer_chosen', 'offer_taken_up',
                    'action_done', 'action_open', 'action_overdue', 'action_dropped',
                    'events', 'event_invited', 'event_signed_up', 'event_attended')),
    key         text NOT NULL DEFAULT '',
    n           bigint NOT NULL CHECK (n >= 0),
    refresh_id  bigint NOT NULL REFERENCES benchmark_refreshes(id),
    PRIMARY KEY (org_id, quarter, kind, key)
);

-- Score distributions per association × quarter × questionnaire version × score
-- of the scans submitted in that quarter: exact n, sum, min and max (they add
-- up over quarters) and a sparse histogram in bins 0.1 wide (bin b counts
-- scores in [b/10, b/10 + 0.1); bin 1000 holds 100) with the sum of the scores
-- in each bin, from which the box plot's quartiles over any run of quarters
-- are read to within one bin (scoring/histogram.h). Quantiles themselves
-- cannot be added up.
CREATE TABLE evaluation_histograms (
    org_id            bigint NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    quarter           date NOT NULL,
    questionnaire_id  bigint NOT NULL REFERENCES questionnaires(id),
    level             text NOT NULL CHECK (level IN ('overall', 'pillar', 'theme')),
    key               text NOT NULL,
    n                 integer NOT NULL CHECK (n > 0),
    sum               double precision NOT NULL,
    min               double precision NOT NULL,
    max               double precision NOT NULL,
    bins              smallint[] NOT NULL,
    counts            integer[] NOT NULL,
    sums              double precision[] NOT NULL,
    refresh_id        bigint NOT NULL REFERENCES benchmark_refreshes(id),
    PRIMARY KEY (org_id, quarter, questionnaire_id, level, key)
);

-- Repeat scans: every step from one submitted scan of a company to its next one
-- (same questionnaire version), per pillar, by the quarters of the later scan,
-- the earlier scan and the scan before that ('1900-01-01' when there is none).
-- Over a period [F, T] the steps with earlier_quarter >= F and later_quarter <= T
-- add up, per company, to its latest minus its first scan in the period; the
-- companies are the steps that start a chain (before_quarter < F).
CREATE TABLE evaluation_steps (
    org_id           bigint NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    later_quarter    date NOT NULL,
    earlier_quarter  date NOT NULL,
    before_quarter   date NOT NULL,
    key              text NOT NULL,   -- pillar key
    n                integer NOT NULL CHECK (n > 0),
    sum_change       double precision NOT NULL,
    refresh_id       bigint NOT NULL REFERENCES benchmark_refreshes(id),
    PRIMARY KEY (org_id, later_quarter, earlier_quarter, before_quarter, key)
);
