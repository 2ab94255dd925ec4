// Package notice is what a notification says: its line on the portal and its e-mail
// (subject, plain text and HTML), in Vietnamese or English. Plain Go over the stored
// notification, shared by the portal's list (internal/server) and the mail
// (internal/notify); no database, no HTTP.
package notice

import (
	"fmt"
	"html/template"
	"strings"
	"unicode/utf8"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
)

func tf(l i18n.Lang, key string, args ...any) string {
	return fmt.Sprintf(i18n.Translate(l, key), args...)
}

// Text is the notification's line, in l.
func Text(l i18n.Lang, n store.Notification) string {
	period, deadline := "", ""
	if n.Period != nil {
		period = domain.PeriodLabel(n.Period.Year, n.Period.Kind, string(l))
		deadline = domain.FormatDate(n.Period.Deadline)
	}
	actor := n.Params.Actor
	if actor == "" {
		actor = i18n.Translate(l, "notify.someone")
	}
	switch domain.NotificationKind(n.Kind) {
	case domain.NotifyDeadline, domain.NotifyOverdue:
		return tf(l, "notify.text."+n.Kind, n.Params.Days, period, deadline, n.UnitName)
	case domain.NotifyReturned, domain.NotifyApproved, domain.NotifyReopened, domain.NotifyComment, domain.NotifySubmitted:
		return tf(l, "notify.text."+n.Kind, actor, period, n.UnitName, Excerpt(n.Params.Comment, 300))
	case domain.NotifyLateDigest:
		return tf(l, "notify.text.late_digest", n.Params.Count)
	case domain.NotifyWeekly:
		return tf(l, "notify.text.weekly_summary", n.Params.Count, n.Params.Waiting)
	}
	return tf(l, "notify.text.other", period, n.UnitName)
}

// Excerpt shortens a comment for a one-line notification.
func Excerpt(s string, runes int) string {
	if utf8.RuneCountInString(s) <= runes {
		return s
	}
	return string([]rune(s)[:runes]) + "…"
}

// Mail is an e-mail, ready to send.
type Mail struct {
	Subject string
	Text    string
	HTML    string
}

// PrefsPath is where a user changes how they hear of each kind: every mail links to it.
const PrefsPath = "/account/notifications"

// item is one notification as a mail lists it.
type item struct {
	Text string
	URL  string
}

var page = template.Must(template.New("mail").Parse(`<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{{.Subject}}</title></head>
<body style="font-family: Arial, sans-serif; color: #1b1f24; line-height: 1.5">
<p>{{.Greeting}}</p>
{{range .Items}}<p>{{.Text}}<br><a href="{{.URL}}">{{$.Open}}</a></p>
{{end}}<hr>
<p style="font-size: 13px; color: #4f5966">{{.Footer}}<br><a href="{{.Prefs}}">{{.PrefsLabel}}</a></p>
</body></html>
`))

// ForNotification is the mail of one notification to the user named fullName; baseURL is
// how users reach the portal (BASE_URL).
func ForNotification(fullName string, n store.Notification, baseURL string) (Mail, error) {
	l := i18n.VI
	subject := tf(l, "mail.subject", i18n.Translate(l, "prefs.kind."+n.Kind))
	if n.Period != nil {
		subject += " — " + domain.PeriodLabel(n.Period.Year, n.Period.Kind, string(l))
	}
	return compose(l, subject, fullName, []item{{Text(l, n), baseURL + n.Link}}, baseURL)
}

// Digest is one mail gathering a user's notifications of a day.
func Digest(fullName string, ns []store.Notification, baseURL string) (Mail, error) {
	l := i18n.VI
	items := make([]item, len(ns))
	for i, n := range ns {
		items[i] = item{Text(l, n), baseURL + n.Link}
	}
	return compose(l, tf(l, "mail.digest_subject", len(ns)), fullName, items, baseURL)
}

func compose(l i18n.Lang, subject, fullName string, items []item, baseURL string) (Mail, error) {
	greeting := tf(l, "mail.greeting", fullName)
	open, footer, prefsLabel := i18n.Translate(l, "mail.open"), i18n.Translate(l, "mail.footer"), i18n.Translate(l, "mail.prefs")
	var text strings.Builder
	text.WriteString(greeting + "\n\n")
	for _, it := range items {
		fmt.Fprintf(&text, "%s\n%s: %s\n\n", it.Text, open, it.URL)
	}
	fmt.Fprintf(&text, "-- \n%s\n%s: %s\n", footer, prefsLabel, baseURL+PrefsPath)
	var html strings.Builder
	err := page.Execute(&html, map[string]any{"Subject": subject, "Greeting": greeting, "Items": items, "Open": open,
		"Footer": footer, "Prefs": baseURL + PrefsPath, "PrefsLabel": prefsLabel})
	if err != nil {
		return Mail{}, fmt.Errorf("notice: compose %q: %w", subject, err)
	}
	return Mail{Subject: subject, Text: text.String(), HTML: html.String()}, nil
}
