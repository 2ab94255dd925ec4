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
	Count   int    `json:"count,omitempty"`   // how many (a digest)
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
