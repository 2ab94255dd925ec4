-- The login policy no longer locks an account after a few failures (anyone could lock the
-- director out): each (username, address) pair waits longer after each failure, browsers
-- that signed in before are trusted, and only many failures from untrusted browsers lock
-- an account, until an administrator unlocks it. Everything is kept by the attempted
-- username, so an unknown username is treated exactly like a real one.

-- Locks by attempted username (not user id): an unknown username locks like a real one.
CREATE TABLE login_locks (
    username  text PRIMARY KEY,
    locked_at timestamptz NOT NULL,
    failures  integer NOT NULL CHECK (failures >= 0)
);

-- Browsers that signed in as a user: the cookie holds a random token, this table its
-- SHA-256. A trusted browser is not slowed or locked out by other people's failures.
CREATE TABLE login_devices (
    token_hash   bytea PRIMARY KEY,
    username     text NOT NULL,
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz NOT NULL,
    failures     integer NOT NULL DEFAULT 0 CHECK (failures >= 0)
);
CREATE INDEX login_devices_username_idx ON login_devices (username);
CREATE INDEX login_devices_last_used_idx ON login_devices (last_used_at);

CREATE INDEX login_failures_pair_idx ON login_failures (username, client_addr, at);

-- The per-account counter and lock this replaces.
ALTER TABLE users DROP COLUMN failed_logins, DROP COLUMN locked_until;
