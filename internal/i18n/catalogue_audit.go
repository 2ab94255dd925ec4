package i18n

// Names of audited actions and entities, so the audit log reads as a sentence to the admin;
// an action without a name here shows its code.
func init() {
	Register(map[string][2]string{
		"audit.action.login.success":         {"Đăng nhập", "Signed in"},
		"audit.action.login.failed":          {"Đăng nhập sai", "Failed sign-in"},
		"audit.action.login.lockout":         {"Khóa tài khoản do đăng nhập sai", "Account locked after failures"},
		"audit.action.login.locked":          {"Đăng nhập vào tài khoản đang khóa", "Sign-in to a locked account"},
		"audit.action.login.throttled":       {"Chặn đăng nhập từ máy này", "Sign-in throttled for this address"},
		"audit.action.logout":                {"Đăng xuất", "Signed out"},
		"audit.action.user.create":           {"Tạo người dùng", "User created"},
		"audit.action.user.update":           {"Sửa người dùng", "User changed"},
		"audit.action.user.password_changed": {"Đổi mật khẩu", "Password changed"},
		"audit.action.user.password_reset":   {"Cấp lại mật khẩu", "Password reset"},
		"audit.action.unit.create":           {"Tạo đơn vị", "Unit created"},
		"audit.action.unit.update":           {"Sửa đơn vị", "Unit changed"},
		"audit.action.seed.demo":             {"Nạp dữ liệu mẫu", "Demo data loaded"},
		"audit.action.report.save":           {"Lưu báo cáo", "Report saved"},
		"audit.action.report.submit":         {"Nộp báo cáo", "Report submitted"},
		"audit.action.report.approve":        {"Duyệt báo cáo", "Report approved"},
		"audit.action.report.return":         {"Trả lại báo cáo", "Report returned"},
		"audit.action.report.reopen":         {"Mở lại báo cáo", "Report reopened"},
		"audit.action.report.comment":        {"Góp ý báo cáo", "Comment on a report"},
		"audit.action.plan.create":           {"Tạo kế hoạch", "Plan created"},
		"audit.action.plan.update":           {"Sửa kế hoạch", "Plan changed"},
		"audit.action.plan.import":           {"Nhập kế hoạch từ Excel", "Plan imported"},
		"audit.action.plan.assign":           {"Phân công đơn vị", "Assignments changed"},
		"audit.action.plan.activate":         {"Ban hành kế hoạch", "Plan activated"},
		"audit.action.plan.close":            {"Kết thúc kế hoạch", "Plan closed"},
		"audit.action.target.create":         {"Thêm chỉ tiêu", "Target added"},
		"audit.action.target.update":         {"Sửa chỉ tiêu", "Target changed"},
		"audit.action.task.create":           {"Thêm nhiệm vụ", "Task added"},
		"audit.action.task.update":           {"Sửa nhiệm vụ", "Task changed"},
		"audit.action.period.generate":       {"Tạo kỳ báo cáo", "Periods generated"},
		"audit.action.period.deadline":       {"Sửa hạn nộp", "Deadline changed"},
		"audit.action.period.close":          {"Khóa kỳ báo cáo", "Period closed"},
		"audit.action.period.reopen":         {"Mở lại kỳ báo cáo", "Period reopened"},
		"audit.entity.user":                  {"Người dùng", "User"},
		"audit.entity.unit":                  {"Đơn vị", "Unit"},
		"audit.entity.report":                {"Báo cáo", "Report"},
		"audit.entity.report_comment":        {"Ý kiến về báo cáo", "Comment on a report"},
		"audit.entity.plan":                  {"Kế hoạch", "Plan"},
		"audit.entity.target":                {"Chỉ tiêu", "Target"},
		"audit.entity.task":                  {"Nhiệm vụ", "Task"},
		"audit.entity.period":                {"Kỳ báo cáo", "Period"},
	})
}

// Has reports whether key has a translation.
func Has(key string) bool {
	_, ok := catalogue[key]
	return ok
}
