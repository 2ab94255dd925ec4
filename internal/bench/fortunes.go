// Package bench measures the portal's pages against a reference page served in the same
// run (TechEmpower's "Fortunes"), because absolute figures drift on a shared machine while
// ratios hold. Run it with `make bench`; see docs/PERFORMANCE.md.
package bench

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Fortune is one row of the reference page.
type Fortune struct {
	ID      int
	Message string
}

// The twelve messages of TechEmpower's Fortunes test, with its markup and non-Latin text
// that must come out escaped and intact.
var fortunes = []string{
	"fortune: No such file or directory",
	"A computer scientist is someone who fixes things that aren't broken.",
	"After enough decimal places, nobody gives a damn.",
	"A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1",
	"A computer program does what you tell it to do, not what you want it to do.",
	"Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen",
	"Any program that runs right is obsolete.",
	"A list is only as strong as its weakest link. — Donald Knuth",
	"Feature: A bug with seniority.",
	"Computers make very fast, very accurate mistakes.",
	`<script>alert("This should not be displayed in a browser alert box.");</script>`,
	"フレームワークのベンチマーク",
}

// SetupFortunes creates the reference table. It belongs to the benchmark, not to the
// portal's schema, and is replaced on every run.
func SetupFortunes(ctx context.Context, pool *pgxpool.Pool) error {
	if _, err := pool.Exec(ctx, `DROP TABLE IF EXISTS bench_fortune; CREATE TABLE bench_fortune (id integer PRIMARY KEY, message text NOT NULL)`); err != nil {
		return fmt.Errorf("bench: fortune table: %w", err)
	}
	rows := make([][]any, len(fortunes))
	for i, m := range fortunes {
		rows[i] = []any{i + 1, m}
	}
	if _, err := pool.CopyFrom(ctx, pgx.Identifier{"bench_fortune"}, []string{"id", "message"}, pgx.CopyFromRows(rows)); err != nil {
		return fmt.Errorf("bench: fortunes: %w", err)
	}
	return nil
}

// FortunesHandler serves the reference page: query the 12 rows, add one, sort by message,
// render escaped HTML with templ.
func FortunesHandler(pool *pgxpool.Pool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rows, err := pool.Query(r.Context(), `SELECT id, message FROM bench_fortune`)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Fortune, error) {
			var f Fortune
			return f, r.Scan(&f.ID, &f.Message)
		})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		list = append(list, Fortune{ID: 0, Message: "Additional fortune added at request time."})
		slices.SortFunc(list, func(a, b Fortune) int { return cmp.Compare(a.Message, b.Message) })
		var buf bytes.Buffer
		if err := FortunesPage(list).Render(r.Context(), &buf); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = buf.WriteTo(w)
	})
}
