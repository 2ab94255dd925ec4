DROP INDEX IF EXISTS reports_period_id_idx;
DROP TRIGGER IF EXISTS report_documents_dashboard_touch ON report_documents;
DROP TABLE IF EXISTS api_calls;
DROP TABLE IF EXISTS api_clients;
ALTER TABLE plans DROP COLUMN IF EXISTS published;
