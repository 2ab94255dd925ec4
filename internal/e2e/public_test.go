//go:build e2e

package e2e

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// TestE2EPublicPage: an anonymous visitor opens /cong-khai from the address bar, finds
// 2320/KH-SNV (published by the demo) with each target's verdict and the reform areas,
// downloads an issued report where the
// demo has one, and never reads the name or address of any user.
func TestE2EPublicPage(t *testing.T) {
	base := portal(t)
	ctx := browser(t)
	run := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}

	run("open the public page", chromedp.Navigate(base+"/cong-khai"), chromedp.WaitVisible(chromedp.CSS("article.public-plan")))
	if n := count(t, ctx, ".whoami"); n != 0 {
		t.Fatal("the public page shows a signed-in user to an anonymous visitor")
	}
	shot(t, ctx, "public-01-page")
	// the contents list only shows with more than one plan published; find the plan's article
	plan, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("article.public-plan")].find(a => a.querySelector("h2").textContent.startsWith("2320/KH-SNV"))?.id ?? ""`))
	if err != nil || !strings.HasPrefix(plan, "plan-") {
		t.Fatalf("2320/KH-SNV is not on the public page (%q, %v)", plan, err)
	}
	if count(t, ctx, ".public-toc") > 0 {
		run("follow the plan in the contents", chromedp.Click(chromedp.CSS(`.public-toc a[href="#`+plan+`"]`)))
	}
	art := "article#" + plan
	if h := text(t, ctx, art+" h2"); !strings.HasPrefix(h, "2320/KH-SNV") {
		t.Fatalf("plan heading %q", h)
	}
	// every target of the plan with a verdict; the demo's plan has ended, so each has one
	rows := count(t, ctx, art+" table.targets tbody tr")
	verdicts := count(t, ctx, art+" table.targets tbody tr td.status .badge")
	if rows < 10 || verdicts < rows {
		t.Fatalf("%d targets, %d with a verdict", rows, verdicts)
	}
	if areas := count(t, ctx, art+" table.compact tbody tr"); areas == 0 {
		t.Fatal("no reform area")
	}
	shot(t, ctx, "public-02-plan")

	if count(t, ctx, art+" ul.public-docs a") > 0 {
		path := download(t, ctx, t.TempDir(), art+" ul.public-docs a")
		pdf, err := os.ReadFile(path)
		if err != nil || !strings.HasPrefix(string(pdf), "%PDF-") {
			t.Fatalf("the issued report is not a PDF (%v)", err)
		}
	} else if got := text(t, ctx, art+" section:last-of-type p.muted"); got != "Chưa có báo cáo nào được ban hành." {
		t.Fatalf("no report to download and no word of it: %q", got)
	}

	// nobody's name or address: not in the text, not in the markup
	html, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.outerHTML`))
	if err != nil {
		t.Fatal(err)
	}
	st, err := postgres.Open(context.Background(), testdb.URL(t), 2)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	users, err := st.Pool().Query(context.Background(), `SELECT username, full_name, coalesce(email, '') FROM users`)
	if err != nil {
		t.Fatal(err)
	}
	defer users.Close()
	seen := 0
	for users.Next() {
		var username, name, email string
		if err := users.Scan(&username, &name, &email); err != nil {
			t.Fatal(err)
		}
		seen++
		for _, s := range []string{name, email} {
			if s != "" && strings.Contains(html, s) {
				t.Errorf("the public page shows %q (user %s)", s, username)
			}
		}
	}
	if err := users.Err(); err != nil || seen < 5 {
		t.Fatalf("demo users: %d (%v)", seen, err)
	}
}
