package server

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/store"
)

// An audit entry keeps data (action and entity codes, ids, values); the audit pages say it
// as a sentence in the reader's language — "Lê Thị Thu Hà nộp báo cáo Quý III/2026 của
// Văn phòng Sở" — from the catalogue's "audit.s.<action>" (%[1]s the actor, %[2]s the
// record) and the names looked up for the page.

// auditSentence is one entry as a sentence.
func auditSentence(ctx context.Context, e store.AuditEntry, n store.AuditNames) string {
	actor := e.ActorName
	if name := n.People[e.ActorName]; name != "" {
		actor = name
	} else if k := "audit.actor." + e.ActorName; i18n.Has(k) {
		actor = i18n.T(ctx, k) // the command line, the system
	}
	if actor == "" {
		actor = i18n.T(ctx, "audit.someone")
	}
	object, found := auditObject(ctx, e, n)
	if k := "audit.s." + e.Action; i18n.Has(k) {
		if !found && object != "" {
			object = "#" + e.EntityID // the sentence names the kind of record already
		}
		return i18n.Tf(ctx, k, actor, object)
	}
	// An action without a sentence of its own: who, what, on which record.
	what := e.Action
	if k := "audit.action." + e.Action; i18n.Has(k) {
		what = strings.ToLower(i18n.T(ctx, k))
	}
	s := actor + ": " + what
	if object != "" {
		s += " — " + object
	}
	return s
}

// auditObject names the entry's record: a report by its period and unit, a user by name,
// a plan, target or task by its code; a record gone since (found false) by kind and id.
func auditObject(ctx context.Context, e store.AuditEntry, n store.AuditNames) (string, bool) {
	id, err := strconv.ParseInt(e.EntityID, 10, 64)
	if err != nil {
		return e.EntityID, false
	}
	l := lang(ctx)
	found := ""
	switch e.Entity {
	case "report":
		if r, ok := n.Reports[id]; ok {
			found = i18n.Tf(ctx, "audit.o.report", domain.PeriodLabel(r.Period.Year, domain.PeriodKind(r.Period.Kind), l), r.Unit)
		}
	case "user":
		found = n.Users[id]
	case "unit":
		found = n.Units[id]
	case "plan":
		found = n.Plans[id]
	case "target":
		found = n.Targets[id]
	case "task":
		found = n.Tasks[id]
	case "period":
		if p, ok := n.Periods[id]; ok {
			found = domain.PeriodLabel(p.Year, domain.PeriodKind(p.Kind), l)
		}
	}
	if found != "" {
		return found, true
	}
	if e.Entity == "user" && (strings.HasPrefix(e.Action, "login.") || e.Action == "logout") {
		return "", true // a sign-in names its user as the actor already
	}
	entity := e.Entity
	if k := "audit.entity." + e.Entity; i18n.Has(k) {
		entity = strings.ToLower(i18n.T(ctx, k))
	}
	return fmt.Sprintf("%s #%d", entity, id), false
}

// auditChanges lists what an entry changed, field by field, as "field: before → after",
// for entries that record flat values (a plan's title, a deadline, a user's role…). Nested
// records (a report's results) are told on the report's own history.
func auditChanges(ctx context.Context, e store.AuditEntry) []string {
	if strings.HasPrefix(e.Action, "login.") || strings.HasPrefix(e.Action, "user.password_check_") {
		return nil // the sentence says it all; the counts recorded are for investigations
	}
	var before, after map[string]any
	_ = json.Unmarshal(e.Before, &before)
	_ = json.Unmarshal(e.After, &after)
	keys := map[string]bool{}
	for k := range before {
		keys[k] = true
	}
	for k := range after {
		keys[k] = true
	}
	var out []string
	for _, k := range sortedKeys(keys) {
		if auditHidden[k] {
			continue
		}
		b, okB := flat(before[k])
		a, okA := flat(after[k])
		if !okB || !okA || a == b {
			continue
		}
		b, a = auditValue(ctx, e.Entity, k, b), auditValue(ctx, e.Entity, k, a)
		label := k
		if key := "audit.field." + k; i18n.Has(key) {
			label = i18n.T(ctx, key)
		}
		switch {
		case b == "":
			out = append(out, label+": "+a)
		case a == "":
			out = append(out, label+": "+b+" → —")
		default:
			out = append(out, label+": "+b+" → "+a)
		}
	}
	const most = 8
	if len(out) > most {
		out = append(out[:most], "…")
	}
	return out
}

// auditHidden are recorded values a reader of the log does not need listed.
var auditHidden = map[string]bool{"version": true, "unit_id": true, "period_id": true, "unit": true, "period": true,
	"MustChangePassword": true, "known_user": true}

// auditValue names a recorded code: a role, a report's or a plan's status.
func auditValue(ctx context.Context, entity, key, v string) string {
	switch {
	case v == "":
		return v
	case key == "Role":
		return authz.Role(v).Label(lang(ctx))
	case key == "locked_at":
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			return domain.FormatDateTime(t)
		}
	case key == "status" && entity == "report":
		return statusLabel(ctx, v)
	case key == "status" && entity == "plan" && i18n.Has("plan."+v):
		return i18n.T(ctx, "plan."+v)
	}
	return v
}

// flat writes a JSON scalar or list of scalars for the reader; ok is false for objects.
func flat(v any) (string, bool) {
	switch x := v.(type) {
	case nil:
		return "", true
	case string:
		return clip(x, 120), true
	case bool:
		if x {
			return "✓", true
		}
		return "✗", true
	case float64:
		if x == float64(int(x)) && x > -10000 && x < 10000 {
			return strconv.Itoa(int(x)), true // a year, a position, a count
		}
		return domain.FormatNumberShort(x), true
	case []any:
		parts := make([]string, 0, len(x))
		for _, it := range x {
			s, ok := flat(it)
			if !ok {
				return "", false
			}
			parts = append(parts, s)
		}
		return clip(strings.Join(parts, ", "), 120), true
	}
	return "", false
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
