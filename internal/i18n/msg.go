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

// Localized is an argument written differently in each language: a Msg, or a figure whose
// unit reads "điểm %" in Vietnamese and "pts" in English.
type Localized interface{ Text(Lang) string }

// Text translates the message into l. An argument that is Localized (a Msg among them) is
// written in l too, so a message can name a part of another ("Năm 2027: Tỷ lệ phải từ 0
// đến 100."). Numbers stay as the caller formatted them: domain code formats them the
// Vietnamese way (1.234,5) before they become arguments.
func (m Msg) Text(l Lang) string {
	s := Translate(l, m.Key)
	if len(m.Args) == 0 {
		return s
	}
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		if loc, ok := a.(Localized); ok {
			a = loc.Text(l)
		}
		args[i] = a
	}
	return fmt.Sprintf(s, args...)
}
