package pdf

import (
	"fmt"
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

// maxRunningLines bounds each item of the running header.
const maxRunningLines = 2

// runningHeader is what identifies the patient on every page after the
// first: name, kana, birth date and insurance numbers, then the critical
// alerts in one line, each shrunk to fit and wrapped only at sizeMin.
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
	add := func(text string, s style) {
		size, lines := r.fit(text, s, sizeBody+0.5, contentW)
		if len(lines) > maxRunningLines {
			// Page 1 prints it whole; the header must leave room for rows.
			lines = lines[:maxRunningLines]
			last := &lines[maxRunningLines-1]
			*last = Wrap(*last, contentW-r.measure(s, size)("…"), r.measure(s, size))[0] + "…"
		}
		for _, l := range lines {
			out = append(out, styled{l, s, size})
		}
	}
	add(who, bold)
	if a := criticalSummary(r.v.Alerts); a != "" {
		add("【要確認】"+a, bold)
	}
	return out
}

// criticalSummary is one line of the critical alerts: kind, ingredient and
// how long the supply lasts (抗凝固薬 アピキサバン 12/15まで). A drug filled
// regularly but seen only through late receipts says 定期処方 as page 1
// does: its last supply's end lies before the creation date, and
// "11/28まで" on page 2 would read as stopped.
func criticalSummary(alerts []summary.Alert) string {
	var parts []string
	for _, a := range alerts {
		if a.Severity != summary.SeverityCritical {
			continue
		}
		s := alerttext.KindName(a.Kind, alerttext.Japanese)
		if a.Ingredient != "" {
			s += " " + a.Ingredient
		}
		switch d := a.CoveredThrough; {
		case a.Status == summary.StatusLikelyCurrent:
			s += " " + alerttext.Japanese("alert.reason."+string(summary.ReasonRegularFills), nil)
		case !d.IsZero():
			s += fmt.Sprintf(" %d/%dまで", int(d.Month), d.Day)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "、")
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
