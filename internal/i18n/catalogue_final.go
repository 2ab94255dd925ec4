package i18n

func init() {
	Register(map[string][2]string{
		"final.title":         {"Đánh giá cuối kỳ", "Final evaluation"},
		"final.lead":          {"Kế hoạch %s (%d–%d): kết quả từng chỉ tiêu khi đến hạn hoặc khi kết thúc kế hoạch, và diễn biến qua các năm.", "Plan %s (%d–%d): each target's verdict at its deadline or at the plan's end, and its path over the years."},
		"final.not_ended":     {"Kế hoạch chưa kết thúc: đây là đánh giá tạm tính đến hết năm %d.", "The plan has not ended: this is a provisional evaluation to the end of %d."},
		"final.summary":       {"Tổng hợp đánh giá", "Summary"},
		"final.judged_at":     {"Thời điểm đánh giá", "Judged at"},
		"final.deadline":      {"Hạn năm %d", "Due %d"},
		"final.plan_end":      {"Hết năm %d", "End of %d"},
		"final.path":          {"Diễn biến qua các năm", "Path over the years"},
		"final.verdict":       {"Đánh giá", "Verdict"},
		"final.link":          {"Đánh giá cuối kỳ kế hoạch", "Final evaluation of the plan"},
		"final.targets":       {"Chỉ tiêu", "Targets"},
		"final.table":         {"Đánh giá từng chỉ tiêu", "Each target's verdict"},
		"final.year_short":    {"Năm %d", "%d"},
		"final.by_period":     {"Xem tổng quan theo kỳ báo cáo (%s)", "The overview by reporting period (%s)"},
		"final.export":        {"Lập báo cáo tổng kết kế hoạch", "Compile the plan's closing report"},
		"report.hint_ratio":   {"Nhập hai số đếm của kỳ báo cáo; cổng tính tỷ lệ %.", "Enter the period's two counts; the portal computes the percentage."},
		"report.ratio_stored": {"Tỷ lệ đã lưu: %s%%", "Percentage saved: %s%%"},
		"plan.f.ratio":        {"Tính theo tử số và mẫu số (nếu có)", "Measured as a ratio of two counts (optional)"},
		"plan.f.ratio_hint":   {"Với chỉ tiêu là tỷ lệ của hai số đếm, ví dụ hồ sơ giải quyết đúng hạn / hồ sơ tiếp nhận: đơn vị báo cáo cả hai số, tỷ lệ chung của Sở là tổng tử số / tổng mẫu số. Bỏ trống nếu đơn vị báo cáo thẳng tỷ lệ %.", "For a target that is a ratio of two counts, e.g. dossiers settled on time / dossiers received: units report both counts and the department's figure is the sum of numerators over the sum of denominators. Leave blank if units report the percentage itself."},
		"plan.f.numerator":    {"Tử số (ví dụ: hồ sơ giải quyết đúng hạn)", "Numerator (e.g. dossiers settled on time)"},
		"plan.f.denominator":  {"Mẫu số (ví dụ: hồ sơ tiếp nhận)", "Denominator (e.g. dossiers received)"},
	})
}
