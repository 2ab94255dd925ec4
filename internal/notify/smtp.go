package notify

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/vn-cchc/cchc/internal/notice"
)

// SMTP sends mail through the server of SMTP_URL with go-mail: smtp://user:pass@host:587
// (STARTTLS required; ?tls=opportunistic or ?tls=none for a server on the same machine or a
// mail catcher), smtps://… for TLS from the first byte.
type SMTP struct {
	host string
	opts []gomail.Option
	from string
}

// NewSMTP reads SMTP_URL and MAIL_FROM.
func NewSMTP(rawURL, from string) (*SMTP, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return nil, fmt.Errorf("SMTP_URL: want smtp://user:password@host:587 or smtps://…")
	}
	opts := []gomail.Option{gomail.WithTimeout(30 * time.Second)}
	port := 587
	if u.Scheme == "smtps" {
		port = 465
		opts = append(opts, gomail.WithSSL())
	}
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("SMTP_URL: port %q", p)
		}
	}
	opts = append(opts, gomail.WithPort(port))
	switch u.Query().Get("tls") {
	case "", "required":
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case "opportunistic":
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	case "none":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		return nil, fmt.Errorf("SMTP_URL: tls=%q: want required, opportunistic or none", u.Query().Get("tls"))
	}
	if u.User != nil && u.User.Username() != "" {
		pass, _ := u.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover), gomail.WithUsername(u.User.Username()), gomail.WithPassword(pass))
	}
	if from == "" {
		return nil, errors.New("MAIL_FROM is required with SMTP_URL, e.g. \"Cổng CCHC <cchc@snv.example.gov.vn>\"")
	}
	return &SMTP{host: u.Hostname(), opts: opts, from: from}, nil
}

// Send sends one mail, plain text with an HTML alternative. A 5xx answer is a
// *RefusedError (Recipient when it refused the address); anything else may pass.
func (s *SMTP) Send(ctx context.Context, to string, m notice.Mail) error {
	msg := gomail.NewMsg()
	if err := msg.From(s.from); err != nil {
		return &RefusedError{Reason: "MAIL_FROM: " + err.Error()}
	}
	if err := msg.To(to); err != nil {
		return &RefusedError{Recipient: true, Reason: err.Error()}
	}
	msg.Subject(m.Subject)
	msg.SetMessageID()
	msg.SetDate()
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	client, err := gomail.NewClient(s.host, s.opts...)
	if err != nil {
		return err
	}
	err = client.DialAndSendWithContext(ctx, msg)
	var se *gomail.SendError
	if errors.As(err, &se) && !se.IsTemp() && se.ErrorCode() >= 500 {
		return &RefusedError{Recipient: se.Reason == gomail.ErrSMTPRcptTo, Reason: se.Error()}
	}
	return err
}
