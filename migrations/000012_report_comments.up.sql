-- Comments on a unit's report for a period, by the director and the reform office, read by
-- the unit: keyed by unit and period (not the report row) so a report not yet begun can be
-- commented on too. Each comment is also in the audit log.
CREATE TABLE report_comments (
    id         bigserial PRIMARY KEY,
    unit_id    bigint NOT NULL REFERENCES units (id),
    period_id  bigint NOT NULL REFERENCES periods (id),
    author_id  bigint NOT NULL REFERENCES users (id),
    body       text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 4000),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_comments_report_idx ON report_comments (unit_id, period_id, created_at DESC);
