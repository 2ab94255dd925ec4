-- Back to one evidence row per file: each attachment takes its document's current file.
ALTER TABLE evidence RENAME COLUMN attached_by TO uploaded_by;
ALTER TABLE evidence RENAME COLUMN attached_at TO uploaded_at;
DROP INDEX IF EXISTS evidence_target_once;
DROP INDEX IF EXISTS evidence_task_once;
DROP INDEX IF EXISTS evidence_document_idx;
ALTER TABLE evidence
    ADD COLUMN file_name    text CHECK (length(file_name) BETWEEN 1 AND 255),
    ADD COLUMN content_type text,
    ADD COLUMN size_bytes   bigint CHECK (size_bytes >= 0),
    ADD COLUMN sha256       text,
    ADD COLUMN storage_key  text,
    ADD COLUMN content      bytea,
    ADD COLUMN doc_number   text NOT NULL DEFAULT '',
    ADD COLUMN doc_date     date,
    ADD COLUMN doc_issuer   text NOT NULL DEFAULT '';
-- the first attachment of a file keeps its storage key; later ones get a copy under their own
UPDATE evidence e SET file_name = f.file_name, content_type = f.content_type, size_bytes = f.size_bytes, sha256 = f.sha256,
    storage_key = CASE WHEN e.id = (SELECT min(id) FROM evidence x WHERE x.document_id = e.document_id)
        THEN f.storage_key ELSE f.storage_key || '-' || e.id END,
    content = (SELECT string_agg(c.data, ''::bytea ORDER BY c.seq) FROM evidence_chunks c WHERE c.file_id = f.id),
    doc_number = d.doc_number, doc_date = d.doc_date, doc_issuer = d.doc_issuer
FROM evidence_documents d JOIN evidence_files f ON f.document_id = d.id AND f.current
WHERE d.id = e.document_id;
SET CONSTRAINTS ALL IMMEDIATE;
ALTER TABLE evidence
    ALTER COLUMN file_name SET NOT NULL,
    ALTER COLUMN content_type SET NOT NULL,
    ALTER COLUMN size_bytes SET NOT NULL,
    ALTER COLUMN sha256 SET NOT NULL,
    ALTER COLUMN storage_key SET NOT NULL,
    ADD CONSTRAINT evidence_storage_key_key UNIQUE (storage_key),
    ADD CONSTRAINT evidence_doc_fields_length CHECK (length(doc_number) <= 100 AND length(doc_issuer) <= 300),
    DROP COLUMN document_id;
ALTER TABLE targets DROP COLUMN IF EXISTS evidence_required;
DROP TABLE evidence_chunks;
DROP TABLE evidence_files;
DROP TABLE evidence_documents;
