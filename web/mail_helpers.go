package web

// mailBadge is a mail state's badge colour.
func mailBadge(state string) string {
	switch state {
	case "sent":
		return "approved"
	case "failed":
		return "overdue"
	case "pending":
		return "returned"
	}
	return "draft"
}
