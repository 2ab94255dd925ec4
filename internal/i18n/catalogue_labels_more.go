package i18n

// Role names (internal/authz) and the dashboard's short period names (chart ticks, table
// heads: QI/25, 6T/25).
func init() {
	Register(map[string][2]string{
		"authz.role.staff":         {"Chuyên viên đơn vị", "Unit staff"},
		"authz.role.unit_head":     {"Lãnh đạo đơn vị", "Unit head"},
		"authz.role.reform_office": {"Phòng Cải cách hành chính", "Reform office"},
		"authz.role.director":      {"Lãnh đạo Sở", "Director"},
		"authz.role.admin":         {"Quản trị hệ thống", "Administrator"},

		"dashboard.short.q1":   {"QI", "Q1"},
		"dashboard.short.q2":   {"QII", "Q2"},
		"dashboard.short.q3":   {"QIII", "Q3"},
		"dashboard.short.q4":   {"QIV", "Q4"},
		"dashboard.short.h1":   {"6T", "H1"},
		"dashboard.short.year": {"Năm", "Y"},
	})
}
