package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/documents"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/server/servertest"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// Roles of the matrix: anonymous, staff of unit A (VPS), staff of unit B (TTLT), the
// reform office, the director and the admin.
var matrixRoles = []string{"anonymous", "staffA", "staffB", "reform", "director", "admin"}

var matrixLogins = map[string]string{"staffA": "vanphong", "staffB": "ttlt", "reform": "cchc", "director": "giamdoc", "admin": "admin"}

// outcome is what a role gets: an HTTP status, or "login" for the redirect to the login page.
type outcome map[string]string

// everyone signed in gets want; anonymous users are sent to log in.
func signedIn(want string) outcome {
	return outcome{"anonymous": "login", "staffA": want, "staffB": want, "reform": want, "director": want, "admin": want}
}

// everyone, signed in or not, gets want (the public page, the API, which reads no session).
func everyone(want string) outcome {
	return outcome{"anonymous": want, "staffA": want, "staffB": want, "reform": want, "director": want, "admin": want}
}

func only(want string, roles ...string) outcome {
	o := signedIn("403")
	for _, r := range roles {
		o[r] = want
	}
	return o
}

// matrixCase is one route: how to call it and what each role gets.
type matrixCase struct {
	path string     // with parameters filled in from ids
	form url.Values // for POST
	want outcome
}

