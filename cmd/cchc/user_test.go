package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/config"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/seed"
	"github.com/vn-cchc/cchc/internal/server"
	"github.com/vn-cchc/cchc/internal/server/servertest"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// `cchc user create` and the admin page's user form go through one use case, so the command
// line refuses exactly what the page refuses, with the same message, and creates nobody.
func TestUserCreateRefusesWhatTheAdminPageRefuses(t *testing.T) {
	ctx := context.Background()
	st := testdb.Store(t)
	if _, err := seed.Demo(ctx, st, testdb.Now()); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(func(k string) string {
		return map[string]string{"DATABASE_URL": testdb.URL(t)}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(ctx, cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)), server.WithClock(testdb.Now))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { ts.Close(); srv.Close() })
	admin := servertest.NewClient(t, ts.URL).SignIn("admin", seed.DemoPassword)
	staff, err := st.UserByUsername(ctx, "vanphong")
	if err != nil {
		t.Fatal(err)
	}
	vi := func(key string) string { return i18n.Translate(i18n.VI, key) }
	long := strings.Repeat("Nguyễn ", 29) + "Văn A" // 208 characters
	cases := []struct {
		name                     string
		username, fullName, role string
		unitCode                 string // for the command line
		unitID                   string // for the page
		want                     string // the message both give
	}{
		{"username with a space", "Bad Name", "Đỗ Thị Mai", "admin", "", "", vi("v.username")},
		{"username too short", "x", "Đỗ Thị Mai", "admin", "", "", vi("v.username")},
		{"username with a letter with a tone", "mai.đt", "Đỗ Thị Mai", "admin", "", "", vi("v.username")},
		{"name missing", "mai.dt", "  ", "admin", "", "", vi("v.required_full_name")},
		{"name too long", "mai.dt", long, "admin", "", "", vi("v.required_full_name")},
		{"unknown role", "mai.dt", "Đỗ Thị Mai", "boss", "", "", vi("v.role")},
		{"staff without a unit", "mai.dt", "Đỗ Thị Mai", "staff", "", "", vi("v.unit_required")},
		{"unknown unit", "mai.dt", "Đỗ Thị Mai", "staff", "KHONG-CO", "999999", vi("v.unit_unknown")},
		{"username taken", "vanphong", "Đỗ Thị Mai", "staff", staff.UnitCode, fmt.Sprint(staff.UnitID), vi("v.username_taken")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := []string{"create", "-username", c.username, "-name", c.fullName, "-role", c.role}
			if c.unitCode != "" {
				args = append(args, "-unit", c.unitCode)
			}
			err := userCommand(ctx, cfg, args)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("cchc user create: err = %v, want the message %q", err, c.want)
			}
			page := admin.Post("/admin/users", url.Values{"username": {c.username}, "full_name": {c.fullName},
				"role": {c.role}, "unit": {c.unitID}, "active": {"1"}})
			if page.Status != http.StatusUnprocessableEntity || !page.HasText("p.field-error", c.want) {
				t.Errorf("admin page: status %d, want 422 with the message %q by its field (%v)", page.Status, c.want, page.Where(c.want))
			}
			if u, err := st.UserByUsername(ctx, strings.ToLower(strings.TrimSpace(c.username))); err == nil && u.Username != "vanphong" {
				t.Errorf("user %q was created", u.Username)
			}
		})
	}
	// What both accept, the command line creates.
	if err := userCommand(ctx, cfg, []string{"create", "-username", "Mai.DT", "-name", " Đỗ Thị Mai ", "-role", "staff", "-unit", staff.UnitCode}); err != nil {
		t.Fatalf("valid user refused: %v", err)
	}
	u, err := st.UserByUsername(ctx, "mai.dt")
	if err != nil || u.FullName != "Đỗ Thị Mai" || u.UnitID != staff.UnitID || !u.MustChangePassword || !u.Active {
		t.Fatalf("created user = %+v, %v", u, err)
	}
}
