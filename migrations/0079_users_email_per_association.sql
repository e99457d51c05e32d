-- 0079_users_email_per_association: an e-mail address is unique within one
-- association, no longer across all of them. Before, inviting an address that
-- another association already used failed with "Er is al een account met dit
-- e-mailadres", which told one association who works with another. Now each
-- association has its own account for the address; a login tries the
-- accounts with that address (server/pages/public/login.c).
-- Data safety (migrations/README.md): only a constraint changes; no row is touched.
ALTER TABLE users DROP CONSTRAINT users_email_key;
CREATE UNIQUE INDEX users_org_email ON users (org_id, email);
CREATE INDEX users_email ON users (email);
