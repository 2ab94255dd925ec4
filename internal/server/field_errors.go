package server

import (
	"context"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/web"
)

// fieldErrors turns domain problems into a form's messages, in the request's language,
// first problem per field: the plan, target, task and successor forms share it.
func fieldErrors(ctx context.Context, ps []domain.Problem) web.FieldErrors {
	errs := web.FieldErrors{}
	for _, p := range ps {
		if _, ok := errs[p.Field]; !ok {
			errs[p.Field] = p.Msg.In(ctx)
		}
	}
	return errs
}
