-- In-app notifications: one row per recipient and thing told. (user_id, dedup_key) is the
-- guarantee that nobody is told the same thing twice, however many instances run the job
-- that decides it, and however often it is retried.
CREATE TABLE notifications (
    id         bigserial PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       text NOT NULL CHECK (kind ~ '^[a-z_]{1,40}$'),
    dedup_key  text NOT NULL CHECK (length(dedup_key) BETWEEN 1 AND 200),
    unit_id    bigint REFERENCES units (id),
    period_id  bigint REFERENCES periods (id),
    -- what the text needs beyond the unit and period (days, a comment, who acted)
    params     jsonb NOT NULL DEFAULT '{}',
    -- a path inside the portal, never another site
    link       text NOT NULL CHECK (link ~ '^/[^/\\]'),
    created_at timestamptz NOT NULL,
    read_at    timestamptz,
    UNIQUE (user_id, dedup_key)
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
