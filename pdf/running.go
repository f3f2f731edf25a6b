package pdf

import (
	"strings"

	"kyukyu/summary"
	"kyukyu/summary/alerttext"
)

// styled is a line of text with its face and size.
type styled struct {
	text  string
	style style
	size  float64
}

// maxRunningLines bounds the patient line of the running header.
const maxRunningLines = 2

// runningHeader is what identifies the patient on every page after the
// first: name, kana, birth date and insurance numbers (shrunk to fit,
// wrapped only at sizeMin), then every critical and warning alert in one
// line each: kind, drug, how sure, the full date (a page read alone must
// not hide a warning, nor write a date as 1/2).
func (r *renderer) runningHeader() []styled {
	p, ins := r.v.Patient, r.v.Patient.Insurance
	who := "氏名 " + patientName(p)
	if p.Kana != "" {
		who += "（" + p.Kana + "）"
	}
	if !p.Birth.IsZero() {
		who += "　生年月日 " + p.Birth.Japanese()
	}
	for _, f := range [][2]string{{"保険者番号", ins.InsurerNumber}, {"記号", ins.Symbol}, {"番号", ins.Number}, {"枝番", ins.Branch}} {
		if f[1] != "" {
			who += "　" + f[0] + " " + f[1]
		}
	}
	var out []styled
	add := func(text string, s style, maxLines int) {
		size, lines := r.fit(text, s, sizeBody+0.5, contentW)
		if len(lines) > maxLines {
			// Page 1 prints it whole; the header must leave room for rows.
			lines = lines[:maxLines]
			last := &lines[maxLines-1]
			*last = Wrap(*last, contentW-r.measure(s, size)("…"), r.measure(s, size))[0] + "…"
		}
		for _, l := range lines {
			out = append(out, styled{l, s, size})
		}
	}
	add(who, bold, maxRunningLines)
	for _, l := range alertLines(r.v.Alerts) {
		add(l.text, l.style, 1)
	}
	return out
}

// alertLines are the critical (bold) and warning alerts, one line each,
// in the alerts' order.
func alertLines(alerts []summary.Alert) []styled {
	var out []styled
	for _, a := range alerts {
		s := regular
		switch a.Severity {
		case summary.SeverityCritical:
			s = bold
		case summary.SeverityWarning:
		default:
			continue
		}
		out = append(out, styled{text: alerttext.Brief(a, alerttext.Japanese), style: s})
	}
	return out
}

// splitTrailingEmpty separates the empty sections at the end, which print
// as one line instead of a page of empty tables.
func splitTrailingEmpty(ss []summary.Section) (shown, empty []summary.Section) {
	n := len(ss)
	for n > 0 && ss[n-1].Len() == 0 {
		n--
	}
	return ss[:n], ss[n:]
}

// noneLine words the collapsed sections as the screen does (section.empty
// in ui/lang/ja.json): Japanese punctuation, the same line on both.
func noneLine(empty []summary.Section) string {
	titles := make([]string, len(empty))
	for i, s := range empty {
		titles[i] = s.Title
	}
	return "以下の項目は該当なし：" + strings.Join(titles, "、")
}
