// Package config reads the portal's configuration from environment variables once, at start,
// and refuses to start on values that make no sense.
package config

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is everything the portal can be told from outside; it is built once and passed down.
type Config struct {
	DatabaseURL string // PostgreSQL connection string (postgres:// or key=value)
	Addr        string // listen address, e.g. ":8080"
	BaseURL     string // how users reach the portal; https:// turns on Secure cookies and HSTS

	SessionIdleTimeout time.Duration // a session ends after this long without a request
	SessionLifetime    time.Duration // and in any case after this long

	UploadMaxBytes int64  // per evidence file
	UploadDir      string // empty: evidence content is kept in PostgreSQL
	// EvidenceReportMax bounds the documents one report carries (their current files
	// together); EvidenceUnitQuota every file version in one unit's register.
	EvidenceReportMax int64
	EvidenceUnitQuota int64

	BodyReadTimeout   time.Duration // a request body (a form) must arrive within this long
	UploadReadTimeout time.Duration // the same for the routes that take files (report save, plan import)

	LoginMaxFailures int           // failures per (username, address) before each further attempt waits
	LoginLockout     time.Duration // the longest wait between attempts; the address throttle's window
	LoginMaxPerAddr  int           // failures per client address within LoginLockout before it is throttled
	LoginLockAfter   int           // failures of one username within 24 h that lock it until an administrator unlocks it
	PasswordMaxAge   time.Duration // 0: passwords never expire (ASVS 2.1.10); else users must change older ones

	DBMaxConns int32 // pgxpool size; see README for the reasoning
	// ExportWorkers bounds the exports (and export previews) that run at once: each holds a
	// pool connection and tens of MB for its whole run, so at most this many of DBMaxConns
	// go to exports and the rest stay for interactive pages (internal/server/export_gate.go)
	ExportWorkers int

	ShutdownGrace time.Duration // after SIGTERM, how long running work (downloads, exports) may take to finish

	LogLevel  string // debug, info, warn, error
	LogFormat string // text or json

	// MinistryDeadlineDay is the day of a period's last month the province's report is due at
	// the Ministry of Home Affairs (the 20th); an internal deadline after it asks for confirmation.
	MinistryDeadlineDay int

	// TrustedProxies are the reverse proxies in front of the portal. A request from one of them
	// has its client address read from X-Forwarded-For: the right-most hop that is not itself
	// a trusted proxy. Empty: X-Forwarded-For is ignored.
	TrustedProxies []netip.Prefix

	// SeparationOfDuties (on by default): the reform office may not approve its own unit's
	// report; the director approves it.
	SeparationOfDuties bool

	// The open-data API: calls a minute per client and burst (per instance: the token
	// buckets are in memory), and how many days its call log keeps.
	APIRatePerMinute int
	APIRateBurst     int
	APILogDays       int
	// DatabaseReadURL is a streaming replica of DatabaseURL. When set, reads that may lag
	// (dashboards, exports) go there, except for a user whose own last write the replica has
	// not replayed yet, and except while the replica is down or more than ReadMaxLag behind.
	DatabaseReadURL string
	ReadMaxLag      time.Duration

	// MetricsAddr is where Prometheus metrics are served (/metrics), apart from the portal's
	// own address so they never reach users through the reverse proxy. Empty: no metrics listener.
	MetricsAddr string

	// ServeJobs (on by default): `cchc serve` also runs the background jobs (reminders,
	// notifications). Off where `cchc worker` runs them apart.
	ServeJobs bool
	// JobWorkers bounds the jobs one instance runs at once.
	JobWorkers int

	// SMTPURL is the mail server (smtp://user:pass@host:587, STARTTLS); empty: mail is kept
	// in the outbox the administrator reads on /admin/mail. MailFrom is the sender.
	SMTPURL  string
	MailFrom string
}

// TLS reports whether users reach the portal over HTTPS.
func (c Config) TLS() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// FromEnv reads the configuration from the process environment.
func FromEnv() (Config, error) { return Load(os.Getenv) }

