package server

import (
	"context"
	"math"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/web"
)

// FuzzDecodeResult feeds arbitrary form values for one result through the report form's
// decoding and checks: it never panics, and whatever it accepts is a value the result's
// kind allows (a rate 0–100, a whole non-negative count, a valid date), else the field
// carries a message.
func FuzzDecodeResult(f *testing.F) {
	f.Add(uint8(0), "12,5", "", "", "", "Giải trình")
	f.Add(uint8(1), "1.234", "", "", "", "")
	f.Add(uint8(2), "-3", "", "", "", "")
	f.Add(uint8(3), "", "1", "31/02/2026", "", "")
	f.Add(uint8(3), "", "x", "2026-11-15", "", "")
	f.Add(uint8(0), "1e309", "", "", "in_progress", strings.Repeat("ư", 5000))
	f.Add(uint8(0), "<script>alert(1)</script>", "", "", "'; DROP TABLE reports; --", "\x00\xff")
	kinds := domain.AllTargetKinds()
	f.Fuzz(func(t *testing.T, kindIndex uint8, value, done, doneOn, progress, narrative string) {
		kind := kinds[int(kindIndex)%len(kinds)]
		form := url.Values{"t1_value": {value}, "t1_done": {done}, "t1_done_on": {doneOn}, "t1_progress": {progress}, "t1_narrative": {narrative}}
		r, _ := http.NewRequest(http.MethodPost, "/", strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if err := r.ParseForm(); err != nil {
			return
		}
		ri := readResult(r, nil, "t1", "CT01")
		errs := web.FieldErrors{}
		checkTarget(context.Background(), ri, kind, errs)
		if v := ri.State.Value; v != nil {
			if errs["t1_value"] != "" {
				t.Fatalf("value %q both accepted (%v) and refused", value, *v)
			}
			if math.IsNaN(*v) || math.IsInf(*v, 0) {
				t.Fatalf("value %q accepted as %v", value, *v)
			}
			switch kind {
			case domain.KindPercent, domain.KindGrowth:
				if *v < 0 || *v > 100 {
					t.Fatalf("rate %q accepted as %v", value, *v)
				}
			case domain.KindCount:
				if *v < 0 || *v != math.Trunc(*v) {
					t.Fatalf("count %q accepted as %v", value, *v)
				}
			}
		} else if kind != domain.KindMilestone && strings.TrimSpace(value) != "" && errs["t1_value"] == "" {
			t.Fatalf("value %q neither accepted nor refused", value)
		}
		if ri.State.DoneOn != "" {
			if _, err := domain.ParseDate(ri.State.DoneOn); err != nil {
				t.Fatalf("done-on %q stored as %q, not a date", doneOn, ri.State.DoneOn)
			}
		}
	})
}
