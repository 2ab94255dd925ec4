package documents

import (
	"context"
	"strings"

	"github.com/vn-cchc/cchc/internal/store"
)

// Organ is how the reform office's reports name their organ and whom they go to: install
// settings, kept as last saved on a report document, so each report starts from them.
type Organ struct {
	GoverningBody string // cơ quan chủ quản, "UBND TỈNH LÂM ĐỒNG"
	IssuingBody   string // cơ quan ban hành, "SỞ NỘI VỤ"
	Symbol        string // ký hiệu of its reports after the number, "BC-SNV"
	Place         string // địa danh of the date line
	SignerTitle   string // one line per line of the title: "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
	SignerName    string
	Recipients    string // one recipient per line, "Lưu: VT, CCHC" last
}

// DefaultRecipients is where a department's CCHC report goes: first to the province's
// people's committee, whose leaders direct the reform, then to the ministry.
const DefaultRecipients = "UBND tỉnh (báo cáo)\nBộ Nội vụ\nGiám đốc, các Phó Giám đốc Sở\nLưu: VT, CCHC"

var organKeys = []struct {
	key string
	get func(*Organ) *string
}{
	{"doc_governing_body", func(o *Organ) *string { return &o.GoverningBody }},
	{"doc_issuing_body", func(o *Organ) *string { return &o.IssuingBody }},
	{"doc_symbol", func(o *Organ) *string { return &o.Symbol }},
	{"doc_place", func(o *Organ) *string { return &o.Place }},
	{"doc_signer_title", func(o *Organ) *string { return &o.SignerTitle }},
	{"doc_signer_name", func(o *Organ) *string { return &o.SignerName }},
	{"doc_recipients", func(o *Organ) *string { return &o.Recipients }},
}

// Settings is what LoadOrgan reads: *store.Store is one.
type Settings interface {
	Setting(ctx context.Context, key string) (string, error)
	ListUnits(ctx context.Context, activeOnly bool) ([]store.Unit, error)
}

// LoadOrgan reads the organ's settings; what was never set comes from the unit tree (the
// issuing body is the root unit) or the usual practice (recipients, signer's title).
// The governing body has no default: the portal does not know the province's name.
func LoadOrgan(ctx context.Context, st Settings) (Organ, error) {
	var o Organ
	for _, k := range organKeys {
		v, err := st.Setting(ctx, k.key)
		if err != nil {
			return o, err
		}
		*k.get(&o) = v
	}
	if o.IssuingBody == "" || o.Symbol == "" {
		units, err := st.ListUnits(ctx, true)
		if err != nil {
			return o, err
		}
		for _, u := range units {
			if u.ParentID == 0 {
				if o.IssuingBody == "" {
					o.IssuingBody = strings.ToUpper(u.Name)
				}
				if o.Symbol == "" {
					o.Symbol = "BC-" + u.Code
				}
				break
			}
		}
	}
	if o.SignerTitle == "" {
		o.SignerTitle = "GIÁM ĐỐC"
	}
	if o.Recipients == "" {
		o.Recipients = DefaultRecipients
	}
	return o, nil
}

// saveOrgan keeps the organ's settings as last used.
func saveOrgan(ctx context.Context, q store.Queries, o Organ) error {
	for _, k := range organKeys {
		if err := q.SetSetting(ctx, k.key, strings.TrimSpace(*k.get(&o))); err != nil {
			return err
		}
	}
	return nil
}
