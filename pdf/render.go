// Package pdf prints a summary.View as the national system's 救急用サマリー
// (診療／薬剤情報一覧): A4 portrait, the sample's header, patient block,
// sections and footnotes, with anticoagulants impossible to miss, and on
// every later page a running header naming the patient.
package pdf

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"math"
	"time"

	"kyukyu/fonts"
	"kyukyu/pdf/internal/pdfdoc"
	"kyukyu/pdf/internal/typeset"
	"kyukyu/summary"
)

// Page geometry in millimetres (A4 portrait).
const (
	pageW       = pdfdoc.PageW
	pageH       = pdfdoc.PageH
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
	sizeMin     = 7.0 // the smallest size a field shrinks to before it wraps
	sizeMark    = 42.0
)

// style is a face of BIZ UDGothic.
type style = typeset.Style

const (
	regular = typeset.Regular
	bold    = typeset.Bold
)

// Colours.
var (
	black = pdfdoc.RGB{0, 0, 0}
	grey  = pdfdoc.RGB{228, 228, 228}
	red   = pdfdoc.RGB{210, 0, 0}
	// referenceFrame frames the 【参考】 box: a lead, not a danger.
	referenceFrame = pdfdoc.RGB{110, 110, 110}
	markColor      = pdfdoc.RGB{240, 150, 150} // the watermark's outline: light, opaque (PDF/A has no transparency)
)

