package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"

	"github.com/vn-cchc/cchc/internal/store"
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
	return map[string]matrixCase{
		"GET /healthz":                        {path: "/healthz", want: outcome{"anonymous": "200", "staffA": "200", "staffB": "200", "reform": "200", "director": "200", "admin": "200"}},
		"GET /readyz":                         {path: "/readyz", want: outcome{"anonymous": "200", "staffA": "200", "staffB": "200", "reform": "200", "director": "200", "admin": "200"}},
		"GET /static/*":                       {path: "/static/css/app.css", want: outcome{"anonymous": "200", "staffA": "200", "staffB": "200", "reform": "200", "director": "200", "admin": "200"}},
		"GET /login":                          {path: "/login", want: outcome{"anonymous": "200", "staffA": "303", "staffB": "303", "reform": "303", "director": "303", "admin": "303"}},
		"POST /login":                         {path: "/login", form: url.Values{"username": {"x"}, "password": {"y"}}, want: outcome{"anonymous": "401", "staffA": "401", "staffB": "401", "reform": "401", "director": "401", "admin": "401"}},
		"POST /logout":                        {path: "/logout", form: url.Values{}, want: outcome{"anonymous": "303", "staffA": "303", "staffB": "303", "reform": "303", "director": "303", "admin": "303"}},
		"POST /lang":                          {path: "/lang", form: url.Values{"lang": {"vi"}}, want: outcome{"anonymous": "303", "staffA": "303", "staffB": "303", "reform": "303", "director": "303", "admin": "303"}},
		"GET /":                               {path: "/", want: signedIn("200")},
		"GET /account/password":               {path: "/account/password", want: signedIn("200")},
		"POST /account/password":              {path: "/account/password", form: url.Values{"current": {"sai"}}, want: signedIn("422")},
		"GET /reports":                        {path: "/reports", want: only("200", "staffA", "staffB", "reform")},
		"GET /plans":                          {path: "/plans", want: signedIn("200")},
		"GET /plans/{planID}":                 {path: "/plans/" + plan, want: signedIn("200")},
		"GET /admin/":                         {path: "/admin/", want: only("303", "admin")},
		"GET /admin/users":                    {path: "/admin/users", want: only("200", "admin")},
		"GET /admin/users/new":                {path: "/admin/users/new", want: only("200", "admin")},
		"POST /admin/users":                   {path: "/admin/users", form: url.Values{}, want: only("422", "admin")},
		"GET /admin/users/{userID}":           {path: "/admin/users/" + user, want: only("200", "admin")},
		"POST /admin/users/{userID}":          {path: "/admin/users/" + user, form: url.Values{}, want: only("422", "admin")},
		"POST /admin/users/{userID}/password": {path: "/admin/users/" + user + "/password", form: url.Values{}, want: only("303", "admin")},
		"GET /admin/units":                    {path: "/admin/units", want: only("200", "admin")},
		"GET /admin/units/new":                {path: "/admin/units/new", want: only("200", "admin")},
		"POST /admin/units":                   {path: "/admin/units", form: url.Values{}, want: only("422", "admin")},
		"GET /admin/units/{unitID}":           {path: "/admin/units/" + unit, want: only("200", "admin")},
		"POST /admin/units/{unitID}":          {path: "/admin/units/" + unit, form: url.Values{}, want: only("422", "admin")},
		"GET /exports/":                       {path: "/exports/?year=2024", want: only("200", "reform", "director")},
		"GET /exports/print":                  {path: "/exports/print?year=2024", want: only("200", "reform", "director")},
		"GET /exports/report.pdf":             {path: "/exports/report.pdf?year=2024", want: only("200", "reform", "director")},
		"GET /exports/report.xlsx":            {path: "/exports/report.xlsx?year=2024", want: only("200", "reform", "director")},
		"GET /exports/results.csv":            {path: "/exports/results.csv?year=2024", want: only("200", "reform", "director")},
		"GET /admin/audit":                    {path: "/admin/audit", want: only("200", "admin")},
	}
}

func TestAuthorizationMatrix(t *testing.T) {
	ts, st := newPortal(t, nil)
	ctx := context.Background()
	victim := newUser(t, st, "matran", "Mật khẩu ma trận 2026")
	vps, _ := st.UserByUsername(ctx, "vanphong")
	plans, _ := st.ListPlans(ctx, store.Page{})
	ids := map[string]int64{"user": victim.ID, "unit": vps.UnitID, "plan": plans[0].ID}
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

	for name, tc := range cases {
		for _, role := range matrixRoles {
			c := newClient(t, ts)
			if login := matrixLogins[role]; login != "" {
				if resp := c.login(login, "demo"); resp.StatusCode != http.StatusSeeOther {
					t.Fatalf("login %s: %d", login, resp.StatusCode)
				}
			}
			var resp *http.Response
			if strings.HasPrefix(name, "POST ") {
				resp, _ = c.post(tc.path, tc.form)
			} else {
				resp, _ = c.get(tc.path)
			}
			got := fmt.Sprint(resp.StatusCode)
			if resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/login") && role != "anonymous" && tc.want[role] != "303" {
				got = "login"
			} else if role == "anonymous" && resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/login") && tc.want[role] == "login" {
				got = "login"
			}
			if want := tc.want[role]; got != want {
				t.Errorf("%s as %s: got %s, want %s", name, role, got, want)
			}
		}
	}
}
