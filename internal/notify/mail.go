package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/jobs"
	"github.com/vn-cchc/cchc/internal/notice"
	"github.com/vn-cchc/cchc/internal/store"
)

// Mailer sends one e-mail. A *RefusedError means the server refused it for good (5xx);
// any other error may pass, and the mail is tried again.
type Mailer interface {
	Send(ctx context.Context, to string, m notice.Mail) error
}

// RefusedError is a permanent refusal: the address (Recipient true) or the message.
type RefusedError struct {
	Recipient bool
	Reason    string
}

func (e *RefusedError) Error() string { return "refused: " + e.Reason }

// Mail turns notifications into e-mail and sends it.
type Mail struct {
	st      store.Store
	now     func() time.Time
	log     *slog.Logger
	mailer  Mailer // nil: no mail server, mail is kept in the outbox
	baseURL string
}

// NewMail makes the mail service; mailer nil keeps every mail in the outbox.
func NewMail(st store.Store, mailer Mailer, baseURL string, now func() time.Time, log *slog.Logger) *Mail {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.Default()
	}
	return &Mail{st: st, now: now, log: log, mailer: mailer, baseURL: baseURL}
}

// batch bounds the notifications one run takes: a run a minute keeps up with far more.
const batch = 500

// Compose makes a mail of each notification not yet mailed whose user hears of its kind at
// once and has an address; the others need none (digest ones wait for ComposeDigests).
// Each mail is stored once (unique per notification), in the transaction that marks its
// notification mailed. It returns how many mails it stored.
func (m *Mail) Compose(ctx context.Context) (int, error) {
	cands, err := m.st.UnmailedNotifications(ctx, false, batch)
	if err != nil {
		return 0, err
	}
	var none []int64
	made := 0
	for _, c := range cands {
		mode := domain.DeliveryMode(c.Mode)
		if mode == "" {
			mode = domain.DefaultMode(domain.NotificationKind(c.Kind))
		}
		if c.Email == "" || mode != domain.ModeImmediate {
			none = append(none, c.ID)
			continue
		}
		mail, err := notice.ForNotification(c.FullName, c.Notification, m.baseURL)
		if err != nil {
			return made, err
		}
		_, created, err := m.st.QueueMail(ctx, store.NewMail{UserID: c.UserID, To: c.Email, Subject: mail.Subject, Text: mail.Text,
			HTML: mail.HTML, Kind: c.Kind, DedupKey: fmt.Sprintf("n:%d", c.ID), State: m.initialState(), At: m.now(),
			NotificationIDs: []int64{c.ID}})
		if err != nil {
			return made, err
		}
		if created {
			made++
		}
	}
	return made, m.st.MarkNotificationsMailed(ctx, none)
}

// ComposeDigests gathers, for each user who chose the digest, the day's notifications into
// one mail (once a day per user).
func (m *Mail) ComposeDigests(ctx context.Context) (int, error) {
	cands, err := m.st.UnmailedNotifications(ctx, true, batch)
	if err != nil {
		return 0, err
	}
	byUser := map[int64][]store.MailCandidate{}
	var order []int64
	for _, c := range cands {
		if _, ok := byUser[c.UserID]; !ok {
			order = append(order, c.UserID)
		}
		byUser[c.UserID] = append(byUser[c.UserID], c)
	}
	day := provinceDate(m.now()).Format("2006-01-02")
	made := 0
	for _, uid := range order {
		cs := byUser[uid]
		ids := make([]int64, len(cs))
		ns := make([]store.Notification, len(cs))
		for i, c := range cs {
			ids[i], ns[i] = c.ID, c.Notification
		}
		if cs[0].Email == "" {
			if err := m.st.MarkNotificationsMailed(ctx, ids); err != nil {
				return made, err
			}
			continue
		}
		mail, err := notice.Digest(cs[0].FullName, ns, m.baseURL)
		if err != nil {
			return made, err
		}
		_, created, err := m.st.QueueMail(ctx, store.NewMail{UserID: uid, To: cs[0].Email, Subject: mail.Subject, Text: mail.Text,
			HTML: mail.HTML, Kind: "digest", DedupKey: fmt.Sprintf("digest:%d:%s:%d", uid, day, ids[0]), State: m.initialState(),
			At: m.now(), NotificationIDs: ids})
		if err != nil {
			return made, err
		}
		if created {
			made++
		}
	}
	return made, nil
}

func (m *Mail) initialState() string {
	if m.mailer == nil {
		return "outbox"
	}
	return "pending"
}

// Send sends one stored mail, its row locked for the attempt: a mail already sent (or
// refused) is not sent again, however often the job runs. A refused address is marked on
// its user; any other failure is returned for River to retry with backoff.
func (m *Mail) Send(ctx context.Context, id int64) error {
	if m.mailer == nil {
		return nil
	}
	var retry error
	err := m.st.InTx(ctx, func(tx store.Queries) error {
		msg, err := tx.LockMail(ctx, id)
		if err != nil {
			return err
		}
		if msg.State != "pending" {
			return nil
		}
		sendErr := m.mailer.Send(ctx, msg.To, notice.Mail{Subject: msg.Subject, Text: msg.Text, HTML: msg.HTML})
		var refused *RefusedError
		switch {
		case sendErr == nil:
			return tx.SetMailState(ctx, id, "sent", "", m.now())
		case errors.As(sendErr, &refused):
			m.log.WarnContext(ctx, "mail refused for good", "mail", id, "to", msg.To, "reason", refused.Reason)
			if refused.Recipient && msg.UserID != 0 {
				if err := tx.RefuseAddress(ctx, msg.UserID, refused.Reason, m.now()); err != nil {
					return err
				}
			}
			return tx.SetMailState(ctx, id, "failed", refused.Reason, m.now())
		default:
			retry = sendErr
			return tx.SetMailState(ctx, id, "pending", sendErr.Error(), m.now())
		}
	})
	if errors.Is(err, store.ErrNotFound) {
		return nil // deleted meanwhile: nothing to send
	}
	if err != nil {
		return err
	}
	return retry
}

