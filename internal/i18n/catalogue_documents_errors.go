package i18n

// What the report-document use cases (internal/documents) refuse, and the labels they
// give statuses and kinds; the signer block's errors and forms (internal/domain/signer.go).
func init() {
	Register(map[string][2]string{
		"doc.status.draft":   {"Dự thảo", "Draft"},
		"doc.status.signing": {"Trình ký", "Awaiting signature"},
		"doc.status.issued":  {"Đã ban hành", "Issued"},
		"doc.unknown":        {"%s", "%s"},

		"doc.kind.q1":    {"Báo cáo quý I", "First-quarter report"},
		"doc.kind.h1":    {"Báo cáo 6 tháng", "Half-year report"},
		"doc.kind.q3":    {"Báo cáo 9 tháng (quý III)", "Nine-month report (Q3)"},
		"doc.kind.year":  {"Báo cáo năm", "Annual report"},
		"doc.kind.final": {"Báo cáo tổng kết Kế hoạch", "The plan's closing report"},

		"doc.err.section_long":           {"Nội dung mục dài quá %d ký tự; hãy rút gọn hoặc chuyển bớt sang phụ lục.", "The section is longer than %d characters; shorten it or move some of it to the appendix."},
		"doc.err.section_locked":         {"Báo cáo đang ở trạng thái “%s”, không sửa được nội dung. Nội dung bạn nhập vẫn còn dưới đây.", "The report is “%s”; its text cannot be changed. What you typed is still below."},
		"doc.err.section_conflict":       {"%s đã lưu mục này lúc %s, sau khi bạn mở nó. Nội dung bạn nhập chưa được lưu và vẫn còn dưới đây; hãy so với bản đã lưu, sửa lại rồi lưu.", "%s saved this section at %s, after you opened it. What you typed is not saved and is still below; compare it with the saved text, correct it and save."},
		"doc.err.date":                   {"Ngày ban hành: %s", "Date of issue: %s"},
		"doc.err.date_needed":            {"Nhập ngày ban hành: số văn bản được đăng ký theo năm ban hành.", "Enter the date of issue: document numbers are registered by the year of issue."},
		"doc.err.number_taken_year":      {"Số %s đã được dùng cho một văn bản khác năm %d. Nhập số khác.", "Number %s is already used by another document of %d. Enter another number."},
		"doc.err.number_taken":           {"Số này đã được dùng cho một văn bản khác cùng năm. Nhập số khác.", "This number is already used by another document of the same year. Enter another number."},
		"doc.err.signer_name":            {"Chưa nhập họ tên người ký.", "Enter the signer's name."},
		"doc.err.signer_name_submit":     {"Chưa nhập họ tên người ký: nhập ở phần Thông tin văn bản rồi trình ký.", "No signer's name: enter it under Document details, then submit."},
		"doc.err.signer_title":           {"Chưa nhập chức vụ người ký.", "Enter the signer's title."},
		"doc.err.governing_body":         {"Chưa nhập tên cơ quan chủ quản.", "Enter the governing body."},
		"doc.err.governing_body_example": {"Chưa nhập tên cơ quan chủ quản, ví dụ UBND TỈNH LÂM ĐỒNG.", "Enter the governing body, e.g. UBND TỈNH LÂM ĐỒNG."},
		"doc.err.issuing_body":           {"Chưa nhập tên cơ quan ban hành.", "Enter the issuing body."},
		"doc.err.place":                  {"Chưa nhập địa danh ghi trên văn bản.", "Enter the place written on the document."},
		"doc.err.too_long":               {"Nội dung dài quá 1000 ký tự.", "Longer than 1000 characters."},
		"doc.err.details_locked":         {"Báo cáo đang ở trạng thái “%s”, không sửa được thông tin văn bản.", "The report is “%s”; its details cannot be changed."},
		"doc.err.details_conflict":       {"Thông tin văn bản vừa được người khác lưu, sau khi bạn mở trang. Những gì bạn nhập chưa được lưu và vẫn còn dưới đây; hãy xem lại rồi lưu.", "Someone else saved the document's details after you opened the page. What you typed is not saved and is still below; check it, then save."},
		"doc.err.submit_not_draft":       {"Chỉ trình ký được báo cáo đang là dự thảo.", "Only a draft can be submitted for signature."},
		"doc.err.submit_conflict":        {"Thông tin văn bản vừa được người khác lưu; hãy xem lại trước khi trình ký.", "Someone else just saved the document's details; check them before submitting."},
		"doc.err.return_comment":         {"Ghi ý kiến: cần sửa những gì trước khi trình ký lại.", "Write what must change before it is submitted again."},
		"doc.err.return_not_signing":     {"Chỉ trả lại được báo cáo đang trình ký.", "Only a report awaiting signature can be returned."},
		"doc.err.comment_empty":          {"Chưa nhập ý kiến.", "No comment entered."},
		"doc.err.comment_long":           {"Ý kiến dài quá 4000 ký tự.", "The comment is longer than 4000 characters."},
		"doc.err.comment_issued":         {"Báo cáo đã ban hành, không thêm ý kiến được.", "The report is issued; no more comments can be added."},
		"doc.err.issue_not_signing":      {"Chỉ ban hành được báo cáo đang trình ký.", "Only a report awaiting signature can be issued."},
		"doc.err.issue_conflict":         {"Báo cáo vừa được thay đổi sau khi bạn mở trang; hãy xem lại rồi ban hành.", "The report changed after you opened the page; check it, then issue it."},

		"domain.signer.head":      {"Chưa nhập chức vụ của người đứng đầu cơ quan, ví dụ GIÁM ĐỐC.", "Enter the head's title, e.g. GIÁM ĐỐC."},
		"domain.signer.own":       {"Ký %s cần chức vụ của người ký, ví dụ PHÓ GIÁM ĐỐC.", "Signing %s needs the signer's own title, e.g. PHÓ GIÁM ĐỐC."},
		"domain.signer.form":      {"Hình thức ký không hợp lệ.", "Unknown way of signing."},
		"domain.sign_form.head":   {"Người đứng đầu ký", "Signed by the head"},
		"domain.sign_form.deputy": {"KT. — cấp phó ký thay người đứng đầu", "KT. — a deputy signs for the head"},
		"domain.sign_form.order":  {"TL. — ký thừa lệnh người đứng đầu", "TL. — signed by order of the head"},
		"domain.sign_form.acting": {"Q. — cấp phó được giao quyền", "Q. — an acting head"},
	})
}
