package seed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/password"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/internal/store/postgres"
)

// ScalePlanCode is the generated national plan; its presence means the data set exists.
const ScalePlanCode = "01/KH-BNV-QG"

// Scale users (password DemoPassword): a director of the national root and staff of one
// department, whose report form the benchmark opens.
const (
	ScaleDirector = "qg.giamdoc"
	ScaleStaff    = "qg.chuyenvien"
)

// ScaleOptions sizes a generated national data set.
type ScaleOptions struct {
	Units     int // reporting units: per province up to 13 departments, the rest communes
	Targets   int
	Tasks     int
	Periods   int // regime periods (Q1, 6 months, Q3, year) from Q1/2021 on
	Provinces int
	Log       func(format string, args ...any)
}

// ScaleInfo describes a generated data set; it is kept in app_settings for the benchmark.
type ScaleInfo struct {
	PlanID        int64   `json:"plan_id"`
	RootID        int64   `json:"root_id"`
	ProvinceIDs   []int64 `json:"province_ids"`
	StaffUnitID   int64   `json:"staff_unit_id"`
	UnitSample    []int64 `json:"unit_sample"` // reporting units spread over the provinces, for benchmarks
	PeriodIDs     []int64 `json:"period_ids"`
	TargetIDs     []int64 `json:"target_ids"`
	Units         int     `json:"units"`
	Targets       int     `json:"targets"`
	Tasks         int     `json:"tasks"`
	Periods       int     `json:"periods"`
	Reports       int64   `json:"reports"`
	TargetResults int64   `json:"target_results"`
	TaskResults   int64   `json:"task_results"`
	Seconds       float64 `json:"seconds"`
}

const scaleSetting = "scale_data"

// ExistingScale returns the generated data set's description, if there is one.
func ExistingScale(ctx context.Context, st *postgres.Store) (ScaleInfo, bool, error) {
	var info ScaleInfo
	v, err := st.Setting(ctx, scaleSetting)
	if err != nil || v == "" {
		return info, false, err
	}
	if err := json.Unmarshal([]byte(v), &info); err != nil {
		return info, false, fmt.Errorf("seed: %s: %w", scaleSetting, err)
	}
	return info, true, nil
}

var provinceNames = []string{"Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
	"Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên",
	"Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk",
	"Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang"}

var departmentNames = []string{"Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp", "Sở Công Thương", "Sở Nông nghiệp và Môi trường",
	"Sở Xây dựng", "Sở Khoa học và Công nghệ", "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Văn hóa, Thể thao và Du lịch",
	"Sở Dân tộc và Tôn giáo", "Thanh tra tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"}

// Scale generates a national data set with COPY: a root, provinces and their reporting
// units, one plan with targets and tasks assigned to every unit, regime periods and one
// report per unit and period with every result. Bulk rows go in with triggers off; the
// dashboard summaries are then rebuilt set-based, the same figures the triggers keep.
func Scale(ctx context.Context, st *postgres.Store, opt ScaleOptions, now time.Time) (ScaleInfo, error) {
	started := time.Now()
	logf := opt.Log
	if logf == nil {
		logf = func(string, ...any) {}
	}
	if opt.Provinces <= 0 || opt.Provinces > len(provinceNames) {
		opt.Provinces = len(provinceNames)
	}
	if opt.Units < opt.Provinces || opt.Targets < 1 || opt.Periods < 1 || opt.Tasks < 0 {
		return ScaleInfo{}, errors.New("seed scale: want --units ≥ provinces, --targets ≥ 1, --periods ≥ 1")
	}
	if _, err := st.PlanIDByCode(ctx, ScalePlanCode); err == nil {
		return ScaleInfo{}, fmt.Errorf("seed scale: plan %s already exists; use a fresh database", ScalePlanCode)
	}
	g := &scaleGen{st: st, opt: opt, now: now, info: ScaleInfo{Units: opt.Units, Targets: opt.Targets, Tasks: opt.Tasks, Periods: opt.Periods}}
	steps := []struct {
		name string
		fn   func(context.Context) error
	}{
		{"units and users", g.makeUnits}, {"plan, targets, tasks, periods", g.plan}, {"assignments", g.assignments},
		{"reports", g.makeReports}, {"target results", g.targetResults}, {"task results", g.taskResults},
		{"dashboard summaries (set-based rebuild)", st.RebuildDashboard},
	}
	for _, s := range steps {
		t := time.Now()
		if err := s.fn(ctx); err != nil {
			return g.info, fmt.Errorf("seed scale: %s: %w", s.name, err)
		}
		logf("%-42s %6.1f s", s.name, time.Since(t).Seconds())
	}
	g.info.Seconds = math.Round(time.Since(started).Seconds()*10) / 10
	b, _ := json.Marshal(g.info)
	if err := st.SetSetting(ctx, scaleSetting, string(b)); err != nil {
		return g.info, err
	}
	return g.info, nil
}

