package i18n

// Strings of e-mail and of the administrator's mail page.
func init() {
	Register(map[string][2]string{
		"mail.subject":        {"[Cổng CCHC] %s", "[CCHC portal] %s"},
		"mail.digest_subject": {"[Cổng CCHC] Tổng hợp %d thông báo trong ngày", "[CCHC portal] %d notifications of the day"},
		"mail.greeting":       {"Kính gửi %s,", "Dear %s,"},
		"mail.open":           {"Mở hồ sơ trên Cổng", "Open on the portal"},
		"mail.footer": {"Thư này do Cổng theo dõi cải cách hành chính của Sở Nội vụ gửi tự động; vui lòng không trả lời thư.",
			"This message was sent automatically by the Department of Home Affairs' reform tracking portal; please do not reply."},
		"mail.prefs": {"Thay đổi cách nhận thông báo", "Change how you receive notifications"},
		"admin.mail": {"Thư điện tử", "E-mail"},
		"admin.mail.lead_smtp": {"Thư gửi qua máy chủ thư (SMTP_URL). Thư chưa gửi được sẽ được thử lại; thư bị từ chối vĩnh viễn được đánh dấu trên người dùng.",
			"Mail goes through the mail server (SMTP_URL). Mail not yet sent is retried; an address refused for good is marked on its user."},
		"admin.mail.lead_outbox": {"Chưa cấu hình máy chủ thư (SMTP_URL): thư được lưu tại đây (hộp thư đi) để đọc, không gửi ra ngoài.",
			"No mail server is set (SMTP_URL): mail is kept here (the outbox) to read, not sent."},
		"admin.mail.refused":       {"Địa chỉ bị từ chối", "Refused addresses"},
		"admin.mail.refused_lead":  {"Máy chủ thư từ chối vĩnh viễn các địa chỉ này; người dùng không nhận thư cho đến khi địa chỉ được sửa.", "The mail server refused these addresses for good; their users get no mail until the address is fixed."},
		"admin.mail.state":         {"Trạng thái", "State"},
		"admin.mail.all":           {"Tất cả", "All"},
		"admin.mail.state.pending": {"Chờ gửi", "Waiting"},
		"admin.mail.state.sent":    {"Đã gửi", "Sent"},
		"admin.mail.state.failed":  {"Gửi không được", "Failed"},
		"admin.mail.state.outbox":  {"Hộp thư đi", "Outbox"},
		"admin.mail.to":            {"Người nhận", "To"},
		"admin.mail.subject":       {"Tiêu đề", "Subject"},
		"admin.mail.created":       {"Tạo lúc", "Created"},
		"admin.mail.attempts":      {"Số lần gửi", "Attempts"},
		"admin.mail.error":         {"Lỗi gần nhất", "Last error"},
		"admin.mail.filter":        {"Lọc", "Filter"},
		"admin.mail.body":          {"Nội dung thư", "Message"},
		"admin.mail.back":          {"← Danh sách thư", "← All mail"},
	})
}
