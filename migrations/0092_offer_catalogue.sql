-- Issue 19.7: the offer catalogue as a spreadsheet. An offer gets a price and a
-- region (texts, as partners write them: "€ 450 per deelnemer", "Zuid-Limburg").
ALTER TABLE offers
    ADD COLUMN price  text NOT NULL DEFAULT '' CHECK (length(price) <= 200),
    ADD COLUMN region text NOT NULL DEFAULT '' CHECK (length(region) <= 100);

-- An uploaded catalogue that passed every check, waiting for the admin to confirm
-- its changes. base_digest is the digest of the catalogue the changes were
-- computed against: a catalogue changed in the meantime is not overwritten.
CREATE TABLE offer_imports (
    id           bigserial PRIMARY KEY,
    org_id       bigint NOT NULL REFERENCES organisations(id),
    user_id      bigint REFERENCES users(id),
    file_name    text NOT NULL CHECK (length(file_name) <= 200),
    offers       jsonb NOT NULL,
    base_digest  text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    applied_at   timestamptz
);
CREATE INDEX offer_imports_org ON offer_imports(org_id, created_at);
