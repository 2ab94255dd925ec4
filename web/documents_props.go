package web

import "github.com/vn-cchc/cchc/internal/reportdoc"

// DocumentRow is one report document in the list.
type DocumentRow struct {
	Href        string
	Summary     string
	Plan        string
	Number      string
	Status      string
	StatusClass string
	Updated     string
}

// DocumentsProps is the list of report documents with the form that drafts a new one.
type DocumentsProps struct {
	Meta      Meta
	Rows      []DocumentRow
	CanCreate bool
	Plans     []Option
	Years     []Option
	Kinds     []Option
	Submitted bool
	Errors    FieldErrors
}

// DocSection is one section of a document as the document page shows it.
type DocSection struct {
	Key      string
	Level    int
	Title    string
	Body     []string // paragraphs
	Sources  []string // the units' narratives
	EditHref string   // "" when the section may not be edited
	History  string   // "/documents/1/sections/I.1/versions"
	EditedBy string
	Comments []DocComment
}

// DocComment is a comment.
type DocComment struct {
	Author string
	At     string
	Body   string
}

// DocumentProps is a document's page.
type DocumentProps struct {
	Meta      Meta
	ID        int64
	Summary   string
	Plan      string
	Status    string
	StatusKey string // draft, signing, issued
	StateHint string
	Facts     [][2]string // label, value
	Sections  []DocSection
	Appendix  reportdoc.Appendix
	Comments  []DocComment
	Version   int
	CanEdit   bool // the reform office, on a draft
	CanSign   bool // the director, awaiting signature
	CanNote   bool // may comment
	Issue     DocDetailsForm
	Comment   string
	Errors    FieldErrors
	Notice    string
}

// DocDetailsForm is the details form (number, date, organ, signer, recipients).
type DocDetailsForm struct {
	Number, Date, Place, Gov, Issuer  string
	SignForms                         []Option
	SignerHead, SignerOwn, SignerName string
	Recipients                        string
	Version                           int
}

// DocDetailsProps is the details page.
type DocDetailsProps struct {
	Meta     Meta
	ID       int64
	Summary  string
	Form     DocDetailsForm
	Errors   FieldErrors
	Conflict string
}

// SectionEditProps is the page that edits one section.
type SectionEditProps struct {
	Meta     Meta
	ID       int64
	Summary  string
	Key      string
	Title    string
	Body     string
	Version  int
	Sources  []string
	Drafted  string
	EditedBy string
	Errors   FieldErrors
	Conflict string // the message when someone saved first
	Stored   string // their text, shown beside the user's
	Refused  string
	Comments []DocComment
}

// DiffPart is a run of words of a comparison: "" kept, "del" removed, "ins" added.
type DiffPart struct {
	Op   string
	Text string
}

// VersionsProps lists a section's versions and compares two.
type VersionsProps struct {
	Meta     Meta
	ID       int64
	Title    string
	Versions []Option // value = version number
	A, B     []Option
	Diff     []DiffPart
	Compared string
}
