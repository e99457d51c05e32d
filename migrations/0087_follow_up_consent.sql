-- Issue 20.2: on the done page the owner says whether the association may invite
-- them to follow-up meetings (events) on the themes their scan raised; stored
-- with its time. NULL: not asked or not answered yet.
ALTER TABLE scans ADD COLUMN follow_up_consent boolean, ADD COLUMN follow_up_consent_at timestamptz;
