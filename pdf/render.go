// Package pdf prints a summary.View as the national system's 救急用サマリー
// (診療／薬剤情報一覧): A4 portrait, the sample's header, patient block,
// sections and footnotes, with anticoagulants impossible to miss.
package pdf

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"kyukyu/fonts"
	"kyukyu/summary"
)

// Page geometry in millimetres (A4 portrait).
const (
	pageW       = 210.0
	pageH       = 297.0
	marginL     = 14.0
	marginR     = 12.0
	marginT     = 10.0
	marginB     = 8.0
	contentW    = pageW - marginL - marginR
	headerH     = 11.0 // title line and rule
	continuedH  = 6.0  // the 次頁へ続く line above the footnotes
	markX       = 8.5  // left edge of the anticoagulant mark in the margin
	markW       = 3.5
	ptToMM      = 25.4 / 72
	lineSpacing = 1.3 // line height as a multiple of the font size
)

// Font sizes in points.
const (
	sizeTitle   = 13.0
	sizeHeading = 9.5
	sizeBody    = 8.0
	sizeSmall   = 6.8
	sizeMark    = 42.0
)

// style is a font style of fpdf: "" regular, "B" bold.
type style string

const (
	regular style = ""
	bold    style = "B"
)

// Texts printed on every page.
const (
	continued     = "--- 次頁へ続く ---"
	watermark     = "訓練用・実在しない患者"
	trainingNote  = "【訓練用】この文書は訓練用の架空の患者のデータです。実在しない患者であり、診療には使用できません。"
	intro         = "この診療／薬剤情報一覧は、以下期間の診療行為及び医薬品情報を表示しています。但し、一部は表示されない場合があります。(紙レセプトや包装の場合など、診療行為／医薬品が表示されない場合があります)"
	notesHeading  = "【注意事項】"
	documentTitle = "診療／薬剤情報一覧"
)

// titles is the title line of each mode: the sample's for the emergency view.
var titles = map[summary.Mode]string{
	summary.Emergency: "救急用 " + documentTitle,
	summary.Normal:    documentTitle + "（通常表示）",
}

// notes are the 【注意事項】 footnotes the table headers point to.
var notes = []string{
	"*1 医薬品の場合、入院／外来／院外で分類し、「外来」とは入院及び院外（薬局）以外で調剤された医薬品を指します。また、診療行為の場合、入院／外来で分類しています。",
	"*2 抽出元が調剤レセプトの場合に表示しています。",
	"*3 調剤時の使用方法（数量、日数、回数等）と一致しない場合があります。",
}

// Render writes v as a PDF to w.
func Render(w io.Writer, v *summary.View) error {
	r := newRenderer(v)
	r.document()
	var buf bytes.Buffer
	if err := r.pdf.Output(&buf); err != nil {
		return fmt.Errorf("pdf: laying out the summary: %w", err)
	}
	if _, err := w.Write(tagSubsets(buf.Bytes())); err != nil {
		return fmt.Errorf("pdf: writing the summary: %w", err)
	}
	return nil
}

// family is long on purpose: fpdf names the embedded fonts "utf8"+family,
// and tagSubsets overwrites those names in place.
const family = "bizudgothic-subset-name"

// subsetNames are the PostScript names the PDF spec asks for a font subset:
// a six-letter tag, "+", the font's name. fpdf subsets but names the fonts
// utf8<family>, so the names are overwritten in place, padded with spaces
// (insignificant after a name in a dictionary) so that the cross-reference
// offsets stay valid. Bold comes first: the regular name is its prefix.
var subsetNames = []struct{ fpdf, pdf string }{
	{"/utf8" + family + "B", "/KYUKYB+BIZUDGothic-Bold"},
	{"/utf8" + family, "/KYUKYR+BIZUDGothic-Regular"},
}

func tagSubsets(doc []byte) []byte {
	for _, n := range subsetNames {
		pad := len(n.fpdf) - len(n.pdf)
		doc = bytes.ReplaceAll(doc, []byte(n.fpdf), []byte(n.pdf+strings.Repeat(" ", pad)))
	}
	return doc
}

// renderer lays out one document. y is the top of the free space on the
// current page.
type renderer struct {
	pdf    *fpdf.Fpdf
	v      *summary.View
	y      float64
	bottom float64 // lowest y content may reach on every page
	widths map[fontRune]float64
	cur    fontKey
}

type fontKey struct {
	style style
	size  float64
}

type fontRune struct {
	style style
	r     rune
}

func newRenderer(v *summary.View) *renderer {
	p := fpdf.New("P", "mm", "A4", "")
	p.SetAutoPageBreak(false, 0) // rows must not split, so the layout breaks pages itself
	p.SetMargins(marginL, marginT, marginR)
	p.SetTitle(titles[v.Mode], true)
	p.SetCreator("kyukyu", true)
	// The document date is the summary's creation date, so that the same
	// View always gives the same file.
	created := time.Date(v.CreatedOn.Year, v.CreatedOn.Month, v.CreatedOn.Day, 0, 0, 0, 0, summary.Tokyo)
	p.SetCreationDate(created)
	p.SetModificationDate(created)
	// fpdf has no way to share a parsed font between documents: each
	// document parses the embedded TTF (a few ms) and embeds a subset.
	p.AddUTF8FontFromBytes(family, string(regular), fonts.Regular)
	p.AddUTF8FontFromBytes(family, string(bold), fonts.Bold)
	r := &renderer{pdf: p, v: v, widths: map[fontRune]float64{}}
	r.bottom = pageH - marginB - r.footerHeight() - continuedH
	return r
}

func (r *renderer) title() string {
	if t, ok := titles[r.v.Mode]; ok {
		return t
	}
	return titles[summary.Emergency]
}

