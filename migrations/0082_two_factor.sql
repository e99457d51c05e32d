-- 0082_two_factor: two-factor sign-in (TOTP, RFC 6238) with recovery codes for
-- back-office users, and an association setting that requires it.
-- The TOTP secret is stored only encrypted (libsodium crypto_secretbox under the
-- installation key 'two_factor_key', which `fphc migrate` creates); recovery
-- codes only as keyed hashes. A row with enabled_at NULL is a set-up that was
-- started but not yet confirmed with a code.
-- Data safety (migrations/README.md): adds tables and one column with a
-- default; nothing is rewritten or dropped.
CREATE TABLE user_two_factor (
    user_id     bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    secret_box  bytea NOT NULL,           -- nonce || crypto_secretbox(secret)
    enabled_at  timestamptz,              -- NULL: set-up not yet confirmed
    last_step   bigint,                   -- the last time step whose code was used (no reuse)
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_recovery_codes (
    user_id    bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash  text NOT NULL,             -- HMAC-SHA256 under the installation key
    used_at    timestamptz,
    PRIMARY KEY (user_id, code_hash)
);

-- A login whose password was right and whose code is still to come: the
-- browser holds the token (cookie fphc_2fa), the table its sha256. No session
-- exists until the code passes.
CREATE TABLE login_pending (
    id_hash      text PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    account_key  text NOT NULL,           -- the login_throttle key of the name typed
    next_path    text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_pending_created ON login_pending(created_at);

ALTER TABLE organisations ADD COLUMN two_factor_required boolean NOT NULL DEFAULT false;
