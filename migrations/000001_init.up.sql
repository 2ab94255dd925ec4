-- Organisation tree: a department (Sở) and its units; a national install has provinces above.
CREATE TABLE units (
    id         bigserial PRIMARY KEY,
    code       text NOT NULL CHECK (code ~ '^[A-Za-z0-9_.-]{1,32}$'),
    name       text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 300),
    parent_id  bigint REFERENCES units (id),
    active     boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE UNIQUE INDEX units_code_key ON units (upper(code));
CREATE INDEX units_parent_idx ON units (parent_id);

CREATE TABLE users (
    id                    bigserial PRIMARY KEY,
    username              text NOT NULL CHECK (username ~ '^[a-z0-9_.-]{2,64}$'),
    full_name             text NOT NULL CHECK (length(btrim(full_name)) BETWEEN 1 AND 200),
    password_hash         text NOT NULL,
    role                  text NOT NULL CHECK (role IN ('staff', 'unit_head', 'reform_office', 'director', 'admin')),
    unit_id               bigint REFERENCES units (id),
    active                boolean NOT NULL DEFAULT true,
    must_change_password  boolean NOT NULL DEFAULT false,
    failed_logins         integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until          timestamptz,
    last_login_at         timestamptz,
    password_changed_at   timestamptz NOT NULL DEFAULT now(),
    -- a session is valid only while it carries the user's current epoch: deactivation,
    -- a role change or a password change bumps it and so ends every other session
    session_epoch         integer NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    -- unit staff always belong to a unit: their unit is what authorization is decided on
    CHECK (role NOT IN ('staff', 'unit_head', 'reform_office') OR unit_id IS NOT NULL)
);
CREATE UNIQUE INDEX users_username_key ON users (username);
CREATE INDEX users_unit_idx ON users (unit_id);

-- Reform areas per Resolution 76/NQ-CP; national, shared by every plan.
CREATE TABLE reform_areas (
    id       bigserial PRIMARY KEY,
    key      text NOT NULL UNIQUE CHECK (key ~ '^[a-z0-9-]{1,40}$'),
    name     text NOT NULL,
    name_en  text NOT NULL DEFAULT '',
    position integer NOT NULL DEFAULT 0
);

CREATE TABLE plans (
    id          bigserial PRIMARY KEY,
    code        text NOT NULL UNIQUE CHECK (length(btrim(code)) BETWEEN 1 AND 60),
    title       text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 500),
    issued_on   date NOT NULL,
    issued_by   text NOT NULL DEFAULT '',
    start_year  integer NOT NULL CHECK (start_year BETWEEN 2000 AND 2100),
    end_year    integer NOT NULL CHECK (end_year BETWEEN 2000 AND 2100),
    legal_basis text[] NOT NULL DEFAULT '{}',
    goal        text NOT NULL DEFAULT '',
    status      text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'closed')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (end_year >= start_year)
);

CREATE TABLE targets (
    id            bigserial PRIMARY KEY,
    plan_id       bigint NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    area_id       bigint NOT NULL REFERENCES reform_areas (id),
    code          text NOT NULL CHECK (length(btrim(code)) BETWEEN 1 AND 20),
    position      integer NOT NULL DEFAULT 0,
    text          text NOT NULL CHECK (length(btrim(text)) > 0),
    kind          text NOT NULL CHECK (kind IN ('percent', 'count', 'ratio_growth', 'milestone')),
    op            text CHECK (op IN ('>=', '>', '<=', '<', '=')),
    value         numeric,
    measure_unit  text NOT NULL DEFAULT '',
    baseline      numeric,
    deadline_year integer CHECK (deadline_year BETWEEN 2000 AND 2100),
    each_year     boolean NOT NULL DEFAULT false,
    retired_at    timestamptz,
    UNIQUE (plan_id, code),
    CHECK (each_year OR deadline_year IS NOT NULL),
    CHECK (kind = 'milestone' OR (op IS NOT NULL AND value IS NOT NULL)),
    CHECK (kind <> 'percent' OR value BETWEEN 0 AND 100)
);
CREATE INDEX targets_plan_idx ON targets (plan_id, position);

CREATE TABLE tasks (
    id              bigserial PRIMARY KEY,
    plan_id         bigint NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    area_id         bigint NOT NULL REFERENCES reform_areas (id),
    code            text NOT NULL CHECK (length(btrim(code)) BETWEEN 1 AND 20),
    position        integer NOT NULL DEFAULT 0,
    text            text NOT NULL CHECK (length(btrim(text)) > 0),
    lead_unit_id    bigint REFERENCES units (id),
    deadline        date,
    deadline_note   text NOT NULL DEFAULT '',
    expected_output text NOT NULL DEFAULT '',
    retired_at      timestamptz,
    UNIQUE (plan_id, code)
);
CREATE INDEX tasks_plan_idx ON tasks (plan_id, position);
CREATE INDEX tasks_lead_unit_idx ON tasks (lead_unit_id);

CREATE TABLE task_cooperating_units (
    task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    unit_id bigint NOT NULL REFERENCES units (id),
    PRIMARY KEY (task_id, unit_id)
);

