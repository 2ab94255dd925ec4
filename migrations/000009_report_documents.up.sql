-- The reports the reform office files (issue 12): a document per plan and period, drafted
-- from the data, edited section by section with every version kept, submitted for
-- signature and issued. An issued document is immutable and keeps the files issued.
CREATE TABLE report_documents (
    id                bigserial PRIMARY KEY,
    plan_id           bigint NOT NULL REFERENCES plans (id),
    -- q1, h1, q3, year: the regime periods; final: the plan's closing report (tổng kết)
    kind              text NOT NULL CHECK (kind IN ('q1', 'h1', 'q3', 'year', 'final')),
    year              integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signing', 'issued')),
    include_submitted boolean NOT NULL DEFAULT false,
    -- số, ký hiệu: the sequence number is unique in its year of issue
    number            integer CHECK (number > 0),
    symbol            text NOT NULL DEFAULT '',
    doc_date          date,
    governing_body    text NOT NULL DEFAULT '',
    issuing_body      text NOT NULL DEFAULT '',
    place             text NOT NULL DEFAULT '',
    signer_title      text NOT NULL DEFAULT '',
    signer_name       text NOT NULL DEFAULT '',
    recipients        text NOT NULL DEFAULT '',
    summary           text NOT NULL,
    counted           text NOT NULL DEFAULT '',
    appendix          jsonb NOT NULL,
    version           integer NOT NULL DEFAULT 1,
    created_by        bigint REFERENCES users (id),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    submitted_at      timestamptz,
    issued_at         timestamptz,
    issued_by         bigint REFERENCES users (id),
    issued_pdf        bytea,
    issued_docx       bytea,
    CHECK (status <> 'issued' OR (number IS NOT NULL AND doc_date IS NOT NULL AND issued_pdf IS NOT NULL AND issued_docx IS NOT NULL))
);
CREATE UNIQUE INDEX report_documents_number ON report_documents ((extract(year FROM doc_date)), number)
    WHERE number IS NOT NULL AND doc_date IS NOT NULL;
CREATE INDEX report_documents_plan ON report_documents (plan_id, year);

-- A section of the outline: its heading, the text as the clerk left it and as drafted,
-- and the units' narratives the clerk takes from.
CREATE TABLE report_document_sections (
    document_id bigint NOT NULL REFERENCES report_documents (id) ON DELETE CASCADE,
    key         text NOT NULL,
    position    integer NOT NULL,
    level       integer NOT NULL CHECK (level BETWEEN 0 AND 2),
    title       text NOT NULL,
    body        text NOT NULL,
    drafted     text NOT NULL,
    sources     text NOT NULL DEFAULT '',
    version     integer NOT NULL DEFAULT 1,
    updated_by  bigint REFERENCES users (id),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (document_id, key)
);

-- Every version of every section: who changed what, when.
CREATE TABLE report_document_versions (
    id          bigserial PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES report_documents (id) ON DELETE CASCADE,
    section_key text NOT NULL,
    version     integer NOT NULL,
    body        text NOT NULL,
    changed_by  bigint REFERENCES users (id),
    changed_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (document_id, section_key, version)
);

-- The director's (and the office's) comments while the document awaits signature.
CREATE TABLE report_document_comments (
    id          bigserial PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES report_documents (id) ON DELETE CASCADE,
    section_key text NOT NULL DEFAULT '',
    author_id   bigint NOT NULL REFERENCES users (id),
    body        text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 4000),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_document_comments_doc ON report_document_comments (document_id, created_at);
