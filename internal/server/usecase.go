package server

import (
	"context"
	"net/http"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/usecase"
	"github.com/vn-cchc/cchc/web"
)

// actor is the request's user as the use cases see them: who, and from where.
func (s *Server) actor(r *http.Request) usecase.Actor {
	a := usecase.Actor{Addr: s.clientAddr(r)}
	if u := userFrom(r.Context()); u != nil {
		p := u.principal()
		a.UserID, a.Username, a.Role, a.UnitID = u.ID, u.Username, p.Role, p.UnitID
	}
	return a
}

// authorize is the one way a handler asks the policy: nil, or the not-found or forbidden
// error that serveError answers with 404 or 403.
func authorize(ctx context.Context, a authz.Action, unitID int64) error {
	return usecase.Authorize(userFrom(ctx).principal(), a, unitID)
}

// invalid returns the field errors of a use case's KindInvalid refusal, translated into the
// request's language, for the handler to render its form again; ok is false for any other
// error, which the handler returns to serveError.
func invalid(ctx context.Context, err error) (errs web.FieldErrors, ok bool) {
	e := usecase.As(err)
	if e == nil || e.Kind != usecase.KindInvalid {
		return nil, false
	}
	errs = web.FieldErrors{}
	for k, m := range e.Fields {
		errs[k] = m.In(ctx)
	}
	return errs, true
}

// refusalMsg is the one-sentence message of a use case's refusal, or "".
func refusalMsg(ctx context.Context, err error) string {
	if e := usecase.As(err); e != nil && !e.Msg.Zero() {
		return e.Msg.In(ctx)
	}
	return ""
}

// refusalText is what a refusal says: its message, or the text of the domain error that
// caused it.
func refusalText(ctx context.Context, err error) string {
	if msg := refusalMsg(ctx, err); msg != "" {
		return msg
	}
	if e := usecase.As(err); e != nil && e.Err != nil {
		return message(ctx, e.Err)
	}
	return message(ctx, err)
}
