package web

// FinalPageProps is the final evaluation of a plan (đánh giá cuối kỳ).
type FinalPageProps struct {
	Meta        Meta
	NoPlan      bool
	Title       string
	Lead        string
	Provisional string // set while the plan has not ended
	PlanHref    string
	BackHref    string
	BackLabel   string
	PhaseClass  string
	PhaseLabel  string
	ExportHref  string // the closing report on the exports page, for those who may export
	ScopeName   string
	DataNote    string
	Years       []string
	Counts      []DashStatusCount
	Rows        []FinalRow
}

// FinalRow is one target's final verdict and its path.
type FinalRow struct {
	Code, Text, Href         string
	Commitment               string
	StatusClass, StatusLabel string
	Reason                   string
	JudgedAt                 string
	Summary                  string // "Đạt 4/5 năm (2021–2025)." for targets judged each year
	Path                     []FinalStep
}

// FinalStep is a target's verdict at the end of one year.
type FinalStep struct {
	Year, Class, Label, Title string
}
