package i18n

// Messages of the security controls of issue 14 (timeouts, quotas, separation of duties).
func init() {
	Register(map[string][2]string{
		"err.body_timeout": {"Dữ liệu gửi lên đến quá chậm nên kết nối đã bị ngắt. Vui lòng kiểm tra đường truyền và gửi lại.",
			"What you sent arrived too slowly and the connection was cut. Check the connection and send it again."},
		"err.draining": {"Hệ thống đang khởi động lại để cập nhật. Vui lòng tải lại sau khoảng một phút.",
			"The portal is restarting for an update. Please download again in about a minute."},
	})
}
