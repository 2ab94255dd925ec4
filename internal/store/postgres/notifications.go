package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/store"
)

// ReminderCandidates lists, for every open period whose deadline lies in [from, to], each
// active unit with an assignment and its report's status (the units PeriodProgressFor expects).
func (q *Queries) ReminderCandidates(ctx context.Context, from, to time.Time) ([]store.ReminderCandidate, error) {
	rows, err := q.Query(ctx, `SELECT u.id, u.name, p.id, p.year, p.kind, p.starts_on, p.ends_on, p.deadline, p.closed_at,
			coalesce(r.status, 'not_started')
		FROM periods p
			CROSS JOIN units u
			LEFT JOIN reports r ON r.period_id = p.id AND r.unit_id = u.id
		WHERE p.closed_at IS NULL AND p.deadline BETWEEN $1::date AND $2::date AND u.active
			AND (EXISTS (SELECT 1 FROM target_assignments a WHERE a.unit_id = u.id)
				OR EXISTS (SELECT 1 FROM task_assignments a WHERE a.unit_id = u.id))
		ORDER BY p.deadline, p.id, u.id`, from, to)
	if err != nil {
		return nil, fmt.Errorf("store: reminder candidates: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.ReminderCandidate, error) {
		var c store.ReminderCandidate
		p := &c.Period
		err := r.Scan(&c.UnitID, &c.UnitName, &p.ID, &p.Year, &p.Kind, &p.StartsOn, &p.EndsOn, &p.Deadline, &p.ClosedAt, &c.Status)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: reminder candidates: %w", err)
	}
	return out, nil
}

// NotifyUnit tells n to every active user of a unit with one of roles; the unique
// (user_id, dedup_key) skips those already told.
func (q *Queries) NotifyUnit(ctx context.Context, unitID int64, roles []string, n store.NewNotification) (int, error) {
	told, err := q.notify(ctx, unitID, roles, n)
	if err != nil {
		return 0, fmt.Errorf("store: notify unit %d of %s: %w", unitID, n.DedupKey, err)
	}
	return told, nil
}

// NotifyRole tells n to every active user with one of roles, whatever their unit.
func (q *Queries) NotifyRole(ctx context.Context, roles []string, n store.NewNotification) (int, error) {
	told, err := q.notify(ctx, 0, roles, n)
	if err != nil {
		return 0, fmt.Errorf("store: notify %v of %s: %w", roles, n.DedupKey, err)
	}
	return told, nil
}

// notify inserts one notification per recipient in one statement: the users of a unit
// (unitID 0: of any unit) with one of roles, but the actor, and for an opt-in kind only
// those who chose to hear of it. The actor's name goes into the params.
func (q *Queries) notify(ctx context.Context, unitID int64, roles []string, n store.NewNotification) (int, error) {
	tag, err := q.Exec(ctx, `INSERT INTO notifications (user_id, kind, dedup_key, unit_id, period_id, params, link, created_at)
		SELECT us.id, $3, $4, nullif($5::bigint, 0), nullif($6::bigint, 0),
			$7::jsonb || coalesce((SELECT jsonb_build_object('actor', a.full_name) FROM users a WHERE a.id = $10), '{}'),
			$8, $9
		FROM users us WHERE ($1::bigint = 0 OR us.unit_id = $1) AND us.active AND us.role = ANY($2) AND us.id <> $10
			AND (NOT $11 OR EXISTS (SELECT 1 FROM notification_prefs np WHERE np.user_id = us.id AND np.kind = $3 AND np.mode <> 'off'))
		ON CONFLICT (user_id, dedup_key) DO NOTHING`,
		unitID, roles, n.Kind, n.DedupKey, n.UnitID, n.PeriodID, n.Params, n.Link, n.At, n.ActorID, n.OptIn)
	if err != nil {
		return 0, err
	}
	return int(tag.RowsAffected()), nil
}

// ReportBacklog counts the reports late on a day (open periods past their deadline, units
// expected to report whose report is not sent) and those waiting for review.
func (q *Queries) ReportBacklog(ctx context.Context, today time.Time) (late, waiting int, err error) {
	err = q.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM periods p CROSS JOIN units u
			LEFT JOIN reports r ON r.period_id = p.id AND r.unit_id = u.id
			WHERE p.closed_at IS NULL AND p.deadline < $1::date AND p.starts_on <= $1::date AND u.active
				AND coalesce(r.status, 'draft') IN ('draft', 'returned')
				AND (EXISTS (SELECT 1 FROM target_assignments a WHERE a.unit_id = u.id)
					OR EXISTS (SELECT 1 FROM task_assignments a WHERE a.unit_id = u.id))),
		(SELECT count(*) FROM reports WHERE status = 'submitted')`, today).Scan(&late, &waiting)
	if err != nil {
		return 0, 0, fmt.Errorf("store: report backlog: %w", err)
	}
	return late, waiting, nil
}

// NotificationPrefs returns a user's chosen delivery mode by kind.
func (q *Queries) NotificationPrefs(ctx context.Context, userID int64) (map[string]string, error) {
	rows, err := q.Query(ctx, `SELECT kind, mode FROM notification_prefs WHERE user_id = $1`, userID)
	if err != nil {
		return nil, fmt.Errorf("store: notification prefs of user %d: %w", userID, err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, m string
		if err := rows.Scan(&k, &m); err != nil {
			return nil, fmt.Errorf("store: notification prefs of user %d: %w", userID, err)
		}
		out[k] = m
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: notification prefs of user %d: %w", userID, err)
	}
	return out, nil
}

// SetNotificationPrefs stores a user's delivery modes by kind, in one statement.
func (q *Queries) SetNotificationPrefs(ctx context.Context, userID int64, modes map[string]string) error {
	kinds, values := make([]string, 0, len(modes)), make([]string, 0, len(modes))
	for k, m := range modes {
		kinds, values = append(kinds, k), append(values, m)
	}
	_, err := q.Exec(ctx, `INSERT INTO notification_prefs (user_id, kind, mode)
		SELECT $1, k, m FROM unnest($2::text[], $3::text[]) AS x(k, m)
		ON CONFLICT (user_id, kind) DO UPDATE SET mode = excluded.mode`, userID, kinds, values)
	if err != nil {
		return fmt.Errorf("store: set notification prefs of user %d: %w", userID, err)
	}
	return nil
}

// UnreadNotifications counts a user's unread notifications (the partial index answers it).
func (q *Queries) UnreadNotifications(ctx context.Context, userID int64) (int, error) {
	var n int
	if err := q.QueryRow(ctx, `SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL`, userID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: unread notifications of user %d: %w", userID, err)
	}
	return n, nil
}

const (
	notificationFields = `n.id, n.user_id, n.kind, coalesce(n.unit_id, 0), coalesce(u.name, ''),
	p.id, p.year, p.kind, p.starts_on, p.ends_on, p.deadline, p.closed_at,
	n.params, n.link, n.created_at, n.read_at`
	notificationFrom    = `FROM notifications n LEFT JOIN units u ON u.id = n.unit_id LEFT JOIN periods p ON p.id = n.period_id`
	notificationColumns = notificationFields + "\n\t" + notificationFrom
)

// scanNotification reads notificationFields, then extra columns into extra.
func scanNotification(r pgx.Row, extra ...any) (store.Notification, error) {
	var n store.Notification
	var p struct {
		ID                         *int64
		Year                       *int
		Kind                       *domain.PeriodKind
		StartsOn, EndsOn, Deadline *time.Time
		ClosedAt                   *time.Time
	}
	err := r.Scan(append([]any{&n.ID, &n.UserID, &n.Kind, &n.UnitID, &n.UnitName, &p.ID, &p.Year, &p.Kind, &p.StartsOn, &p.EndsOn,
		&p.Deadline, &p.ClosedAt, &n.Params, &n.Link, &n.CreatedAt, &n.ReadAt}, extra...)...)
	if err == nil && p.ID != nil {
		n.Period = &store.Period{ID: *p.ID, Year: *p.Year, Kind: *p.Kind, StartsOn: *p.StartsOn,
			EndsOn: *p.EndsOn, Deadline: *p.Deadline, ClosedAt: p.ClosedAt}
	}
	return n, err
}

// Notifications lists a user's notifications, newest first, one page at a time.
func (q *Queries) Notifications(ctx context.Context, userID int64, page store.Page) ([]store.Notification, bool, error) {
	page.Lookahead = true
	rows, err := q.Query(ctx, `SELECT `+notificationColumns+` WHERE n.user_id = $1
		ORDER BY n.created_at DESC, n.id DESC LIMIT $2 OFFSET $3`, userID, page.Limit(), page.Offset())
	if err != nil {
		return nil, false, fmt.Errorf("store: notifications of user %d: %w", userID, err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Notification, error) { return scanNotification(r) })
	if err != nil {
		return nil, false, fmt.Errorf("store: notifications of user %d: %w", userID, err)
	}
	page.Lookahead = false
	if len(list) > page.Limit() {
		return list[:page.Limit()], true, nil
	}
	return list, false, nil
}

// MarkNotificationRead marks one of the user's notifications read (keeping the first
// reading's time) and returns it; ErrNotFound when it is not theirs.
func (q *Queries) MarkNotificationRead(ctx context.Context, userID, id int64, at time.Time) (store.Notification, error) {
	if _, err := q.Exec(ctx, `UPDATE notifications SET read_at = $3 WHERE id = $1 AND user_id = $2 AND read_at IS NULL`,
		id, userID, at); err != nil {
		return store.Notification{}, fmt.Errorf("store: mark notification %d read: %w", id, err)
	}
	n, err := scanNotification(q.QueryRow(ctx, `SELECT `+notificationColumns+` WHERE n.id = $1 AND n.user_id = $2`, id, userID))
	if err != nil {
		return store.Notification{}, fmt.Errorf("store: notification %d: %w", id, notFound(err))
	}
	return n, nil
}

// MarkAllNotificationsRead marks every unread notification of the user read.
func (q *Queries) MarkAllNotificationsRead(ctx context.Context, userID int64, at time.Time) error {
	if _, err := q.Exec(ctx, `UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL`, userID, at); err != nil {
		return fmt.Errorf("store: mark notifications of user %d read: %w", userID, err)
	}
	return nil
}
