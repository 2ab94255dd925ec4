package postgres_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// TestRouteReadsOwnWritesAndLag: a reader goes to the replica only while it is usable
// (a standby within the allowed lag) and has replayed the reader's own last write.
func TestRouteReadsOwnWritesAndLag(t *testing.T) {
	cases := []struct {
		name            string
		usable          bool
		replayed, since int64
		want            int
	}{
		{"never wrote, replica keeps up", true, 5000, 0, postgres.ReadReplica},
		{"own write replayed", true, 5000, 5000, postgres.ReadReplica},
		{"own write not replayed yet", true, 5000, 5001, postgres.ReadPrimaryOwnWrite},
		{"replica down or lagging", false, 5000, 0, postgres.ReadPrimaryReplicaBehind},
		{"lagging and own write", false, 5000, 9000, postgres.ReadPrimaryReplicaBehind},
	}
	for _, tc := range cases {
		if got := postgres.Route(tc.usable, tc.replayed, tc.since); got != tc.want {
			t.Errorf("%s: route %d, want %d", tc.name, got, tc.want)
		}
	}
}

// TestReadRouterUsesNoReplicaThatIsNotOne: a "replica" that is not a standby (here the
// primary's own database) or that does not answer is never read; the primary serves.
func TestReadRouterUsesNoReplicaThatIsNotOne(t *testing.T) {
	ctx := context.Background()
	primary := testdb.Store(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))

	notStandby, err := postgres.OpenReplica(testdb.URL(t), 2)
	if err != nil {
		t.Fatal(err)
	}
	defer notStandby.Close()
	down, err := postgres.OpenReplica("postgres://postgres@127.0.0.1:1/none?sslmode=disable", 2)
	if err != nil {
		t.Fatal(err)
	}
	defer down.Close()
	for name, replica := range map[string]*postgres.Store{"not a standby": notStandby, "down": down} {
		r := postgres.NewReadRouter(ctx, primary, replica, 5*time.Second, log)
		if got := r.For(0); got != primary {
			t.Errorf("%s: reads went to the replica", name)
		}
		st := r.Stats()
		if st.Usable || st.Lag >= 0 || st.PrimaryReplicaBehind != 1 || st.Replica != 0 {
			t.Errorf("%s: stats %+v", name, st)
		}
		pos, err := r.Position(ctx)
		if err != nil || pos <= 0 {
			t.Errorf("%s: primary position %d, %v", name, pos, err)
		}
		r.Close()
	}
}