type scaleGen struct {
	st      *postgres.Store
	opt     ScaleOptions
	now     time.Time
	info    ScaleInfo
	units   []int64 // reporting units, province by province
	periods []store.Period
	targets []store.Target
	tasks   []int64
	reports []int64 // by unit*periods+period; 0 when the unit never started it
	status  []string
}

func (g *scaleGen) makeUnits(ctx context.Context) error {
	n := 1 + g.opt.Provinces + g.opt.Units
	ids, err := g.st.NextIDs(ctx, "units", n)
	if err != nil {
		return err
	}
	rows := make([][]any, 0, n)
	g.info.RootID = ids[0]
	rows = append(rows, []any{ids[0], "QG", "Toàn quốc", nil})
	next := 1 + g.opt.Provinces
	for p := 0; p < g.opt.Provinces; p++ {
		pid := ids[1+p]
		g.info.ProvinceIDs = append(g.info.ProvinceIDs, pid)
		name := "Tỉnh " + provinceNames[p]
		switch provinceNames[p] {
		case "Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ":
			name = "Thành phố " + provinceNames[p]
		}
		rows = append(rows, []any{pid, fmt.Sprintf("T%02d", p+1), name, ids[0]})
		// spread the reporting units evenly; the first 13 of a province are its departments
		count := g.opt.Units / g.opt.Provinces
		if p < g.opt.Units%g.opt.Provinces {
			count++
		}
		lower := strings.ToLower(name[:1]) + name[1:] // "tỉnh Nghệ An", "thành phố Huế"
		for i := 0; i < count; i++ {
			code, unit := fmt.Sprintf("T%02d-X%03d", p+1, i-len(departmentNames)+1), fmt.Sprintf("Ủy ban nhân dân xã số %d, %s", i-len(departmentNames)+1, lower)
			if i < len(departmentNames) {
				code, unit = fmt.Sprintf("T%02d-S%02d", p+1, i+1), departmentNames[i]+" "+lower
			}
			rows = append(rows, []any{ids[next], code, unit, pid})
			g.units = append(g.units, ids[next])
			next++
		}
	}
	// with triggers: the units tree's closure is kept as units are added
	if _, err := g.st.CopyRows(ctx, "units", []string{"id", "code", "name", "parent_id"}, pgx.CopyFromRows(rows), false); err != nil {
		return err
	}
	g.info.StaffUnitID = g.units[0]
	for i := 0; i < len(g.units); i += max(1, len(g.units)/32) {
		g.info.UnitSample = append(g.info.UnitSample, g.units[i])
	}
	hash, err := password.Hash(DemoPassword)
	if err != nil {
		return err
	}
	return g.st.InPgxTx(ctx, func(tx *postgres.Queries) error {
		for _, u := range []store.UserInput{
			{Username: ScaleDirector, FullName: "Lãnh đạo Bộ (dữ liệu quy mô toàn quốc)", Role: "director", UnitID: g.info.RootID, Active: true},
			{Username: ScaleStaff, FullName: "Chuyên viên (dữ liệu quy mô toàn quốc)", Role: "staff", UnitID: g.info.StaffUnitID, Active: true},
		} {
			if _, err := tx.CreateUser(ctx, u, hash); err != nil {
				return err
			}
		}
		return nil
	})
}

// ScaleTargetKind is the kind of the generated plan's i-th target (0-based).
func ScaleTargetKind(i int) string {
	kind, _, _, _, _ := targetShape(i)
	return kind
}

