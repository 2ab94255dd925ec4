package servertest

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// Response is an answer read whole. Its HTML is parsed on first use.
type Response struct {
	t        testing.TB
	Status   int
	Location string
	Header   http.Header
	Body     string
	Raw      []byte
	Request  *http.Request
	doc      *goquery.Document
}

// Doc is the page parsed as a browser parses it.
func (r *Response) Doc() *goquery.Document {
	if r.doc == nil {
		d, err := goquery.NewDocumentFromReader(bytes.NewReader(r.Raw))
		if err != nil {
			r.t.Fatalf("parse HTML: %v", err)
		}
		r.doc = d
	}
	return r.doc
}

// Find is every element the selector matches.
func (r *Response) Find(selector string) *goquery.Selection { return r.Doc().Find(selector) }

// Count is how many elements the selector matches.
func (r *Response) Count(selector string) int { return r.Find(selector).Length() }

// Has reports whether the selector matches an element.
func (r *Response) Has(selector string) bool { return r.Count(selector) > 0 }

// Text is the text of the elements the selector matches, entities decoded and runs of
// white space made one space.
func (r *Response) Text(selector string) string { return Squash(r.Find(selector).Text()) }

// Texts is the text of each element the selector matches, squashed as Text does.
func (r *Response) Texts(selector string) []string {
	var out []string
	r.Find(selector).Each(func(_ int, s *goquery.Selection) { out = append(out, Squash(s.Text())) })
	return out
}

// HasText reports whether an element the selector matches contains want in its text
// (white space squashed on both sides).
func (r *Response) HasText(selector, want string) bool {
	want = Squash(want)
	found := false
	r.Find(selector).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		found = strings.Contains(Squash(s.Text()), want)
		return !found
	})
	return found
}

// Attr is the attribute of the first element the selector matches ("" when none).
func (r *Response) Attr(selector, name string) string {
	v, _ := r.Find(selector).First().Attr(name)
	return v
}

// Value is what a form control shows: an input's value, a textarea's text, a select's
// selected option's value. Controls are found by name: Value("title").
func (r *Response) Value(name string) string {
	sel := r.Find(`[name="` + name + `"]`).First()
	switch goquery.NodeName(sel) {
	case "textarea":
		return sel.Text()
	case "select":
		v, _ := sel.Find("option[selected]").First().Attr("value")
		return v
	}
	v, _ := sel.Attr("value")
	return v
}

// HasValue reports whether some control shows value (an input's or option's value
// attribute, a textarea's text): for a form that must come back with everything typed.
func (r *Response) HasValue(value string) bool {
	found := false
	r.Find("input, option").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		v, ok := s.Attr("value")
		found = ok && v == value
		return !found
	})
	if !found {
		r.Find("textarea").EachWithBreak(func(_ int, s *goquery.Selection) bool {
			found = s.Text() == value
			return !found
		})
	}
	return found
}

// Mentions reports whether text appears anywhere on the page a reader or a tool could see
// it: in the text (entities decoded) or in an attribute (a title, a link, a value). For
// checks that something is not shown at all, where no one element can be named.
func (r *Response) Mentions(text string) bool {
	all := r.Doc().Text()
	if strings.Contains(all, text) || strings.Contains(Squash(all), Squash(text)) {
		return true
	}
	found := false
	r.Find("*").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		for _, a := range s.Nodes[0].Attr {
			if strings.Contains(a.Val, text) {
				found = true
			}
		}
		return !found
	})
	return found
}

// Squash makes runs of white space one space and trims the ends.
func Squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// Where names the innermost elements whose text contains text (squashed), as selector
// paths such as "main > form > div.field.has-error > p.field-error#e-year", and the
// controls whose value is text: to find the selector an assertion should use.
func (r *Response) Where(text string) []string {
	text = Squash(text)
	var out []string
	r.Find("body *").Each(func(_ int, s *goquery.Selection) {
		if !strings.Contains(Squash(s.Text()), text) {
			if v, ok := s.Attr("value"); !ok || v != text {
				return
			}
		} else if s.ChildrenFiltered("*").FilterFunction(func(_ int, c *goquery.Selection) bool {
			return strings.Contains(Squash(c.Text()), text)
		}).Length() > 0 {
			return // a child holds it whole
		}
		out = append(out, path(s))
	})
	return out
}

func path(s *goquery.Selection) string {
	var parts []string
	for n := s; n.Length() > 0 && goquery.NodeName(n) != "body"; n = n.Parent() {
		p := goquery.NodeName(n)
		if id, ok := n.Attr("id"); ok {
			p += "#" + id
		}
		if c, ok := n.Attr("class"); ok {
			for _, cl := range strings.Fields(c) {
				p += "." + cl
			}
		}
		if nm, ok := n.Attr("name"); ok {
			p += `[name="` + nm + `"]`
		}
		parts = append([]string{p}, parts...)
	}
	return strings.Join(parts, " > ")
}

// Parse reads a page already fetched (a body kept as a string) for selector checks.
func Parse(t testing.TB, body string) *Response {
	return &Response{t: t, Body: body, Raw: []byte(body)}
}
