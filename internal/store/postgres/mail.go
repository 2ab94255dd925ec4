package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/store"
)

// UnmailedNotifications lists notifications not yet taken into a mail, oldest first, with
// the recipient (digest: only those whose user chose the digest for the kind; otherwise
// every other).
func (q *Queries) UnmailedNotifications(ctx context.Context, digest bool, limit int) ([]store.MailCandidate, error) {
	rows, err := q.Query(ctx, `SELECT `+notificationFields+`, us.full_name,
			CASE WHEN us.email_refused_at IS NULL AND us.active THEN coalesce(us.email, '') ELSE '' END, coalesce(np.mode, '')
		`+notificationFrom+`
			JOIN users us ON us.id = n.user_id
			LEFT JOIN notification_prefs np ON np.user_id = n.user_id AND np.kind = n.kind
		WHERE NOT n.mailed AND (coalesce(np.mode, '') = 'digest') = $1
		ORDER BY n.id LIMIT $2`, digest, limit)
	if err != nil {
		return nil, fmt.Errorf("store: unmailed notifications: %w", err)
	}
	defer rows.Close()
	var out []store.MailCandidate
	for rows.Next() {
		var c store.MailCandidate
		c.Notification, err = scanNotification(rows, &c.FullName, &c.Email, &c.Mode)
		if err != nil {
			return nil, fmt.Errorf("store: unmailed notifications: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: unmailed notifications: %w", err)
	}
	return out, nil
}

// MarkNotificationsMailed marks notifications as needing no (more) mail.
func (q *Queries) MarkNotificationsMailed(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	if _, err := q.Exec(ctx, `UPDATE notifications SET mailed = true WHERE id = ANY($1)`, ids); err != nil {
		return fmt.Errorf("store: mark %d notifications mailed: %w", len(ids), err)
	}
	return nil
}

// QueueMail stores a mail and marks its notifications mailed.
func (q *Queries) QueueMail(ctx context.Context, m store.NewMail) (int64, bool, error) {
	var id int64
	err := q.QueryRow(ctx, `INSERT INTO mail_messages (user_id, to_addr, subject, body_text, body_html, kind, dedup_key, state, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
		m.UserID, m.To, m.Subject, m.Text, m.HTML, m.Kind, m.DedupKey, m.State, m.At).Scan(&id)
	created := err == nil
	if err != nil && err != pgx.ErrNoRows {
		return 0, false, fmt.Errorf("store: queue mail %s: %w", m.DedupKey, err)
	}
	if err := q.MarkNotificationsMailed(ctx, m.NotificationIDs); err != nil {
		return 0, false, err
	}
	return id, created, nil
}

// PendingMail lists mail waiting to be sent, oldest first.
func (q *Queries) PendingMail(ctx context.Context, limit int) ([]int64, error) {
	rows, err := q.Query(ctx, `SELECT id FROM mail_messages WHERE state = 'pending' ORDER BY id LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("store: pending mail: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("store: pending mail: %w", err)
	}
	return ids, nil
}

const mailColumns = `m.id, coalesce(m.user_id, 0), coalesce(u.full_name, ''), m.to_addr, m.subject, m.body_text, m.body_html,
	m.kind, m.state, m.attempts, m.last_error, m.created_at, m.sent_at
	FROM mail_messages m LEFT JOIN users u ON u.id = m.user_id`

func scanMail(r pgx.Row) (store.MailMessage, error) {
	var m store.MailMessage
	err := r.Scan(&m.ID, &m.UserID, &m.UserName, &m.To, &m.Subject, &m.Text, &m.HTML, &m.Kind, &m.State, &m.Attempts,
		&m.LastError, &m.CreatedAt, &m.SentAt)
	return m, err
}

// LockMail reads a mail and locks its row: two workers never send it at once.
func (q *Queries) LockMail(ctx context.Context, id int64) (store.MailMessage, error) {
	m, err := scanMail(q.QueryRow(ctx, `SELECT `+mailColumns+` WHERE m.id = $1 FOR UPDATE OF m`, id))
	if err != nil {
		return store.MailMessage{}, fmt.Errorf("store: lock mail %d: %w", id, notFound(err))
	}
	return m, nil
}

// SetMailState records an attempt's outcome.
func (q *Queries) SetMailState(ctx context.Context, id int64, state, lastError string, at time.Time) error {
	_, err := q.Exec(ctx, `UPDATE mail_messages SET state = $2, last_error = $3, attempts = attempts + 1,
		sent_at = CASE WHEN $2 = 'sent' THEN $4 ELSE sent_at END WHERE id = $1`, id, state, lastError, at)
	if err != nil {
		return fmt.Errorf("store: mail %d state %s: %w", id, state, err)
	}
	return nil
}

// RefuseAddress marks a user's address refused for good.
func (q *Queries) RefuseAddress(ctx context.Context, userID int64, reason string, at time.Time) error {
	if _, err := q.Exec(ctx, `UPDATE users SET email_refused_at = $2, email_refusal = $3 WHERE id = $1`, userID, at, reason); err != nil {
		return fmt.Errorf("store: refuse address of user %d: %w", userID, err)
	}
	return nil
}

// ListMail lists mail, newest first, of one state ("" for every state).
func (q *Queries) ListMail(ctx context.Context, state string, page store.Page) ([]store.MailMessage, bool, error) {
	page.Lookahead = true
	rows, err := q.Query(ctx, `SELECT `+mailColumns+` WHERE ($1 = '' OR m.state = $1)
		ORDER BY m.created_at DESC, m.id DESC LIMIT $2 OFFSET $3`, state, page.Limit(), page.Offset())
	if err != nil {
		return nil, false, fmt.Errorf("store: list mail: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.MailMessage, error) { return scanMail(r) })
	if err != nil {
		return nil, false, fmt.Errorf("store: list mail: %w", err)
	}
	page.Lookahead = false
	if len(list) > page.Limit() {
		return list[:page.Limit()], true, nil
	}
	return list, false, nil
}

// MailByID reads one mail.
func (q *Queries) MailByID(ctx context.Context, id int64) (store.MailMessage, error) {
	m, err := scanMail(q.QueryRow(ctx, `SELECT `+mailColumns+` WHERE m.id = $1`, id))
	if err != nil {
		return store.MailMessage{}, fmt.Errorf("store: mail %d: %w", id, notFound(err))
	}
	return m, nil
}

// RefusedAddresses lists the users whose address was refused, newest first.
func (q *Queries) RefusedAddresses(ctx context.Context, limit int) ([]store.RefusedAddress, error) {
	rows, err := q.Query(ctx, `SELECT id, username, full_name, coalesce(email, ''), email_refused_at, email_refusal
		FROM users WHERE email_refused_at IS NOT NULL ORDER BY email_refused_at DESC, id LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("store: refused addresses: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.RefusedAddress, error) {
		var a store.RefusedAddress
		err := r.Scan(&a.UserID, &a.Username, &a.FullName, &a.Email, &a.RefusedAt, &a.Refusal)
		return a, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: refused addresses: %w", err)
	}
	return out, nil
}

// SetUserEmail sets a user's address ("" for none) and clears a refusal of the old one.
func (q *Queries) SetUserEmail(ctx context.Context, userID int64, email string) error {
	if _, err := q.Exec(ctx, `UPDATE users SET email = nullif($2, ''), email_refused_at = NULL, email_refusal = '' WHERE id = $1`,
		userID, email); err != nil {
		return fmt.Errorf("store: set e-mail of user %d: %w", userID, err)
	}
	return nil
}

// UserEmail reads a user's address and, when the mail server refused it, when and why.
func (q *Queries) UserEmail(ctx context.Context, userID int64) (string, *time.Time, string, error) {
	var email, refusal string
	var at *time.Time
	err := q.QueryRow(ctx, `SELECT coalesce(email, ''), email_refused_at, email_refusal FROM users WHERE id = $1`, userID).Scan(&email, &at, &refusal)
	if err != nil {
		return "", nil, "", fmt.Errorf("store: e-mail of user %d: %w", userID, notFound(err))
	}
	return email, at, refusal, nil
}
