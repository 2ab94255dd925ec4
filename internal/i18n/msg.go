package i18n

import (
	"context"
	"fmt"
)

// Msg is a message as data: a catalogue key and its arguments, translated only when it is
// shown. Domain and use-case errors carry a Msg, never a finished sentence.
type Msg struct {
	Key  string
	Args []any
}

// M makes a Msg.
func M(key string, args ...any) Msg { return Msg{Key: key, Args: args} }

// In translates the message into the context's language.
func (m Msg) In(ctx context.Context) string {
	if len(m.Args) == 0 {
		return T(ctx, m.Key)
	}
	return Tf(ctx, m.Key, m.Args...)
}

// Zero reports whether the message is unset.
func (m Msg) Zero() bool { return m.Key == "" }

// Text translates the message into l.
func (m Msg) Text(l Lang) string {
	s := Translate(l, m.Key)
	if len(m.Args) == 0 {
		return s
	}
	return fmt.Sprintf(s, m.Args...)
}
