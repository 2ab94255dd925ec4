package seed

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/password"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/store/postgres"
)

// DemoPassword is the password of every demo user. Demo data is not for production.
const DemoPassword = "demo"

// DemoUser is one of the demo logins printed by `make run`.
type DemoUser struct {
	Username, FullName, Role, Unit string
}

// DemoMailDomain is the demo users' e-mail domain, reserved for examples (RFC 2606 style):
// mail to it reaches nobody, and with docker compose it lands in the mail catcher.
const DemoMailDomain = "example.gov.vn"

// DemoUsers are the demo logins; all use DemoPassword.
var DemoUsers = []DemoUser{
	{"admin", "Quản trị hệ thống", "admin", ""},
	{"giamdoc", "Trần Văn Minh", "director", "SNV"},
	{"cchc", "Nguyễn Thị Hồng Nhung", "reform_office", "CCHC"},
	{"vanphong", "Lê Thị Thu Hà", "staff", "VPS"},
	{"ttlt", "Phạm Quốc Dũng", "staff", "TTLT"},
}

// Who reports on what: the article names only VPS and the archives centre; the rest is
// a plausible split of a Department of Home Affairs' work.
var targetUnits = map[string][]string{
	"CT01": {"VPS"}, "CT02": {"VPS", "TTLT"}, "CT03": {"VPS"}, "CT04": {"VPS", "CCHC"}, "CT05": {"CCHC"},
	"CT06": {"VPS"}, "CT07": {"TCBC"}, "CT08": {"CCVC"}, "CT09": {"CCVC"}, "CT10": {"TTLT"},
	"CT11": {"VPS"}, "CT12": {"CCHC"}, "CT13": {"TTS"}, "CT14": {"CCHC", "VPS"},
	"CT15": {"VPS", "CCHC", "TTLT"},
}

// ratioLabels name the two counts of the targets the plan words as a share of a total:
// each unit reports both, and the department's figure is Σ numerators / Σ denominators.
// CT04 and CT06 of 2320/KH-SNV read so ("… thủ tục hành chính … được cung cấp trực
// tuyến", "tỷ lệ hồ sơ giải quyết trực tuyến … trên tổng hồ sơ"); CT15 is the successor's.
var ratioLabels = map[string]domain.Ratio{
	"CT04": {Numerator: "TTHC được cung cấp trực tuyến mức độ 3, 4", Denominator: "TTHC thuộc phạm vi quản lý của Sở"},
	"CT06": {Numerator: "hồ sơ giải quyết trực tuyến mức độ 3, 4", Denominator: "hồ sơ tiếp nhận"},
	"CT15": {Numerator: "hồ sơ giải quyết đúng hạn", Denominator: "hồ sơ tiếp nhận"},
}

// successorTargets are the targets the successor adds to those it continues.
var successorTargets = []planTarget{
	{Code: "CT15", Area: "tthc", Kind: "percent", Op: ">=", Value: ptr(98), EachYear: true,
		Text: "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn đạt tối thiểu 98%"},
}

func ptr(v float64) *float64 { return &v }

// targetsOf are the targets a demo plan's reports carry.
func (d *demo) targetsOf(pl *demoPlan) []planTarget {
	if pl == &d.plans[1] {
		return append(append([]planTarget{}, d.plan.Targets...), successorTargets...)
	}
	return d.plan.Targets
}

var taskLeads = map[string]struct {
	lead   string
	coop   []string
	output string
}{
	"NV1": {"CCHC", []string{"VPS"}, "Kế hoạch tuyên truyền CCHC hằng năm; tin, bài trên Cổng thông tin điện tử của Sở"},
	"NV2": {"VPS", []string{"TTS"}, "Báo cáo kết quả rà soát, hệ thống hóa văn bản quy phạm pháp luật"},
	"NV3": {"CCHC", []string{"VPS"}, "Quyết định công bố, phương án đơn giản hóa thủ tục hành chính"},
	"NV4": {"VPS", []string{"TTLT"}, "Hệ thống quản lý văn bản và điều hành; hội nghị trực tuyến"},
	"NV5": {"TCBC", []string{"TTLT"}, "Đề án sắp xếp tổ chức; phương án tự chủ tài chính của đơn vị sự nghiệp"},
	"NV6": {"CCVC", []string{"TCBC"}, "Đề án vị trí việc làm; kế hoạch đào tạo, bồi dưỡng hằng năm"},
	"NV7": {"VPS", []string{"TTLT"}, "Hạ tầng công nghệ thông tin được nâng cấp; báo cáo đầu tư"},
}