// matrix lists every route the router serves. A route missing here fails the test, so a
// new route cannot ship without deciding who may use it.
func matrix(ids map[string]int64) map[string]matrixCase {
	user := fmt.Sprint(ids["user"])
	unit := fmt.Sprint(ids["unit"])
	plan := fmt.Sprint(ids["plan"])
	// Writes go to a plan and a period of the test's own, never to the shared demo data.
	scratch := fmt.Sprint(ids["scratchPlan"])
	target := fmt.Sprint(ids["scratchTarget"])
	task := fmt.Sprint(ids["scratchTask"])
	period := fmt.Sprint(ids["scratchPeriod"])
	pp := "/plans/" + scratch
	unitA := fmt.Sprint(ids["unit"])
	report := fmt.Sprint(ids["scratchReport"])
	evidence := fmt.Sprint(ids["evidenceA"])
	regDoc, regFile := fmt.Sprint(ids["registerDocA"]), fmt.Sprint(ids["registerFileA"])
	doc := fmt.Sprintf("/documents/%d", ids["document"])
	return map[string]matrixCase{
		"GET /healthz":                     {path: "/healthz", want: outcome{"anonymous": "200", "staffA": "200", "staffB": "200", "reform": "200", "director": "200", "admin": "200"}},
		"GET /readyz":                      {path: "/readyz", want: outcome{"anonymous": "200", "staffA": "200", "staffB": "200", "reform": "200", "director": "200", "admin": "200"}},
		"GET /fonts/*":                     {path: "/fonts/LiberationSerif-Regular.ttf", want: outcome{"anonymous": "200", "staffA": "200", "staffB": "200", "reform": "200", "director": "200", "admin": "200"}},
		"HEAD /healthz":                    {path: "/healthz", want: outcome{"anonymous": "200", "staffA": "200", "staffB": "200", "reform": "200", "director": "200", "admin": "200"}},
		"HEAD /readyz":                     {path: "/readyz", want: outcome{"anonymous": "200", "staffA": "200", "staffB": "200", "reform": "200", "director": "200", "admin": "200"}},
		"GET /static/*":                    {path: "/static/css/app.css", want: outcome{"anonymous": "200", "staffA": "200", "staffB": "200", "reform": "200", "director": "200", "admin": "200"}},
		"GET /login":                       {path: "/login", want: outcome{"anonymous": "200", "staffA": "303", "staffB": "303", "reform": "303", "director": "303", "admin": "303"}},
		"POST /login":                      {path: "/login", form: url.Values{"username": {"x"}, "password": {"y"}}, want: outcome{"anonymous": "401", "staffA": "401", "staffB": "401", "reform": "401", "director": "401", "admin": "401"}},
		"POST /logout":                     {path: "/logout", form: url.Values{}, want: outcome{"anonymous": "303", "staffA": "303", "staffB": "303", "reform": "303", "director": "303", "admin": "303"}},
		"POST /lang":                       {path: "/lang", form: url.Values{"lang": {"vi"}}, want: outcome{"anonymous": "303", "staffA": "303", "staffB": "303", "reform": "303", "director": "303", "admin": "303"}},
		"GET /":                            {path: "/", want: signedIn("200")},
		"GET /account/password":            {path: "/account/password", want: signedIn("200")},
		"GET /account/notifications":       {path: "/account/notifications", want: signedIn("200")},
		"POST /account/notifications":      {path: "/account/notifications", form: url.Values{"mode_deadline": {"bogus"}}, want: outcome{"anonymous": "login", "staffA": "400", "staffB": "400", "reform": "400", "director": "400", "admin": "303"}},
		"POST /admin/users/{userID}/email": {path: "/admin/users/999999999/email", form: url.Values{"email": {"a@example.gov.vn"}}, want: only("404", "admin")},
		"GET /admin/mail":                  {path: "/admin/mail", want: only("200", "admin")},
		"GET /admin/mail/{mailID}":         {path: "/admin/mail/999999999", want: only("404", "admin")},
		"GET /notifications":               {path: "/notifications", want: signedIn("200")},
		"POST /notifications/read":         {path: "/notifications/read", form: url.Values{}, want: signedIn("303")},
		// nobody opens a notification that is not theirs (the demo has none with this id)
		"POST /notifications/{notificationID}/open": {path: "/notifications/999999999/open", form: url.Values{}, want: signedIn("404")},
		"POST /account/password":                    {path: "/account/password", form: url.Values{"current": {"sai"}}, want: signedIn("422")},
		"GET /reports":                              {path: "/reports", want: only("200", "staffA", "staffB", "reform")},
		"GET /plans":                                {path: "/plans", want: signedIn("200")},
		"GET /cong-khai":                            {path: "/cong-khai", want: everyone("200")},
		"GET /public":                               {path: "/public", want: everyone("200")},
		// a document that is not issued (or of a plan not published) is not there
		"GET /cong-khai/van-ban/{docID}.pdf":        {path: fmt.Sprintf("/cong-khai/van-ban/%d.pdf", ids["document"]), want: everyone("404")},
		"GET /api/v1/openapi.json":                  {path: "/api/v1/openapi.json", want: everyone("200")},
		"GET /api/v1/plans":                         {path: "/api/v1/plans", want: everyone("401")},
		"GET /api/v1/plans/{planID}":                {path: "/api/v1/plans/" + plan, want: everyone("401")},
		"GET /api/v1/plans/{planID}/verdicts":       {path: "/api/v1/plans/" + plan + "/verdicts", want: everyone("401")},
		"GET /api/v1/areas":                         {path: "/api/v1/areas", want: everyone("401")},
		"GET /api/v1/targets":                       {path: "/api/v1/targets", want: everyone("401")},
		"GET /api/v1/tasks":                         {path: "/api/v1/tasks", want: everyone("401")},
		"GET /api/v1/units":                         {path: "/api/v1/units", want: everyone("401")},
		"GET /api/v1/periods":                       {path: "/api/v1/periods", want: everyone("401")},
		"GET /api/v1/results":                       {path: "/api/v1/results", want: everyone("401")},
		"GET /admin/api-clients":                    {path: "/admin/api-clients", want: only("200", "admin")},
		"POST /admin/api-clients":                   {path: "/admin/api-clients", form: url.Values{}, want: only("422", "admin")},
		"POST /admin/api-clients/{clientID}/revoke": {path: "/admin/api-clients/999999/revoke", form: url.Values{}, want: only("404", "admin")},
		// the scratch plan is a draft, which is never published
		"POST /plans/{planID}/publish":        {path: pp + "/publish", form: url.Values{"published": {"1"}}, want: only("422", "reform")},
		"GET /plans/{planID}":                 {path: "/plans/" + plan, want: signedIn("200")},
		"GET /admin/":                         {path: "/admin/", want: only("303", "admin")},
		"GET /admin/users":                    {path: "/admin/users", want: only("200", "admin")},
		"GET /admin/users/new":                {path: "/admin/users/new", want: only("200", "admin")},
		"POST /admin/users":                   {path: "/admin/users", form: url.Values{}, want: only("422", "admin")},
		"GET /admin/users/{userID}":           {path: "/admin/users/" + user, want: only("200", "admin")},
		"POST /admin/users/{userID}":          {path: "/admin/users/" + user, form: url.Values{}, want: only("422", "admin")},
		"POST /admin/users/{userID}/password": {path: "/admin/users/" + user + "/password", form: url.Values{}, want: only("303", "admin")},
		"POST /admin/users/{userID}/unlock":   {path: "/admin/users/" + user + "/unlock", form: url.Values{}, want: only("303", "admin")},
		"GET /admin/units":                    {path: "/admin/units", want: only("200", "admin")},
		"GET /admin/units/new":                {path: "/admin/units/new", want: only("200", "admin")},
		"POST /admin/units":                   {path: "/admin/units", form: url.Values{}, want: only("422", "admin")},
		"GET /admin/units/{unitID}":           {path: "/admin/units/" + unit, want: only("200", "admin")},
		"POST /admin/units/{unitID}":          {path: "/admin/units/" + unit, form: url.Values{}, want: only("422", "admin")},
		"GET /exports/":                       {path: "/exports/?year=2024", want: only("200", "reform", "director")},
		"GET /exports/print":                  {path: "/exports/print?year=2024", want: only("200", "reform", "director")},
		"GET /exports/report.pdf":             {path: "/exports/report.pdf?year=2024", want: only("200", "reform", "director")},
		"GET /exports/report.docx":            {path: "/exports/report.docx?year=2024", want: only("200", "reform", "director")},
		"GET /exports/report.xlsx":            {path: "/exports/report.xlsx?year=2024", want: only("200", "reform", "director")},
		"GET /exports/results.csv":            {path: "/exports/results.csv?year=2024", want: only("200", "reform", "director")},
		// no job of anyone's: the owner's view and another's are in export_jobs_test.go
		"GET /exports/jobs/{jobID}":         {path: "/exports/jobs/999999999", want: only("404", "reform", "director")},
		"GET /exports/jobs/{jobID}/file":    {path: "/exports/jobs/999999999/file", want: only("404", "reform", "director")},
		"GET /plans/{planID}/template.xlsx": {path: "/plans/" + plan + "/template.xlsx", want: signedIn("200")},
		"GET /plans/new":                    {path: "/plans/new", want: only("200", "reform")},
		"POST /plans":                       {path: "/plans", form: url.Values{}, want: only("422", "reform")},
		"GET /plans/template.xlsx":          {path: "/plans/template.xlsx", want: only("200", "reform")},
		"GET /plans/import":                 {path: "/plans/import", want: only("200", "reform")},
		"POST /plans/import":                {path: "/plans/import", form: url.Values{}, want: only("400", "reform")},
		"GET /plans/{planID}/edit":          {path: pp + "/edit", want: only("200", "reform")},
		"POST /plans/{planID}/edit":         {path: pp + "/edit", form: url.Values{}, want: only("422", "reform")},
		"POST /plans/{planID}/status":       {path: pp + "/status", form: url.Values{}, want: only("409", "reform")},
		// the scratch plan is a draft: only an ended plan is succeeded
		"GET /plans/{planID}/successor":                  {path: pp + "/successor", want: only("409", "reform")},
		"POST /plans/{planID}/successor":                 {path: pp + "/successor", form: url.Values{}, want: only("409", "reform")},
		"GET /plans/{planID}/targets/new":                {path: pp + "/targets/new", want: only("200", "reform")},
		"POST /plans/{planID}/targets":                   {path: pp + "/targets", form: url.Values{}, want: only("422", "reform")},
		"GET /plans/{planID}/targets/{targetID}":         {path: pp + "/targets/" + target, want: only("200", "reform")},
		"POST /plans/{planID}/targets/{targetID}":        {path: pp + "/targets/" + target, form: url.Values{}, want: only("422", "reform")},
		"POST /plans/{planID}/targets/{targetID}/move":   {path: pp + "/targets/" + target + "/move", form: url.Values{}, want: only("400", "reform")},
		"POST /plans/{planID}/targets/{targetID}/retire": {path: pp + "/targets/" + target + "/retire", form: url.Values{}, want: only("303", "reform")},
		"GET /plans/{planID}/tasks/new":                  {path: pp + "/tasks/new", want: only("200", "reform")},
		"POST /plans/{planID}/tasks":                     {path: pp + "/tasks", form: url.Values{}, want: only("422", "reform")},
		"GET /plans/{planID}/tasks/{taskID}":             {path: pp + "/tasks/" + task, want: only("200", "reform")},
		"POST /plans/{planID}/tasks/{taskID}":            {path: pp + "/tasks/" + task, form: url.Values{}, want: only("422", "reform")},
		"POST /plans/{planID}/tasks/{taskID}/move":       {path: pp + "/tasks/" + task + "/move", form: url.Values{}, want: only("400", "reform")},
		"POST /plans/{planID}/tasks/{taskID}/retire":     {path: pp + "/tasks/" + task + "/retire", form: url.Values{}, want: only("303", "reform")},
		"GET /plans/{planID}/assignments":                {path: pp + "/assignments", want: only("200", "reform")},
		"POST /plans/{planID}/assignments":               {path: pp + "/assignments", form: url.Values{}, want: only("303", "reform")},
		"GET /periods":                                   {path: "/periods", want: only("200", "reform")},
		"POST /periods/generate":                         {path: "/periods/generate", form: url.Values{}, want: only("422", "reform")},
		"GET /periods/{periodID}":                        {path: "/periods/" + period, want: only("200", "reform")},
		"POST /periods/{periodID}":                       {path: "/periods/" + period, form: url.Values{}, want: only("422", "reform")},
		"GET /periods/{periodID}/close":                  {path: "/periods/" + period + "/close", want: only("200", "reform")},
		"POST /periods/{periodID}/close":                 {path: "/periods/" + period + "/close", form: url.Values{}, want: only("200", "reform")},
		"GET /reports/{unitID}/{periodID}":               {path: "/reports/" + unitA + "/" + period, want: outcome{"anonymous": "login", "staffA": "200", "staffB": "404", "reform": "200", "director": "200", "admin": "200"}},
		"POST /reports/{unitID}/{periodID}":              {path: "/reports/" + unitA + "/" + period, form: url.Values{"action": {"save"}}, want: outcome{"anonymous": "login", "staffA": "409", "staffB": "404", "reform": "403", "director": "403", "admin": "403"}},
		"POST /reports/{unitID}/{periodID}/comments":     {path: "/reports/" + unitA + "/" + period + "/comments", form: url.Values{}, want: outcome{"anonymous": "login", "staffA": "403", "staffB": "404", "reform": "422", "director": "422", "admin": "403"}},
		"GET /evidence/{evidenceID}":                     {path: "/evidence/" + evidence, want: outcome{"anonymous": "login", "staffA": "200", "staffB": "404", "reform": "200", "director": "200", "admin": "200"}},
		"POST /session/keepalive":                        {path: "/session/keepalive", form: url.Values{}, want: signedIn("204")},
		"GET /register":                                  {path: "/register", want: signedIn("200")},
		"GET /register/new":                              {path: "/register/new?unit=" + unitA, want: outcome{"anonymous": "login", "staffA": "200", "staffB": "404", "reform": "403", "director": "403", "admin": "403"}},
		"POST /register":                                 {path: "/register?unit=" + unitA, form: url.Values{}, want: outcome{"anonymous": "login", "staffA": "422", "staffB": "404", "reform": "403", "director": "403", "admin": "403"}},
		"GET /register/{docID}":                          {path: "/register/" + regDoc, want: outcome{"anonymous": "login", "staffA": "200", "staffB": "404", "reform": "200", "director": "200", "admin": "200"}},
		"POST /register/{docID}":                         {path: "/register/" + regDoc, form: url.Values{"doc_number": {"01/BC-VPS"}}, want: outcome{"anonymous": "login", "staffA": "303", "staffB": "404", "reform": "403", "director": "403", "admin": "403"}},
		"POST /register/{docID}/file":                    {path: "/register/" + regDoc + "/file", form: url.Values{}, want: outcome{"anonymous": "login", "staffA": "422", "staffB": "404", "reform": "403", "director": "403", "admin": "403"}},
		"GET /register/files/{fileID}":                   {path: "/register/files/" + regFile, want: outcome{"anonymous": "login", "staffA": "200", "staffB": "404", "reform": "200", "director": "200", "admin": "200"}},
		"GET /plans/{planID}/evidence":                   {path: pp + "/evidence", want: only("200", "reform")},
		"POST /plans/{planID}/evidence":                  {path: pp + "/evidence", form: url.Values{}, want: only("303", "reform")},
		"GET /review/":                                   {path: "/review/", want: only("200", "reform", "director", "admin")},
		"GET /review/matrix":                             {path: "/review/matrix", want: only("200", "reform", "director", "admin")},
		"GET /review/{reportID}":                         {path: "/review/" + report, want: only("200", "reform", "director", "admin")},
		"POST /review/{reportID}/approve":                {path: "/review/" + report + "/approve", form: url.Values{}, want: only("409", "reform", "director")},
		"POST /review/{reportID}/return":                 {path: "/review/" + report + "/return", form: url.Values{}, want: only("422", "reform")},
		"POST /review/{reportID}/reopen":                 {path: "/review/" + report + "/reopen", form: url.Values{}, want: only("422", "reform")},
		"GET /dashboard":                                 {path: "/dashboard", want: signedIn("200")},
		"GET /dashboard/final":                           {path: "/dashboard/final", want: signedIn("200")},
		"GET /dashboard/targets/{targetID}":              {path: "/dashboard/targets/" + fmt.Sprint(ids["targetA"]), want: outcome{"anonymous": "login", "staffA": "200", "staffB": "404", "reform": "200", "director": "200", "admin": "200"}},
		"GET /dashboard/units/{unitID}":                  {path: "/dashboard/units/" + unitA, want: outcome{"anonymous": "login", "staffA": "200", "staffB": "404", "reform": "200", "director": "200", "admin": "200"}},
		"GET /documents/":                                {path: "/documents/", want: only("200", "reform", "director")},
		"POST /documents/":                               {path: "/documents/", form: url.Values{}, want: only("422", "reform")},
		"GET /documents/{docID}":                         {path: doc, want: only("200", "reform", "director")},
		"GET /documents/{docID}/details":                 {path: doc + "/details", want: outcome{"anonymous": "login", "staffA": "403", "staffB": "403", "reform": "200", "director": "303", "admin": "403"}},
		"POST /documents/{docID}/details":                {path: doc + "/details", form: url.Values{}, want: only("409", "reform")},
		"GET /documents/{docID}/sections/{key}":          {path: doc + "/sections/I.1", want: outcome{"anonymous": "login", "staffA": "403", "staffB": "403", "reform": "200", "director": "303", "admin": "403"}},
		"POST /documents/{docID}/sections/{key}":         {path: doc + "/sections/I.1", form: url.Values{}, want: only("409", "reform")},
		"GET /documents/{docID}/sections/{key}/versions": {path: doc + "/sections/I.1/versions", want: only("200", "reform", "director")},
		"POST /documents/{docID}/submit":                 {path: doc + "/submit", form: url.Values{}, want: only("409", "reform")},
		"POST /documents/{docID}/return":                 {path: doc + "/return", form: url.Values{}, want: only("422", "director")},
		"POST /documents/{docID}/issue":                  {path: doc + "/issue", form: url.Values{}, want: only("409", "director")},
		"POST /documents/{docID}/comments":               {path: doc + "/comments", form: url.Values{}, want: only("422", "reform", "director")},
		"GET /documents/{docID}/report.pdf":              {path: doc + "/report.pdf", want: only("200", "reform", "director")},
		"GET /documents/{docID}/report.docx":             {path: doc + "/report.docx", want: only("200", "reform", "director")},
		"GET /documents/{docID}/print":                   {path: doc + "/print", want: only("200", "reform", "director")},
		"GET /admin/audit":                               {path: "/admin/audit", want: only("200", "admin")},
	}
}

