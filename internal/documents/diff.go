package documents

import "strings"

// Change is a run of words of a comparison: Op "" kept, "del" only in the older text,
// "ins" only in the newer.
type Change struct {
	Op   string
	Text string
}

// Diff compares two versions of a section word by word (longest common subsequence; a
// line break counts as a word, so paragraphs stay apart).
func Diff(old, new string) []Change {
	a, b := words(old), words(new)
	// lcs[i][j] is the common length of a[i:] and b[j:]
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []Change
	emit := func(op, w string) {
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += w
			return
		}
		out = append(out, Change{Op: op, Text: w})
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			emit("", a[i])
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			emit("del", a[i])
			i++
		default:
			emit("ins", b[j])
			j++
		}
	}
	for ; i < len(a); i++ {
		emit("del", a[i])
	}
	for ; j < len(b); j++ {
		emit("ins", b[j])
	}
	return out
}

// words splits text into words each with the space or line break after it.
func words(s string) []string {
	var out []string
	for len(s) > 0 {
		i := strings.IndexAny(s, " \n")
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}
