package server

import (
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"
)

// idParam reads a positive numeric URL parameter; anything else is a 404, not a 400,
// so ids cannot be probed by their error.
func idParam(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFound
	}
	return id, nil
}

func pageParam(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || n < 1 || n > 100000 {
		return 1
	}
	return n
}
