package domain

import "strings"

// TextLines splits what a user typed into a textarea (signer block, recipients) into its
// non-blank lines, trimmed, whatever line endings the browser sent.
func TextLines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
