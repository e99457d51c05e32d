-- 0080_csrf_secret_of_its_own: the first releases stored the pseudonym secret
-- twice as the CSRF secret, so the key behind the owners' form tokens was the
-- key behind the research pseudonyms. Give the CSRF secret 64 fresh random bytes
-- of its own (four random UUIDs, 488 random bits). The pseudonym secret stays:
-- pseudonyms in earlier exports keep matching. Effect: a scan page opened before
-- the upgrade asks once to be reloaded.
-- Data safety (migrations/README.md): rewrites one secret row, counted.
DO $$
DECLARE
    n bigint;
BEGIN
    UPDATE installation p SET value = decode(
        replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '') ||
        replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''), 'hex')
    WHERE p.key = 'csrf_secret'
      AND p.value = (SELECT s.value || s.value FROM installation s WHERE s.key = 'pseudonym_secret');
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n > 1 THEN
        RAISE EXCEPTION '0080: % csrf secrets rewritten, at most 1 expected; nothing was changed', n;
    END IF;
END $$;
