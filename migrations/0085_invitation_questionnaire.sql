-- The questionnaire version an association's new invitations use (issue 19), chosen by its
-- admin among the published versions. NULL means the newest published version of fphc, as
-- before this migration, so nothing changes until an admin chooses. Scans keep the version
-- they were created with (scans.questionnaire_id).
ALTER TABLE organisations ADD COLUMN invitation_questionnaire_id bigint REFERENCES questionnaires(id);
-- An association that owns its questionnaire (it adapts the scan itself instead of the research
-- group): its admins may publish versions too. Off for every association until set with
-- `fphc org questionnaire --org SLUG yes`.
ALTER TABLE organisations ADD COLUMN owns_questionnaire boolean NOT NULL DEFAULT false;
