package postgres

import (
	"context"
	"fmt"
	"strconv"

	"github.com/vn-cchc/cchc/internal/store"
)

// AuditNames looks up, in one round trip, the names the entries mention.
func (q *Queries) AuditNames(ctx context.Context, entries []store.AuditEntry) (store.AuditNames, error) {
	n := store.AuditNames{People: map[string]string{}, Users: map[int64]string{}, Units: map[int64]string{}, Reports: map[int64]store.ReportName{},
		Plans: map[int64]string{}, Targets: map[int64]string{}, Tasks: map[int64]string{}, Periods: map[int64]store.PeriodName{}}
	var people []string
	ids := map[string][]int64{}
	for _, e := range entries {
		people = append(people, e.ActorName)
		if id, err := strconv.ParseInt(e.EntityID, 10, 64); err == nil {
			ids[e.Entity] = append(ids[e.Entity], id)
		}
	}
	rows, err := q.Query(ctx, `
		SELECT 'person', 0, username, full_name, 0, '' FROM users WHERE username = ANY($1)
		UNION ALL SELECT 'user', id, '', full_name, 0, '' FROM users WHERE id = ANY($2)
		UNION ALL SELECT 'unit', id, '', name, 0, '' FROM units WHERE id = ANY($3)
		UNION ALL SELECT 'report', r.id, '', u.name, p.year, p.kind
			FROM reports r JOIN units u ON u.id = r.unit_id JOIN periods p ON p.id = r.period_id WHERE r.id = ANY($4)
		UNION ALL SELECT 'plan', id, '', code, 0, '' FROM plans WHERE id = ANY($5)
		UNION ALL SELECT 'target', id, '', code, 0, '' FROM targets WHERE id = ANY($6)
		UNION ALL SELECT 'task', id, '', code, 0, '' FROM tasks WHERE id = ANY($7)
		UNION ALL SELECT 'period', id, '', '', year, kind FROM periods WHERE id = ANY($8)`,
		people, ids["user"], ids["unit"], ids["report"], ids["plan"], ids["target"], ids["task"], ids["period"])
	if err != nil {
		return n, fmt.Errorf("store: audit names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind, username, name, periodKind string
		var id int64
		var year int
		if err := rows.Scan(&kind, &id, &username, &name, &year, &periodKind); err != nil {
			return n, fmt.Errorf("store: audit names: %w", err)
		}
		switch kind {
		case "person":
			n.People[username] = name
		case "user":
			n.Users[id] = name
		case "unit":
			n.Units[id] = name
		case "report":
			n.Reports[id] = store.ReportName{Unit: name, Period: store.PeriodName{Year: year, Kind: periodKind}}
		case "plan":
			n.Plans[id] = name
		case "target":
			n.Targets[id] = name
		case "task":
			n.Tasks[id] = name
		case "period":
			n.Periods[id] = store.PeriodName{Year: year, Kind: periodKind}
		}
	}
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("store: audit names: %w", err)
	}
	return n, nil
}
