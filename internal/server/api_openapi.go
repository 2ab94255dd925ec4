package server

import (
	_ "embed"
	"net/http"
	"strconv"
)

// openAPIJSON is the API's contract (OpenAPI 3.1), kept by hand beside the handlers and
// held to their real answers by TestAPIMatchesOpenAPI.
//
//go:embed openapi.json
var openAPIJSON []byte

func (s *Server) openAPIDocument(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Header().Set("Content-Length", strconv.Itoa(len(openAPIJSON)))
	_, _ = w.Write(openAPIJSON)
}
