-- The evidence register (sổ tài liệu kiểm chứng): a document is uploaded once into its
-- unit's register, with its number, date, issuer and summary (trích yếu), and then attached
-- to any results of any targets, tasks and periods. A shared document (văn bản dùng chung)
-- belongs to the department: every unit may read and attach it.
CREATE TABLE evidence_documents (
    id          bigserial PRIMARY KEY,
    unit_id     bigint NOT NULL REFERENCES units (id),
    shared      boolean NOT NULL DEFAULT false,
    doc_number  text NOT NULL DEFAULT '' CHECK (length(doc_number) <= 100),
    doc_date    date,
    doc_issuer  text NOT NULL DEFAULT '' CHECK (length(doc_issuer) <= 300),
    summary     text NOT NULL DEFAULT '' CHECK (length(summary) <= 2000),
    created_by  bigint REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    -- words of the number, issuer and summary, for the register's search
    search      tsvector GENERATED ALWAYS AS
        (to_tsvector('simple', doc_number || ' ' || doc_issuer || ' ' || summary)) STORED
);
CREATE INDEX evidence_documents_unit_idx ON evidence_documents (unit_id, id DESC);
CREATE INDEX evidence_documents_shared_idx ON evidence_documents (id DESC) WHERE shared;
CREATE INDEX evidence_documents_search_idx ON evidence_documents USING gin (search);

-- Every version of a document's file; replacing the file adds a version and keeps the old.
-- Content lives in evidence_chunks (≤ 1 MiB each, so no file is ever held whole in memory)
-- or, with UPLOAD_DIR, in that directory under storage_key.
CREATE TABLE evidence_files (
    id           bigserial PRIMARY KEY,
    document_id  bigint NOT NULL REFERENCES evidence_documents (id) ON DELETE CASCADE,
    version      integer NOT NULL CHECK (version >= 1),
    current      boolean NOT NULL DEFAULT true,
    file_name    text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    content_type text NOT NULL,
    size_bytes   bigint NOT NULL CHECK (size_bytes >= 0),
    sha256       text NOT NULL,
    storage_key  text NOT NULL UNIQUE,
    uploaded_by  bigint REFERENCES users (id),
    uploaded_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (document_id, version)
);
CREATE UNIQUE INDEX evidence_files_current_idx ON evidence_files (document_id) WHERE current;
CREATE INDEX evidence_files_sha_idx ON evidence_files (sha256);

CREATE TABLE evidence_chunks (
    file_id bigint NOT NULL REFERENCES evidence_files (id) ON DELETE CASCADE,
    seq     integer NOT NULL,
    data    bytea NOT NULL,
    PRIMARY KEY (file_id, seq)
);

-- Which targets must carry evidence before a report is submitted (set by the reform office).
ALTER TABLE targets ADD COLUMN evidence_required boolean NOT NULL DEFAULT false;

-- Every existing evidence row becomes a document of its report's unit with one version,
-- and the row itself the attachment of that document to its result: nothing is lost.
ALTER TABLE evidence ADD COLUMN document_id bigint REFERENCES evidence_documents (id);

CREATE TEMPORARY TABLE evidence_move AS
    SELECT e.id AS evidence_id, nextval('evidence_documents_id_seq') AS document_id
    FROM evidence e;

INSERT INTO evidence_documents (id, unit_id, doc_number, doc_date, doc_issuer, created_by, created_at, updated_at)
SELECT m.document_id, r.unit_id, e.doc_number, e.doc_date, e.doc_issuer, e.uploaded_by, e.uploaded_at, e.uploaded_at
FROM evidence_move m JOIN evidence e ON e.id = m.evidence_id JOIN reports r ON r.id = e.report_id;

INSERT INTO evidence_files (document_id, version, current, file_name, content_type, size_bytes, sha256, storage_key, uploaded_by, uploaded_at)
SELECT m.document_id, 1, true, e.file_name, e.content_type, e.size_bytes, e.sha256, e.storage_key, e.uploaded_by, e.uploaded_at
FROM evidence_move m JOIN evidence e ON e.id = m.evidence_id;

INSERT INTO evidence_chunks (file_id, seq, data)
SELECT f.id, g.i, substring(e.content FROM g.i * 1048576 + 1 FOR 1048576)
FROM evidence_move m JOIN evidence e ON e.id = m.evidence_id
    JOIN evidence_files f ON f.document_id = m.document_id
    CROSS JOIN LATERAL generate_series(0, greatest(length(e.content) - 1, 0) / 1048576) AS g(i)
WHERE e.content IS NOT NULL;

UPDATE evidence e SET document_id = m.document_id FROM evidence_move m WHERE m.evidence_id = e.id;
DROP TABLE evidence_move;
-- the update queued the deferred dashboard triggers; fire them now, or the table cannot be altered
SET CONSTRAINTS ALL IMMEDIATE;

ALTER TABLE evidence
    ALTER COLUMN document_id SET NOT NULL,
    DROP CONSTRAINT IF EXISTS evidence_doc_fields_length,
    DROP COLUMN file_name,
    DROP COLUMN content_type,
    DROP COLUMN size_bytes,
    DROP COLUMN sha256,
    DROP COLUMN storage_key,
    DROP COLUMN content,
    DROP COLUMN doc_number,
    DROP COLUMN doc_date,
    DROP COLUMN doc_issuer;
ALTER TABLE evidence RENAME COLUMN uploaded_by TO attached_by;
ALTER TABLE evidence RENAME COLUMN uploaded_at TO attached_at;

-- A document is attached to a result once: attaching it again is refused with a message.
CREATE UNIQUE INDEX evidence_target_once ON evidence (report_id, target_id, document_id) WHERE target_id IS NOT NULL;
CREATE UNIQUE INDEX evidence_task_once ON evidence (report_id, task_id, document_id) WHERE task_id IS NOT NULL;
CREATE INDEX evidence_document_idx ON evidence (document_id);

-- The drill-down shows documents' numbers and names: a corrected number must not be served stale.
CREATE CONSTRAINT TRIGGER evidence_documents_dashboard_touch AFTER INSERT OR UPDATE OR DELETE ON evidence_documents
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dashboard_touch();
CREATE CONSTRAINT TRIGGER evidence_files_dashboard_touch AFTER INSERT OR UPDATE OR DELETE ON evidence_files
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dashboard_touch();