func TestAuthorizationMatrix(t *testing.T) {
	ts, st := newPortal(t, nil)
	ctx := context.Background()
	victim := newUser(t, st, "matran", "Mật khẩu ma trận 2026")
	vps, _ := st.UserByUsername(ctx, "vanphong")
	plans, _ := st.ListPlans(ctx, store.Page{})
	ids := map[string]int64{"user": victim.ID, "unit": vps.UnitID, "plan": plans[0].ID}
	scratchPlanData(t, st, ids)
	ids["document"] = scratchDocument(t, st, plans)
	cases := matrix(ids)

	routes, ok := routerOf(t, ts).(chi.Routes)
	if !ok {
		t.Fatal("the handler is not a chi router")
	}
	var served []string
	err := chi.Walk(routes, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		route = strings.Replace(route, "/*/", "/", -1)
		served = append(served, method+" "+route)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(served)
	for _, r := range served {
		if _, ok := cases[r]; !ok {
			t.Errorf("route %q has no entry in the authorization matrix", r)
		}
	}

	// One signed-in client per role; logging out gets a client of its own.
	clients := map[string]*servertest.Client{}
	clientFor := func(role string, fresh bool) *servertest.Client {
		if c, ok := clients[role]; ok && !fresh {
			return c
		}
		c := newClient(t, ts)
		if login := matrixLogins[role]; login != "" {
			if resp := c.Login(login, "demo"); resp.Status != http.StatusSeeOther {
				t.Fatalf("login %s: %d", login, resp.Status)
			}
		}
		if !fresh {
			clients[role] = c
		}
		return c
	}
	// Every GET first, for every role, between two fingerprints of the database: no GET
	// changes state. Everyone signs in before the first fingerprint.
	names := make([]string, 0, len(cases))
	for name := range cases {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool {
		if gi, gj := strings.HasPrefix(names[i], "GET "), strings.HasPrefix(names[j], "GET "); gi != gj {
			return gi
		}
		return names[i] < names[j]
	})
	for _, role := range matrixRoles {
		clientFor(role, false)
	}
	beforeGETs := dbState(t, st)
	for i, name := range names {
		tc := cases[name]
		if !strings.HasPrefix(name, "GET ") && (i == 0 || strings.HasPrefix(names[i-1], "GET ")) {
			if changed := changedTables(beforeGETs, dbState(t, st)); len(changed) > 0 {
				t.Errorf("GET requests changed the rows of %v", changed)
			}
		}
		for _, role := range matrixRoles {
			c := clientFor(role, name == "POST /logout")
			var resp *servertest.Response
			if strings.HasPrefix(name, "POST ") {
				resp = c.Post(tc.path, tc.form)
			} else if strings.HasPrefix(name, "HEAD ") {
				resp = c.Send(http.MethodHead, tc.path, nil, nil)
			} else {
				resp = c.Get(tc.path)
			}
			got := fmt.Sprint(resp.Status)
			if resp.Status == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/login") && role != "anonymous" && tc.want[role] != "303" {
				got = "login"
			} else if role == "anonymous" && resp.Status == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/login") && tc.want[role] == "login" {
				got = "login"
			}
			if want := tc.want[role]; got != want {
				t.Errorf("%s as %s: got %s, want %s", name, role, got, want)
			}
			checkSecurityHeaders(t, name, resp)
		}
		// A state-changing route called from another site is refused whoever is signed in.
		if strings.HasPrefix(name, "POST ") {
			for _, role := range []string{"anonymous", "staffA", "reform", "admin"} {
				for _, h := range []map[string]string{{"Sec-Fetch-Site": "cross-site"}, {"Origin": "https://evil.example"}} {
					resp := clientFor(role, false).Send(http.MethodPost, tc.path, tc.form, h)
					if resp.Status != http.StatusForbidden {
						t.Errorf("%s as %s with %v: got %d, want 403", name, role, h, resp.Status)
					}
				}
			}
		}
	}
}

