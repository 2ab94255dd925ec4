package i18n

// Messages of the domain rules' errors (internal/domain): each error carries one of these
// keys and its arguments, and is translated where it is shown.
func init() {
	Register(map[string][2]string{
		"domain.transition.period_closed":     {"Kỳ báo cáo đã khóa, không thể thay đổi báo cáo", "The reporting period is closed; the report cannot be changed"},
		"domain.transition.approved":          {"Báo cáo đã được duyệt và bị khóa", "The report is approved and locked"},
		"domain.transition.submitted":         {"Báo cáo đã nộp, không thể sửa", "The report has been submitted and cannot be edited"},
		"domain.transition.already_submitted": {"Báo cáo đã được nộp trước đó", "The report has already been submitted"},
		"domain.transition.reopen":            {"Chỉ mở lại được báo cáo đã duyệt", "Only an approved report can be reopened"},
		"domain.transition.return_unsent":     {"Báo cáo chưa nộp nên chưa thể trả lại", "The report has not been submitted, so it cannot be returned"},
		"domain.transition.approve_unsent":    {"Báo cáo chưa nộp nên chưa thể duyệt", "The report has not been submitted, so it cannot be approved"},
		"domain.transition.other":             {"Thao tác không hợp lệ với báo cáo này", "This action is not allowed on this report"},
		"domain.period_not_started":           {"Kỳ báo cáo chưa bắt đầu: chưa thể nhập hoặc nộp báo cáo cho kỳ này", "The reporting period has not started: its report cannot be entered or submitted yet"},

		"domain.date.empty":   {"Chưa nhập ngày. Nhập theo dạng dd/mm/yyyy, ví dụ 14/03/2024", "No date entered. Enter it as dd/mm/yyyy, e.g. 14/03/2024"},
		"domain.date.invalid": {"Ngày \"%s\" không hợp lệ. Nhập theo dạng dd/mm/yyyy, ví dụ 14/03/2024", "\"%s\" is not a valid date. Enter it as dd/mm/yyyy, e.g. 14/03/2024"},

		"domain.number.empty":    {"Chưa nhập giá trị. Ví dụ hợp lệ: 12,5 hoặc 12.5", "No value entered. Valid examples: 12,5 or 12.5"},
		"domain.number.grouping": {"Giá trị \"%s\" có dấu phân cách hàng nghìn không đúng (mỗi nhóm 3 chữ số). Ví dụ hợp lệ: 1.234,5 hoặc 1.234.567", "\"%s\" has misplaced thousands separators (groups of 3 digits). Valid examples: 1.234,5 or 1.234.567"},
		"domain.number.range":    {"Giá trị \"%s\" quá lớn. Ví dụ hợp lệ: 12,5 hoặc 12.5", "\"%s\" is too large. Valid examples: 12,5 or 12.5"},
		"domain.number.invalid":  {"Giá trị \"%s\" không phải là số. Ví dụ hợp lệ: 12,5 hoặc 12.5", "\"%s\" is not a number. Valid examples: 12,5 or 12.5"},

		"domain.value.percent": {"Tỷ lệ phải từ 0 đến 100", "A percentage must be between 0 and 100"},
		"domain.value.count":   {"Số lượng phải là số nguyên không âm", "A count must be a whole number, 0 or more"},
		"domain.value.growth":  {"Mức tăng phải từ -100 đến 100 điểm %", "Growth must be between -100 and 100 points"},
		"domain.value.kind":    {"Loại chỉ tiêu không hợp lệ", "Unknown target kind"},

		"domain.schedule.year":      {"Năm \"%s\" trong chỉ tiêu theo năm không hợp lệ (từ 2000 đến 2100)", "The year \"%s\" in the yearly commitments is invalid (2000 to 2100)"},
		"domain.schedule.op":        {"Phép so sánh trong \"%s\" không hợp lệ: dùng ≥, >, ≤, < hoặc =", "The comparison in \"%s\" is invalid: use ≥, >, ≤, < or ="},
		"domain.schedule.value":     {"Giá trị trong \"%s\" không phải là số", "The value in \"%s\" is not a number"},
		"domain.schedule.duplicate": {"Năm %s có hơn một mức chỉ tiêu", "The year %s has more than one commitment"},
		"domain.schedule.format":    {"Không đọc được \"%s\": mỗi mức ghi theo dạng 2024: ≥ 95", "Cannot read \"%s\": write each as 2024: ≥ 95"},
	})
}
