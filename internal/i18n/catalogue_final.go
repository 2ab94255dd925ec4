package i18n

func init() {
	Register(map[string][2]string{
		"final.title":      {"Đánh giá cuối kỳ", "Final evaluation"},
		"final.lead":       {"Kế hoạch %s (%d–%d): kết quả từng chỉ tiêu khi đến hạn hoặc khi kết thúc kế hoạch, và diễn biến qua các năm.", "Plan %s (%d–%d): each target's verdict at its deadline or at the plan's end, and its path over the years."},
		"final.not_ended":  {"Kế hoạch chưa kết thúc: đây là đánh giá tạm tính đến hết năm %d.", "The plan has not ended: this is a provisional evaluation to the end of %d."},
		"final.summary":    {"Tổng hợp đánh giá", "Summary"},
		"final.judged_at":  {"Thời điểm đánh giá", "Judged at"},
		"final.deadline":   {"Hạn năm %d", "Due %d"},
		"final.plan_end":   {"Hết năm %d", "End of %d"},
		"final.path":       {"Diễn biến qua các năm", "Path over the years"},
		"final.verdict":    {"Đánh giá", "Verdict"},
		"final.link":       {"Đánh giá cuối kỳ kế hoạch", "Final evaluation of the plan"},
		"final.targets":    {"Chỉ tiêu", "Targets"},
		"final.table":      {"Đánh giá từng chỉ tiêu", "Each target's verdict"},
		"final.year_short": {"Năm %d", "%d"},
	})
}
