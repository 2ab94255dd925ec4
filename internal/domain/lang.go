// Package domain holds the portal's pure rules: Vietnamese number and date
// input, reporting periods, report workflow, target commitments and the target
// status that drives the director's dashboard. It knows nothing of HTTP or SQL
// so every rule can be table-tested on its own.
package domain

// Languages the label functions understand. Vietnamese is the default: any
// value other than LangEN falls back to it, so a missing or unknown language
// never leaves the UI without text. The labels' words, and the growth unit's, are in
// the i18n catalogue (catalogue_domain_labels.go).
const (
	LangVI = "vi"
	LangEN = "en"
)
