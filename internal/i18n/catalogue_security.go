package i18n

// Messages of the security controls of issue 14 (timeouts, quotas, separation of duties).
func init() {
	Register(map[string][2]string{
		"err.body_timeout": {"Dữ liệu gửi lên đến quá chậm nên kết nối đã bị ngắt. Vui lòng kiểm tra đường truyền và gửi lại.",
			"What you sent arrived too slowly and the connection was cut. Check the connection and send it again."},
		"committed.title":    {"Đã lưu thay đổi", "Your change is saved"},
		"committed.continue": {"Tiếp tục", "Continue"},
		"committed.session_not_saved": {"Thay đổi của bạn đã được lưu vào hệ thống. Tuy nhiên cơ sở dữ liệu vừa bị gián đoạn nên phiên làm việc chưa được cập nhật: nếu trang tiếp theo yêu cầu đăng nhập lại, thay đổi trên vẫn còn nguyên, không cần nhập lại.",
			"Your change is stored. The database was interrupted just after, so your session could not be updated: if the next page asks you to sign in again, the change is still there and need not be entered again."},
		"err.draining": {"Hệ thống đang khởi động lại để cập nhật. Vui lòng tải lại sau khoảng một phút.",
			"The portal is restarting for an update. Please download again in about a minute."},
	})
}
