package authz

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const unitA, unitB, unitCCHC = 1, 2, 3

var (
	anon      = Principal{}
	staffA    = Principal{UserID: 10, Role: RoleStaff, UnitID: unitA}
	admin     = Principal{UserID: 15, Role: RoleAdmin}
	decisions = map[Decision]string{Deny: "deny", Hide: "hide", Allow: "allow"}
)

// policy is the whole authorization policy written out by hand: for anyone not signed in
// and for each role, every action's decision on the principal's own unit's records and on
// another unit's ("A" allow, "H" hide: 404, "D" deny: 403). Director and admin belong to no
// unit, so for them both columns are another unit's. TestDecide fails when a role or an
// action has no row here, so a new one cannot go untested.
var policy = map[string]map[Action]string{
	"anonymous": {
		ViewUnitReports: "D/D", EditUnitReport: "D/D", SubmitReport: "D/D", ReviewReports: "D/D", ReopenReport: "D/D",
		ViewAllUnits: "D/D", ManagePlans: "D/D", ExportReports: "D/D", Comment: "D/D",
		DraftDocuments: "D/D", SignDocuments: "D/D", AdminUsers: "D/D", ViewAudit: "D/D",
	},
	string(RoleStaff): {
		ViewUnitReports: "A/H", EditUnitReport: "A/H", SubmitReport: "A/H", ReviewReports: "D/D", ReopenReport: "D/D",
		ViewAllUnits: "D/D", ManagePlans: "D/D", ExportReports: "D/D", Comment: "D/D",
		DraftDocuments: "D/D", SignDocuments: "D/D", AdminUsers: "D/D", ViewAudit: "D/D",
	},
	string(RoleUnitHead): {
		ViewUnitReports: "A/H", EditUnitReport: "A/H", SubmitReport: "A/H", ReviewReports: "D/D", ReopenReport: "D/D",
		ViewAllUnits: "D/D", ManagePlans: "D/D", ExportReports: "D/D", Comment: "D/D",
		DraftDocuments: "D/D", SignDocuments: "D/D", AdminUsers: "D/D", ViewAudit: "D/D",
	},
	// The reform office enters its own unit's report like any unit, and may not enter another's.
	string(RoleReformOffice): {
		ViewUnitReports: "A/A", EditUnitReport: "A/D", SubmitReport: "A/D", ReviewReports: "A/A", ReopenReport: "A/A",
		ViewAllUnits: "A/A", ManagePlans: "A/A", ExportReports: "A/A", Comment: "A/A",
		DraftDocuments: "A/A", SignDocuments: "D/D", AdminUsers: "D/D", ViewAudit: "D/D",
	},
	string(RoleDirector): {
		ViewUnitReports: "A/A", EditUnitReport: "D/D", SubmitReport: "D/D", ReviewReports: "D/D", ReopenReport: "D/D",
		ViewAllUnits: "A/A", ManagePlans: "D/D", ExportReports: "A/A", Comment: "A/A",
		DraftDocuments: "D/D", SignDocuments: "A/A", AdminUsers: "D/D", ViewAudit: "D/D",
	},
	string(RoleAdmin): {
		ViewUnitReports: "A/A", EditUnitReport: "D/D", SubmitReport: "D/D", ReviewReports: "D/D", ReopenReport: "D/D",
		ViewAllUnits: "A/A", ManagePlans: "D/D", ExportReports: "D/D", Comment: "D/D",
		DraftDocuments: "D/D", SignDocuments: "D/D", AdminUsers: "A/A", ViewAudit: "A/A",
	},
}

