DROP TRIGGER target_results_dashboard_touch ON target_results;
DROP TRIGGER task_results_dashboard_touch ON task_results;
DROP TRIGGER evidence_dashboard_touch ON evidence;
DROP TRIGGER reports_dashboard_touch ON reports;
DROP TRIGGER evidence_documents_dashboard_touch ON evidence_documents;
DROP TRIGGER evidence_files_dashboard_touch ON evidence_files;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['target_results', 'task_results', 'evidence', 'reports', 'evidence_documents', 'evidence_files'] LOOP
        EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED '
            'FOR EACH ROW EXECUTE FUNCTION dashboard_touch()', t || '_dashboard_touch', t);
    END LOOP;
END $$;

DROP FUNCTION dashboard_touch_document_row();
DROP FUNCTION dashboard_touch_report_row();
DROP FUNCTION dashboard_touch_unit_row();
DROP FUNCTION dashboard_touch_unit(bigint);

CREATE OR REPLACE FUNCTION dashboard_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('cchc.dashboard_touched', true) IS DISTINCT FROM txid_current()::text THEN
        PERFORM set_config('cchc.dashboard_touched', txid_current()::text, true);
        UPDATE dashboard_version SET version = version + 1, changed_at = now() WHERE id = 1;
    END IF;
    RETURN NULL;
END $$;

DROP TABLE dashboard_scope_version;
