package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store/postgres"
)

// restoreAfter lets a test change a shared demo user (its activity, its password's age, its
// lock) and puts every column of that user's row back when the test ends, pass or fail, so
// that the tests after it see the demo as seeded.
func restoreAfter(t *testing.T, st *postgres.Store, username string) {
	t.Helper()
	ctx := context.Background()
	rows, err := st.Pool().Query(ctx, `SELECT column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = 'users' AND column_name <> 'id' ORDER BY ordinal_position`)
	if err != nil {
		t.Fatal(err)
	}
	cols, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil || len(cols) == 0 {
		t.Fatalf("columns of users: %v %v", cols, err)
	}
	var saved []byte
	if err := st.Pool().QueryRow(ctx, `SELECT to_jsonb(u) FROM users u WHERE username = $1`, username).Scan(&saved); err != nil {
		t.Fatalf("save demo user %s: %v", username, err)
	}
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = pgx.Identifier{c}.Sanitize()
	}
	list := strings.Join(quoted, ", ")
	restore := fmt.Sprintf(`UPDATE users SET (%s) = (SELECT %s FROM jsonb_populate_record(NULL::users, $1)) WHERE username = $2`, list, list)
	t.Cleanup(func() {
		if _, err := st.Pool().Exec(context.Background(), restore, saved, username); err != nil {
			t.Errorf("restore demo user %s: %v", username, err)
		}
	})
}
