-- 0077_erased_scans_fresh_pseudonym: an erasure that keeps anonymous scores now
-- moves the kept scans to a new, nameless company row (server/db/protection.c),
-- so their research pseudonym (HMAC of the company id) is a fresh one that no
-- earlier export holds, and they are no longer linked to the erased company's
-- tombstone (which may keep its name). This does the same for the erasures of
-- earlier releases: one new company per erased company that still has scans.
-- Data safety (migrations/README.md): moves rows between companies only, in this
-- migration's one transaction, and counts before it commits.
DO $$
DECLARE
    scans_before bigint;
    scans_after  bigint;
    moved        bigint := 0;
    left_over    bigint;
    c            record;
    fresh        bigint;
    n            bigint;
BEGIN
    SELECT count(*) INTO scans_before FROM scans;
    FOR c IN SELECT co.id, co.org_id, co.sector, co.is_demo FROM companies co
              WHERE co.erased_at IS NOT NULL AND EXISTS (SELECT 1 FROM scans s WHERE s.company_id = co.id)
              ORDER BY co.id
    LOOP
        INSERT INTO companies (org_id, name, sector, is_demo, erased_at, created_at, updated_at, last_activity_at)
        VALUES (c.org_id, 'Anonieme scores', c.sector, c.is_demo, now(), now(), now(), now())
        RETURNING id INTO fresh;
        UPDATE scans SET company_id = fresh WHERE company_id = c.id;
        GET DIAGNOSTICS n = ROW_COUNT;
        moved := moved + n;
    END LOOP;
    SELECT count(*) INTO scans_after FROM scans;
    SELECT count(*) INTO left_over FROM scans s JOIN companies co ON co.id = s.company_id
     WHERE co.erased_at IS NOT NULL AND co.name <> 'Anonieme scores';
    IF scans_after <> scans_before OR left_over <> 0 THEN
        RAISE EXCEPTION '0077: scans % -> %, % scan(s) still on an erased company; nothing was changed',
            scans_before, scans_after, left_over;
    END IF;
    RAISE NOTICE '0077: moved % kept scan(s) of erased companies to fresh anonymous companies', moved;
END $$;