// checkSecurityHeaders: every response carries the CSP, nosniff, frame and referrer policies.
func checkSecurityHeaders(t *testing.T, name string, resp *servertest.Response) {
	t.Helper()
	h := resp.Header
	csp := h.Get("Content-Security-Policy")
	scripts := strings.Contains(csp, "script-src 'self'") || strings.HasPrefix(csp, "default-src 'none'") // downloads allow nothing
	if !strings.Contains(csp, "frame-ancestors 'none'") || !scripts || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("%s: CSP %q", name, csp)
	}
	if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" || h.Get("X-Frame-Options") != "DENY" {
		t.Errorf("%s: nosniff %q, Referrer-Policy %q, X-Frame-Options %q", name, h.Get("X-Content-Type-Options"), h.Get("Referrer-Policy"), h.Get("X-Frame-Options"))
	}
}

// scratchPlanData creates a draft plan with one target and one task, and a period of 2099,
// for the write routes of the matrix.
func scratchPlanData(t *testing.T, st *postgres.Store, ids map[string]int64) {
	t.Helper()
	ctx := context.Background()
	areas, err := st.ListAreas(ctx)
	if err != nil || len(areas) == 0 {
		t.Fatalf("areas: %v", err)
	}
	planID, err := st.CreatePlan(ctx, store.PlanInput{Code: "99/KH-MATRAN", Title: "Kế hoạch thử ma trận quyền",
		IssuedOn: time.Date(2099, 1, 2, 0, 0, 0, 0, time.UTC), StartYear: 2099, EndYear: 2099, LegalBasis: []string{}, Status: "draft"})
	if err != nil {
		t.Fatal(err)
	}
	v := 50.0
	targetID, err := st.CreateTarget(ctx, store.Target{PlanID: planID, AreaID: areas[0].ID, Code: "MT01", Text: "Chỉ tiêu thử",
		Kind: "percent", Op: ">=", Value: &v, EachYear: true})
	if err != nil {
		t.Fatal(err)
	}
	taskID, err := st.CreateTask(ctx, store.Task{PlanID: planID, AreaID: areas[0].ID, Code: "MN01", Text: "Nhiệm vụ thử"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2098, 12, 15, 0, 0, 0, 0, time.UTC)
	periodID, err := st.UpsertPeriod(ctx, store.Period{Year: 2099, Kind: "q1", StartsOn: start, EndsOn: start.AddDate(0, 3, 0), Deadline: start.AddDate(0, 3, 0)})
	if err != nil {
		t.Fatal(err)
	}
	ids["scratchPlan"], ids["scratchTarget"], ids["scratchTask"], ids["scratchPeriod"] = planID, targetID, taskID, periodID
	// A submitted report of unit A in the scratch period, for the review routes.
	submitted := time.Now()
	reportID, err := st.InsertReport(ctx, store.ReportRecord{UnitID: ids["unit"], PeriodID: periodID, Status: "submitted", SubmittedAt: &submitted})
	if err != nil {
		t.Fatal(err)
	}
	ids["scratchReport"] = reportID
	if err := st.Pool().QueryRow(ctx, `SELECT e.id FROM evidence e JOIN reports r ON r.id = e.report_id WHERE r.unit_id = $1 LIMIT 1`, ids["unit"]).Scan(&reportID); err != nil {
		t.Fatalf("an evidence file of unit A: %v", err)
	}
	ids["evidenceA"] = reportID
	// a register document of unit A of the test's own, for the writes
	docID, err := st.InsertEvidenceDoc(ctx, store.EvidenceDoc{UnitID: ids["unit"], DocNumber: "01/BC-VPS"})
	if err != nil {
		t.Fatal(err)
	}
	file, err := st.AddEvidenceFile(ctx, store.EvidenceFile{DocumentID: docID, FileName: "bc.pdf", ContentType: "application/pdf",
		SizeBytes: 8, SHA256: "matrix", StorageKey: "0123456789abcdef"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.WriteEvidenceChunks(ctx, file.ID, strings.NewReader("%PDF-1.4")); err != nil {
		t.Fatal(err)
	}
	ids["registerDocA"], ids["registerFileA"] = docID, file.ID
	// CT01 of the plan in force is reported by unit A (VPS) only.
	if err := st.Pool().QueryRow(ctx, `SELECT t.id FROM targets t JOIN plans p ON p.id = t.plan_id WHERE p.code = $1 AND t.code = 'CT01'`, seed.SuccessorCode).Scan(&reportID); err != nil {
		t.Fatal(err)
	}
	ids["targetA"] = reportID
}

// scratchDocument drafts a report document of the demo plan for the matrix to call on.
func scratchDocument(t *testing.T, st *postgres.Store, plans []store.Plan) int64 {
	t.Helper()
	ctx := context.Background()
	u, err := st.UserByUsername(ctx, "cchc")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plans {
		if p.Code != "2320/KH-SNV" {
			continue
		}
		a := documents.Actor{Principal: authz.Principal{UserID: u.ID, Role: authz.RoleReformOffice, UnitID: u.UnitID}, Name: u.Username}
		id, err := documents.New(st, testdb.Now).Create(ctx, a, documents.CreateInput{PlanID: p.ID, Year: 2025, Kind: documents.Kind(domain.PeriodYear)})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	t.Fatal("no plan 2320/KH-SNV")
	return 0
}
