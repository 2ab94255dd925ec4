package i18n

// Strings of notifications: the bell, the list and what each kind says.
func init() {
	Register(map[string][2]string{
		"notify.nav":         {"Thông báo", "Notifications"},
		"notify.bell_unread": {"Thông báo: %d chưa đọc", "Notifications: %d unread"},
		"notify.title":       {"Thông báo", "Notifications"},
		"notify.lead": {"Nhắc hạn nộp báo cáo và những việc liên quan đến báo cáo của đơn vị. Chọn một thông báo để mở hồ sơ.",
			"Deadline reminders and what happens to your unit's reports. Choose one to open its record."},
		"notify.read_all": {"Đánh dấu tất cả là đã đọc", "Mark all as read"},
		"notify.all_read": {"Đã đánh dấu tất cả thông báo là đã đọc.", "All notifications are marked as read."},
		"notify.none":     {"Chưa có thông báo nào.", "No notifications yet."},
		"notify.unread":   {"Mới", "New"},
		"notify.text.deadline": {"Còn %[1]d ngày đến hạn nộp báo cáo %[2]s (hạn %[3]s); báo cáo của %[4]s chưa được gửi.",
			"%[1]d days left to send the %[2]s report (due %[3]s); %[4]s has not sent it yet."},
		"notify.text.overdue": {"Báo cáo %[2]s của %[4]s đã quá hạn %[1]d ngày (hạn %[3]s) mà chưa được gửi.",
			"The %[2]s report of %[4]s is %[1]d days overdue (due %[3]s) and has not been sent."},
		"notify.text.other": {"Có thông báo về báo cáo %s của %s.", "A notice about the %s report of %s."},
	})
}
