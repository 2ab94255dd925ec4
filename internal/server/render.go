package server

import (
	"bytes"
	"net/http"

	"github.com/a-h/templ"
)

// render writes a page into a buffer first, so a failing template never sends half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) {
	var buf bytes.Buffer
	if err := c.Render(r.Context(), &buf); err != nil {
		s.log.Error("render failed", "err", err, "request_id", requestID(r.Context()))
		http.Error(w, "Lỗi hiển thị trang / page rendering failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// seeOther redirects after a POST (Post/Redirect/Get).
func seeOther(w http.ResponseWriter, r *http.Request, to string) error {
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}
