-- Each user's choice, per kind of notification, of how they hear of it by e-mail: at once,
-- in the morning's digest, or not at all (in-app notifications are kept whatever it is).
-- No row: the kind's default (domain.DefaultMode).
CREATE TABLE notification_prefs (
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind    text NOT NULL CHECK (kind ~ '^[a-z_]{1,40}$'),
    mode    text NOT NULL CHECK (mode IN ('immediate', 'digest', 'off')),
    PRIMARY KEY (user_id, kind)
);
