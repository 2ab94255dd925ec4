-- Files built by background exports (internal/exportjobs), kept for their owner to download
-- until they expire. In the database rather than on disk: any instance serves the download
-- whichever instance built it, and no directory needs sharing, backing up or cleaning by hand.
CREATE TABLE export_files (
    job_id       bigint PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    file_name    text NOT NULL,
    content_type text NOT NULL,
    data         bytea NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);
CREATE INDEX export_files_expires_at ON export_files (expires_at);
