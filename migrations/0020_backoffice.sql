-- 0020_backoffice: back office part 1 — the association's invitation e-mail template,
-- requests to take part from the public page, and indexes for the dashboard and the
-- company search.

ALTER TABLE organisations
    ADD COLUMN invitation_subject  text NOT NULL DEFAULT 'Uitnodiging: Future Proof Human Capital Scan'
        CHECK (length(invitation_subject) BETWEEN 1 AND 200),
    ADD COLUMN invitation_template text NOT NULL DEFAULT
'Beste {bedrijf},

U doet mee aan de Future Proof Human Capital Scan. Met deze scan ziet u hoe uw bedrijf ervoor staat met uw personeel, en wat u kunt doen om klaar te zijn voor de toekomst.

Vul de scan in via deze persoonlijke link:
{link}

Het invullen duurt ongeveer 30 minuten. U kunt tussendoor stoppen en later verder gaan. Daarna bespreken we de uitkomst samen met u.

Met vriendelijke groet,
{adviseur}'
        CHECK (length(invitation_template) BETWEEN 1 AND 10000);

-- A request to take part, sent by an owner from the public page /deelnemen/SLUG.
CREATE TABLE participation_requests (
    id            bigserial PRIMARY KEY,
    org_id        bigint NOT NULL REFERENCES organisations(id),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    company_name  text NOT NULL CHECK (length(company_name) BETWEEN 1 AND 200),
    email         text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    phone         text NOT NULL DEFAULT '',
    fte           numeric(7,1) CHECK (fte >= 0 AND fte <= 100000),
    status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
    company_id    bigint REFERENCES companies(id),
    decided_by    bigint REFERENCES users(id),
    decided_at    timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX participation_requests_org ON participation_requests(org_id, status, created_at DESC);

-- The dashboard lists an association's scans newest first, with or without filters.
CREATE INDEX scans_org_created ON scans(org_id, created_at DESC);
CREATE INDEX scans_org_advisor ON scans(org_id, advisor_id, created_at DESC);
CREATE INDEX password_tokens_user ON password_tokens(user_id);
CREATE INDEX users_org ON users(org_id, lower(name));
