package notify_test

import (
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/vn-cchc/cchc/internal/jobs"
	"github.com/vn-cchc/cchc/internal/notify"
	"github.com/vn-cchc/cchc/internal/store/postgres"
	"github.com/vn-cchc/cchc/internal/testdb"
)

// mailbox is an in-process SMTP server: it keeps what it receives and refuses, for good,
// any recipient whose address starts with "refused".
type mailbox struct {
	mu       sync.Mutex
	received []received
	srv      *smtp.Server
	l        net.Listener
	addr     string
}

type received struct {
	to   string
	data string
}

func (b *mailbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{box: b}, nil }

type session struct {
	box *mailbox
	to  []string
}

func (s *session) Reset()                               { s.to = nil }
func (s *session) Logout() error                        { return nil }
func (s *session) Mail(string, *smtp.MailOptions) error { return nil }
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if strings.HasPrefix(to, "refused") {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox"}
	}
	s.to = append(s.to, to)
	return nil
}
func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.box.mu.Lock()
	defer s.box.mu.Unlock()
	for _, to := range s.to {
		s.box.received = append(s.box.received, received{to: to, data: string(b)})
	}
	return nil
}

// start serves on addr ("" for a free port); stop closes it, so a mail server can be down.
func (b *mailbox) start(t *testing.T, addr string) {
	t.Helper()
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	b.addr, b.l = l.Addr().String(), l
	b.srv = smtp.NewServer(b)
	b.srv.Domain = "localhost"
	b.srv.AllowInsecureAuth = true
	go func() { _ = b.srv.Serve(l) }()
}

// stop closes the listener itself too: Serve may not have taken it yet.
func (b *mailbox) stop() { _ = b.srv.Close(); _ = b.l.Close() }

func (b *mailbox) to() map[string]int {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := map[string]int{}
	for _, r := range b.received {
		out[strings.TrimSuffix(r.to, "@example.gov.vn")]++
	}
	return out
}

