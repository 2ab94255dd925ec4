ALTER TABLE evidence DROP CONSTRAINT IF EXISTS evidence_doc_fields_length;
ALTER TABLE task_results DROP CONSTRAINT IF EXISTS task_results_narrative_length;
ALTER TABLE target_results DROP CONSTRAINT IF EXISTS target_results_narrative_length;
ALTER TABLE reports DROP CONSTRAINT IF EXISTS reports_return_comment_length;
DROP INDEX IF EXISTS reports_inbox_idx;