// document lays out every page, then stamps what depends on the page
// count: page numbers, 次頁へ続く, the training watermark.
func (r *renderer) document() {
	r.newPage()
	r.patientBlock()
	r.alertBox()
	r.paragraph(intro, regular, sizeSmall)
	r.y += 1.5
	for i := range r.v.Sections {
		r.section(&r.v.Sections[i])
	}
	n := r.pdf.PageCount()
	for p := 1; p <= n; p++ {
		r.pdf.SetPage(p)
		r.stamp(p, n)
	}
}

// font selects a font and remembers it, so that measuring can restore it.
func (r *renderer) font(s style, size float64) {
	r.cur = fontKey{s, size}
	r.pdf.SetFont(family, string(s), size)
}

// measure returns a Width for a font, in mm. Widths are cached per rune at
// 1pt; a miss selects the font briefly.
func (r *renderer) measure(s style, size float64) Width {
	return func(text string) float64 {
		w := 0.0
		for _, c := range text {
			k := fontRune{s, c}
			cw, ok := r.widths[k]
			if !ok {
				saved := r.cur
				r.pdf.SetFont(family, string(s), 1)
				cw = r.pdf.GetStringWidth(string(c))
				r.widths[k] = cw
				r.pdf.SetFont(family, string(saved.style), saved.size)
			}
			w += cw
		}
		return w * size
	}
}

func lineHeight(size float64) float64 { return size * ptToMM * lineSpacing }

// baseline is where text of a size sits in a line that starts at top.
func baseline(top, size float64) float64 { return top + size*ptToMM*1.03 }

// text draws one line with its top at y.
func (r *renderer) text(x, y float64, s style, size float64, line string) {
	r.font(s, size)
	r.pdf.Text(x, baseline(y, size), line)
}

// textRight draws a line ending at x.
func (r *renderer) textRight(x, y float64, s style, size float64, line string) {
	r.text(x-r.measure(s, size)(line), y, s, size, line)
}

// paragraph wraps text over the content width at the current position.
func (r *renderer) paragraph(text string, s style, size float64) {
	for _, l := range Wrap(text, contentW, r.measure(s, size)) {
		r.ensure(lineHeight(size))
		r.text(marginL, r.y, s, size, l)
		r.y += lineHeight(size)
	}
}

// ensure starts a new page unless h fits above the bottom.
func (r *renderer) ensure(h float64) {
	if r.y+h > r.bottom {
		r.newPage()
	}
}

// newPage adds a page with its fixed furniture: title line and footnotes.
func (r *renderer) newPage() {
	r.pdf.AddPage()
	r.pdf.SetDrawColor(0, 0, 0)
	r.pdf.SetTextColor(0, 0, 0)
	r.pdf.SetLineWidth(0.2)
	r.text(marginL, marginT, bold, sizeTitle, r.title())
	r.pdf.SetLineWidth(0.5)
	r.pdf.Line(marginL, marginT+headerH-2, pageW-marginR, marginT+headerH-2)
	r.pdf.SetLineWidth(0.2)
	r.footer()
	r.y = marginT + headerH
}

// footerHeight is the height of the footnotes and the training line.
func (r *renderer) footerHeight() float64 {
	h := lineHeight(sizeSmall) // heading
	for _, n := range notes {
		h += float64(len(Wrap(n, contentW-4, r.measure(regular, sizeSmall)))) * lineHeight(sizeSmall)
	}
	if r.v.Training {
		h += lineHeight(sizeBody) + 1
	}
	return h + 2
}

func (r *renderer) footer() {
	y := pageH - marginB - r.footerHeight() + 1
	r.pdf.SetLineWidth(0.2)
	r.pdf.Line(marginL, y-0.5, pageW-marginR, y-0.5)
	r.text(marginL, y, bold, sizeSmall, notesHeading)
	y += lineHeight(sizeSmall)
	for _, n := range notes {
		for _, l := range Wrap(n, contentW-4, r.measure(regular, sizeSmall)) {
			r.text(marginL+2, y, regular, sizeSmall, l)
			y += lineHeight(sizeSmall)
		}
	}
	if r.v.Training {
		r.text(marginL, y+1, bold, sizeBody, trainingNote)
	}
}

// stamp adds to page p of n what needs the page count.
func (r *renderer) stamp(p, n int) {
	r.pdf.SetTextColor(0, 0, 0)
	y := marginT + 1
	right := pageW - marginR
	pageNo := fmt.Sprintf("%d / %dページ", p, n)
	r.textRight(right, y, regular, sizeBody+1, pageNo)
	right -= r.measure(regular, sizeBody+1)(pageNo) + 6
	r.textRight(right, y, regular, sizeBody+1, "作成日："+r.v.CreatedOn.Japanese())
	if p < n {
		w := r.measure(bold, sizeBody)(continued)
		r.text((pageW-w)/2, r.bottom+1.5, bold, sizeBody, continued)
	}
	if r.v.Training {
		r.watermark()
	}
}

// watermark draws the training mark diagonally across the page, over the
// content but translucent, so that no table can hide it.
func (r *renderer) watermark() {
	r.font(bold, sizeMark)
	w := r.measure(bold, sizeMark)(watermark)
	cx, cy := pageW/2, pageH/2
	r.pdf.TransformBegin()
	r.pdf.TransformRotate(55, cx, cy)
	r.pdf.SetAlpha(0.16, "Normal")
	r.pdf.SetTextColor(200, 0, 0)
	r.pdf.Text(cx-w/2, cy+sizeMark*ptToMM/3, watermark)
	r.pdf.SetAlpha(1, "Normal")
	r.pdf.TransformEnd()
	r.pdf.SetTextColor(0, 0, 0)
}
