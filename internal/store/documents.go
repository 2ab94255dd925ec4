package store

import (
	"context"
	"errors"
	"time"
)

// ReportDocument is a report the reform office files: its details and where it stands.
type ReportDocument struct {
	ID               int64
	PlanID           int64
	PlanCode         string
	Kind             string // q1, h1, q3, year, final
	Year             int
	Status           string // draft, signing, issued
	IncludeSubmitted bool
	Number           *int
	Symbol           string
	DocDate          *time.Time
	GoverningBody    string
	IssuingBody      string
	Place            string
	SignerTitle      string
	SignerName       string
	Recipients       string
	Summary          string
	Counted          string
	Appendix         []byte // JSON of the appendix as drafted
	Version          int
	CreatedByName    string
	CreatedAt        time.Time
	UpdatedAt        time.Time
	SubmittedAt      *time.Time
	IssuedAt         *time.Time
	IssuedByName     string
}

// DocumentSection is one section of a document's outline.
type DocumentSection struct {
	Key           string
	Position      int
	Level         int // 0 heading (I., II.…), 1 subsection, 2 text without a heading
	Title         string
	Body          string
	Drafted       string
	Sources       string
	Version       int
	UpdatedByName string
	UpdatedAt     time.Time
}

// DocumentVersion is one kept version of a section.
type DocumentVersion struct {
	Version   int
	Body      string
	ChangedBy string
	ChangedAt time.Time
}

// DocumentComment is a comment on a document or one of its sections.
type DocumentComment struct {
	ID         int64
	SectionKey string
	AuthorName string
	Body       string
	CreatedAt  time.Time
}

// ErrDuplicateNumber means another document of the year already has the number.
var ErrDuplicateNumber = errors.New("document number already used this year")

// DocumentsQueries are the statements of documents.go.
type DocumentsQueries interface {
	// ListDocuments returns every report document, newest first.
	ListDocuments(ctx context.Context) ([]ReportDocument, error)

	// DocumentByID reads a document; lock holds its row for the caller's transaction.
	DocumentByID(ctx context.Context, id int64, lock bool) (ReportDocument, error)

	// InsertDocument creates a draft and returns its id.
	InsertDocument(ctx context.Context, d ReportDocument, by int64, at time.Time) (int64, error)

	// InsertDocumentSection adds a section with its first version.
	InsertDocumentSection(ctx context.Context, docID int64, s DocumentSection, by int64, at time.Time) error

	// DocumentSections returns a document's sections in outline order.
	DocumentSections(ctx context.Context, docID int64) ([]DocumentSection, error)

	// UpdateDocumentSection writes a section's new text if it is still at version want, keeps
	// the version and returns the new version number; ErrConflict when someone saved first.
	UpdateDocumentSection(ctx context.Context, docID int64, key, body string, want int, by int64, at time.Time) (int, error)

	// SectionVersions lists a section's versions, newest first.
	SectionVersions(ctx context.Context, docID int64, key string) ([]DocumentVersion, error)

	// UpdateDocumentDetails writes the number, date, signer, organ and recipients if the
	// document is still at version want: ErrConflict otherwise, ErrDuplicateNumber when the
	// number is taken in the year.
	UpdateDocumentDetails(ctx context.Context, d ReportDocument, want int, at time.Time) (int, error)

	// NumberTaken reports whether another document dated in year has the number.
	NumberTaken(ctx context.Context, docID int64, year, number int) (bool, error)

	// NextDocumentNumber is one more than the highest number used in year.
	NextDocumentNumber(ctx context.Context, year int) (int, error)

	// SetDocumentStatus moves a document to status; submitted_at is set on submission.
	SetDocumentStatus(ctx context.Context, id int64, status string, at time.Time) error

	// IssueDocument records the issue and keeps the files issued.
	IssueDocument(ctx context.Context, id, by int64, at time.Time, pdf, docx []byte) error

	// IssuedFile returns a file kept at issue: format "pdf" or "docx".
	IssuedFile(ctx context.Context, id int64, format string) ([]byte, error)

	// AddDocumentComment adds a comment.
	AddDocumentComment(ctx context.Context, docID int64, sectionKey, body string, by int64, at time.Time) error

	// DocumentComments lists a document's comments, oldest first.
	DocumentComments(ctx context.Context, docID int64) ([]DocumentComment, error)
}