// The successor plan of the demo: drafted from 2320/KH-SNV as the reform office would, and
// labelled as demo data in its title, for the office's own plan 2026–2030 replaces it.
const (
	SuccessorCode  = "3012/KH-SNV"
	successorTitle = "Kế hoạch cải cách hành chính Sở Nội vụ giai đoạn 2026-2030 (dữ liệu minh họa)"
)

var successorIssued = time.Date(2025, 12, 10, 0, 0, 0, 0, domain.Location)

// Demo loads the demo data set once; it returns false when it was already loaded.
// now anchors the story: plan 2320/KH-SNV (2021–2025) has ended with its 2025 annual
// reports approved, and its successor (2026–2030) is in force with the periods of the
// current year open; periods well past their deadline are closed.
func Demo(ctx context.Context, st *postgres.Store, now time.Time) (bool, error) {
	return load(ctx, st, now, true)
}

// DemoBeforeSuccessor loads the demo as it stood before the reform office drafted the
// successor of 2320/KH-SNV: the ended plan alone, for a journey that drafts it.
func DemoBeforeSuccessor(ctx context.Context, st *postgres.Store, now time.Time) (bool, error) {
	return load(ctx, st, now, false)
}

func load(ctx context.Context, st *postgres.Store, now time.Time, successor bool) (bool, error) {
	plan, err := loadPlanFile()
	if err != nil {
		return false, err
	}
	hash, err := password.Hash(DemoPassword)
	if err != nil {
		return false, err
	}
	loaded := false
	err = st.InPgxTx(ctx, func(tx *postgres.Queries) error {
		// Two `make run`s at once must not both seed.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('cchc seed demo'))`); err != nil {
			return fmt.Errorf("seed: lock: %w", err)
		}
		if _, err := tx.PlanIDByCode(ctx, plan.Plan.Code); err == nil {
			return nil
		}
		d := &demo{tx: tx, plan: plan, now: now, units: map[string]int64{}, users: map[string]int64{},
			areas: map[string]int64{}}
		// the successor is drafted once 2320/KH-SNV's reports are in, as the office does: a
		// growth target it continues is measured from 2320/KH-SNV's last year
		steps := []func(context.Context) error{d.orgAndUsers(hash), d.planData, d.createPeriods, d.reportsOf(0), d.successor, d.reportsOf(1)}
		if !successor {
			d.onlyPredecessor = true
			steps = []func(context.Context) error{d.orgAndUsers(hash), d.planData, d.createPeriods, d.reportsOf(0)}
		}
		for _, step := range steps {
			if err := step(ctx); err != nil {
				return err
			}
		}
		// the reform office publishes the ended plan's results on the public page (/cong-khai)
		if err := tx.SetPlanPublished(ctx, d.plans[0].id, true); err != nil {
			return err
		}
		if err := tx.SetSetting(ctx, "demo_data", "true"); err != nil {
			return err
		}
		loaded = true
		return tx.Audit(ctx, store.AuditEntry{ActorName: "system", Action: "seed.demo", Entity: "plan", EntityID: plan.Plan.Code},
			nil, map[string]any{"units": len(d.units), "users": len(d.users), "reports": d.reportCount})
	})
	return loaded, err
}

type demo struct {
	tx          store.Queries
	plan        planFile
	now         time.Time
	units       map[string]int64
	users       map[string]int64
	areas       map[string]int64
	plans       [2]demoPlan // 2320/KH-SNV and its successor
	reportCount int
	// onlyPredecessor: the successor is not loaded, nor its periods
	onlyPredecessor bool
}

// demoPlan is one of the demo's plans with what its reports refer to.
type demoPlan struct {
	id      int64
	span    domain.PlanSpan
	targets map[string]int64
	tasks   map[string]int64
	periods []store.Period
	// milestones: the (year, slot) a one-off milestone was reported done
	milestones map[string][2]int
}

// planOf is the demo plan whose years hold the period.
func (d *demo) planOf(year int) *demoPlan {
	if year > d.plans[0].span.EndYear {
		return &d.plans[1]
	}
	return &d.plans[0]
}

