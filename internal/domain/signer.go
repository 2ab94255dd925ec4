package domain

import (
	"strings"

	"github.com/vn-cchc/cchc/internal/i18n"
)

// The signer block of an administrative document (Decree 30/2020/NĐ-CP, Appendix I): the
// head signs under their own title; a deputy signs "KT." (ký thay) the head; a subordinate
// authorised signs "TL." (thừa lệnh); an acting head signs "Q." (quyền).

// SignForm is how a document is signed.
type SignForm string

const (
	SignHead   SignForm = ""    // GIÁM ĐỐC
	SignDeputy SignForm = "KT." // KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC
	SignOrder  SignForm = "TL." // TL. GIÁM ĐỐC / CHÁNH VĂN PHÒNG
	SignActing SignForm = "Q."  // Q. GIÁM ĐỐC
)

// SignForms lists the forms in the order a form offers them.
func SignForms() []SignForm { return []SignForm{SignHead, SignDeputy, SignOrder, SignActing} }

// Label names the form for a select.
func (f SignForm) Label() i18n.Msg {
	switch f {
	case SignDeputy:
		return i18n.M("domain.sign_form.deputy")
	case SignOrder:
		return i18n.M("domain.sign_form.order")
	case SignActing:
		return i18n.M("domain.sign_form.acting")
	}
	return i18n.M("domain.sign_form.head")
}

// SignerError says what a signer block lacks, as a message the page translates.
type SignerError struct {
	Field string
	Msg   i18n.Msg
}

func (e *SignerError) Error() string { return e.Msg.Text(i18n.VI) }

// SignerLines writes the signer's title lines: head is the head's title ("Giám đốc"),
// own the signer's ("Phó Giám đốc") which KT. and TL. need; both in upper case.
func SignerLines(form SignForm, head, own string) ([]string, error) {
	head, own = strings.ToUpper(strings.TrimSpace(head)), strings.ToUpper(strings.TrimSpace(own))
	if head == "" {
		return nil, &SignerError{Field: "signer_head", Msg: i18n.M("domain.signer.head")}
	}
	switch form {
	case SignHead:
		return []string{head}, nil
	case SignActing:
		return []string{"Q. " + head}, nil
	case SignDeputy, SignOrder:
		if own == "" {
			return nil, &SignerError{Field: "signer_own", Msg: i18n.M("domain.signer.own", string(form))}
		}
		return []string{string(form) + " " + head, own}, nil
	}
	return nil, &SignerError{Field: "signer_form", Msg: i18n.M("domain.signer.form")}
}

// ParseSignerLines reads the lines SignerLines wrote back into form, head and own title.
func ParseSignerLines(lines []string) (SignForm, string, string) {
	if len(lines) == 0 {
		return SignHead, "", ""
	}
	first := strings.TrimSpace(lines[0])
	own := ""
	if len(lines) > 1 {
		own = strings.TrimSpace(lines[1])
	}
	for _, f := range []SignForm{SignDeputy, SignOrder, SignActing} {
		if strings.HasPrefix(first, string(f)+" ") {
			return f, strings.TrimSpace(strings.TrimPrefix(first, string(f))), own
		}
	}
	return SignHead, first, own
}
