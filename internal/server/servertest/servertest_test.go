package servertest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

func TestClientKeepsCookiesAndSeesRedirects(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /login", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "s", Value: r.FormValue("username"), Path: "/"})
		http.Redirect(w, r, "/", http.StatusSeeOther)
	})
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		ck, _ := r.Cookie("s")
		fmt.Fprintf(w, `<html><body><p class="whoami">%s</p>
			<div class="field has-error"><input name="title" value="Kế hoạch &#34;A&#34;">
			<p class="field-error">Tên   kế hoạch
			dài tối đa 500 ký tự.</p></div><textarea name="basis">QĐ 1
QĐ 2</textarea><select name="kind"><option value="count">Số lượng</option><option value="percent" selected>Tỷ lệ</option></select></body></html>`, ck.Value)
	})
	mux.HandleFunc("POST /upload", func(w http.ResponseWriter, r *http.Request) {
		f, h, err := r.FormFile("file")
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		defer f.Close()
		fmt.Fprintf(w, "<p>%s %d %s</p>", h.Filename, h.Size, r.FormValue("code"))
	})
	ts := httptest.NewServer(mux)
	defer ts.Close()

	c := NewClient(t, ts.URL).SignIn("ha", "x")
	if c.Cookie("s") != "ha" {
		t.Fatalf("cookie %q", c.Cookie("s"))
	}
	page := c.Get("/")
	if page.Status != http.StatusOK || page.Text(".whoami") != "ha" {
		t.Fatalf("page: %d %q", page.Status, page.Text(".whoami"))
	}
	if !page.HasText(".field-error", "Tên kế hoạch dài tối đa 500 ký tự.") || page.HasText(".whoami", "dài tối đa") {
		t.Error("HasText: the message is in .field-error only, white space squashed")
	}
	if page.Value("title") != `Kế hoạch "A"` || page.Value("basis") != "QĐ 1\nQĐ 2" || page.Value("kind") != "percent" {
		t.Errorf("values: %q %q %q", page.Value("title"), page.Value("basis"), page.Value("kind"))
	}
	if !page.HasValue(`Kế hoạch "A"`) || page.HasValue("Kế hoạch") || !page.Has("div.has-error") || page.Count("option") != 2 {
		t.Error("HasValue, Has, Count")
	}
	res := c.Post("/login", url.Values{"username": {"lan"}})
	if res.Status != http.StatusSeeOther || res.Location != "/" {
		t.Fatalf("redirect not seen: %d %q", res.Status, res.Location)
	}
	up := c.PostMultipart("/upload", url.Values{"code": {"KH-1"}}, File{Field: "file", Name: "a.xlsx", Content: []byte("abc")})
	if up.Text("p") != "a.xlsx 3 KH-1" {
		t.Fatalf("upload: %q", up.Body)
	}
}
