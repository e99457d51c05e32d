-- 0065_questionnaire_texts: display texts of a questionnaire version may be
-- corrected without a new version (questionnaires/README.md). The structure
-- (keys, types, weights, points, bands) stays immutable and is checked by its
-- own checksum, `structure_sha256`, which `fphc questionnaire load` fills in
-- for versions loaded before this migration (it is computed in C from the
-- stored definition; the sha256 of the file bytes stays as it was). Each text
-- revision is stored whole; revision 1 is the definition as first loaded.
-- A stored report records the revision its texts came from; reports stored
-- before this migration used revision 1.
-- Data safety (migrations/README.md): adds columns and a table, copies every
-- stored definition into revision 1 in this one transaction and counts before
-- it commits; nothing is dropped or rewritten.
ALTER TABLE questionnaires ADD COLUMN structure_sha256 text CHECK (structure_sha256 ~ '^[0-9a-f]{64}$');

CREATE TABLE questionnaire_texts (
    questionnaire_id  bigint NOT NULL REFERENCES questionnaires(id),
    revision          integer NOT NULL CHECK (revision >= 1),
    sha256            text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),  -- of the file bytes
    file_name         text NOT NULL,
    definition        jsonb NOT NULL,
    loaded_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (questionnaire_id, revision)
);

-- Adding a column with a default rewrites no row and fires no UPDATE trigger,
-- so stored reports stay byte-identical and frozen.
ALTER TABLE reports ADD COLUMN text_revision integer NOT NULL DEFAULT 1 CHECK (text_revision >= 1);

DO $$
DECLARE
    versions bigint;
    copied   bigint;
BEGIN
    SELECT count(*) INTO versions FROM questionnaires;
    INSERT INTO questionnaire_texts(questionnaire_id, revision, sha256, file_name, definition, loaded_at)
    SELECT id, 1, sha256, file_name, definition, loaded_at FROM questionnaires;
    SELECT count(*) INTO copied FROM questionnaire_texts;
    IF copied <> versions THEN
        RAISE EXCEPTION '0065: % questionnaire versions, % text revisions; nothing was changed', versions, copied;
    END IF;
END $$;
