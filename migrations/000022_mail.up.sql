-- E-mail: each user's address and whether the mail server refused it for good; mail
-- composed from notifications, kept with its state (the outbox when no SMTP_URL is set).
ALTER TABLE users
    ADD COLUMN email text CHECK (email IS NULL OR email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    -- a permanent refusal (5xx) of the address: no more mail until an administrator fixes it
    ADD COLUMN email_refused_at timestamptz,
    ADD COLUMN email_refusal text NOT NULL DEFAULT '';

-- taken into a mail, or judged to need none (no address, mode off)
ALTER TABLE notifications ADD COLUMN mailed boolean NOT NULL DEFAULT false;
-- what was told before mail existed stays in the portal
UPDATE notifications SET mailed = true;
CREATE INDEX notifications_unmailed_idx ON notifications (id) WHERE NOT mailed;

CREATE TABLE mail_messages (
    id          bigserial PRIMARY KEY,
    user_id     bigint REFERENCES users (id) ON DELETE SET NULL,
    to_addr     text NOT NULL,
    subject     text NOT NULL,
    body_text   text NOT NULL,
    body_html   text NOT NULL,
    kind        text NOT NULL,
    -- one mail per notification ("n:<id>") or per user's daily digest: composed once
    dedup_key   text NOT NULL UNIQUE,
    -- pending: to send; sent; failed: refused for good; outbox: kept for reading (no SMTP_URL)
    state       text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed', 'outbox')),
    attempts    integer NOT NULL DEFAULT 0,
    last_error  text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL,
    sent_at     timestamptz
);
CREATE INDEX mail_messages_created_idx ON mail_messages (created_at DESC, id DESC);
CREATE INDEX mail_messages_pending_idx ON mail_messages (id) WHERE state = 'pending';