func (d *demo) orgAndUsers(hash string) func(context.Context) error {
	return func(ctx context.Context) error {
		for _, u := range d.plan.Units {
			in := store.UnitInput{Code: u.Code, Name: u.Name, Active: true}
			if u.Parent != nil {
				in.ParentID = d.units[*u.Parent]
			}
			id, err := d.tx.CreateUnit(ctx, in)
			if err != nil {
				return err
			}
			d.units[u.Code] = id
		}
		for _, u := range DemoUsers {
			id, err := d.tx.CreateUser(ctx, store.UserInput{Username: u.Username, FullName: u.FullName, Role: u.Role,
				UnitID: d.units[u.Unit], Active: true}, hash)
			if err != nil {
				return err
			}
			d.users[u.Username] = id
			if err := d.tx.ExemptFromPasswordExpiry(ctx, id); err != nil {
				return err
			}
			// a reserved domain: demo mail reaches no real mailbox
			if err := d.tx.SetUserEmail(ctx, id, u.Username+"@"+DemoMailDomain); err != nil {
				return err
			}
		}
		return nil
	}
}

func (d *demo) planData(ctx context.Context) error {
	p := d.plan.Plan
	issued, err := time.ParseInLocation("2006-01-02", p.IssuedOn, domain.Location)
	if err != nil {
		return fmt.Errorf("seed: plan issued_on: %w", err)
	}
	span := domain.PlanSpan{IssuedOn: issued, StartYear: p.StartYear, EndYear: p.EndYear}
	status := string(domain.PlanActive)
	if span.Ended(d.now) {
		status = string(domain.PlanClosed) // the office closed it once its last reports were approved
	}
	pl := &d.plans[0]
	*pl = demoPlan{span: span, targets: map[string]int64{}, tasks: map[string]int64{},
		milestones: predecessorMilestones}
	pl.id, err = d.tx.CreatePlan(ctx, store.PlanInput{Code: p.Code, Title: p.Title, IssuedOn: issued, IssuedBy: p.IssuedBy,
		StartYear: p.StartYear, EndYear: p.EndYear, LegalBasis: p.Basis, Goal: p.Goal, Status: status})
	if err != nil {
		return err
	}
	for i, a := range d.plan.Areas {
		id, err := d.tx.UpsertArea(ctx, store.ReformArea{Key: a.Key, Name: a.Name, NameEN: a.EN, Position: i + 1})
		if err != nil {
			return err
		}
		d.areas[a.Key] = id
	}
	for i, t := range d.plan.Targets {
		unit := ""
		if t.Kind == "percent" || t.Kind == "ratio_growth" {
			unit = "%"
		}
		r := ratioLabels[t.Code]
		id, err := d.tx.CreateTarget(ctx, store.Target{PlanID: pl.id, AreaID: d.areas[t.Area], Code: t.Code, Position: i + 1,
			Text: t.Text, Kind: domain.TargetKind(t.Kind), Op: domain.Comparison(t.Op), Value: t.Value, MeasureUnit: unit, DeadlineYear: t.By, EachYear: t.EachYear,
			NumeratorLabel: r.Numerator, DenominatorLabel: r.Denominator})
		if err != nil {
			return err
		}
		pl.targets[t.Code] = id
		if err := d.tx.AssignTarget(ctx, id, d.unitIDs(targetUnits[t.Code])); err != nil {
			return err
		}
	}
	for i, t := range d.plan.Tasks {
		lt := taskLeads[t.Code]
		id, err := d.tx.CreateTask(ctx, store.Task{PlanID: pl.id, AreaID: d.areas[t.Area], Code: t.Code, Position: i + 1,
			Text: t.Text, LeadUnitID: d.units[lt.lead], DeadlineNote: "Hằng năm", ExpectedOutput: lt.output}, d.unitIDs(lt.coop))
		if err != nil {
			return err
		}
		pl.tasks[t.Code] = id
		if err := d.tx.AssignTask(ctx, id, d.unitIDs(append([]string{lt.lead}, lt.coop...))); err != nil {
			return err
		}
	}
	return nil
}

func (d *demo) unitIDs(codes []string) []int64 {
	ids := make([]int64, 0, len(codes))
	for _, c := range codes {
		ids = append(ids, d.units[c])
	}
	return ids
}

