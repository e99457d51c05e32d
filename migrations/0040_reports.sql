-- 0040_reports: frozen final reports. Finalizing a scan stores the rendered PDF
-- with its sha256, who and when, and which benchmark refresh was current; a
-- reopen followed by a new finalize adds the next version and keeps the old.
CREATE TABLE reports (
    id                    bigserial PRIMARY KEY,
    scan_id               bigint NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    version               integer NOT NULL CHECK (version >= 1),
    pdf                   bytea NOT NULL,
    sha256                text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    created_by            bigint REFERENCES users(id),
    created_at            timestamptz NOT NULL,   -- also the PDF's creation date
    -- benchmark_refreshes.id current at finalize (0050 creates that table after
    -- this file runs, so no foreign key; refreshes are never deleted)
    benchmark_refresh_id  bigint,
    UNIQUE (scan_id, version)
);
-- Frozen means frozen: a stored report is never changed (deleting the scan still cascades).
CREATE FUNCTION reports_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'reports are immutable';
END $$;
CREATE TRIGGER reports_no_update BEFORE UPDATE ON reports FOR EACH ROW EXECUTE FUNCTION reports_frozen();
