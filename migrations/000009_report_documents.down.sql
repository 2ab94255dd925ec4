DROP TABLE IF EXISTS report_document_comments;
DROP TABLE IF EXISTS report_document_versions;
DROP TABLE IF EXISTS report_document_sections;
DROP TABLE IF EXISTS report_documents;
