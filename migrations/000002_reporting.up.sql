-- Quarterly reporting: the reform office's inbox lists submitted reports, oldest first,
-- across every unit; at national scale (~76,000 reports) that wants its own small index.
CREATE INDEX reports_inbox_idx ON reports (submitted_at, id) WHERE status = 'submitted';

-- Free text is bounded in the database too, so no path can store megabytes in one field.
ALTER TABLE reports ADD CONSTRAINT reports_return_comment_length CHECK (length(return_comment) <= 4000);
ALTER TABLE target_results ADD CONSTRAINT target_results_narrative_length CHECK (length(narrative) <= 8000);
ALTER TABLE task_results ADD CONSTRAINT task_results_narrative_length CHECK (length(narrative) <= 8000);
ALTER TABLE evidence ADD CONSTRAINT evidence_doc_fields_length
    CHECK (length(doc_number) <= 100 AND length(doc_issuer) <= 300);
