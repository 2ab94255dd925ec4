package store

import (
	"context"
	"time"
)

// NotificationParams is what a notification's text needs beyond its unit and period.
type NotificationParams struct {
	Days    int    `json:"days,omitempty"`    // days left (overdue: days past)
	Comment string `json:"comment,omitempty"` // a reviewer's or commenter's words
	Actor   string `json:"actor,omitempty"`   // who acted, as named on the portal
	Count   int    `json:"count,omitempty"`   // how many (a digest: reports late)
	Waiting int    `json:"waiting,omitempty"` // reports waiting for review (the weekly summary)
}

// NewNotification is one thing to tell; its recipients are chosen by the statement.
type NewNotification struct {
	Kind string
	// DedupKey makes it "the same thing": a recipient holds one notification per key.
	DedupKey string
	UnitID   int64 // 0: none
	PeriodID int64 // 0: none
	Params   NotificationParams
	Link     string // a path in the portal
	At       time.Time
	// ActorID is who acted: not told of their own act, and named in the text.
	ActorID int64
	// OptIn tells only users who chose a delivery mode other than off for the kind.
	OptIn bool
}

// Notification is one recipient's notification as the list shows it.
type Notification struct {
	ID        int64
	UserID    int64
	Kind      string
	UnitID    int64
	UnitName  string
	Period    *Period // nil when the notification is of no period
	Params    NotificationParams
	Link      string
	CreatedAt time.Time
	ReadAt    *time.Time
}

// ReminderCandidate is a unit expected to report in a period near or just past its
// deadline, with its report's status ("not_started" when not begun).
type ReminderCandidate struct {
	UnitID   int64
	UnitName string
	Period   Period
	Status   string
}

// NotificationsQueries are the statements of notifications.go.
type NotificationsQueries interface {
	// ReminderCandidates lists, for every open period whose deadline lies in [from, to],
	// each active unit with an assignment and its report's status: bounded by the units.
	ReminderCandidates(ctx context.Context, from, to time.Time) ([]ReminderCandidate, error)

	// NotifyUnit tells n to every active user of a unit with one of roles, except those
	// already told (same dedup key); it returns how many were told now.
	NotifyUnit(ctx context.Context, unitID int64, roles []string, n NewNotification) (int, error)

	// NotifyRole tells n to every active user with one of roles, whatever their unit.
	NotifyRole(ctx context.Context, roles []string, n NewNotification) (int, error)

	// ReportBacklog counts, on a day, the reports late (an open period past its deadline
	// and the unit's report not sent) and those waiting for review.
	ReportBacklog(ctx context.Context, today time.Time) (late, waiting int, err error)

	// NotificationPrefs returns a user's chosen delivery mode by kind (kinds not chosen are absent).
	NotificationPrefs(ctx context.Context, userID int64) (map[string]string, error)

	// SetNotificationPrefs stores a user's delivery modes by kind.
	SetNotificationPrefs(ctx context.Context, userID int64, modes map[string]string) error

	// UnreadNotifications counts a user's unread notifications.
	UnreadNotifications(ctx context.Context, userID int64) (int, error)

	// Notifications lists a user's notifications, newest first; more when a next page exists.
	Notifications(ctx context.Context, userID int64, page Page) (list []Notification, more bool, err error)

	// MarkNotificationRead marks one of the user's notifications read and returns it;
	// ErrNotFound when it is not theirs.
	MarkNotificationRead(ctx context.Context, userID, id int64, at time.Time) (Notification, error)

	// MarkAllNotificationsRead marks every unread notification of the user read.
	MarkAllNotificationsRead(ctx context.Context, userID int64, at time.Time) error
}
