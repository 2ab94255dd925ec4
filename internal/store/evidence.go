package store

import (
	"context"
	"fmt"
)

// EvidenceItem is an evidence file as lists show it: without its content.
type EvidenceItem struct {
	Evidence
	UploadedByName string
}

// DigestKey names a file attached to one result.
func DigestKey(targetID, taskID int64, sha256 string) string {
	return fmt.Sprintf("%d/%d/%s", targetID, taskID, sha256)
}

// EvidenceQueries are the statements of evidence.go.
type EvidenceQueries interface {
	// EvidenceByID finds an evidence file's record (without content) and the unit whose
	// report it belongs to, which is what authorization is decided on.
	EvidenceByID(ctx context.Context, id int64) (Evidence, int64, error)

	// EvidenceContent reads the content kept in PostgreSQL; nil when it lives in the upload directory.
	EvidenceContent(ctx context.Context, id int64) ([]byte, error)

	// DeleteEvidence removes the given files of a report and returns what was removed; ids of
	// other reports' files are ignored, so a form cannot reach beyond its report.
	DeleteEvidence(ctx context.Context, reportID int64, ids []int64) ([]Evidence, error)

	// EvidenceDigests lists the (target, task, sha256) of a report's files, so a repeated
	// upload of the same file to the same result (a double-clicked save) is not stored twice.
	EvidenceDigests(ctx context.Context, reportID int64) (map[string]bool, error)
}
