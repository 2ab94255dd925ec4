package i18n

// Strings of a report form kept across an ended session.
func init() {
	Register(map[string][2]string{
		"login.kept": {"Phiên làm việc đã hết hạn. Nội dung bạn nhập đã được giữ lại; hãy đăng nhập lại để tiếp tục.",
			"Your session has expired. What you typed has been kept; sign in again to continue."},
		"report.restored": {"Nội dung bạn nhập lúc %s (khi phiên làm việc đã hết hạn) đã được khôi phục vào biểu mẫu nhưng CHƯA được lưu. Hãy kiểm tra rồi bấm “Lưu nháp” hoặc “Nộp báo cáo”.",
			"What you typed at %s (after your session had expired) is back in the form but NOT saved yet. Check it, then press “Save draft” or “Submit report”."},
		"report.restored_files": {"Các tệp đã chọn khi đó chưa được tải lên, xin chọn lại: %s.",
			"The files chosen then were not uploaded; please choose them again: %s."},
		"report.submit_kept_saved": {"Báo cáo chưa nộp được vì còn thiếu kết quả; nội dung đã nhập được lưu nháp lúc %s.",
			"The report was not submitted because results are missing; what you typed was saved as a draft at %s."},
		"report.submit_kept_unchanged": {"Báo cáo chưa nộp được vì còn thiếu kết quả; bản nháp đã lưu không có gì thay đổi.",
			"The report was not submitted because results are missing; the saved draft had no changes."},
		"report.submit_missing_title": {"Chưa nộp được. Cần bổ sung các mục sau rồi nộp lại:",
			"Not submitted. Complete the following, then submit again:"},
	})
}