-- Which units report on which targets and tasks.
CREATE TABLE target_assignments (
    target_id bigint NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
    unit_id   bigint NOT NULL REFERENCES units (id),
    PRIMARY KEY (target_id, unit_id)
);
CREATE INDEX target_assignments_unit_idx ON target_assignments (unit_id, target_id);

CREATE TABLE task_assignments (
    task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    unit_id bigint NOT NULL REFERENCES units (id),
    PRIMARY KEY (task_id, unit_id)
);
CREATE INDEX task_assignments_unit_idx ON task_assignments (unit_id, task_id);

-- Reporting periods per Decree 09/2019/NĐ-CP; national, one row per year and kind.
CREATE TABLE periods (
    id         bigserial PRIMARY KEY,
    year       integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    kind       text NOT NULL CHECK (kind IN ('q1', 'q2', 'q3', 'q4', 'h1', 'year')),
    starts_on  date NOT NULL,
    ends_on    date NOT NULL,
    deadline   date NOT NULL,
    closed_at  timestamptz,
    UNIQUE (year, kind),
    CHECK (ends_on > starts_on),
    CHECK (deadline >= starts_on)
);

CREATE TABLE reports (
    id             bigserial PRIMARY KEY,
    unit_id        bigint NOT NULL REFERENCES units (id),
    period_id      bigint NOT NULL REFERENCES periods (id),
    status         text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'approved')),
    version        integer NOT NULL DEFAULT 1 CHECK (version > 0),
    submitted_at   timestamptz,
    submitted_by   bigint REFERENCES users (id),
    approved_at    timestamptz,
    approved_by    bigint REFERENCES users (id),
    returned_at    timestamptz,
    returned_by    bigint REFERENCES users (id),
    return_comment text NOT NULL DEFAULT '',
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (unit_id, period_id),
    CHECK (status NOT IN ('submitted', 'approved') OR submitted_at IS NOT NULL),
    CHECK (status <> 'approved' OR approved_at IS NOT NULL)
);
CREATE INDEX reports_period_status_idx ON reports (period_id, status);

CREATE TABLE target_results (
    report_id  bigint NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    target_id  bigint NOT NULL REFERENCES targets (id),
    value      numeric,
    done       boolean,
    done_on    date,
    narrative  text NOT NULL DEFAULT '',
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by bigint REFERENCES users (id),
    PRIMARY KEY (report_id, target_id)
);
CREATE INDEX target_results_target_idx ON target_results (target_id);

CREATE TABLE task_results (
    report_id  bigint NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    task_id    bigint NOT NULL REFERENCES tasks (id),
    progress   text CHECK (progress IN ('not_started', 'in_progress', 'done', 'overdue')),
    narrative  text NOT NULL DEFAULT '',
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by bigint REFERENCES users (id),
    PRIMARY KEY (report_id, task_id)
);
CREATE INDEX task_results_task_idx ON task_results (task_id);

-- Evidence documents (tài liệu kiểm chứng). Content lives here or in a configured directory
-- (storage_key names it there); the original file name is kept only for display and download.
CREATE TABLE evidence (
    id           bigserial PRIMARY KEY,
    report_id    bigint NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    target_id    bigint REFERENCES targets (id),
    task_id      bigint REFERENCES tasks (id),
    file_name    text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    content_type text NOT NULL,
    size_bytes   bigint NOT NULL CHECK (size_bytes >= 0),
    sha256       text NOT NULL,
    storage_key  text NOT NULL UNIQUE,
    content      bytea,
    doc_number   text NOT NULL DEFAULT '',
    doc_date     date,
    doc_issuer   text NOT NULL DEFAULT '',
    uploaded_by  bigint REFERENCES users (id),
    uploaded_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (target_id IS NULL OR task_id IS NULL)
);
CREATE INDEX evidence_report_idx ON evidence (report_id);

-- Append-only audit log: actor names are copied so the log reads the same after a user is renamed.
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor_id    bigint,
    actor_name  text NOT NULL DEFAULT '',
    action      text NOT NULL,
    entity      text NOT NULL,
    entity_id   text NOT NULL DEFAULT '',
    before      jsonb,
    after       jsonb,
    client_addr text NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, at DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at DESC);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

-- Failed logins by client address, for throttling guessing across many accounts.
-- Kept by attempted username too, so an unknown username locks exactly like a real one
-- and the answer never tells whether an account exists.
CREATE TABLE login_failures (
    username    text NOT NULL,
    client_addr text NOT NULL,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_addr_idx ON login_failures (client_addr, at);
CREATE INDEX login_failures_username_idx ON login_failures (username, at);

-- Facts about this install, such as whether it holds demo data.
CREATE TABLE app_settings (
    key   text PRIMARY KEY,
    value text NOT NULL
);

-- scs session store (github.com/alexedwards/scs/pgxstore).
CREATE TABLE sessions (
    token  text PRIMARY KEY,
    data   bytea NOT NULL,
    expiry timestamptz NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions (expiry);
