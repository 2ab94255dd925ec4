// Package i18n holds the portal's UI strings in Vietnamese (first) and English, and
// carries the request's language in its context so pages can translate.
package i18n

import (
	"context"
	"fmt"
)

// Lang is a UI language code.
type Lang string

const (
	VI Lang = "vi"
	EN Lang = "en"
)

// Parse returns the language for a cookie or form value; anything unknown is Vietnamese.
func Parse(s string) Lang {
	if s == string(EN) {
		return EN
	}
	return VI
}

type ctxKey struct{}

// With returns a context carrying the language.
func With(ctx context.Context, l Lang) context.Context { return context.WithValue(ctx, ctxKey{}, l) }

// From returns the context's language, Vietnamese by default.
func From(ctx context.Context) Lang {
	if l, ok := ctx.Value(ctxKey{}).(Lang); ok {
		return l
	}
	return VI
}

// T translates key into the context's language; a missing key shows itself so it is noticed.
func T(ctx context.Context, key string) string { return Translate(From(ctx), key) }

// Tf translates and formats.
func Tf(ctx context.Context, key string, args ...any) string {
	return fmt.Sprintf(T(ctx, key), args...)
}

// Translate looks key up for one language.
func Translate(l Lang, key string) string {
	m, ok := catalogue[key]
	if !ok {
		return key
	}
	if l == EN && m[1] != "" {
		return m[1]
	}
	return m[0]
}
