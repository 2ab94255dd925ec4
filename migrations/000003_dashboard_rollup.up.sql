-- Dashboard summaries, kept current by triggers (see docs/PERFORMANCE.md).
--
-- A "scope" is a unit whose subtree the dashboard shows (the department, a province, the
-- country). Each summary row holds, for one scope, the sums of the results of every unit
-- STRICTLY BELOW it; a unit's own results are read from target_results directly (one unit,
-- a few thousand rows at most). So a leaf unit has no summary rows at all, and the summaries
-- hold one row per (internal node × target × period) instead of one per result.
--
-- Which data counts: approved reports, and separately reports submitted and awaiting review
-- ("pending"), so the dashboard and the exports can show either view from the same rows.
-- Drafts and returned reports count nowhere.

-- The units tree as a closure table: every (ancestor, descendant) pair with its distance,
-- a unit being its own ancestor at depth 0.
CREATE TABLE unit_closure (
    ancestor_id bigint NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    unit_id     bigint NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    depth       integer NOT NULL CHECK (depth >= 0),
    PRIMARY KEY (ancestor_id, unit_id)
);
CREATE INDEX unit_closure_unit_idx ON unit_closure (unit_id, depth);

INSERT INTO unit_closure (ancestor_id, unit_id, depth)
WITH RECURSIVE up AS (
    SELECT id AS unit_id, id AS ancestor_id, 0 AS depth, parent_id FROM units
    UNION ALL
    SELECT up.unit_id, u.id, up.depth + 1, u.parent_id FROM up JOIN units u ON u.id = up.parent_id
)
SELECT ancestor_id, unit_id, depth FROM up;

-- 2 = approved, 1 = submitted and awaiting review, 0 = not counted.
CREATE FUNCTION dashboard_class(status text) RETURNS smallint IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$
    SELECT (CASE status WHEN 'approved' THEN 2 WHEN 'submitted' THEN 1 ELSE 0 END)::smallint
$$;

