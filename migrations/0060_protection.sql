-- 0060_protection: data protection (issue 9) — the association's erasure policy,
-- owners' erasure requests, last activity kept current for retention, and a
-- narrow, owner-only way to prune audit entries older than the retention period.

-- keep_anonymous_scores: on erasure keep the scores (and closed answers) of
-- submitted scans as anonymous benchmark contributions; off: delete them too.
-- erase_company_names: on erasure replace the company's name and KvK number
-- (a sole trader's name is personal data); off: keep them for the books.
ALTER TABLE organisations
    ADD COLUMN keep_anonymous_scores boolean NOT NULL DEFAULT false,
    ADD COLUMN erase_company_names   boolean NOT NULL DEFAULT true;

-- An owner's request to erase the data of their company, made from the invitation
-- link; an admin of the association carries it out (docs/privacy.md §6).
CREATE TABLE erasure_requests (
    id            bigserial PRIMARY KEY,
    org_id        bigint NOT NULL REFERENCES organisations(id),
    company_id    bigint NOT NULL REFERENCES companies(id),
    scan_id       bigint,       -- the scan whose link was used (no FK: the scan may be erased)
    requested_at  timestamptz NOT NULL DEFAULT now(),
    status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
    handled_by    bigint REFERENCES users(id),
    handled_at    timestamptz
);
CREATE UNIQUE INDEX erasure_requests_one_pending ON erasure_requests(company_id) WHERE status = 'pending';
CREATE INDEX erasure_requests_org ON erasure_requests(org_id, status, requested_at DESC);

-- Retention counts from the company's last activity: any change to one of its
-- scans (consent, autosave, submission, status, profile) counts. Written at most
-- once an hour per company so autosaves do not rewrite the company row each time.
CREATE FUNCTION companies_touch_activity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE companies SET last_activity_at = now()
     WHERE id = NEW.company_id AND last_activity_at < now() - interval '1 hour';
    RETURN NULL;
END $$;
CREATE TRIGGER scans_touch_company AFTER INSERT OR UPDATE ON scans
    FOR EACH ROW EXECUTE FUNCTION companies_touch_activity();
CREATE INDEX companies_retention ON companies(org_id, last_activity_at) WHERE erased_at IS NULL;

-- The audit log stays append-only for everyone, with one exception: `fphc purge`,
-- run as the owner role (fphc_app has no DELETE right on the table at all), may
-- delete entries older than a year after setting fphc.audit_prune for its own
-- transaction. TRUNCATE and UPDATE stay impossible.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND coalesce(current_setting('fphc.audit_prune', true), '') = 'on'
       AND OLD.at < now() - interval '1 year' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_org_action ON audit_log(org_id, action, at DESC);
CREATE INDEX audit_log_org_user ON audit_log(org_id, user_id, at DESC);
