package pdf

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"kyukyu/summary"
)

// box is a word of pdftotext -bbox, in points from the top-left corner.
type box struct {
	x0, y0, x1, y1 float64
	text           string
	page           int
}

var wordRe = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>|<page `)

func words(t *testing.T, doc []byte) []box {
	t.Helper()
	var out []box
	page := 0
	for _, m := range wordRe.FindAllStringSubmatch(poppler(t, doc, "pdftotext", "-bbox", "-enc", "UTF-8"), -1) {
		if m[1] == "" {
			page++
			continue
		}
		f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
		out = append(out, box{f(m[1]), f(m[2]), f(m[3]), f(m[4]), html.UnescapeString(m[5]), page})
	}
	return out
}

const pt = 72 / 25.4

// TestLongFieldsStayInTheirCells: the long values — a 40-character
// romaji name, a 30-character kana name, a 20-character 記号, a
// 60-character institution and a 200-character 用法 — print whole, every
// word inside its cell and the page margins, no two words overlapping.
func TestLongFieldsStayInTheirCells(t *testing.T) {
	name := "BARTHOLOMEW ALEXANDER WILLIAMSON-SMITHERS"
	kana := "ヴァレンティーナ・アレクサンドロヴナ・スミルノヴァ・イワノワ"
	symbol := "KIGOU-1234567890-XYZ"
	inst := "医療法人社団ながいなまえ会 ながいなまえ総合医療センター附属第二ながいなまえ記念クリニック分院（救急外来・夜間休日診療部門）"
	usage := strings.Repeat("朝食後に服用し、血圧が百を下回る日は休薬し、ふらつきがあれば主治医へ連絡すること", 5)
	for _, s := range []struct {
		v string
		n int
	}{{name, 40}, {kana, 30}, {symbol, 20}, {inst, 60}, {usage, 200}} {
		if got := utf8.RuneCountInString(s.v); got < s.n-1 {
			t.Fatalf("%q has %d characters, want %d", s.v, got, s.n)
		}
	}
	rec := sampleRecord()
	rec.Training = false // no watermark among the words
	rec.Patient.Name, rec.Patient.Kana, rec.Patient.Insurance.Symbol = name, kana, symbol
	rec.Medications[0].Institution, rec.Medications[0].Prescriber = inst, "" // a row no alert quotes
	rec.Medications[0].Usage = usage
	v := summary.Build(rec, summary.Emergency, summary.NewDate(2022, 8, 26))
	doc := render(t, v)
	writePNG(t, doc, "long-fields-p1")
	raw := squeeze(strings.Join(pages(t, doc, contentOrder), ""))
	for _, s := range []string{name, kana, symbol, inst, usage} {
		if !strings.Contains(raw, squeeze(s)) {
			t.Errorf("%q is not printed whole", s)
		}
	}
	// Cells as the layout defines them, in points.
	const lw, rlw, rvw = 22.0, 32.0, 40.0
	lv := contentW - lw - rlw - rvw
	instX := marginL + dateW + 11 + 10
	cells := []struct {
		value  string
		x0, x1 float64
	}{
		{name, marginL + lw, marginL + lw + lv},
		{kana, marginL + lw, marginL + lw + lv},
		{symbol, marginL + contentW - rvw, marginL + contentW},
		{inst, instX, instX + 40},
		{"【" + usage + "】", instX + 40, instX + 40 + 78},
	}
	ws := words(t, doc)
	checked := 0
	for i, w := range ws {
		if w.x0 < marginL*pt-0.5 || w.x1 > (pageW-marginR)*pt+0.5 || w.y0 < marginT*pt-1 || w.y1 > (pageH-marginB)*pt+0.5 {
			t.Errorf("word %q (%.1f,%.1f)-(%.1f,%.1f) crosses the page margin", w.text, w.x0, w.y0, w.x1, w.y1)
		}
		for j, c := range cells {
			// The patient's fields are in their cells on page 1 (later pages
			// repeat them in the running header); a row may run onto page 2.
			if utf8.RuneCountInString(w.text) >= 3 && strings.Contains(c.value, w.text) && (w.page == 1 || j >= 3) {
				checked++
				if w.x0 < c.x0*pt || w.x1 > c.x1*pt {
					t.Errorf("word %q spans %.1f–%.1f pt, its cell %.1f–%.1f", w.text, w.x0, w.x1, c.x0*pt, c.x1*pt)
				}
			}
		}
		for _, o := range ws[i+1:] {
			if o.page == w.page && min(w.x1, o.x1)-max(w.x0, o.x0) > 0.5 && min(w.y1, o.y1)-max(w.y0, o.y0) > 0.5 {
				t.Errorf("words %q and %q overlap", w.text, o.text)
			}
		}
	}
	if checked < 8 {
		t.Errorf("only %d words matched the long fields: the test checks too little", checked)
	}
}