-- A report is late when it was sent after its period's deadline, counted in calendar days
-- in Vietnam (the same rule as domain.ReportTimeliness).
CREATE FUNCTION dashboard_late(submitted_at timestamptz, deadline date) RETURNS boolean IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$
    SELECT coalesce((submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date > deadline, false)
$$;

-- Target results: per scope, target and period, what domain.Aggregate needs to combine
-- units: how many values and their sum (mean for rates, sum for counts), how many done
-- flags and how many of them say done (a milestone is done when all say so).
CREATE TABLE target_rollup (
    scope_id          bigint NOT NULL,
    target_id         bigint NOT NULL,
    period_id         bigint NOT NULL,
    approved_n        integer NOT NULL DEFAULT 0,
    approved_sum      numeric NOT NULL DEFAULT 0,
    approved_done_n   integer NOT NULL DEFAULT 0,
    approved_done_yes integer NOT NULL DEFAULT 0,
    pending_n         integer NOT NULL DEFAULT 0,
    pending_sum       numeric NOT NULL DEFAULT 0,
    pending_done_n    integer NOT NULL DEFAULT 0,
    pending_done_yes  integer NOT NULL DEFAULT 0,
    PRIMARY KEY (scope_id, target_id, period_id)
);

-- Task results: per scope, task, period and reported progress, how many units.
CREATE TABLE task_rollup (
    scope_id   bigint NOT NULL,
    task_id    bigint NOT NULL,
    period_id  bigint NOT NULL,
    progress   text NOT NULL,
    approved_n integer NOT NULL DEFAULT 0,
    pending_n  integer NOT NULL DEFAULT 0,
    PRIMARY KEY (scope_id, period_id, task_id, progress)
);

-- Reports: per scope and period, how many reports are in each status, sent late or not.
CREATE TABLE report_rollup (
    scope_id  bigint NOT NULL,
    period_id bigint NOT NULL,
    status    text NOT NULL,
    late      boolean NOT NULL,
    n         integer NOT NULL DEFAULT 0,
    PRIMARY KEY (scope_id, period_id, status, late)
);

-- Units that report on at least one target or task of a plan, with how many assignments:
-- the units a period's reports are expected from.
CREATE TABLE plan_units (
    plan_id bigint NOT NULL,
    unit_id bigint NOT NULL,
    n       integer NOT NULL DEFAULT 0,
    PRIMARY KEY (plan_id, unit_id)
);
CREATE INDEX plan_units_unit_idx ON plan_units (unit_id);

-- How many of those expected units each scope has strictly below it.
CREATE TABLE plan_unit_rollup (
    scope_id bigint NOT NULL,
    plan_id  bigint NOT NULL,
    n        integer NOT NULL DEFAULT 0,
    PRIMARY KEY (scope_id, plan_id)
);

-- What each unit contributes by itself, row by row (no grouping: a unit has one report a
-- period). The rebuild and the consistency check both start from these views.
CREATE VIEW target_contrib AS
SELECT r.unit_id, tr.target_id, r.period_id,
    (r.status = 'approved' AND tr.value IS NOT NULL)::int AS approved_n,
    CASE WHEN r.status = 'approved' THEN coalesce(tr.value, 0) ELSE 0 END AS approved_sum,
    (r.status = 'approved' AND tr.done IS NOT NULL)::int AS approved_done_n,
    (r.status = 'approved' AND coalesce(tr.done, false))::int AS approved_done_yes,
    (r.status = 'submitted' AND tr.value IS NOT NULL)::int AS pending_n,
    CASE WHEN r.status = 'submitted' THEN coalesce(tr.value, 0) ELSE 0 END AS pending_sum,
    (r.status = 'submitted' AND tr.done IS NOT NULL)::int AS pending_done_n,
    (r.status = 'submitted' AND coalesce(tr.done, false))::int AS pending_done_yes
FROM target_results tr JOIN reports r ON r.id = tr.report_id
WHERE r.status IN ('approved', 'submitted');

CREATE VIEW target_rollup_fresh AS
SELECT c.ancestor_id AS scope_id, x.target_id, x.period_id,
    sum(x.approved_n)::int AS approved_n, sum(x.approved_sum) AS approved_sum,
    sum(x.approved_done_n)::int AS approved_done_n, sum(x.approved_done_yes)::int AS approved_done_yes,
    sum(x.pending_n)::int AS pending_n, sum(x.pending_sum) AS pending_sum,
    sum(x.pending_done_n)::int AS pending_done_n, sum(x.pending_done_yes)::int AS pending_done_yes
FROM target_contrib x JOIN unit_closure c ON c.unit_id = x.unit_id AND c.depth > 0
GROUP BY c.ancestor_id, x.target_id, x.period_id;

CREATE VIEW task_rollup_fresh AS
SELECT c.ancestor_id AS scope_id, k.task_id, r.period_id, k.progress,
    count(*) FILTER (WHERE r.status = 'approved')::int AS approved_n,
    count(*) FILTER (WHERE r.status = 'submitted')::int AS pending_n
FROM task_results k JOIN reports r ON r.id = k.report_id
    JOIN unit_closure c ON c.unit_id = r.unit_id AND c.depth > 0
WHERE r.status IN ('approved', 'submitted') AND k.progress IS NOT NULL
GROUP BY c.ancestor_id, k.task_id, r.period_id, k.progress;

CREATE VIEW report_rollup_fresh AS
SELECT c.ancestor_id AS scope_id, r.period_id, r.status, dashboard_late(r.submitted_at, p.deadline) AS late, count(*)::int AS n
FROM reports r JOIN periods p ON p.id = r.period_id
    JOIN unit_closure c ON c.unit_id = r.unit_id AND c.depth > 0
GROUP BY 1, 2, 3, 4;

CREATE VIEW plan_unit_rollup_fresh AS
SELECT c.ancestor_id AS scope_id, pu.plan_id, count(*)::int AS n
FROM plan_units pu JOIN unit_closure c ON c.unit_id = pu.unit_id AND c.depth > 0
GROUP BY c.ancestor_id, pu.plan_id;

CREATE VIEW plan_units_fresh AS
SELECT plan_id, unit_id, count(*)::int AS n FROM (
    SELECT t.plan_id, a.unit_id FROM target_assignments a JOIN targets t ON t.id = a.target_id
    UNION ALL
    SELECT k.plan_id, a.unit_id FROM task_assignments a JOIN tasks k ON k.id = a.task_id
) x GROUP BY plan_id, unit_id;

-- dashboard_rebuild recomputes every summary in one set-based pass: after a bulk load
-- (cchc seed scale COPYs with triggers off) or to repair. It locks the summaries while it runs.
CREATE FUNCTION dashboard_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE target_rollup, task_rollup, report_rollup, plan_units, plan_unit_rollup IN EXCLUSIVE MODE;
    TRUNCATE target_rollup, task_rollup, report_rollup, plan_units, plan_unit_rollup;
    INSERT INTO target_rollup SELECT * FROM target_rollup_fresh;
    INSERT INTO task_rollup SELECT * FROM task_rollup_fresh;
    INSERT INTO report_rollup SELECT * FROM report_rollup_fresh;
    INSERT INTO plan_units SELECT * FROM plan_units_fresh;
    -- the insert above also filled plan_unit_rollup row by row; replace it set-based
    TRUNCATE plan_unit_rollup;
    INSERT INTO plan_unit_rollup SELECT * FROM plan_unit_rollup_fresh;
    UPDATE dashboard_version SET version = version + 1, changed_at = now() WHERE id = 1;
END $$;

-- ---------------------------------------------------------------------------------------
-- Incremental upkeep. Every upsert locks summary rows in one order (scope, then target or
-- task) so concurrent saves queue rather than deadlock.

-- Add a delta for one target result to every scope above unit p_unit.
CREATE FUNCTION target_rollup_apply(p_unit bigint, p_period bigint, p_class smallint, p_target bigint,
    dn integer, dsum numeric, dd integer, dy integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    a boolean := p_class = 2;
BEGIN
    IF p_class = 0 OR (dn = 0 AND dsum = 0 AND dd = 0 AND dy = 0) THEN
        RETURN;
    END IF;
    INSERT INTO target_rollup AS t (scope_id, target_id, period_id, approved_n, approved_sum, approved_done_n, approved_done_yes,
        pending_n, pending_sum, pending_done_n, pending_done_yes)
    SELECT c.ancestor_id, p_target, p_period,
        CASE WHEN a THEN dn ELSE 0 END, CASE WHEN a THEN dsum ELSE 0 END, CASE WHEN a THEN dd ELSE 0 END, CASE WHEN a THEN dy ELSE 0 END,
        CASE WHEN a THEN 0 ELSE dn END, CASE WHEN a THEN 0 ELSE dsum END, CASE WHEN a THEN 0 ELSE dd END, CASE WHEN a THEN 0 ELSE dy END
    FROM unit_closure c WHERE c.unit_id = p_unit AND c.depth > 0
    ORDER BY c.ancestor_id
    ON CONFLICT (scope_id, target_id, period_id) DO UPDATE SET
        approved_n = t.approved_n + excluded.approved_n, approved_sum = t.approved_sum + excluded.approved_sum,
        approved_done_n = t.approved_done_n + excluded.approved_done_n, approved_done_yes = t.approved_done_yes + excluded.approved_done_yes,
        pending_n = t.pending_n + excluded.pending_n, pending_sum = t.pending_sum + excluded.pending_sum,
        pending_done_n = t.pending_done_n + excluded.pending_done_n, pending_done_yes = t.pending_done_yes + excluded.pending_done_yes;
END $$;

CREATE FUNCTION task_rollup_apply(p_unit bigint, p_period bigint, p_class smallint, p_task bigint, p_progress text, dn integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF p_class = 0 OR p_progress IS NULL OR dn = 0 THEN
        RETURN;
    END IF;
    INSERT INTO task_rollup AS t (scope_id, task_id, period_id, progress, approved_n, pending_n)
    SELECT c.ancestor_id, p_task, p_period, p_progress,
        CASE WHEN p_class = 2 THEN dn ELSE 0 END, CASE WHEN p_class = 2 THEN 0 ELSE dn END
    FROM unit_closure c WHERE c.unit_id = p_unit AND c.depth > 0
    ORDER BY c.ancestor_id
    ON CONFLICT (scope_id, period_id, task_id, progress) DO UPDATE SET
        approved_n = t.approved_n + excluded.approved_n, pending_n = t.pending_n + excluded.pending_n;
END $$;

CREATE FUNCTION target_results_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    o record;
    n record;
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.report_id = NEW.report_id AND OLD.target_id = NEW.target_id THEN
        -- the usual edit: one net delta
        SELECT unit_id, period_id, dashboard_class(status) AS cls INTO n FROM reports WHERE id = NEW.report_id;
        IF FOUND THEN
            PERFORM target_rollup_apply(n.unit_id, n.period_id, n.cls, NEW.target_id,
                (NEW.value IS NOT NULL)::int - (OLD.value IS NOT NULL)::int,
                coalesce(NEW.value, 0) - coalesce(OLD.value, 0),
                (NEW.done IS NOT NULL)::int - (OLD.done IS NOT NULL)::int,
                coalesce(NEW.done, false)::int - coalesce(OLD.done, false)::int);
        END IF;
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        -- not found when the report itself is being deleted: reports_rollup_delete
        -- already subtracted all of its results
        SELECT unit_id, period_id, dashboard_class(status) AS cls INTO o FROM reports WHERE id = OLD.report_id;
        IF FOUND THEN
            PERFORM target_rollup_apply(o.unit_id, o.period_id, o.cls, OLD.target_id,
                -(OLD.value IS NOT NULL)::int, -coalesce(OLD.value, 0), -(OLD.done IS NOT NULL)::int, -coalesce(OLD.done, false)::int);
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        SELECT unit_id, period_id, dashboard_class(status) AS cls INTO n FROM reports WHERE id = NEW.report_id;
        IF FOUND THEN
            PERFORM target_rollup_apply(n.unit_id, n.period_id, n.cls, NEW.target_id,
                (NEW.value IS NOT NULL)::int, coalesce(NEW.value, 0), (NEW.done IS NOT NULL)::int, coalesce(NEW.done, false)::int);
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER target_results_rollup AFTER INSERT OR DELETE ON target_results
    FOR EACH ROW EXECUTE FUNCTION target_results_rollup();
-- A save that changes only the narrative touches no summary.
CREATE TRIGGER target_results_rollup_update AFTER UPDATE ON target_results
    FOR EACH ROW WHEN (OLD.value IS DISTINCT FROM NEW.value OR OLD.done IS DISTINCT FROM NEW.done
        OR OLD.report_id <> NEW.report_id OR OLD.target_id <> NEW.target_id)
    EXECUTE FUNCTION target_results_rollup();

CREATE FUNCTION task_results_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    o record;
    n record;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        SELECT unit_id, period_id, dashboard_class(status) AS cls INTO o FROM reports WHERE id = OLD.report_id;
        IF FOUND THEN
            PERFORM task_rollup_apply(o.unit_id, o.period_id, o.cls, OLD.task_id, OLD.progress, -1);
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        SELECT unit_id, period_id, dashboard_class(status) AS cls INTO n FROM reports WHERE id = NEW.report_id;
        IF FOUND THEN
            PERFORM task_rollup_apply(n.unit_id, n.period_id, n.cls, NEW.task_id, NEW.progress, 1);
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER task_results_rollup AFTER INSERT OR DELETE ON task_results
    FOR EACH ROW EXECUTE FUNCTION task_results_rollup();
CREATE TRIGGER task_results_rollup_update AFTER UPDATE ON task_results
    FOR EACH ROW WHEN (OLD.progress IS DISTINCT FROM NEW.progress OR OLD.report_id <> NEW.report_id OR OLD.task_id <> NEW.task_id)
    EXECUTE FUNCTION task_results_rollup();

-- Move all of one report's results into or out of the summaries (p_sign +1 or -1), set-based:
-- used when a report is submitted, approved, returned, reopened or deleted.
CREATE FUNCTION report_results_apply(p_report bigint, p_unit bigint, p_period bigint, p_class smallint, p_sign integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    a boolean := p_class = 2;
BEGIN
    IF p_class = 0 THEN
        RETURN;
    END IF;
    INSERT INTO target_rollup AS t (scope_id, target_id, period_id, approved_n, approved_sum, approved_done_n, approved_done_yes,
        pending_n, pending_sum, pending_done_n, pending_done_yes)
    SELECT c.ancestor_id, x.target_id, p_period,
        CASE WHEN a THEN x.dn ELSE 0 END, CASE WHEN a THEN x.dsum ELSE 0 END, CASE WHEN a THEN x.dd ELSE 0 END, CASE WHEN a THEN x.dy ELSE 0 END,
        CASE WHEN a THEN 0 ELSE x.dn END, CASE WHEN a THEN 0 ELSE x.dsum END, CASE WHEN a THEN 0 ELSE x.dd END, CASE WHEN a THEN 0 ELSE x.dy END
    FROM (SELECT target_id, p_sign * (value IS NOT NULL)::int AS dn, p_sign * coalesce(value, 0) AS dsum,
              p_sign * (done IS NOT NULL)::int AS dd, p_sign * coalesce(done, false)::int AS dy
          FROM target_results WHERE report_id = p_report) x
    CROSS JOIN unit_closure c
    WHERE c.unit_id = p_unit AND c.depth > 0
    ORDER BY c.ancestor_id, x.target_id
    ON CONFLICT (scope_id, target_id, period_id) DO UPDATE SET
        approved_n = t.approved_n + excluded.approved_n, approved_sum = t.approved_sum + excluded.approved_sum,
        approved_done_n = t.approved_done_n + excluded.approved_done_n, approved_done_yes = t.approved_done_yes + excluded.approved_done_yes,
        pending_n = t.pending_n + excluded.pending_n, pending_sum = t.pending_sum + excluded.pending_sum,
        pending_done_n = t.pending_done_n + excluded.pending_done_n, pending_done_yes = t.pending_done_yes + excluded.pending_done_yes;

    INSERT INTO task_rollup AS t (scope_id, task_id, period_id, progress, approved_n, pending_n)
    SELECT c.ancestor_id, k.task_id, p_period, k.progress,
        CASE WHEN a THEN p_sign ELSE 0 END, CASE WHEN a THEN 0 ELSE p_sign END
    FROM task_results k CROSS JOIN unit_closure c
    WHERE k.report_id = p_report AND k.progress IS NOT NULL AND c.unit_id = p_unit AND c.depth > 0
    ORDER BY c.ancestor_id, k.task_id
    ON CONFLICT (scope_id, period_id, task_id, progress) DO UPDATE SET
        approved_n = t.approved_n + excluded.approved_n, pending_n = t.pending_n + excluded.pending_n;
END $$;

CREATE FUNCTION report_rollup_apply(p_unit bigint, p_period bigint, p_status text, p_submitted timestamptz, p_sign integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_rollup AS t (scope_id, period_id, status, late, n)
    SELECT c.ancestor_id, p_period, p_status, dashboard_late(p_submitted, (SELECT deadline FROM periods WHERE id = p_period)), p_sign
    FROM unit_closure c WHERE c.unit_id = p_unit AND c.depth > 0
    ORDER BY c.ancestor_id
    ON CONFLICT (scope_id, period_id, status, late) DO UPDATE SET n = t.n + excluded.n;
END $$;

CREATE FUNCTION reports_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM report_rollup_apply(OLD.unit_id, OLD.period_id, OLD.status, OLD.submitted_at, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM report_rollup_apply(NEW.unit_id, NEW.period_id, NEW.status, NEW.submitted_at, 1);
    END IF;
    -- a new report has no results yet; they are added as they are written
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (dashboard_class(OLD.status) <> dashboard_class(NEW.status)
            OR OLD.unit_id <> NEW.unit_id OR OLD.period_id <> NEW.period_id)) THEN
        PERFORM report_results_apply(OLD.id, OLD.unit_id, OLD.period_id, dashboard_class(OLD.status), -1);
    END IF;
    IF TG_OP = 'UPDATE' AND (dashboard_class(OLD.status) <> dashboard_class(NEW.status)
            OR OLD.unit_id <> NEW.unit_id OR OLD.period_id <> NEW.period_id) THEN
        PERFORM report_results_apply(NEW.id, NEW.unit_id, NEW.period_id, dashboard_class(NEW.status), 1);
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER reports_rollup AFTER INSERT ON reports FOR EACH ROW EXECUTE FUNCTION reports_rollup();
CREATE TRIGGER reports_rollup_update AFTER UPDATE ON reports
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.unit_id <> NEW.unit_id OR OLD.period_id <> NEW.period_id
        OR OLD.submitted_at IS DISTINCT FROM NEW.submitted_at)
    EXECUTE FUNCTION reports_rollup();
-- BEFORE, so the report's results are still there to subtract; the cascade that deletes
-- them afterwards finds no report and leaves the summaries alone.
CREATE TRIGGER reports_rollup_delete BEFORE DELETE ON reports FOR EACH ROW EXECUTE FUNCTION reports_rollup();

-- A changed deadline changes which reports were late.
CREATE FUNCTION periods_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM report_rollup WHERE period_id = NEW.id;
    INSERT INTO report_rollup SELECT * FROM report_rollup_fresh WHERE period_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER periods_rollup AFTER UPDATE ON periods
    FOR EACH ROW WHEN (OLD.deadline IS DISTINCT FROM NEW.deadline) EXECUTE FUNCTION periods_rollup();

-- Assignments: the units each plan expects reports from.
CREATE FUNCTION plan_units_apply(p_plan bigint, p_unit bigint, dn integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO plan_units AS t (plan_id, unit_id, n) VALUES (p_plan, p_unit, dn)
    ON CONFLICT (plan_id, unit_id) DO UPDATE SET n = t.n + excluded.n;
    DELETE FROM plan_units WHERE plan_id = p_plan AND unit_id = p_unit AND n <= 0;
END $$;

-- A unit that starts or stops reporting on a plan changes its ancestors' expected counts.
CREATE FUNCTION plan_units_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r record;
    d integer := 1;
BEGIN
    IF TG_OP = 'DELETE' THEN
        r := OLD;
        d := -1;
    ELSE
        r := NEW;
    END IF;
    INSERT INTO plan_unit_rollup AS t (scope_id, plan_id, n)
    SELECT c.ancestor_id, r.plan_id, d FROM unit_closure c WHERE c.unit_id = r.unit_id AND c.depth > 0
    ORDER BY c.ancestor_id
    ON CONFLICT (scope_id, plan_id) DO UPDATE SET n = t.n + excluded.n;
    RETURN NULL;
END $$;
CREATE TRIGGER plan_units_rollup AFTER INSERT OR DELETE ON plan_units FOR EACH ROW EXECUTE FUNCTION plan_units_rollup();

CREATE FUNCTION target_assignments_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM plan_units_apply((SELECT plan_id FROM targets WHERE id = OLD.target_id), OLD.unit_id, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM plan_units_apply((SELECT plan_id FROM targets WHERE id = NEW.target_id), NEW.unit_id, 1);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER target_assignments_rollup AFTER INSERT OR UPDATE OR DELETE ON target_assignments
    FOR EACH ROW EXECUTE FUNCTION target_assignments_rollup();

CREATE FUNCTION task_assignments_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM plan_units_apply((SELECT plan_id FROM tasks WHERE id = OLD.task_id), OLD.unit_id, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM plan_units_apply((SELECT plan_id FROM tasks WHERE id = NEW.task_id), NEW.unit_id, 1);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER task_assignments_rollup AFTER INSERT OR UPDATE OR DELETE ON task_assignments
    FOR EACH ROW EXECUTE FUNCTION task_assignments_rollup();

-- Apply (p_sign = +1) or remove (-1) everything the subtree under p_root contributes to the
-- scopes strictly above p_root, per the closure as it stands: a unit moved to another parent
-- is removed from its old ancestors, the closure is rewritten, then it is added to the new.
CREATE FUNCTION subtree_rollup_apply(p_root bigint, p_sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO target_rollup AS t
    SELECT a.ancestor_id, x.target_id, x.period_id,
        p_sign * sum(x.approved_n)::int, p_sign * sum(x.approved_sum), p_sign * sum(x.approved_done_n)::int, p_sign * sum(x.approved_done_yes)::int,
        p_sign * sum(x.pending_n)::int, p_sign * sum(x.pending_sum), p_sign * sum(x.pending_done_n)::int, p_sign * sum(x.pending_done_yes)::int
    FROM unit_closure s JOIN target_contrib x ON x.unit_id = s.unit_id
        CROSS JOIN (SELECT ancestor_id FROM unit_closure WHERE unit_id = p_root AND depth > 0) a
    WHERE s.ancestor_id = p_root
    GROUP BY a.ancestor_id, x.target_id, x.period_id
    ORDER BY 1, 2, 3
    ON CONFLICT (scope_id, target_id, period_id) DO UPDATE SET
        approved_n = t.approved_n + excluded.approved_n, approved_sum = t.approved_sum + excluded.approved_sum,
        approved_done_n = t.approved_done_n + excluded.approved_done_n, approved_done_yes = t.approved_done_yes + excluded.approved_done_yes,
        pending_n = t.pending_n + excluded.pending_n, pending_sum = t.pending_sum + excluded.pending_sum,
        pending_done_n = t.pending_done_n + excluded.pending_done_n, pending_done_yes = t.pending_done_yes + excluded.pending_done_yes;

    INSERT INTO task_rollup AS t (scope_id, task_id, period_id, progress, approved_n, pending_n)
    SELECT a.ancestor_id, k.task_id, r.period_id, k.progress,
        p_sign * count(*) FILTER (WHERE r.status = 'approved'), p_sign * count(*) FILTER (WHERE r.status = 'submitted')
    FROM unit_closure s JOIN reports r ON r.unit_id = s.unit_id JOIN task_results k ON k.report_id = r.id
        CROSS JOIN (SELECT ancestor_id FROM unit_closure WHERE unit_id = p_root AND depth > 0) a
    WHERE s.ancestor_id = p_root AND r.status IN ('approved', 'submitted') AND k.progress IS NOT NULL
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (scope_id, period_id, task_id, progress) DO UPDATE SET
        approved_n = t.approved_n + excluded.approved_n, pending_n = t.pending_n + excluded.pending_n;

    INSERT INTO report_rollup AS t (scope_id, period_id, status, late, n)
    SELECT a.ancestor_id, r.period_id, r.status, dashboard_late(r.submitted_at, p.deadline), p_sign * count(*)
    FROM unit_closure s JOIN reports r ON r.unit_id = s.unit_id JOIN periods p ON p.id = r.period_id
        CROSS JOIN (SELECT ancestor_id FROM unit_closure WHERE unit_id = p_root AND depth > 0) a
    WHERE s.ancestor_id = p_root
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (scope_id, period_id, status, late) DO UPDATE SET n = t.n + excluded.n;

    INSERT INTO plan_unit_rollup AS t (scope_id, plan_id, n)
    SELECT a.ancestor_id, pu.plan_id, p_sign * count(*)
    FROM unit_closure s JOIN plan_units pu ON pu.unit_id = s.unit_id
        CROSS JOIN (SELECT ancestor_id FROM unit_closure WHERE unit_id = p_root AND depth > 0) a
    WHERE s.ancestor_id = p_root
    GROUP BY 1, 2
    ORDER BY 1, 2
    ON CONFLICT (scope_id, plan_id) DO UPDATE SET n = t.n + excluded.n;
END $$;

CREATE FUNCTION units_closure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO unit_closure (ancestor_id, unit_id, depth)
        SELECT NEW.id, NEW.id, 0
        UNION ALL
        SELECT ancestor_id, NEW.id, depth + 1 FROM unit_closure WHERE unit_id = NEW.parent_id;
        RETURN NULL;
    END IF;
    -- moved: take the subtree out of its old ancestors' figures, re-hang it, put it back in
    PERFORM subtree_rollup_apply(NEW.id, -1);
    DELETE FROM unit_closure d
    USING unit_closure anc, unit_closure sub
    WHERE anc.unit_id = NEW.id AND anc.depth > 0 AND sub.ancestor_id = NEW.id
        AND d.ancestor_id = anc.ancestor_id AND d.unit_id = sub.unit_id;
    INSERT INTO unit_closure (ancestor_id, unit_id, depth)
    SELECT anc.ancestor_id, sub.unit_id, anc.depth + 1 + sub.depth
    FROM unit_closure anc, unit_closure sub
    WHERE anc.unit_id = NEW.parent_id AND sub.ancestor_id = NEW.id;
    PERFORM subtree_rollup_apply(NEW.id, 1);
    RETURN NULL;
END $$;
CREATE TRIGGER units_closure AFTER INSERT ON units FOR EACH ROW EXECUTE FUNCTION units_closure();
CREATE TRIGGER units_closure_move AFTER UPDATE ON units
    FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id) EXECUTE FUNCTION units_closure();

INSERT INTO target_rollup SELECT * FROM target_rollup_fresh;
INSERT INTO task_rollup SELECT * FROM task_rollup_fresh;
INSERT INTO report_rollup SELECT * FROM report_rollup_fresh;
INSERT INTO plan_units SELECT * FROM plan_units_fresh; -- its trigger fills plan_unit_rollup

-- ---------------------------------------------------------------------------------------
-- A version number for everything the dashboard shows, raised by every committed change to
-- it. The app keeps rendered dashboards in memory tagged with the version they were built
-- at and reads this one row before serving one: a page is never older than the last commit.
-- The row is raised at COMMIT (a deferred trigger, once per transaction), so it is the last
-- lock a writer takes and cannot close a deadlock with the summary rows.
CREATE TABLE dashboard_version (
    id         integer PRIMARY KEY CHECK (id = 1),
    version    bigint NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO dashboard_version (id, version) VALUES (1, 1);

CREATE FUNCTION dashboard_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('cchc.dashboard_touched', true) IS DISTINCT FROM txid_current()::text THEN
        PERFORM set_config('cchc.dashboard_touched', txid_current()::text, true);
        UPDATE dashboard_version SET version = version + 1, changed_at = now() WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['target_results', 'task_results', 'reports', 'evidence', 'periods', 'units', 'plans', 'targets',
            'tasks', 'reform_areas', 'target_assignments', 'task_assignments', 'task_cooperating_units'] LOOP
        EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED '
            'FOR EACH ROW EXECUTE FUNCTION dashboard_touch()', t || '_dashboard_touch', t);
    END LOOP;
END $$;

-- The dashboard finds a period's late units by scanning that period's reports.
CREATE INDEX reports_period_unit_idx ON reports (period_id, unit_id) INCLUDE (status, submitted_at);
