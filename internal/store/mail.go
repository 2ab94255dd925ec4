package store

import (
	"context"
	"time"
)

// MailCandidate is a notification not yet taken into a mail, with its recipient.
type MailCandidate struct {
	Notification
	FullName string
	Email    string // "" when the user has none, or it was refused for good
	Mode     string // the user's choice for the kind; "" when not chosen
}

// NewMail is a mail to store; it takes its notifications with it (marked mailed).
type NewMail struct {
	UserID          int64
	To              string
	Subject         string
	Text, HTML      string
	Kind            string
	DedupKey        string
	State           string // pending, or outbox when no mail server is set
	At              time.Time
	NotificationIDs []int64
}

// MailMessage is a stored mail.
type MailMessage struct {
	ID         int64
	UserID     int64
	UserName   string
	To         string
	Subject    string
	Text, HTML string
	Kind       string
	State      string
	Attempts   int
	LastError  string
	CreatedAt  time.Time
	SentAt     *time.Time
}

// RefusedAddress is a user whose address the mail server refused for good.
type RefusedAddress struct {
	UserID    int64
	Username  string
	FullName  string
	Email     string
	RefusedAt time.Time
	Refusal   string
}

// MailQueries are the statements of mail.go.
type MailQueries interface {
	// UnmailedNotifications lists notifications not yet taken into a mail, oldest first,
	// with the recipient; those whose user chose the digest only when digest is true.
	UnmailedNotifications(ctx context.Context, digest bool, limit int) ([]MailCandidate, error)
	// MarkNotificationsMailed marks notifications as needing no (more) mail.
	MarkNotificationsMailed(ctx context.Context, ids []int64) error
	// QueueMail stores a mail and marks its notifications mailed; created is false when a
	// mail of that dedup key exists already.
	QueueMail(ctx context.Context, m NewMail) (id int64, created bool, err error)
	// PendingMail lists mail waiting to be sent, oldest first.
	PendingMail(ctx context.Context, limit int) ([]int64, error)
	// LockMail reads a mail and locks it for sending (in a transaction).
	LockMail(ctx context.Context, id int64) (MailMessage, error)
	// SetMailState records an attempt's outcome: the state, the error ("" when none), the time.
	SetMailState(ctx context.Context, id int64, state, lastError string, at time.Time) error
	// RefuseAddress marks a user's address refused for good.
	RefuseAddress(ctx context.Context, userID int64, reason string, at time.Time) error
	// ListMail lists mail, newest first, of one state ("" for every state).
	ListMail(ctx context.Context, state string, page Page) ([]MailMessage, bool, error)
	// MailByID reads one mail.
	MailByID(ctx context.Context, id int64) (MailMessage, error)
	// SetUserEmail sets a user's address ("" for none) and clears a refusal of the old one.
	SetUserEmail(ctx context.Context, userID int64, email string) error
	// UserEmail reads a user's address and, when the mail server refused it, when and why.
	UserEmail(ctx context.Context, userID int64) (email string, refusedAt *time.Time, refusal string, err error)
	// RefusedAddresses lists the users whose address was refused, newest first (bounded).
	RefusedAddresses(ctx context.Context, limit int) ([]RefusedAddress, error)
}
