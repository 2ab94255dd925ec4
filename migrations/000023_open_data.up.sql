-- Open data (issue 17): which plans the public page shows, the clients of the read-only API
-- and the log of their calls.

-- The reform office publishes a plan on the public page (/cong-khai). The plans table is
-- watched by dashboard_touch, so publishing invalidates the cached public page as well.
ALTER TABLE plans ADD COLUMN published boolean NOT NULL DEFAULT false;

-- A client of /api/v1: another system (the province's reporting system, a national tool) or
-- a journalist's script. The token is shown once; only its SHA-256 is kept.
CREATE TABLE api_clients (
    id                bigserial PRIMARY KEY,
    name              text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    token_hash        bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    -- the token's first characters, so an administrator can tell which token a system holds
    token_hint        text NOT NULL,
    -- scope: the plans it may read (empty: every plan that is not a draft), the unit whose
    -- subtree it may read (NULL: the whole tree), whether results awaiting review are visible
    plan_ids          bigint[] NOT NULL DEFAULT '{}',
    unit_id           bigint REFERENCES units (id),
    include_submitted boolean NOT NULL DEFAULT false,
    expires_at        timestamptz,
    created_by        bigint REFERENCES users (id),
    created_at        timestamptz NOT NULL DEFAULT now(),
    revoked_at        timestamptz,
    last_used_at      timestamptz
);

-- Every call: who, which route, how many rows, the answer. Pruned to API_LOG_DAYS by the
-- server (see internal/server/api_log.go), so the table stays bounded.
CREATE TABLE api_calls (
    id        bigserial PRIMARY KEY,
    client_id bigint REFERENCES api_clients (id) ON DELETE CASCADE,
    at        timestamptz NOT NULL DEFAULT now(),
    route     text NOT NULL,
    rows      integer NOT NULL DEFAULT 0,
    status    integer NOT NULL
);
CREATE INDEX api_calls_at_idx ON api_calls (at);
CREATE INDEX api_calls_client_idx ON api_calls (client_id, at);

-- The public page lists issued report documents: issuing one must invalidate it too.
CREATE CONSTRAINT TRIGGER report_documents_dashboard_touch AFTER INSERT OR UPDATE OF status OR DELETE ON report_documents
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dashboard_touch();

-- The API's results are read report by report in id order (keyset pages); within a period
-- this index gives that order without walking every period's reports.
CREATE INDEX reports_period_id_idx ON reports (period_id, id);
