package server

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/vn-cchc/cchc/internal/accounts"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/web"
)

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) error {
	if userFrom(r.Context()) != nil {
		return seeOther(w, r, "/")
	}
	s.render(w, r, http.StatusOK, web.LoginPage(web.LoginProps{
		Meta: s.meta(r, i18n.T(r.Context(), "login.title"), ""),
		Next: localPath(r.URL.Query().Get("next")), Notice: s.keptNotice(r),
	}))
	return nil
}

// login signs a user in; accounts.Login applies the policy (same refusal for unknown users,
// wrong passwords and inactive accounts; lockout and throttling).
func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		return badRequest(err)
	}
	in := accounts.Login{Username: r.PostFormValue("username"), Password: r.PostFormValue("password"), Addr: s.clientAddr(r)}
	if c, err := r.Cookie(deviceCookie); err == nil {
		in.Device = c.Value
	}
	props := web.LoginProps{Meta: s.meta(r, i18n.T(ctx, "login.title"), ""),
		Username: strings.ToLower(strings.TrimSpace(in.Username)), Next: localPath(r.PostFormValue("next")), Notice: s.keptNotice(r)}
	done, err := s.accounts.Login(ctx, in)
	u := done.User
	if msg := refusalMsg(ctx, err); msg != "" {
		props.Error = msg
		s.render(w, r, http.StatusUnauthorized, web.LoginPage(props))
		return nil
	}
	if err != nil {
		return err
	}
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	if done.Device != "" {
		s.setDeviceCookie(w, done.Device)
	}
	s.sessions.Put(ctx, sessUserID, u.ID)
	s.sessions.Put(ctx, sessEpoch, u.SessionEpoch)
	s.claimKeptDraft(r, u.ID)
	if u.MustChangePassword {
		return seeOther(w, r, "/account/password")
	}
	return seeOther(w, r, props.Next)
}

// deviceCookie marks a browser that signed in before: the login policy does not slow or lock
// it out for other people's failures (accounts.Login). It is sent only to /login.
const deviceCookie = "cchc_device"

func (s *Server) setDeviceCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: deviceCookie, Value: token, Path: "/login", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.cfg.TLS()})
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if u := userFrom(ctx); u != nil {
		if err := s.accounts.Logout(ctx, s.actor(r)); err != nil {
			return err
		}
	}
	// Destroy deletes the stored session; renewing first means the old token is dead even if
	// a copy of it was taken, and the browser gets a fresh anonymous one.
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	if err := s.sessions.Destroy(ctx); err != nil {
		return err
	}
	return seeOther(w, r, "/login")
}

func (s *Server) setLanguage(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return badRequest(err)
	}
	l := i18n.Parse(r.PostFormValue("lang"))
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: string(l), Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.cfg.TLS()})
	return seeOther(w, r, localPath(r.PostFormValue("next")))
}

func (s *Server) passwordForm(w http.ResponseWriter, r *http.Request) error {
	u := userFrom(r.Context())
	s.render(w, r, http.StatusOK, web.PasswordPage(web.PasswordProps{
		Meta: s.meta(r, i18n.T(r.Context(), "password.title"), ""), Must: u.MustChangePassword}))
	return nil
}

// changePassword sets a new password and ends the user's other sessions.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := userFrom(ctx)
	if err := r.ParseForm(); err != nil {
		return badRequest(err)
	}
	in := accounts.ChangePassword{Current: r.PostFormValue("current"), New: r.PostFormValue("new"), Confirm: r.PostFormValue("confirm")}
	epoch, err := s.accounts.ChangePassword(ctx, s.actor(r), u.User, in)
	if errs, ok := invalid(ctx, err); ok {
		s.render(w, r, http.StatusUnprocessableEntity, web.PasswordPage(web.PasswordProps{
			Meta: s.meta(r, i18n.T(ctx, "password.title"), ""), Must: u.MustChangePassword, Errors: errs}))
		return nil
	}
	if err != nil {
		return err
	}
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	s.sessions.Put(ctx, sessEpoch, epoch)
	s.flash(r, i18n.T(ctx, "password.changed"))
	return seeOther(w, r, "/")
}

// localPath accepts only same-site paths as redirect targets. Browsers drop tabs and
// newlines from URLs and read a backslash as a slash, so "/\t/evil.example" would become
// "//evil.example": any control character or backslash is refused, and what remains must
// parse as a path with neither scheme nor host.
func localPath(p string) string {
	if p == "" || !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") {
		return "/"
	}
	for _, r := range p {
		if r < 0x20 || r == 0x7f || r == '\\' {
			return "/"
		}
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return "/"
	}
	return p
}
