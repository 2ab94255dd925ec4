package server_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/vn-cchc/cchc/internal/opendata"
)

// TestAPIMatchesOpenAPI: the OpenAPI 3.1 document served at /api/v1/openapi.json is valid,
// and every real answer of the API — each list, a record, verdicts, CSV and the problems
// (400, 401, 404, 429) — is what it says, checked by kin-openapi's ValidateResponse.
func TestAPIMatchesOpenAPI(t *testing.T) {
	p := startAPIPortal(t)
	ctx := context.Background()
	served := p.call("", "/api/v1/openapi.json", nil)
	onDisk, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if served.code != http.StatusOK || served.body != string(onDisk) {
		t.Fatalf("/api/v1/openapi.json = %d, the checked-in document: %v", served.code, served.body == string(onDisk))
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(onDisk)
	if err != nil {
		t.Fatal(err)
	}
	if !doc.IsOpenAPI31OrLater() {
		t.Fatalf("openapi %q, want 3.1", doc.OpenAPI)
	}
	if err := doc.Validate(ctx); err != nil {
		t.Fatalf("the document is not valid OpenAPI: %v", err)
	}
	doc.Servers = openapi3.Servers{{URL: p.url + "/api/v1"}}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	plan := p.id(`SELECT id FROM plans WHERE code = '2320/KH-SNV'`)
	succ := p.id(`SELECT id FROM plans WHERE code <> '2320/KH-SNV' ORDER BY id DESC LIMIT 1`)
	period := p.id(`SELECT id FROM periods WHERE year = 2024 AND kind = 'year'`)
	unit := p.id(`SELECT id FROM units WHERE code = 'VPS'`)
	target := p.id(`SELECT id FROM targets WHERE plan_id = $1 AND code = 'CT05'`, plan)
	_, tok := p.newClient(opendata.ClientInput{Name: "Kiểm tra hợp đồng API", IncludeSubmitted: true})
	_, scoped := p.newClient(opendata.ClientInput{Name: "Chỉ 2320", Plans: []string{"2320/KH-SNV"}})
	_, burst := p.newClient(opendata.ClientInput{Name: "Quá tải"})

	type call struct {
		token, path, accept string
		status              int
	}
	calls := []call{
		{tok, "/plans", "", 200},
		{tok, "/plans?limit=1", "", 200},
		{tok, "/plans/" + itoa(plan), "", 200},
		{tok, "/plans/" + itoa(plan) + "/verdicts", "", 200},
		{tok, "/plans/" + itoa(succ) + "/verdicts?include=submitted", "", 200},
		{tok, "/plans/" + itoa(plan) + "/verdicts?period=" + itoa(period) + "&unit=" + itoa(unit), "", 200},
		{tok, "/areas", "", 200},
		{tok, "/targets?plan=" + itoa(plan), "", 200},
		{tok, "/targets?target=" + itoa(target), "", 200},
		{tok, "/tasks?limit=3", "", 200},
		{tok, "/units", "", 200},
		{tok, "/periods?plan=" + itoa(plan), "", 200},
		{tok, "/results?plan=" + itoa(plan) + "&period=" + itoa(period) + "&unit=" + itoa(unit), "", 200},
		{tok, "/results?limit=5", "", 200},
		{tok, "/results?limit=5", "text/csv", 200},
		{tok, "/targets?limit=5", "text/csv", 200},
		{tok, "/results?limit=0", "", 400},
		{tok, "/results?plan=x", "", 400},
		{"", "/plans", "", 401},
		{"cchc_wrong", "/results", "", 401},
		{scoped, "/plans/" + itoa(succ), "", 404},
		{scoped, "/results?plan=" + itoa(succ), "", 404},
		{scoped, "/plans/" + itoa(succ) + "/verdicts", "", 404},
	}
	for range 45 {
		calls = append(calls, call{burst, "/areas", "", 0})
	}
	saw429 := false
	for _, c := range calls {
		req, _ := http.NewRequest(http.MethodGet, p.url+"/api/v1"+c.path, nil)
		if c.token != "" {
			req.Header.Set("Authorization", "Bearer "+c.token)
		}
		if c.accept != "" {
			req.Header.Set("Accept", c.accept)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if c.status != 0 && resp.StatusCode != c.status {
			t.Errorf("GET %s = %d, want %d: %s", c.path, resp.StatusCode, c.status, body)
			continue
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			saw429 = true
		}
		route, params, err := router.FindRoute(req)
		if err != nil {
			t.Errorf("GET %s: not in the document: %v", c.path, err)
			continue
		}
		in := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
				Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}},
			Status:  resp.StatusCode,
			Header:  resp.Header,
			Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
		}
		in.SetBodyBytes(body)
		if err := openapi3filter.ValidateResponse(ctx, in); err != nil {
			t.Errorf("GET %s (%d): the answer does not match the document: %v\n%s", c.path, resp.StatusCode, err, firstBytes(body))
		}
	}
	if !saw429 {
		t.Error("no call met the rate limit, so its 429 went unchecked")
	}
}

func firstBytes(b []byte) string {
	s := string(b)
	if len(s) > 400 {
		s = s[:400] + "…"
	}
	return strings.ToValidUTF8(s, "?")
}