// targetShape gives target i a kind and commitment; the mix is that of real plans: mostly
// rates, some counts, a few yearly growths and milestones.
func targetShape(i int) (kind, op string, value *float64, deadline int, eachYear bool) {
	v := func(f float64) *float64 { return &f }
	switch i % 10 {
	case 0, 1, 2, 3:
		return "percent", ">=", v(float64(70 + 5*(i%6))), 0, true
	case 4, 5:
		return "percent", ">=", v(100), 2023 + i%3, false
	case 6:
		return "count", ">=", v(float64(20 * (1 + i%4))), 0, true
	case 7:
		return "ratio_growth", ">=", v(20), 0, true
	case 8:
		return "milestone", "", nil, 2024 + i%2, false
	}
	return "percent", "<=", v(5), 0, true // e.g. dossiers settled late
}

func (g *scaleGen) plan(ctx context.Context) error {
	pf, err := loadPlanFile()
	if err != nil {
		return err
	}
	return g.st.InPgxTx(ctx, func(tx *postgres.Queries) error {
		var areas []int64
		for i, a := range pf.Areas {
			id, err := tx.UpsertArea(ctx, store.ReformArea{Key: a.Key, Name: a.Name, NameEN: a.EN, Position: i + 1})
			if err != nil {
				return err
			}
			areas = append(areas, id)
		}
		plan, err := tx.CreatePlan(ctx, store.PlanInput{Code: ScalePlanCode, Title: "Kế hoạch cải cách hành chính nhà nước giai đoạn 2021-2030 (dữ liệu quy mô toàn quốc)",
			IssuedOn: time.Date(2021, 1, 15, 0, 0, 0, 0, domain.Location), IssuedBy: "Bộ Nội vụ", StartYear: 2021, EndYear: 2030,
			LegalBasis: []string{"Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ"}, Status: "active"})
		if err != nil {
			return err
		}
		g.info.PlanID = plan
		for i := 0; i < g.opt.Targets; i++ {
			kind, op, value, deadline, each := targetShape(i)
			unit := ""
			if kind == "percent" || kind == "ratio_growth" {
				unit = "%"
			} else if kind == "count" {
				unit = "văn bản"
			}
			t := store.Target{PlanID: plan, AreaID: areas[i%len(areas)], Code: fmt.Sprintf("CT%03d", i+1), Position: i + 1,
				Text: fmt.Sprintf("Chỉ tiêu %d của kế hoạch quốc gia (%s)", i+1, domain.TargetKind(kind).Label("vi")), Kind: domain.TargetKind(kind), Op: domain.Comparison(op),
				Value: value, MeasureUnit: unit, DeadlineYear: deadline, EachYear: each}
			if t.ID, err = tx.CreateTarget(ctx, t); err != nil {
				return err
			}
			g.targets = append(g.targets, t)
			g.info.TargetIDs = append(g.info.TargetIDs, t.ID)
		}
		for i := 0; i < g.opt.Tasks; i++ {
			deadline := time.Date(2022+i%5, 12, 31, 0, 0, 0, 0, domain.Location)
			id, err := tx.CreateTask(ctx, store.Task{PlanID: plan, AreaID: areas[i%len(areas)], Code: fmt.Sprintf("NV%02d", i+1), Position: i + 1,
				Text: fmt.Sprintf("Nhiệm vụ %d của kế hoạch quốc gia", i+1), LeadUnitID: g.units[(i*97)%len(g.units)], Deadline: &deadline,
				ExpectedOutput: "Báo cáo kết quả thực hiện"}, nil)
			if err != nil {
				return err
			}
			g.tasks = append(g.tasks, id)
		}
		for i := 0; i < g.opt.Periods; i++ {
			year, k := 2021+i/4, domain.RegimePeriods()[i%4]
			start, end := domain.DataWindow(year, k)
			p := store.Period{Year: year, Kind: k, StartsOn: start, EndsOn: end, Deadline: domain.DefaultDeadline(year, k, 10)}
			if p.Deadline.Before(g.now.AddDate(0, 0, -90)) {
				closed := p.Deadline.AddDate(0, 0, 20)
				p.ClosedAt = &closed
			}
			if p.ID, err = tx.UpsertPeriod(ctx, p); err != nil {
				return err
			}
			g.periods = append(g.periods, p)
			g.info.PeriodIDs = append(g.info.PeriodIDs, p.ID)
		}
		return nil
	})
}
