-- 0078_login_throttle: failed logins counted per account name and per client
-- address, whether the account exists or not (so a locked account and an unknown
-- one answer alike). Only failures count; a correct password clears its
-- account's row. blocked_until is when the next attempt may be tried again
-- (increasing delays, never a permanent lock: server/pages/public/login.c).
-- users.failed_logins and users.locked_until are no longer used; they stay so
-- that a first-release database keeps every column it had.
CREATE TABLE login_throttle (
    key            text PRIMARY KEY,      -- 'account:' || e-mail, or 'address:' || client address
    failures       integer NOT NULL,
    first_failure  timestamptz NOT NULL,  -- start of the present run of failures
    last_failure   timestamptz NOT NULL,
    blocked_until  timestamptz
);
