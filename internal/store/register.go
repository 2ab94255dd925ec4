package store

import (
	"context"
	"io"
	"time"
)

// The evidence register (sổ tài liệu kiểm chứng): documents of a unit, or of the whole
// department when shared, each with the versions of its file.

// EvidenceDoc is a register document with its current file.
type EvidenceDoc struct {
	ID        int64
	UnitID    int64
	UnitName  string
	Shared    bool
	DocNumber string
	DocDate   *time.Time
	DocIssuer string
	Summary   string
	CreatedBy *int64
	CreatedAt time.Time
	UpdatedAt time.Time
	File      EvidenceFile // the current version
	Uses      int          // results it is attached to
}

// EvidenceFile is one version of a document's file.
type EvidenceFile struct {
	ID             int64
	DocumentID     int64
	Version        int
	Current        bool
	FileName       string
	ContentType    string
	SizeBytes      int64
	SHA256         string
	StorageKey     string
	UploadedBy     *int64
	UploadedByName string
	UploadedAt     time.Time
}

// ChunkSize is the largest piece of a file kept in one row: what a save or a download holds
// in memory at a time.
const ChunkSize = 1 << 20

// RegisterQuery selects a page of a register.
type RegisterQuery struct {
	UnitID     int64 // 0: every unit (the reform office and the director)
	WithShared bool  // and the department's shared documents
	SharedOnly bool
	Text       string // a number, or words of the number, issuer or summary
	Offset     int
	Limit      int
}

// DocUse is a result a document is attached to.
type DocUse struct {
	EvidenceID int64
	UnitID     int64
	UnitName   string
	Period     Period
	Code       string // the target's or task's code
	Status     string // the report's
}

// RegisterQueries are the statements of register.go.
type RegisterQueries interface {
	// InsertEvidenceDoc adds a document (its metadata) to a register; its file follows with
	// AddEvidenceFile in the same transaction.
	InsertEvidenceDoc(ctx context.Context, d EvidenceDoc) (int64, error)

	// AddEvidenceFile records a new version of a document's file and makes it the current
	// one; the earlier versions stay. The caller holds the document's lock (LockEvidenceDoc)
	// or has just created it.
	AddEvidenceFile(ctx context.Context, f EvidenceFile) (EvidenceFile, error)

	// WriteEvidenceChunks stores a file's content in pieces of ChunkSize with one COPY,
	// reading r through one buffer: a file is never held whole in memory. It returns the
	// bytes written.
	WriteEvidenceChunks(ctx context.Context, fileID int64, r io.Reader) (int64, error)

	// OpenEvidenceFile reads a file kept in PostgreSQL one chunk at a time, each with its
	// own short query, so a slow download holds neither the file nor a connection.
	OpenEvidenceFile(ctx context.Context, fileID int64) io.Reader

	// EvidenceDocByID reads a document with its current file.
	EvidenceDocByID(ctx context.Context, id int64) (EvidenceDoc, error)

	// LockEvidenceDoc reads a document for change, holding its row until the transaction ends.
	LockEvidenceDoc(ctx context.Context, id int64) (EvidenceDoc, error)

	// UpdateEvidenceDoc corrects a document's number, date, issuer, summary and sharing.
	UpdateEvidenceDoc(ctx context.Context, d EvidenceDoc) error

	// VisibleEvidenceDoc reads a document a unit may attach: its own, or a shared one.
	VisibleEvidenceDoc(ctx context.Context, id, unitID int64) (EvidenceDoc, error)

	// UnitDocBySHA finds a document of the unit whose current file has this content, so
	// the same file uploaded for another result is attached, not stored twice.
	UnitDocBySHA(ctx context.Context, unitID int64, sha string) (int64, bool, error)

	// LockUnitEvidence serialises the uploads of one unit, so two saves cannot both pass
	// its quota (an advisory lock: it blocks no other use of the unit's row).
	LockUnitEvidence(ctx context.Context, unitID int64) error

	// UnitEvidenceBytes is the size of every version of every file in a unit's register.
	UnitEvidenceBytes(ctx context.Context, unitID int64) (int64, error)

	// ListEvidenceDocs reads one page of a register, newest first, and whether more follow.
	// One query: the current file, unit name and use count come joined, never per row.
	ListEvidenceDocs(ctx context.Context, q RegisterQuery) ([]EvidenceDoc, bool, error)

	// EvidenceDocVersions lists a document's file versions, newest first (bounded).
	EvidenceDocVersions(ctx context.Context, docID int64) ([]EvidenceFile, error)

	// EvidenceFileByID reads one version of a file with its document's unit and sharing,
	// which is what authorization is decided on.
	EvidenceFileByID(ctx context.Context, fileID int64) (EvidenceFile, int64, bool, error)

	// EvidenceDocUses lists where a document is attached (bounded), newest period first.
	EvidenceDocUses(ctx context.Context, docID int64, limit int) ([]DocUse, error)

	// TargetEvidenceFlags lists a plan's targets in force with their evidence flag, in plan order.
	TargetEvidenceFlags(ctx context.Context, planID int64) ([]TargetEvidenceFlag, error)

	// SetEvidenceRequired marks exactly the given targets of a plan as needing evidence.
	SetEvidenceRequired(ctx context.Context, planID int64, ids []int64) error
}

// TargetEvidenceFlag is a target of a plan and whether reports must carry evidence for it.
type TargetEvidenceFlag struct {
	ID       int64
	Code     string
	Text     string
	Required bool
}