// createPeriods creates the regime's four reports a year for the years of 2320/KH-SNV that
// belong to it (none of 2021: its periods gather data from before the issue date) and,
// for the successor, every year that has begun; an internal deadline on the 10th.
// Periods whose deadline passed more than 90 days ago are closed.
func (d *demo) createPeriods(ctx context.Context) error {
	succ := domain.PlanSpan{IssuedOn: successorIssued, StartYear: d.plans[0].span.EndYear + 1, EndYear: d.plans[0].span.EndYear + 5}
	d.plans[1].span = succ
	// a year's periods exist once its first data window has begun (15 December before it)
	lastYear := min(succ.EndYear, domain.StartOfDay(d.now).AddDate(0, 0, 17).Year())
	if d.onlyPredecessor {
		lastYear = d.plans[0].span.EndYear
	}
	for year := d.plans[0].span.StartYear; year <= lastYear; year++ {
		pl := d.planOf(year)
		for _, k := range domain.RegimePeriods() {
			if !pl.span.Admits(year, k) {
				continue
			}
			start, end := domain.DataWindow(year, k)
			p := store.Period{Year: year, Kind: k, StartsOn: start, EndsOn: end, Deadline: domain.DefaultDeadline(year, k, 10)}
			if p.Deadline.Before(d.now.AddDate(0, 0, -90)) {
				closed := p.Deadline.AddDate(0, 0, 20)
				p.ClosedAt = &closed
			}
			id, err := d.tx.UpsertPeriod(ctx, p)
			if err != nil {
				return err
			}
			p.ID = id
			pl.periods = append(pl.periods, p)
		}
	}
	return nil
}

// successor drafts plan 2026–2030 from 2320/KH-SNV as the reform office does (targets,
// tasks and units copied; what 2320/KH-SNV left unmet carried over), then activates it.
func (d *demo) successor(ctx context.Context) error {
	pred := &d.plans[0]
	carried := map[int64]bool{}
	for _, t := range d.plan.Targets {
		carried[pred.targets[t.Code]] = !metAtEnd(t.Code, t.Kind, t.Op, t.Value, t.By, t.EachYear, pred.span.EndYear)
	}
	p := d.plan.Plan
	succ := &d.plans[1]
	id, err := d.tx.CreateSuccessor(ctx, pred.id, store.SuccessorInput{Carried: carried, Plan: store.PlanInput{
		Code: SuccessorCode, Title: successorTitle, IssuedOn: successorIssued, IssuedBy: p.IssuedBy,
		StartYear: succ.span.StartYear, EndYear: succ.span.EndYear, LegalBasis: p.Basis,
		Goal: "Dữ liệu minh họa: kế hoạch giai đoạn 2026-2030 được lập từ Kế hoạch 2320/KH-SNV, tiếp tục các chỉ tiêu chưa đạt."}})
	if err != nil {
		return err
	}
	if err := d.tx.SetPlanStatus(ctx, id, string(domain.PlanActive)); err != nil {
		return err
	}
	succ.id, succ.targets, succ.tasks = id, map[string]int64{}, map[string]int64{}
	succ.milestones = successorMilestones
	targets, err := d.tx.CurrentTargets(ctx, id)
	if err != nil {
		return err
	}
	for _, t := range targets {
		succ.targets[t.Code] = t.ID
	}
	for i, t := range successorTargets {
		r := ratioLabels[t.Code]
		tid, err := d.tx.CreateTarget(ctx, store.Target{PlanID: id, AreaID: d.areas[t.Area], Code: t.Code, Position: len(targets) + i + 1,
			Text: t.Text, Kind: domain.TargetKind(t.Kind), Op: domain.Comparison(t.Op), Value: t.Value, MeasureUnit: "%", EachYear: t.EachYear,
			NumeratorLabel: r.Numerator, DenominatorLabel: r.Denominator})
		if err != nil {
			return err
		}
		if err := d.tx.AssignTarget(ctx, tid, d.unitIDs(targetUnits[t.Code])); err != nil {
			return err
		}
		succ.targets[t.Code] = tid
	}
	tasks, err := d.tx.CurrentTasks(ctx, id)
	if err != nil {
		return err
	}
	for _, t := range tasks {
		succ.tasks[t.Code] = t.ID
	}
	return nil
}

// noise is a deterministic pseudo-random number in [0, 1) for a key, so the demo is the
// same on every machine.
func noise(parts ...any) float64 {
	sum := sha256.Sum256([]byte(fmt.Sprint(parts...)))
	return float64(uint16(sum[0])<<8|uint16(sum[1])) / 65536
}

func hexKey(parts ...any) string {
	sum := sha256.Sum256([]byte(fmt.Sprint(parts...)))
	return hex.EncodeToString(sum[:16])
}