// TestDecide goes through every (principal, action) pair of Roles() × Actions(), plus
// anyone not signed in, each on the principal's own unit and on another unit.
func TestDecide(t *testing.T) {
	letter := map[Decision]string{Deny: "D", Hide: "H", Allow: "A"}
	principals := map[string]Principal{"anonymous": anon}
	for i, r := range Roles() {
		p := Principal{UserID: int64(100 + i), Role: r}
		if r.NeedsUnit() {
			p.UnitID = unitA
		}
		principals[string(r)] = p
	}
	if len(principals) != len(policy) {
		t.Errorf("policy has rows for %d principals, Roles() and anonymous make %d", len(policy), len(principals))
	}
	pairs := 0
	for who, p := range principals {
		row, ok := policy[who]
		if !ok {
			t.Errorf("policy has no row for %s", who)
			continue
		}
		if len(row) != len(Actions()) {
			t.Errorf("policy row %s has %d actions, Actions() has %d", who, len(row), len(Actions()))
		}
		for _, a := range Actions() {
			want, ok := row[a]
			if !ok {
				t.Errorf("policy has no decision for %s × %s", who, a)
				continue
			}
			var own int64 = unitA
			if p.UnitID == 0 {
				own = unitCCHC // the principal has no unit: any unit is another's
			}
			got := letter[Decide(p, a, own)] + "/" + letter[Decide(p, a, unitB)]
			if got != want {
				t.Errorf("Decide(%s, %s) own/other unit = %s, want %s", who, a, got, want)
			}
			pairs++
		}
	}
	if want := (len(Roles()) + 1) * len(Actions()); pairs != want {
		t.Errorf("checked %d pairs, want %d", pairs, want)
	}
}

// Edge cases outside the grid.
func TestDecideEdges(t *testing.T) {
	cases := []struct {
		who    string
		p      Principal
		action Action
		unit   int64
		want   Decision
	}{
		{"staff without unit edits", Principal{UserID: 1, Role: RoleStaff}, EditUnitReport, unitA, Hide},
		{"staff without unit reads a unit", Principal{UserID: 1, Role: RoleStaff}, ViewUnitReports, unitA, Hide},
		{"staff asks about unit 0", staffA, ViewUnitReports, 0, Hide},
		{"unknown role reads a unit", Principal{UserID: 1, Role: "root", UnitID: unitA}, ViewUnitReports, unitA, Allow},
		{"unknown role edits its unit", Principal{UserID: 1, Role: "root", UnitID: unitA}, EditUnitReport, unitA, Deny},
		{"unknown role manages users", Principal{UserID: 1, Role: "root"}, AdminUsers, 0, Deny},
		{"unknown action", admin, Action("fly"), 0, Deny},
	}
	for _, tc := range cases {
		t.Run(tc.who, func(t *testing.T) {
			if got := Decide(tc.p, tc.action, tc.unit); got != tc.want {
				t.Errorf("Decide(%s, %s, unit %d) = %s, want %s", tc.p.Role, tc.action, tc.unit, decisions[got], decisions[tc.want])
			}
		})
	}
}

// TestActionsListsEveryAction parses this package's source: every constant of type Action
// must be in Actions(), or TestDecide would silently skip it.
func TestActionsListsEveryAction(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, a := range Actions() {
		listed[string(a)] = true
	}
	declared := 0
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Action" {
					continue
				}
				for _, v := range vs.Values {
					lit, ok := v.(*ast.BasicLit)
					if !ok {
						t.Fatalf("%s: an Action constant that is not a string literal", fset.Position(v.Pos()))
					}
					value, _ := strconv.Unquote(lit.Value)
					declared++
					if !listed[value] {
						t.Errorf("action %q is declared but not in Actions()", value)
					}
				}
			}
		}
	}
	if declared != len(Actions()) {
		t.Errorf("%d Action constants declared, Actions() lists %d", declared, len(Actions()))
	}
}

func TestRoles(t *testing.T) {
	for _, r := range Roles() {
		if !r.Valid() || r.Label("vi") == string(r) || r.Label("en") == string(r) {
			t.Errorf("role %q lacks validity or labels", r)
		}
	}
	if Role("root").Valid() {
		t.Error("unknown role is valid")
	}
	if !RoleStaff.NeedsUnit() || RoleDirector.NeedsUnit() {
		t.Error("NeedsUnit wrong")
	}
}
