-- 0030_backoffice2: what the association does with a submitted scan: the offer
-- catalogue, advice per attention point, chosen offers, the research group's
-- assessment, the feedback meeting, follow-up actions with history, and the
-- history of status changes.

-- The association's regional catalogue of offers (aanbod) of partners.
CREATE TABLE offers (
    id           bigserial PRIMARY KEY,
    org_id       bigint NOT NULL REFERENCES organisations(id),
    title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    provider     text NOT NULL CHECK (length(provider) BETWEEN 1 AND 200),
    description  text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    contact      text NOT NULL DEFAULT '' CHECK (length(contact) <= 500),
    url          text NOT NULL DEFAULT '' CHECK (url = '' OR url ~ '^https?://'),
    tags         text[] NOT NULL DEFAULT '{}',
    active       boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX offers_org ON offers(org_id, active);
CREATE INDEX offers_tags ON offers USING gin (tags);

-- Advice in Markdown: theme_key '' is the general advice, else an attention point.
-- version grows by one with every save (optimistic concurrency).
CREATE TABLE scan_advice (
    scan_id     bigint NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    theme_key   text NOT NULL,
    body_md     text NOT NULL DEFAULT '' CHECK (length(body_md) <= 100000),
    version     integer NOT NULL DEFAULT 1,
    updated_by  bigint REFERENCES users(id),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scan_id, theme_key)
);

-- Offers the advisor picked for an attention point, with a note.
CREATE TABLE scan_offers (
    scan_id     bigint NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    theme_key   text NOT NULL,
    offer_id    bigint NOT NULL REFERENCES offers(id),
    note        text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    chosen_by   bigint REFERENCES users(id),
    chosen_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scan_id, theme_key, offer_id)
);

-- The research group's assessment (waardering): text and an optional judgement per pillar.
CREATE TABLE research_assessments (
    scan_id     bigint PRIMARY KEY REFERENCES scans(id) ON DELETE CASCADE,
    body        text NOT NULL DEFAULT '' CHECK (length(body) <= 20000),
    judgements  jsonb NOT NULL DEFAULT '{}',
    version     integer NOT NULL DEFAULT 1,
    updated_by  bigint REFERENCES users(id),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- The feedback meeting with the owner.
CREATE TABLE scan_meetings (
    scan_id       bigint PRIMARY KEY REFERENCES scans(id) ON DELETE CASCADE,
    planned_date  date,
    planned_time  text NOT NULL DEFAULT '' CHECK (planned_time = '' OR planned_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
    place         text NOT NULL DEFAULT '' CHECK (length(place) <= 300),
    held_date     date,
    attendees     text NOT NULL DEFAULT '' CHECK (length(attendees) <= 2000),
    notes         text NOT NULL DEFAULT '' CHECK (length(notes) <= 20000),
    updated_by    bigint REFERENCES users(id),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Follow-up actions agreed with the company.
CREATE TABLE scan_actions (
    id          bigserial PRIMARY KEY,
    org_id      bigint NOT NULL REFERENCES organisations(id),
    scan_id     bigint NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    what        text NOT NULL CHECK (length(what) BETWEEN 1 AND 500),
    who_kind    text NOT NULL CHECK (who_kind IN ('company', 'association', 'partner')),
    who_name    text NOT NULL DEFAULT '' CHECK (length(who_name) <= 200),
    due_date    date,
    status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
    notes       text NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
    created_by  bigint REFERENCES users(id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  bigint REFERENCES users(id),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX scan_actions_scan ON scan_actions(scan_id, id);
CREATE INDEX scan_actions_open ON scan_actions(org_id, due_date NULLS LAST, id)
    WHERE status IN ('open', 'in_progress');

-- Every change of an action: the state after the change, who and when.
CREATE TABLE scan_action_history (
    id          bigserial PRIMARY KEY,
    action_id   bigint NOT NULL REFERENCES scan_actions(id) ON DELETE CASCADE,
    at          timestamptz NOT NULL DEFAULT now(),
    user_id     bigint REFERENCES users(id),
    change      text NOT NULL CHECK (change IN ('created', 'updated')),
    what        text NOT NULL,
    who_kind    text NOT NULL,
    who_name    text NOT NULL,
    due_date    date,
    status      text NOT NULL,
    notes       text NOT NULL
);
CREATE INDEX scan_action_history_action ON scan_action_history(action_id, id);

-- Every status change of a scan in the back office (reopen carries a reason).
CREATE TABLE scan_status_history (
    id          bigserial PRIMARY KEY,
    scan_id     bigint NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    at          timestamptz NOT NULL DEFAULT now(),
    user_id     bigint REFERENCES users(id),
    from_status text NOT NULL,
    to_status   text NOT NULL,
    reason      text NOT NULL DEFAULT ''
);
CREATE INDEX scan_status_history_scan ON scan_status_history(scan_id, id);

-- Peer groups: the latest submitted scan per company, by questionnaire and sector.
CREATE INDEX scans_peer ON scans(questionnaire_id, sector, company_id, submitted_at DESC)
    WHERE submitted_at IS NOT NULL;
-- (the index on each company's latest submitted scan comes with 0050_research.sql)
