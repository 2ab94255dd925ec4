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
func (m Msg) In(ctx context.Context) string { return m.Text(From(ctx)) }

// Zero reports whether the message is unset.
func (m Msg) Zero() bool { return m.Key == "" }

// Text translates the message into l. An argument that is itself a Msg is translated into
// l too, so a message can name a part of another ("Năm 2027: Tỷ lệ phải từ 0 đến 100.").
func (m Msg) Text(l Lang) string {
	s := Translate(l, m.Key)
	if len(m.Args) == 0 {
		return s
	}
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		if inner, ok := a.(Msg); ok {
			a = inner.Text(l)
		}
		args[i] = a
	}
	return fmt.Sprintf(s, args...)
}
