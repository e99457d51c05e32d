-- 0081_report_links: the owner's accessible (HTML) report has a read-only link
-- of its own, /r/TOKEN, printed on the PDF's first page. It is not the
-- invitation token (that one opens the data download and the erasure request,
-- and a PDF gets forwarded), so reissuing an invitation leaves it alone. Only
-- the sha256 of the token is stored, as for invitations. At most one live link
-- per scan; the advisor can revoke it, and the next finalize makes a new one.
CREATE TABLE report_links (
    id          bigserial PRIMARY KEY,
    scan_id     bigint NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    token_hash  text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
CREATE UNIQUE INDEX report_links_live ON report_links(scan_id) WHERE revoked_at IS NULL;