// Load reads the configuration through getenv so tests need not touch the process environment.
func Load(getenv func(string) string) (Config, error) {
	var errs []error
	str := func(key, def string) string {
		if v := strings.TrimSpace(getenv(key)); v != "" {
			return v
		}
		return def
	}
	dur := func(key string, def time.Duration) time.Duration {
		v := str(key, "")
		if v == "" {
			return def
		}
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			errs = append(errs, fmt.Errorf("%s=%q: want a positive duration such as 30m or 12h", key, v))
			return def
		}
		return d
	}
	integer := func(key string, def int64) int64 {
		v := str(key, "")
		if v == "" {
			return def
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			errs = append(errs, fmt.Errorf("%s=%q: want a positive whole number", key, v))
			return def
		}
		return n
	}
	boolean := func(key string) bool {
		v := str(key, "false")
		b, err := strconv.ParseBool(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s=%q: want true or false", key, v))
		}
		return b
	}

	onUnlessFalse := func(key string) bool {
		v := str(key, "true")
		b, err := strconv.ParseBool(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s=%q: want true or false", key, v))
			return true
		}
		return b
	}

	days := func(key string) time.Duration {
		v := str(key, "0")
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 3650 {
			errs = append(errs, fmt.Errorf("%s=%q: want a number of days from 0 (never) to 3650", key, v))
			return 0
		}
		return time.Duration(n) * 24 * time.Hour
	}

	c := Config{
		DatabaseURL:         str("DATABASE_URL", ""),
		Addr:                str("ADDR", ":8080"),
		BaseURL:             strings.TrimRight(str("BASE_URL", "http://localhost:8080"), "/"),
		SessionIdleTimeout:  dur("SESSION_IDLE_TIMEOUT", 30*time.Minute),
		SessionLifetime:     dur("SESSION_LIFETIME", 12*time.Hour),
		UploadMaxBytes:      integer("UPLOAD_MAX_BYTES", 20<<20),
		UploadDir:           str("UPLOAD_DIR", ""),
		EvidenceReportMax:   integer("EVIDENCE_REPORT_MAX_BYTES", 200<<20),
		EvidenceUnitQuota:   integer("EVIDENCE_UNIT_QUOTA_BYTES", 5<<30),
		LoginMaxFailures:    int(integer("LOGIN_MAX_FAILURES", 5)),
		LoginLockout:        dur("LOGIN_LOCKOUT", 15*time.Minute),
		LoginMaxPerAddr:     int(integer("LOGIN_MAX_FAILURES_PER_ADDR", 30)),
		PasswordMaxAge:      days("PASSWORD_MAX_AGE_DAYS"),
		DBMaxConns:          int32(integer("DB_MAX_CONNS", 16)),
		LogLevel:            strings.ToLower(str("LOG_LEVEL", "info")),
		LogFormat:           strings.ToLower(str("LOG_FORMAT", "text")),
		MinistryDeadlineDay: int(integer("MINISTRY_DEADLINE_DAY", 20)),
	}
	// Set apart from the list above so that adding a variable there does not touch these lines.
	c.BodyReadTimeout = dur("BODY_READ_TIMEOUT", 30*time.Second)
	c.UploadReadTimeout = dur("UPLOAD_READ_TIMEOUT", 3*time.Minute)
	c.ShutdownGrace = dur("SHUTDOWN_GRACE", 60*time.Second)
	c.SeparationOfDuties = onUnlessFalse("SEPARATION_OF_DUTIES")
	c.LoginLockAfter = int(integer("LOGIN_LOCK_AFTER", 50))
	c.APIRatePerMinute = int(integer("API_RATE_PER_MINUTE", 120))
	c.APIRateBurst = int(integer("API_RATE_BURST", 30))
	c.APILogDays = int(integer("API_LOG_DAYS", 90))
	c.DatabaseReadURL = str("DATABASE_READ_URL", "")
	c.ReadMaxLag = dur("READ_MAX_LAG", 5*time.Second)
	if c.DatabaseReadURL != "" {
		if u, err := url.Parse(c.DatabaseReadURL); err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
			errs = append(errs, errors.New("DATABASE_READ_URL: want a postgres:// URL of a streaming replica of DATABASE_URL"))
		} else if c.DatabaseReadURL == c.DatabaseURL {
			errs = append(errs, errors.New("DATABASE_READ_URL is DATABASE_URL: leave it empty when there is no replica"))
		}
	}
	c.MetricsAddr = str("METRICS_ADDR", "")
	c.ServeJobs = onUnlessFalse("SERVE_JOBS")
	c.JobWorkers = int(integer("JOB_WORKERS", 4))
	c.SMTPURL = str("SMTP_URL", "")
	c.MailFrom = str("MAIL_FROM", "")
	if c.SMTPURL != "" {
		if u, err := url.Parse(c.SMTPURL); err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
			errs = append(errs, errors.New("SMTP_URL: want smtp://user:password@host:587 (STARTTLS) or smtps://…; ?tls=none for a local mail catcher"))
		} else if c.MailFrom == "" {
			errs = append(errs, errors.New("MAIL_FROM is required with SMTP_URL, e.g. MAIL_FROM=\"Cổng CCHC <cchc@snv.example.gov.vn>\""))
		}
	}
	if c.MetricsAddr != "" {
		if err := checkListenAddr("METRICS_ADDR", c.MetricsAddr); err != nil {
			errs = append(errs, err)
		} else if c.MetricsAddr == c.Addr {
			errs = append(errs, fmt.Errorf("METRICS_ADDR=%q is ADDR too: metrics need an address of their own, which the reverse proxy does not forward", c.MetricsAddr))
		}
	}
	if v := str("TRUSTED_PROXIES", ""); v != "" {
		p, err := parseProxies("TRUSTED_PROXIES", v)
		if err != nil {
			errs = append(errs, err)
		}
		c.TrustedProxies = p
	}
	// TRUST_PROXY_HEADERS=true used to trust whatever the client wrote first in X-Forwarded-For.
	// It is kept only as a reminder: on its own it stops the start and says what to set.
	if boolean("TRUST_PROXY_HEADERS") && len(c.TrustedProxies) == 0 {
		errs = append(errs, errors.New("TRUST_PROXY_HEADERS is replaced by TRUSTED_PROXIES: set TRUSTED_PROXIES to the addresses of your reverse proxies (e.g. TRUSTED_PROXIES=10.0.0.0/8 or 192.168.1.10/32) and remove TRUST_PROXY_HEADERS"))
	}

	if c.DatabaseURL == "" {
		errs = append(errs, errors.New("DATABASE_URL is required (e.g. postgres://postgres@127.0.0.1:5432/cchc?sslmode=disable); `make run` sets it for you"))
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("BASE_URL=%q: want an absolute http(s) URL", c.BaseURL))
	}
	if c.SessionIdleTimeout > c.SessionLifetime {
		errs = append(errs, fmt.Errorf("SESSION_IDLE_TIMEOUT (%s) must not exceed SESSION_LIFETIME (%s)", c.SessionIdleTimeout, c.SessionLifetime))
	}
	if c.EvidenceReportMax < c.UploadMaxBytes || c.EvidenceUnitQuota < c.EvidenceReportMax {
		errs = append(errs, fmt.Errorf("EVIDENCE_REPORT_MAX_BYTES (%d) must be at least UPLOAD_MAX_BYTES (%d), and EVIDENCE_UNIT_QUOTA_BYTES (%d) at least EVIDENCE_REPORT_MAX_BYTES",
			c.EvidenceReportMax, c.UploadMaxBytes, c.EvidenceUnitQuota))
	}
	if c.UploadMaxBytes > 1<<30 {
		errs = append(errs, fmt.Errorf("UPLOAD_MAX_BYTES=%d: at most 1 GiB per file", c.UploadMaxBytes))
	}
	if c.MinistryDeadlineDay > 31 {
		errs = append(errs, fmt.Errorf("MINISTRY_DEADLINE_DAY=%d: want a day of the month, 1 to 31", c.MinistryDeadlineDay))
	}
	if c.BodyReadTimeout > c.UploadReadTimeout {
		errs = append(errs, fmt.Errorf("BODY_READ_TIMEOUT (%s) must not exceed UPLOAD_READ_TIMEOUT (%s)", c.BodyReadTimeout, c.UploadReadTimeout))
	}
	// two at once by default, fewer when the pool is tiny
	c.ExportWorkers = int(integer("EXPORT_WORKERS", int64(max(1, min(2, c.DBMaxConns/2)))))
	if c.ExportWorkers < 1 || int32(c.ExportWorkers) > max(1, c.DBMaxConns/2) {
		errs = append(errs, fmt.Errorf("EXPORT_WORKERS=%d: want 1 to half of DB_MAX_CONNS (%d), so exports never take the connections pages need", c.ExportWorkers, c.DBMaxConns))
	}
	if c.DBMaxConns > 1000 {
		errs = append(errs, fmt.Errorf("DB_MAX_CONNS=%d: too many for one instance", c.DBMaxConns))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("LOG_LEVEL=%q: want debug, info, warn or error", c.LogLevel))
	}
	switch c.LogFormat {
	case "text", "json":
	default:
		errs = append(errs, fmt.Errorf("LOG_FORMAT=%q: want text or json", c.LogFormat))
	}
	if err := errors.Join(errs...); err != nil {
		return Config{}, fmt.Errorf("configuration: %w", err)
	}
	return c, nil
}

// checkListenAddr accepts what net.Listen("tcp", …) takes: host:port or :port, port 1–65535.
func checkListenAddr(key, v string) error {
	_, port, err := net.SplitHostPort(v)
	if err == nil {
		var n int
		n, err = strconv.Atoi(port)
		if err == nil && (n < 1 || n > 65535) {
			err = errors.New("port out of range")
		}
	}
	if err != nil {
		return fmt.Errorf("%s=%q: want host:port such as 127.0.0.1:9090 (%v)", key, v, err)
	}
	return nil
}
