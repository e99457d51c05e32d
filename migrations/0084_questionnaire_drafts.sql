-- Questionnaire drafts (issue 19): an uploaded workbook that passed every check, kept
-- until someone who may publish confirms the diff. Publishing copies the definition
-- into questionnaires / questionnaire_texts (the loader's rules) and records when; a
-- draft itself is never scored or shown to an owner.
CREATE TABLE questionnaire_drafts (
    id              bigserial PRIMARY KEY,
    org_id          bigint NOT NULL REFERENCES organisations(id),
    created_by      bigint REFERENCES users(id),
    file_name       text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
    definition      jsonb NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    published_at    timestamptz,
    published_by    bigint REFERENCES users(id)
);
CREATE INDEX questionnaire_drafts_org ON questionnaire_drafts(org_id, id);
