-- Issue 20: themed follow-up meetings (verdiepende bijeenkomsten) the association
-- organises for the needs the scans showed. Called events so they are never
-- confused with the feedback meeting of one scan (scan_meetings).
CREATE TABLE events (
    id            bigserial PRIMARY KEY,
    org_id        bigint NOT NULL REFERENCES organisations(id),
    title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    theme_keys    text[] NOT NULL CHECK (cardinality(theme_keys) BETWEEN 1 AND 20),
    starts_at     timestamptz NOT NULL,
    ends_at       timestamptz NOT NULL,
    place         text NOT NULL DEFAULT '' CHECK (length(place) <= 300),
    online_url    text NOT NULL DEFAULT '' CHECK (online_url = '' OR online_url ~ '^https?://'),
    offer_id      bigint REFERENCES offers(id),
    capacity      integer NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
    description   text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    created_by    bigint REFERENCES users(id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    cancelled_at  timestamptz,
    reminded_at   timestamptz,
    CHECK (ends_at > starts_at),
    CHECK (place <> '' OR online_url <> '')
);
CREATE INDEX events_org_starts ON events(org_id, starts_at DESC);

-- One row per invited company. The personal sign-up link is a token whose hash
-- is stored, as for the scan link (invitations.token_hash). status: invited (no
-- answer yet), signed_up, waiting (full when signing up), declined.
CREATE TABLE event_signups (
    id             bigserial PRIMARY KEY,
    event_id       bigint NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    company_id     bigint NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    scan_id        bigint REFERENCES scans(id) ON DELETE SET NULL,
    email          text NOT NULL DEFAULT '' CHECK (length(email) <= 320),
    token_hash     text NOT NULL UNIQUE,
    status         text NOT NULL DEFAULT 'invited'
                   CHECK (status IN ('invited', 'signed_up', 'waiting', 'declined')),
    invited_at     timestamptz NOT NULL DEFAULT now(),
    responded_at   timestamptz,
    waiting_since  timestamptz,
    reminded_at    timestamptz,
    attended       boolean,
    attendance_at  timestamptz,
    UNIQUE (event_id, company_id)
);
CREATE INDEX event_signups_company ON event_signups(company_id);
CREATE INDEX event_signups_waiting ON event_signups(event_id, waiting_since) WHERE status = 'waiting';

-- An agreed action may name the attention point (theme) it answers, so an
-- attended meeting on that theme can close it (issue 20.4).
ALTER TABLE scan_actions ADD COLUMN theme_key text NOT NULL DEFAULT '' CHECK (length(theme_key) <= 100);
ALTER TABLE scan_actions ADD COLUMN closed_by_event_id bigint REFERENCES events(id) ON DELETE SET NULL;
