package store

import "context"

// EvidenceItem is an evidence file as lists show it: without its content.
type EvidenceItem struct {
	Evidence
	UploadedByName string
}

// Attachment is a register document to attach to one result of a report.
type Attachment struct {
	ReportID   int64
	TargetID   *int64
	TaskID     *int64
	DocumentID int64
	By         *int64
}

// EvidenceQueries are the statements of evidence.go: an evidence row is the attachment of
// a register document (register.go) to one result of a report.
type EvidenceQueries interface {
	// EvidenceByID finds an attachment (with its document's current file) and the unit whose
	// report it belongs to, which is what authorization is decided on.
	EvidenceByID(ctx context.Context, id int64) (Evidence, int64, error)

	// DeleteEvidence detaches the given documents from a report's results and returns what
	// was detached; the documents stay in their register. Ids of other reports' attachments
	// are ignored, so a form cannot reach beyond its report.
	DeleteEvidence(ctx context.Context, reportID int64, ids []int64) ([]Evidence, error)

	// AttachEvidence attaches a document to a result. attached is false (and nothing
	// written) when the document is already attached to that result.
	AttachEvidence(ctx context.Context, a Attachment) (id int64, attached bool, err error)

	// EvidenceByIDs reads attachments just made, for the audit entry.
	EvidenceByIDs(ctx context.Context, ids []int64) ([]Evidence, error)

	// EvidenceCounts is how many documents a report has attached to each target.
	EvidenceCounts(ctx context.Context, reportID int64) (map[int64]int, error)

	// ReportEvidenceBytes is the size of the distinct documents (current files) a report carries.
	ReportEvidenceBytes(ctx context.Context, reportID int64) (int64, error)
}
