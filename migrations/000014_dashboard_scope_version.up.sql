-- Dashboard versions per scope. dashboard_version (000003) is raised by every committed
-- change, so on a deadline day each save anywhere emptied every cached dashboard. Changes to
-- one unit's reports, results and evidence now raise instead the version of that unit and of
-- each of its ancestors (unit_closure, depth 0 included), and scope 0 ("any unit", what a
-- view without a chosen scope depends on). Changes to what every view shows (plans, targets,
-- periods, units, assignments, …) still raise dashboard_version. A view of scope S is
-- current while dashboard_version + the version of S is unchanged: both only grow, so their
-- sum grows with either (internal/server/dashboard_cache.go).
--
-- Lock order: every writer's first version lock is row 0 (global changes take it too, before
-- dashboard_version), then ancestors in id order, all at COMMIT (deferred triggers). Row 0 is
-- held to the end of the transaction, so no two writers hold version locks at once and they
-- cannot deadlock; writers already queued on the single dashboard_version row, so this
-- serialises nothing more than before.
CREATE TABLE dashboard_scope_version (
    scope_id bigint PRIMARY KEY, -- a unit's id, or 0: any unit
    version  bigint NOT NULL
);
INSERT INTO dashboard_scope_version (scope_id, version) VALUES (0, 1);

CREATE OR REPLACE FUNCTION dashboard_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('cchc.dashboard_touched', true) IS DISTINCT FROM txid_current()::text THEN
        PERFORM set_config('cchc.dashboard_touched', txid_current()::text, true);
        UPDATE dashboard_scope_version SET version = version + 1 WHERE scope_id = 0;
        UPDATE dashboard_version SET version = version + 1, changed_at = now() WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;

-- dashboard_touch_unit raises the versions of p_unit's scopes, once per transaction and unit
-- (the units already raised are remembered in a transaction-local setting).
CREATE FUNCTION dashboard_touch_unit(p_unit bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    tx   text := txid_current()::text;
    seen text := current_setting('cchc.dashboard_units', true);
BEGIN
    IF p_unit IS NULL THEN
        RETURN;
    END IF;
    IF seen IS NULL OR NOT starts_with(seen, tx || ':') THEN
        seen := tx || ':,';
    END IF;
    IF position(',' || p_unit::text || ',' IN seen) > 0 THEN
        RETURN;
    END IF;
    PERFORM set_config('cchc.dashboard_units', seen || p_unit::text || ',', true);
    INSERT INTO dashboard_scope_version AS v (scope_id, version)
    SELECT s, 1 FROM (SELECT 0::bigint AS s UNION ALL SELECT ancestor_id FROM unit_closure WHERE unit_id = p_unit) x
    ORDER BY s
    ON CONFLICT (scope_id) DO UPDATE SET version = v.version + 1;
END $$;

-- reports and evidence_documents carry their unit
CREATE FUNCTION dashboard_touch_unit_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM dashboard_touch_unit(OLD.unit_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM dashboard_touch_unit(NEW.unit_id);
    END IF;
    RETURN NULL;
END $$;

-- results and report evidence belong to a report. A row deleted with its report finds no
-- report here: the report's own trigger raised its unit.
CREATE FUNCTION dashboard_touch_report_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM dashboard_touch_unit((SELECT unit_id FROM reports WHERE id = OLD.report_id));
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM dashboard_touch_unit((SELECT unit_id FROM reports WHERE id = NEW.report_id));
    END IF;
    RETURN NULL;
END $$;

-- a register file belongs to a document of one unit
CREATE FUNCTION dashboard_touch_document_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM dashboard_touch_unit((SELECT unit_id FROM evidence_documents WHERE id = OLD.document_id));
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM dashboard_touch_unit((SELECT unit_id FROM evidence_documents WHERE id = NEW.document_id));
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER target_results_dashboard_touch ON target_results;
DROP TRIGGER task_results_dashboard_touch ON task_results;
DROP TRIGGER evidence_dashboard_touch ON evidence;
DROP TRIGGER reports_dashboard_touch ON reports;
DROP TRIGGER evidence_documents_dashboard_touch ON evidence_documents;
DROP TRIGGER evidence_files_dashboard_touch ON evidence_files;

CREATE CONSTRAINT TRIGGER target_results_dashboard_touch AFTER INSERT OR UPDATE OR DELETE ON target_results
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dashboard_touch_report_row();
CREATE CONSTRAINT TRIGGER task_results_dashboard_touch AFTER INSERT OR UPDATE OR DELETE ON task_results
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dashboard_touch_report_row();
CREATE CONSTRAINT TRIGGER evidence_dashboard_touch AFTER INSERT OR UPDATE OR DELETE ON evidence
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dashboard_touch_report_row();
CREATE CONSTRAINT TRIGGER reports_dashboard_touch AFTER INSERT OR UPDATE OR DELETE ON reports
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dashboard_touch_unit_row();
CREATE CONSTRAINT TRIGGER evidence_documents_dashboard_touch AFTER INSERT OR UPDATE OR DELETE ON evidence_documents
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dashboard_touch_unit_row();
CREATE CONSTRAINT TRIGGER evidence_files_dashboard_touch AFTER INSERT OR UPDATE OR DELETE ON evidence_files
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dashboard_touch_document_row();