// SendMailArgs is the job that sends one stored mail.
type SendMailArgs struct {
	MailID int64 `json:"mail_id"`
}

// Kind names the job in River's table.
func (SendMailArgs) Kind() string { return "notify_send_mail" }

// InsertOpts: one job per mail while it waits or runs; many attempts, for a mail server
// may be down for a day.
func (SendMailArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 25, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// ComposeMailArgs is the job that composes mail from notifications and hands it to senders.
type ComposeMailArgs struct{}

// Kind names the job in River's table.
func (ComposeMailArgs) Kind() string { return "notify_compose_mail" }

// InsertOpts: one at a time is enough.
func (ComposeMailArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 5, UniqueOpts: river.UniqueOpts{ByArgs: true,
		// not completed: the next minute's run is a new job
		ByState: []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
			rivertype.JobStateRetryable, rivertype.JobStateScheduled}}}
}

// MailDigestArgs is the morning job that composes the digests.
type MailDigestArgs struct{}

// Kind names the job in River's table.
func (MailDigestArgs) Kind() string { return "notify_mail_digest" }

// InsertOpts: see RemindersArgs.
func (MailDigestArgs) InsertOpts() river.InsertOpts { return hourly }

type composeWorker struct {
	river.WorkerDefaults[ComposeMailArgs]
	mail *Mail
}

func (w *composeWorker) Work(ctx context.Context, _ *river.Job[ComposeMailArgs]) error {
	if _, err := w.mail.Compose(ctx); err != nil {
		return err
	}
	return w.mail.enqueuePending(ctx)
}

type digestWorker struct {
	river.WorkerDefaults[MailDigestArgs]
	mail *Mail
}

func (w *digestWorker) Work(ctx context.Context, _ *river.Job[MailDigestArgs]) error {
	if _, err := w.mail.ComposeDigests(ctx); err != nil {
		return err
	}
	return w.mail.enqueuePending(ctx)
}

// enqueuePending hands every mail waiting to be sent to a send job (one per mail, River's
// unique jobs): a mail stored by a run that stopped before handing it on is sent by the next.
func (m *Mail) enqueuePending(ctx context.Context) error {
	if m.mailer == nil {
		return nil
	}
	ids, err := m.st.PendingMail(ctx, batch)
	if err != nil || len(ids) == 0 {
		return err
	}
	client, err := river.ClientFromContextSafely[pgx.Tx](ctx)
	if err != nil {
		return err
	}
	params := make([]river.InsertManyParams, len(ids))
	for i, id := range ids {
		params[i] = river.InsertManyParams{Args: SendMailArgs{MailID: id}}
	}
	_, err = client.InsertMany(ctx, params)
	return err
}

type sendWorker struct {
	river.WorkerDefaults[SendMailArgs]
	mail  *Mail
	retry func(attempt int) time.Duration
}

func (w *sendWorker) Work(ctx context.Context, job *river.Job[SendMailArgs]) error {
	return w.mail.Send(ctx, job.Args.MailID)
}

// NextRetry spaces the attempts (nil: River's backoff, attempt⁴ seconds).
func (w *sendWorker) NextRetry(job *river.Job[SendMailArgs]) time.Time {
	if w.retry == nil {
		return time.Time{}
	}
	return time.Now().Add(w.retry(job.Attempt))
}

// MailSchedule is how often mail is composed and how sends are spaced after a failure.
type MailSchedule struct {
	ComposeEvery time.Duration                   // 0: every minute
	Retry        func(attempt int) time.Duration // nil: River's backoff
}

// RegisterMail adds the mail workers to River's set.
func RegisterMail(workers *river.Workers, m *Mail, s MailSchedule) {
	river.AddWorker(workers, &composeWorker{mail: m})
	river.AddWorker(workers, &digestWorker{mail: m})
	river.AddWorker(workers, &sendWorker{mail: m, retry: s.Retry})
}

// MailPeriodic composes mail every minute (and at start), the digests at 06:45 province
// time, before the day's reminders.
func MailPeriodic(s MailSchedule) []*river.PeriodicJob {
	every := s.ComposeEvery
	if every <= 0 {
		every = time.Minute
	}
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(every), func() (river.JobArgs, *river.InsertOpts) { return ComposeMailArgs{}, nil },
			&river.PeriodicJobOpts{ID: "notify_compose_mail", RunOnStart: true}),
		river.NewPeriodicJob(jobs.DailyAt{Hour: 6, Minute: 45}, func() (river.JobArgs, *river.InsertOpts) { return MailDigestArgs{}, nil },
			&river.PeriodicJobOpts{ID: "notify_mail_digest"}),
	}
}
