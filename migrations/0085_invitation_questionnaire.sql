-- The questionnaire version an association's new invitations use (issue 19), chosen by its
-- admin among the published versions. NULL means the newest published version of fphc, as
-- before this migration, so nothing changes until an admin chooses. Scans keep the version
-- they were created with (scans.questionnaire_id).
ALTER TABLE organisations ADD COLUMN invitation_questionnaire_id bigint REFERENCES questionnaires(id);
