// Package domain holds the portal's pure rules: Vietnamese number and date
// input, reporting periods, report workflow, target commitments and the target
// status that drives the director's dashboard. It knows nothing of HTTP or SQL
// so every rule can be table-tested on its own.
package domain

// Languages the label functions understand. Vietnamese is the default: any
// value other than LangEN falls back to it, so a missing or unknown language
// never leaves the UI without text.
const (
	LangVI = "vi"
	LangEN = "en"
)

func isEN(lang string) bool { return lang == LangEN }

// pick keeps each label pair on one line at the call site.
func pick(lang, vi, en string) string {
	if isEN(lang) {
		return en
	}
	return vi
}
