package i18n

// The login policy's answers (internal/accounts/login.go) and the administrator's unlock.
func init() {
	Register(map[string][2]string{
		"login.locked": {"Tài khoản tạm khóa do có quá nhiều lần đăng nhập sai. Hãy đăng nhập từ máy tính bạn vẫn thường dùng, hoặc liên hệ quản trị hệ thống để mở khóa.",
			"The account is locked after too many failed sign-ins. Sign in from the computer you usually use, or ask the administrator to unlock it."},
		"login.failed_wait_s": {"Tên đăng nhập hoặc mật khẩu không đúng. Để bảo vệ tài khoản, lần thử tiếp theo từ máy này phải chờ %d giây.",
			"Wrong username or password. To protect the account, the next attempt from this computer must wait %d seconds."},
		"login.failed_wait_m": {"Tên đăng nhập hoặc mật khẩu không đúng. Để bảo vệ tài khoản, lần thử tiếp theo từ máy này phải chờ %d phút.",
			"Wrong username or password. To protect the account, the next attempt from this computer must wait %d minutes."},
		"login.wait_s": {"Đã nhập sai nhiều lần từ máy này. Vui lòng chờ %d giây rồi thử lại.",
			"Too many failed attempts from this computer. Please wait %d seconds and try again."},
		"login.wait_m": {"Đã nhập sai nhiều lần từ máy này. Vui lòng chờ %d phút rồi thử lại.",
			"Too many failed attempts from this computer. Please wait %d minutes and try again."},

		"password.wrong_wait_s": {"Mật khẩu hiện tại không đúng. Để bảo vệ tài khoản, lần thử tiếp theo phải chờ %d giây.",
			"The current password is wrong. To protect the account, the next attempt must wait %d seconds."},
		"password.wrong_wait_m": {"Mật khẩu hiện tại không đúng. Để bảo vệ tài khoản, lần thử tiếp theo phải chờ %d phút.",
			"The current password is wrong. To protect the account, the next attempt must wait %d minutes."},
		"password.locked": {"Tài khoản đang bị khóa do nhập sai mật khẩu nhiều lần nên không đổi được mật khẩu lúc này. Vui lòng liên hệ quản trị hệ thống.",
			"The account is locked after too many wrong passwords, so the password cannot be changed now. Please contact the administrator."},
		"audit.action.user.password_check_failed":  {"Nhập sai mật khẩu hiện tại khi đổi mật khẩu", "Wrong current password when changing it"},
		"audit.action.user.password_check_refused": {"Từ chối kiểm tra mật khẩu hiện tại (phải chờ, bị chặn hoặc bị khóa)", "Current-password check refused (wait, throttle or lock)"},
		"audit.s.user.password_check_failed":       {"%[1]s nhập sai mật khẩu hiện tại khi đổi mật khẩu", "%[1]s typed a wrong current password when changing it"},
		"audit.s.user.password_check_refused":      {"%[1]s đổi mật khẩu khi còn phải chờ sau nhiều lần nhập sai", "%[1]s tried to change the password while made to wait after failures"},

		"admin.locked_notice": {"Có %d tài khoản đang bị khóa đăng nhập — xem và mở khóa", "%d accounts are locked out — review and unlock"},
		"admin.locked_title":  {"Tài khoản bị khóa đăng nhập", "Locked accounts"},
		"admin.locked_hint": {"%d tài khoản bị khóa do đăng nhập sai nhiều lần từ các máy không quen. Người dùng vẫn đăng nhập được từ máy tính họ thường dùng. Hãy xác nhận với người dùng trước khi mở khóa; nếu nghi mật khẩu bị lộ, hãy cấp lại mật khẩu.",
			"%d accounts were locked after many failed sign-ins from unfamiliar computers. Their users can still sign in from the computer they usually use. Check with the user before unlocking; if the password may have leaked, reset it."},
		"admin.locked_at":       {"Khóa lúc", "Locked at"},
		"admin.locked_failures": {"Số lần sai", "Failures"},
		"admin.unlock":          {"Mở khóa", "Unlock"},
		"admin.unlocked":        {"Đã mở khóa đăng nhập cho %s.", "%s can sign in again."},
		"admin.unlock_already":  {"Tài khoản %s không bị khóa (có thể đã được mở khóa trước đó).", "%s is not locked (it may have been unlocked already)."},

		"audit.action.login.delayed": {"Đăng nhập phải chờ", "Sign-in made to wait"},
		"audit.action.user.unlock":   {"Mở khóa đăng nhập", "Sign-in unlocked"},
		"audit.s.login.delayed":      {"%[1]s thử đăng nhập khi còn phải chờ sau nhiều lần sai", "%[1]s tried to sign in while still made to wait after failures"},
		"audit.s.user.unlock":        {"%[1]s mở khóa đăng nhập cho %[2]s", "%[1]s unlocked the sign-in of %[2]s"},
		"audit.field.locked_at":      {"Khóa lúc", "Locked at"},
		"audit.field.failures":       {"Số lần sai", "Failures"},
	})
}
