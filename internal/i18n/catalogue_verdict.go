package i18n

// Reasons of a target's verdict (internal/domain Evaluate): each sentence is a key whose
// arguments are years, figures already formatted the Vietnamese way, and smaller parts
// (the period, the gain) that are messages of their own. Some English sentences are built
// differently from the Vietnamese, hence the explicit argument indexes.
func init() {
	Register(map[string][2]string{
		"verdict.sentence": {"%s.", "%s."},

		"verdict.when.year":        {"năm %d", "%d"},
		"verdict.when.quarter":     {"quý %[1]s/%[3]d", "Q%[2]d %[3]d"},
		"verdict.when.year_cap":    {"Năm %d", "%d"},
		"verdict.when.quarter_cap": {"Quý %[1]s/%[3]d", "Q%[2]d %[3]d"},

		"verdict.no_data":      {"Chưa có số liệu báo cáo.", "No reported data yet."},
		"verdict.no_data_due":  {"Đã đến hạn năm %d nhưng chưa có số liệu báo cáo.", "The %d deadline has come and no data has been reported."},
		"verdict.no_data_year": {"Chưa có số liệu báo cáo năm %d.", "No data reported for %d yet."},
		"verdict.no_value":     {"Chỉ tiêu chưa có giá trị.", "The target has no value set."},
		"verdict.unknown_kind": {"Loại chỉ tiêu không xác định.", "Unknown target kind."},

		"verdict.trend.head":         {"%[1]s đạt %[2]s, chưa đạt %[3]s", "Latest value %[2]s is short of %[3]s"},
		"verdict.trend.few":          {"%s; %s — có nguy cơ không đạt.", "%s; %s — at risk."},
		"verdict.trend.few_year":     {"chưa đủ số liệu trong năm để tính xu hướng", "too few reports this year to see a trend"},
		"verdict.trend.few_single":   {"mới có một kỳ số liệu, chưa tính được xu hướng", "a single report gives no trend"},
		"verdict.trend.on_track":     {"%s; theo xu hướng dự kiến đạt %s vào cuối năm %d — đúng tiến độ.", "%s; the trend projects %s by the end of %d — on track."},
		"verdict.trend.at_risk":      {"%s; theo xu hướng dự kiến đạt %s vào cuối năm %d — có nguy cơ không đạt.", "%s; the trend projects %s by the end of %d — at risk."},
		"verdict.each.on_track":      {"%[1]s đạt %[2]s, đã đạt %[3]s; kết quả năm %[4]d được đánh giá khi hết năm — đúng tiến độ.", "Latest value %[2]s meets %[3]s; the year %[4]d is judged when it ends — on track."},
		"verdict.each.met":           {"Năm %d đạt %s, đạt chỉ tiêu %s.", "%d reached %s, meeting %s."},
		"verdict.each.not_kept":      {"Năm %d đã đạt %s nhưng năm %d chỉ còn %s, không duy trì được chỉ tiêu %s.", "%d reached %s but %d fell to %s: %s was not maintained."},
		"verdict.each.missed":        {"Hết năm %d, giá trị %s chưa đạt chỉ tiêu %s.", "Year %d ended at %s, short of %s."},
		"verdict.deadline.on_track":  {"%[1]s đạt %[2]s, đã đạt %[3]s; cần giữ mức này đến hạn năm %[4]d — đúng tiến độ.", "Latest value %[2]s meets %[3]s; it must hold until the %[4]d deadline — on track."},
		"verdict.deadline.met":       {"Đạt chỉ tiêu %s đúng hạn năm %d (%s: %s)", "Met %s by the %d deadline (%s: %s)"},
		"verdict.deadline.lost":      {"%s nhưng %s chỉ còn %s — không duy trì được.", "%s but %s fell to %s — not maintained."},
		"verdict.deadline.no_data":   {"Đến hạn năm %d chưa có số liệu báo cáo", "No data had been reported by the %d deadline"},
		"verdict.deadline.short":     {"Đến hạn năm %d chỉ đạt %s, chưa đạt chỉ tiêu %s", "By the %d deadline it reached only %s, short of %s"},
		"verdict.deadline.late":      {"%s; %s đạt %s, trễ hạn", "%s; %s reached %s, late"},
		"verdict.deadline.late_lost": {"%s, nhưng %s chỉ còn %s — không duy trì được.", "%s, but %s fell to %s — not maintained."},
		"verdict.deadline.still":     {"%s; %s: %s, vẫn chưa đạt.", "%s; %s: %s, still short."},

		"verdict.milestone.done_early":     {"Đã hoàn thành (báo cáo %s), trước hạn năm %d.", "Completed (report of %s), ahead of the %d deadline."},
		"verdict.milestone.time_left":      {"Chưa hoàn thành, còn thời hạn đến năm %d.", "Not done yet; due by %d."},
		"verdict.milestone.at_risk":        {"Chưa hoàn thành dù năm %d là năm hạn chót — có nguy cơ không đạt.", "Not done and %d is the deadline year — at risk."},
		"verdict.milestone.on_time":        {"Hoàn thành đúng hạn năm %d (báo cáo %s)", "Completed by the %d deadline (report of %s)"},
		"verdict.milestone.lost":           {"%s nhưng báo cáo %s cho biết chưa hoàn thành — không duy trì được.", "%s but the report of %s says it is not done — not maintained."},
		"verdict.milestone.late_lost":      {"%s, nhưng báo cáo %s cho biết chưa hoàn thành — không duy trì được.", "%s, but the report of %s says it is not done — not maintained."},
		"verdict.milestone.not_done":       {"Đến hạn năm %d chưa hoàn thành", "Not done by the %d deadline"},
		"verdict.milestone.late":           {"%s; hoàn thành theo báo cáo %s, trễ hạn", "%s; completed by the report of %s, late"},
		"verdict.milestone.still":          {"%s; báo cáo %s vẫn chưa hoàn thành.", "%s; the report of %s says it is still not done."},
		"verdict.milestone.done_year":      {"Đã hoàn thành trong năm %d.", "Completed in %d."},
		"verdict.milestone.year_missed":    {"Hết năm %d nhưng chưa hoàn thành.", "Year %d ended and it is not done."},
		"verdict.milestone.year_time_left": {"Chưa hoàn thành, còn thời gian đến cuối năm %d.", "Not done yet; there is time until the end of %d."},

		"verdict.growth.since_year":       {"so với cuối năm %d", "since the end of %d"},
		"verdict.growth.since_baseline":   {"so với giá trị ban đầu", "over the baseline"},
		"verdict.growth.no_pair":          {"Không có đơn vị nào có số liệu ở cả năm %d và năm %d để tính mức tăng.", "No unit has figures for both %d and %d to measure growth."},
		"verdict.growth.no_previous":      {"Chưa có số liệu năm trước để tính mức tăng.", "No data for the previous year to measure growth against."},
		"verdict.growth.matched":          {"; so sánh cùng %d đơn vị có số liệu ở cả hai kỳ", "; the same %d units with figures in both periods"},
		"verdict.growth.matched_left_out": {"; so sánh cùng %d đơn vị có số liệu ở cả hai kỳ, không tính %d đơn vị chỉ có số liệu ở một kỳ", "; the same %d units with figures in both periods, leaving out %d with figures in one period only"},
		"verdict.growth.gain":             {"Mức tăng %s %s (từ %s lên %s%s)", "Growth of %s %s (from %s to %s%s)"},
		"verdict.growth.gain_lower":       {"mức tăng %s %s (từ %s lên %s%s)", "growth of %s %s (from %s to %s%s)"},
		"verdict.growth.required":         {"chỉ tiêu %s", "%s"},
		"verdict.growth.required_capped":  {"mức cần tăng %[1]s (chỉ tiêu %[2]s, nhưng chỉ còn %[1]s đến 100%%)", "the %[1]s required (%[2]s, but only %[1]s remained to 100%%)"},
		"verdict.growth.met":              {"%s đạt %s.", "%s meets %s."},
		"verdict.growth.not_kept":         {"Cuối năm %d đã đạt %s nhưng năm %d chỉ còn %s%s — không duy trì được.", "The end of %d reached %s but %d fell to %s%s — not maintained."},
		"verdict.growth.missed":           {"Hết năm %d, %s chưa đạt %s.", "Year %d ended: %s, short of %s."},
		"verdict.growth.on_track":         {"%s đã đạt %s; kết quả năm %d được đánh giá khi hết năm — đúng tiến độ.", "%s meets %s; the year %d is judged when it ends — on track."},
		"verdict.growth.keeps_up":         {"%[1]s chưa đạt %[2]s cả năm nhưng theo kịp mức %[3]s cần có đến quý %[4]s — đúng tiến độ.", "%[1]s is short of %[2]s for the year but keeps up with the %[3]s due by Q%[5]d — on track."},
		"verdict.growth.behind":           {"%[1]s chưa đạt %[2]s cả năm và thấp hơn mức %[3]s cần có đến quý %[4]s — có nguy cơ không đạt.", "%[1]s is short of %[2]s for the year and below the %[3]s due by Q%[5]d — at risk."},

		"domain.ratio.missing": {"Nhập cả số %s và số %s", "Enter both the %s and the %s"},
		"domain.ratio.zero":    {"Số %s phải lớn hơn 0", "The %s must be more than 0"},
		"domain.ratio.above":   {"Số %s không được lớn hơn số %s", "The %s cannot exceed the %s"},

		"domain.docnumber.empty":   {"Chưa nhập số văn bản. Nhập số thứ tự trong năm, ví dụ 05 (ký hiệu /BC-… được thêm tự động) hoặc 05/BC-SNV.", "No document number entered. Enter its sequence number in the year, e.g. 05 (the symbol /BC-… is added for you), or 05/BC-SNV."},
		"domain.docnumber.invalid": {"Số văn bản \"%s\" không hợp lệ. Nhập số thứ tự trong năm, ví dụ 05, hoặc cả số và ký hiệu, ví dụ 05/BC-SNV.", "The document number \"%s\" is invalid. Enter its sequence number in the year, e.g. 05, or the number and symbol, e.g. 05/BC-SNV."},
	})
}