func (b *mailbox) smtp(t *testing.T) *notify.SMTP {
	t.Helper()
	m, err := notify.NewSMTP("smtp://"+b.addr+"?tls=none", "Cổng CCHC <cchc@example.gov.vn>")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// withEmails gives every user of the world an address on the reserved domain.
func withEmails(t *testing.T, w world) {
	t.Helper()
	for name, id := range w.users {
		if err := w.st.SetUserEmail(context.Background(), id, name+"@example.gov.vn"); err != nil {
			t.Fatal(err)
		}
	}
}

// instance is one `cchc serve`'s job runner on the database at url.
func instance(t *testing.T, url string, mailer notify.Mailer) *jobs.Client {
	t.Helper()
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	st := postgres.New(pool)
	sched := notify.MailSchedule{ComposeEvery: 200 * time.Millisecond, Retry: func(int) time.Duration { return 300 * time.Millisecond }}
	workers := river.NewWorkers()
	notify.Register(workers, notify.New(st, testdb.Now, quiet))
	notify.RegisterMail(workers, notify.NewMail(st, mailer, "https://cchc.example.gov.vn", testdb.Now, quiet), sched)
	c, err := jobs.New(pool, jobs.Config{Workers: workers, Periodic: append(notify.Periodic(), notify.MailPeriodic(sched)...), Log: quiet, Work: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { jobs.Stop(c, 5*time.Second, quiet); pool.Close() })
	return c
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("after 60 s: %s", what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// settled waits until River has nothing left to run (retries included).
func settled(t *testing.T, st *postgres.Store) {
	t.Helper()
	waitFor(t, "River's queue to settle", func() bool {
		var n int
		err := st.Pool().QueryRow(context.Background(), `SELECT count(*) FROM river_job
			WHERE state IN ('available', 'running', 'retryable') OR (state = 'scheduled' AND kind = 'notify_send_mail')`).Scan(&n)
		return err == nil && n == 0
	})
}

// Three days before the deadline, three instances on one database and one mail server:
// one mail to each unit's person who has not submitted, none to the unit that has.
func TestThreeDaysBeforeTheDeadlineOneMailPerUnitNotSubmitted(t *testing.T) {
	url := testdb.Extra(t)
	st, err := postgres.Open(context.Background(), url, 4)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	w := newWorld(t, st, 2035, 3)
	withEmails(t, w)
	box := &mailbox{}
	box.start(t, "")
	defer box.stop()
	for range 3 {
		instance(t, url, box.smtp(t))
	}
	want := map[string]int{"vp": 1, "tt": 1}
	waitFor(t, "two mails", func() bool { return len(box.to()) == 2 })
	settled(t, st)
	time.Sleep(time.Second) // a few more compose runs: still nothing new
	settled(t, st)
	if got := box.to(); !equal(got, want) {
		t.Fatalf("mail to %v, want %v", got, want)
	}
	box.mu.Lock()
	data := box.received[0].data
	box.mu.Unlock()
	msg, err := mail.ReadMessage(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil || !strings.HasPrefix(subject, "[Cổng CCHC] Nhắc hạn nộp báo cáo — ") {
		t.Errorf("subject %q (%v)", subject, err)
	}
	raw, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if err != nil {
		t.Fatal(err)
	}
	body := string(raw)
	for _, s := range []string{"Content-Type: text/plain", "Content-Type: text/html", "Kính gửi Người dùng ", "Còn 3 ngày đến hạn nộp báo cáo",
		"https://cchc.example.gov.vn/reports/", "https://cchc.example.gov.vn/account/notifications"} {
		if !strings.Contains(body, s) {
			t.Errorf("the mail has no %q:\n%s", s, body)
		}
	}
	var sent int
	if err := st.Pool().QueryRow(context.Background(), `SELECT count(*) FROM mail_messages WHERE state = 'sent' AND attempts = 1`).Scan(&sent); err != nil || sent != 2 {
		t.Fatalf("mail_messages sent once: %d (%v)", sent, err)
	}
}

// The mail server is down when the reminder goes out, then comes back: the mail arrives, once.
func TestMailServerDownThenUpTheMailArrivesOnce(t *testing.T) {
	url := testdb.Extra(t)
	st, err := postgres.Open(context.Background(), url, 4)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	w := newWorld(t, st, 2036, 3)
	withEmails(t, w)
	box := &mailbox{}
	box.start(t, "")
	addr := box.addr
	mailer := box.smtp(t)
	box.stop()
	instance(t, url, mailer)
	waitFor(t, "failed attempts while the server is down", func() bool {
		var n int
		err := st.Pool().QueryRow(context.Background(), `SELECT count(*) FROM mail_messages WHERE state = 'pending' AND attempts >= 2`).Scan(&n)
		return err == nil && n == 2
	})
	box.start(t, addr)
	defer box.stop()
	waitFor(t, "two mails after the server came back", func() bool { return len(box.to()) == 2 })
	settled(t, st)
	if got, want := box.to(), map[string]int{"vp": 1, "tt": 1}; !equal(got, want) {
		t.Fatalf("mail to %v, want %v", got, want)
	}
}

// A recipient the server refuses for good (5xx) is marked on the user, shown to the
// administrator, and not tried again; the outbox keeps mail when there is no server.
func TestRefusedAddressAndOutbox(t *testing.T) {
	st := freshStore(t)
	ctx := context.Background()
	w := newWorld(t, st, 2037, 3)
	withEmails(t, w)
	if err := st.SetUserEmail(ctx, w.users["tt"], "refused-tt@example.gov.vn"); err != nil {
		t.Fatal(err)
	}
	box := &mailbox{}
	box.start(t, "")
	defer box.stop()
	if _, err := notify.New(st, testdb.Now, quiet).SendReminders(ctx); err != nil {
		t.Fatal(err)
	}
	m := notify.NewMail(st, box.smtp(t), "http://localhost:8080", testdb.Now, quiet)
	if n, err := m.Compose(ctx); err != nil || n != 2 {
		t.Fatalf("composed %d (%v), want 2", n, err)
	}
	ids, err := st.PendingMail(ctx, 10)
	if err != nil || len(ids) != 2 {
		t.Fatalf("pending %v %v", ids, err)
	}
	for _, id := range ids {
		for range 2 { // a job run twice sends once
			if err := m.Send(ctx, id); err != nil {
				t.Fatal(err)
			}
		}
	}
	if got, want := box.to(), map[string]int{"vp": 1}; !equal(got, want) {
		t.Fatalf("mail to %v, want %v", got, want)
	}
	refused, err := st.RefusedAddresses(ctx, 10)
	if err != nil || len(refused) != 1 || refused[0].UserID != w.users["tt"] || !strings.Contains(refused[0].Refusal, "550") {
		t.Fatalf("refused addresses: %+v %v", refused, err)
	}
	list, _, err := st.ListMail(ctx, "failed", storePage())
	if err != nil || len(list) != 1 || list[0].To != "refused-tt@example.gov.vn" {
		t.Fatalf("failed mail: %+v %v", list, err)
	}
	// nothing more for the refused address, even when something new is told
	if _, err := st.Pool().Exec(ctx, `UPDATE notifications SET mailed = false WHERE user_id = $1`, w.users["tt"]); err != nil {
		t.Fatal(err)
	}
	if n, err := m.Compose(ctx); err != nil || n != 0 {
		t.Fatalf("composed %d for a refused address (%v)", n, err)
	}

}

// Without a mail server the mail is composed all the same and kept in the outbox.
func TestWithoutAMailServerTheOutboxKeepsTheMail(t *testing.T) {
	st := freshStore(t)
	ctx := context.Background()
	w := newWorld(t, st, 2038, 3)
	withEmails(t, w)
	if _, err := notify.New(st, testdb.Now, quiet).SendReminders(ctx); err != nil {
		t.Fatal(err)
	}
	outbox := notify.NewMail(st, nil, "http://localhost:8080", testdb.Now, quiet)
	if n, err := outbox.Compose(ctx); err != nil || n != 2 {
		t.Fatalf("outbox composed %d (%v)", n, err)
	}
	kept, _, err := st.ListMail(ctx, "outbox", storePage())
	if err != nil || len(kept) != 2 || !strings.Contains(kept[0].Text, "Kính gửi") || !strings.Contains(kept[0].Subject, "Nhắc hạn nộp báo cáo") {
		t.Fatalf("outbox: %+v %v", kept, err)
	}
}

// A user who chose the digest gets one mail for the day's notifications; one who chose
// off gets none (the notification stays in the portal).
func TestDigestAndOff(t *testing.T) {
	st := freshStore(t)
	ctx := context.Background()
	w := newWorld(t, st, 2039, 3)
	withEmails(t, w)
	if err := st.SetNotificationPrefs(ctx, w.users["vp"], map[string]string{"deadline": "digest", "overdue": "digest"}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetNotificationPrefs(ctx, w.users["tt"], map[string]string{"deadline": "off"}); err != nil {
		t.Fatal(err)
	}
	if _, err := notify.New(st, testdb.Now, quiet).SendReminders(ctx); err != nil {
		t.Fatal(err)
	}
	// the next week: overdue, for vp's digest too
	later := func() time.Time { return testdb.Now().AddDate(0, 0, 4) }
	if _, err := notify.New(st, later, quiet).SendReminders(ctx); err != nil {
		t.Fatal(err)
	}
	m := notify.NewMail(st, nil, "http://localhost:8080", later, quiet)
	// at once: the head's and tt's overdue notices (tt turned off only the reminders); none for vp
	if n, err := m.Compose(ctx); err != nil || n != 2 {
		t.Fatalf("immediate mail: %d (%v), want 2", n, err)
	}
	if n, err := m.ComposeDigests(ctx); err != nil || n != 1 {
		t.Fatalf("digests: %d (%v), want 1", n, err)
	}
	if n, err := m.ComposeDigests(ctx); err != nil || n != 0 {
		t.Fatalf("digests again: %d (%v), want 0", n, err)
	}
	kept, _, err := st.ListMail(ctx, "", storePage())
	if err != nil || len(kept) != 3 {
		t.Fatalf("mail: %+v %v", kept, err)
	}
	for _, k := range kept {
		if k.UserID == w.users["vp"] && (k.Kind != "digest" || strings.Count(k.Text, "Mở hồ sơ") != 2) {
			t.Errorf("vp's digest: %+v", k)
		}
	}
}

// freshStore is a database of the test's own: units are expected to report in every
// period, so another test's worlds would be reminded here too.
func freshStore(t *testing.T) *postgres.Store {
	t.Helper()
	st, err := postgres.Open(context.Background(), testdb.Extra(t), 4)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return st
}
