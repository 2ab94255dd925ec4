ALTER TABLE users ADD COLUMN failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    ADD COLUMN locked_until timestamptz;
DROP INDEX IF EXISTS login_failures_pair_idx;
DROP TABLE login_devices;
DROP TABLE login_locks;