// Texts printed on every page.
const (
	continued     = "--- 次頁へ続く ---"
	watermark     = "訓練用・実在しない患者"
	trainingNote  = "【訓練用】この文書は訓練用の架空の患者のデータです。実在しない患者であり、診療には使用できません。"
	intro         = "この診療／薬剤情報一覧は、以下期間の診療行為及び医薬品情報を表示しています。但し、一部は表示されない場合があります。(紙レセプトや包装の場合など、診療行為／医薬品が表示されない場合があります)"
	notesHeading  = "【注意事項】"
	documentTitle = "診療／薬剤情報一覧"
	missingNote   = "※印刷できない文字を〓で表示しています："
	subject       = "オンライン資格確認の診療／薬剤情報（救急時医療情報閲覧）"
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

// now is when documents are created; tests fix it.
var now = time.Now

// Printed is a laid-out summary, ready to write.
type Printed struct {
	// Pages is the number of pages.
	Pages int
	// Missing are the characters no bundled font has; they print as 〓.
	Missing []rune
	doc     *pdfdoc.Doc
}

// WriteTo writes the PDF. Like Layout, it returns an error, never panics.
func (p *Printed) WriteTo(w io.Writer) (n int64, err error) { return p.WriteFirst(w, p.Pages) }

// WriteFirst writes a PDF of the first pages only (page 1 of a long
// summary: its alerts and recent drugs).
func (p *Printed) WriteFirst(w io.Writer, pages int) (n int64, err error) {
	defer func() {
		if e := recover(); e != nil {
			n, err = 0, fmt.Errorf("pdf: writing the summary failed (a bug in kyukyu): %v", e)
		}
	}()
	var buf bytes.Buffer
	if err := p.doc.WriteFirst(&buf, pages); err != nil {
		return 0, fmt.Errorf("pdf: writing the summary: %w", err)
	}
	written, err := w.Write(buf.Bytes())
	if err != nil {
		return int64(written), fmt.Errorf("pdf: writing the summary: %w", err)
	}
	return int64(written), nil
}

// Render writes v as a PDF to w.
func Render(w io.Writer, v *summary.View) error {
	p, err := Layout(v)
	if err != nil {
		return err
	}
	_, err = p.WriteTo(w)
	return err
}

// Layout lays out v. It never panics: a fault inside the layout is an error.
func Layout(v *summary.View) (p *Printed, err error) {
	defer func() {
		if e := recover(); e != nil {
			p, err = nil, fmt.Errorf("pdf: laying out the summary failed (a bug in kyukyu): %v", e)
		}
	}()
	set, err := fonts.Load()
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	r := newRenderer(v, set, nil)
	r.document()
	if len(r.Missing()) > 0 {
		// Now that the characters are known, lay out again with the line
		// naming them on every page.
		r = newRenderer(v, set, r.Missing())
		r.document()
	}
	return &Printed{Pages: len(r.doc.Pages()), Missing: r.Missing(), doc: r.doc}, nil
}

// renderer lays out one document. y is the top of the free space on the
// current page.
type renderer struct {
	doc  *pdfdoc.Doc
	page *pdfdoc.Page
	*typeset.Shaper
	v       *summary.View
	y       float64
	bottom  float64    // lowest y content may reach on every page
	fresh   float64    // y below the furniture of the current page
	notes   [][]string // the footnotes, wrapped once
	running []styled   // the running header of pages after the first
	wrapped map[wrapKey][]string
	lines   map[lineKey][]pdfdoc.Glyph
	noted   []rune // the missing characters the header names
}

func newRenderer(v *summary.View, set *fonts.Set, noted []rune) *renderer {
	created := now().In(summary.Tokyo)
	r := &renderer{v: v, Shaper: typeset.New(set), wrapped: map[wrapKey][]string{}, lines: map[lineKey][]pdfdoc.Glyph{}, noted: noted}
	r.doc = pdfdoc.New(pdfdoc.Info{
		Title:    r.title() + " — " + cmp.Or(v.Patient.Name, v.Patient.Kana),
		Subject:  subject,
		Creator:  "kyukyu",
		Producer: "kyukyu",
		Created:  created.Truncate(time.Second),
		Lang:     "ja-JP",
	})
	for _, n := range notes {
		r.notes = append(r.notes, Wrap(n, contentW-4, r.measure(regular, sizeSmall)))
	}
	r.bottom = pageH - marginB - r.footerHeight() - continuedH
	r.running = r.runningHeader()
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
	shown, empty := splitTrailingEmpty(r.v.Sections)
	for i := range shown {
		r.section(&shown[i])
	}
	if len(empty) > 0 {
		r.noneLine(noneLine(empty))
	}
	pages := r.doc.Pages()
	for i, p := range pages {
		r.page = p
		r.stamp(i+1, len(pages))
	}
}

// measure returns a Width for a font, in mm.
func (r *renderer) measure(s style, size float64) Width { return r.Measure(s, size) }

func lineHeight(size float64) float64 { return size * ptToMM * lineSpacing }

// baseline is where text of a size sits in a line that starts at top.
func baseline(top, size float64) float64 { return top + size*ptToMM*1.03 }

type lineKey struct {
	style style
	text  string
}

// text draws one line with its top at y.
func (r *renderer) text(x, y float64, s style, size float64, line string) {
	k := lineKey{s, line}
	out, ok := r.lines[k]
	if !ok {
		out = r.Glyphs(s, line)
		r.lines[k] = out
	}
	r.page.Text(x, baseline(y, size), size, out, pdfdoc.TextStyle{})
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

// noneLine is the last thing printed: it may use the band of 次頁へ続く
// rather than start a page that would hold nothing else.
func (r *renderer) noneLine(text string) {
	lines := Wrap(text, contentW, r.measure(regular, sizeBody))
	if h := float64(len(lines)) * lineHeight(sizeBody); r.y+h > r.bottom+continuedH {
		r.newPage()
	}
	for _, l := range lines {
		r.text(marginL, r.y, regular, sizeBody, l)
		r.y += lineHeight(sizeBody)
	}
}

// fit chooses the largest size from size down to sizeMin at which text fits
// width on one line; at sizeMin it wraps.
func (r *renderer) fit(text string, s style, size, width float64) (float64, []string) {
	for ; size > sizeMin; size = math.Max(sizeMin, size-0.5) {
		if r.measure(s, size)(text) <= width {
			return size, []string{text}
		}
	}
	return sizeMin, Wrap(text, width, r.measure(s, sizeMin))
}

// ensure starts a new page unless h fits above the bottom, or the page is
// still empty.
func (r *renderer) ensure(h float64) {
	if r.y+h > r.bottom && r.y > r.fresh {
		r.newPage()
	}
}

// newPage adds a page with its fixed furniture: title line, running header
// after the first page, the line naming unprintable characters, footnotes.
func (r *renderer) newPage() {
	r.page = r.doc.AddPage()
	first := len(r.doc.Pages()) == 1
	r.page.Stroke(black)
	r.page.Fill(black)
	r.text(marginL, marginT, bold, sizeTitle, r.title())
	r.page.LineWidth(0.5)
	r.page.Line(marginL, marginT+headerH-2, pageW-marginR, marginT+headerH-2)
	r.page.LineWidth(0.2)
	r.y = marginT + headerH
	if !first {
		for _, l := range r.running {
			r.text(marginL, r.y, l.style, l.size, l.text)
			r.y += lineHeight(l.size)
		}
		if len(r.running) > 0 {
			r.y += 1
			r.page.Line(marginL, r.y, pageW-marginR, r.y)
			r.y += 1
		}
	}
	if len(r.noted) > 0 {
		r.page.Fill(red)
		r.text(marginL, r.y, bold, sizeBody, r.noteText())
		r.page.Fill(black)
		r.y += r.noteHeight()
	}
	r.footer()
	r.fresh = r.y
}

// noteShown is how many unprintable characters the note names; the
// command line names them all.
const noteShown = 8

func (r *renderer) noteText() string {
	s := missingNote
	for i, c := range r.noted[:min(len(r.noted), noteShown)] {
		if i > 0 {
			s += "、"
		}
		s += fmt.Sprintf("U+%04X", c)
	}
	if n := len(r.noted) - noteShown; n > 0 {
		s += fmt.Sprintf(" ほか%d字", n)
	}
	return s
}

func (r *renderer) noteHeight() float64 {
	if len(r.noted) == 0 {
		return 0
	}
	return lineHeight(sizeBody) + 0.5
}

// footerHeight is the height of the footnotes and the training line.
func (r *renderer) footerHeight() float64 {
	h := lineHeight(sizeSmall) // heading
	for _, n := range r.notes {
		h += float64(len(n)) * lineHeight(sizeSmall)
	}
	if r.v.Training {
		h += lineHeight(sizeBody) + 1
	}
	return h + 2
}

func (r *renderer) footer() {
	y := pageH - marginB - r.footerHeight() + 1
	r.page.Line(marginL, y-0.5, pageW-marginR, y-0.5)
	r.text(marginL, y, bold, sizeSmall, notesHeading)
	y += lineHeight(sizeSmall)
	for _, n := range r.notes {
		for _, l := range n {
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
// content, as thin outlines in a light colour: visible on every table and
// hiding nothing, without the transparency PDF/A forbids.
func (r *renderer) watermark() {
	const angle = 55.0
	w := r.measure(bold, sizeMark)(watermark)
	sin, cos := math.Sincos(angle * math.Pi / 180)
	h := sizeMark * ptToMM / 3
	// Start so that the line's middle sits on the page's centre; y grows
	// downwards here, upwards in the PDF.
	x := pageW/2 - w/2*cos + h*sin
	y := pageH/2 + w/2*sin + h*cos
	r.page.Stroke(markColor)
	r.page.Text(x, y, sizeMark, r.Glyphs(bold, watermark), pdfdoc.TextStyle{Outline: true, OutlineMM: 0.3, Rotate: angle})
	r.page.Stroke(black)
}
