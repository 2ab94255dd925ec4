package i18n

// Messages of the account use cases (internal/accounts).
func init() {
	Register(map[string][2]string{
		"v.required_full_name":  {"Vui lòng nhập họ và tên.", "Enter the full name."},
		"v.required_unit_name":  {"Vui lòng nhập tên.", "Enter the name."},
		"password.too_short":    {"Mật khẩu phải có ít nhất %d ký tự.", "A password has at least %d characters."},
		"password.too_long":     {"Mật khẩu không được dài quá %d ký tự.", "A password has at most %d characters."},
		"password.has_username": {"Mật khẩu không được chứa tên đăng nhập.", "A password must not contain the username."},
	})
}
