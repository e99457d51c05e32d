-- 0001_init: the core schema. Later changes come as new numbered files only.
-- Domain words are the same as in the code and the UI: organisation (association or
-- research group), user, company, questionnaire, scan, invitation, answer, result, score.

CREATE TABLE installation (
    key   text PRIMARY KEY,
    value bytea NOT NULL
);

CREATE TABLE organisations (
    id                    bigserial PRIMARY KEY,
    kind                  text NOT NULL CHECK (kind IN ('association', 'research')),
    slug                  text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
    name                  text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    region                text NOT NULL DEFAULT '',
    logo_png              bytea,
    privacy_contact       text NOT NULL DEFAULT '',
    contact_email         text NOT NULL DEFAULT '',
    retention_years       integer NOT NULL DEFAULT 5 CHECK (retention_years BETWEEN 1 AND 30),
    show_first_impression boolean NOT NULL DEFAULT false,
    owner_report_download boolean NOT NULL DEFAULT false,
    share_research        boolean NOT NULL DEFAULT false,
    share_open_text       boolean NOT NULL DEFAULT false,
    free_of_charge        boolean NOT NULL DEFAULT true,
    research_org_id       bigint REFERENCES organisations(id),
    is_demo               boolean NOT NULL DEFAULT false,
    created_at            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id              bigserial PRIMARY KEY,
    org_id          bigint NOT NULL REFERENCES organisations(id),
    email           text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
    name            text NOT NULL DEFAULT '',
    role            text NOT NULL CHECK (role IN ('admin', 'advisor', 'researcher')),
    password_hash   text,
    disabled        boolean NOT NULL DEFAULT false,
    failed_logins   integer NOT NULL DEFAULT 0,
    locked_until    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_login_at   timestamptz,
    UNIQUE (email)
);

-- One-time links to set a password (invitation of a user, reset by an admin).
CREATE TABLE password_tokens (
    token_hash  text PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);

-- Sessions of back-office users; the cookie holds the id, the table its sha256.
CREATE TABLE sessions (
    id_hash       text PRIMARY KEY,
    user_id       bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token    text NOT NULL,
    lang          text NOT NULL DEFAULT 'nl' CHECK (lang IN ('nl', 'en')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Fixed-window counters for rate limits (login, token look-ups); shared by all instances.
CREATE TABLE rate_limits (
    key           text PRIMARY KEY,
    window_start  timestamptz NOT NULL,
    count         integer NOT NULL
);

CREATE TABLE companies (
    id            bigserial PRIMARY KEY,
    org_id        bigint NOT NULL REFERENCES organisations(id),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kvk           text CHECK (kvk ~ '^[0-9]{8}$'),
    sector        text NOT NULL CHECK (sector ~ '^[A-U]$'),
    fte           numeric(7,1) CHECK (fte >= 0 AND fte <= 100000),
    employees     integer CHECK (employees >= 0 AND employees <= 1000000),
    municipality  text NOT NULL DEFAULT '',
    contact_name  text NOT NULL DEFAULT '',
    email         text NOT NULL DEFAULT '',
    phone         text NOT NULL DEFAULT '',
    advisor_id    bigint REFERENCES users(id),
    is_demo       boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    last_activity_at timestamptz NOT NULL DEFAULT now(),
    erased_at     timestamptz,
    UNIQUE (org_id, kvk)
);
CREATE INDEX companies_org_name ON companies(org_id, lower(name));

-- A questionnaire version is immutable once loaded: its sha256 is checked at every load.
CREATE TABLE questionnaires (
    id          bigserial PRIMARY KEY,
    key         text NOT NULL,
    version     integer NOT NULL CHECK (version > 0),
    sha256      text NOT NULL,
    file_name   text NOT NULL,
    definition  jsonb NOT NULL,
    loaded_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (key, version)
);

-- status: invited -> started -> submitted -> advice -> final -> meeting_held -> closed
CREATE TABLE scans (
    id                bigserial PRIMARY KEY,
    org_id            bigint NOT NULL REFERENCES organisations(id),
    company_id        bigint NOT NULL REFERENCES companies(id),
    questionnaire_id  bigint NOT NULL REFERENCES questionnaires(id),
    advisor_id        bigint REFERENCES users(id),
    status            text NOT NULL DEFAULT 'invited' CHECK (status IN
                        ('invited', 'started', 'submitted', 'advice', 'final', 'meeting_held', 'closed')),
    lang              text NOT NULL DEFAULT 'nl' CHECK (lang IN ('nl', 'en')),
    consent_at        timestamptz,
    consent_version   text,
    -- company profile as the owner confirmed it for this scan (sector, fte, employees, municipality)
    sector            text CHECK (sector ~ '^[A-U]$'),
    fte               numeric(7,1),
    employees         integer,
    municipality      text,
    last_page         integer NOT NULL DEFAULT 0,
    is_demo           boolean NOT NULL DEFAULT false,
    created_by        bigint REFERENCES users(id),
    created_at        timestamptz NOT NULL DEFAULT now(),
    started_at        timestamptz,
    submitted_at      timestamptz,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (status IN ('invited', 'started') OR submitted_at IS NOT NULL)
);
CREATE INDEX scans_org_status ON scans(org_id, status, created_at DESC);
CREATE INDEX scans_company ON scans(company_id, created_at DESC);
CREATE INDEX scans_submitted ON scans(questionnaire_id, submitted_at) WHERE submitted_at IS NOT NULL;

-- Invitation links: only the sha256 of the token is stored.
CREATE TABLE invitations (
    id            bigserial PRIMARY KEY,
    scan_id       bigint NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    token_hash    text NOT NULL UNIQUE,
    email         text NOT NULL DEFAULT '',
    created_by    bigint REFERENCES users(id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    sent_at       timestamptz,
    reminders_sent integer NOT NULL DEFAULT 0
);
CREATE INDEX invitations_scan ON invitations(scan_id);

-- One row per answered item; value is the JSON answer as the scoring engine takes it.
CREATE TABLE answers (
    scan_id     bigint NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    item_key    text NOT NULL,
    value       jsonb NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scan_id, item_key)
);

-- The full result of the scoring engine for a submitted scan (stored unrounded).
CREATE TABLE results (
    scan_id         bigint PRIMARY KEY REFERENCES scans(id) ON DELETE CASCADE,
    engine_version  text NOT NULL,
    overall         double precision,
    result          jsonb NOT NULL,
    computed_at     timestamptz NOT NULL DEFAULT now()
);

-- Scores flattened for benchmarks and research: level overall|pillar|theme.
CREATE TABLE scores (
    scan_id  bigint NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    level    text NOT NULL CHECK (level IN ('overall', 'pillar', 'theme')),
    key      text NOT NULL,
    score    double precision,
    valid    boolean NOT NULL,
    band     text,
    PRIMARY KEY (scan_id, level, key)
);
CREATE INDEX scores_level_key ON scores(level, key) WHERE valid;

-- Append-only: see the trigger below; the server can never rewrite history.
CREATE TABLE audit_log (
    id           bigserial PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    org_id       bigint,
    user_id      bigint,
    actor        text NOT NULL DEFAULT '',
    action       text NOT NULL,
    object_type  text NOT NULL DEFAULT '',
    object_id    bigint,
    detail       jsonb NOT NULL DEFAULT '{}',
    ip           text NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_org_at ON audit_log(org_id, at DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
