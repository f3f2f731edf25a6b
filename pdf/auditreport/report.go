// Package auditreport prints the monthly review of the central access log
// as the PDF the committee files: the overview, every flag with the entries
// behind it, and the line the reviewer signs. Japanese, A4, the embedded
// fonts, through kyukyu's own PDF writer.
package auditreport

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"kyukyu/audit"
	"kyukyu/audit/review"
	"kyukyu/fonts"
	"kyukyu/pdf"
	"kyukyu/pdf/internal/pdfdoc"
	"kyukyu/pdf/internal/typeset"
	"kyukyu/summary"
)

// Page geometry in millimetres, font sizes in points.
const (
	marginL  = 14.0
	marginR  = 12.0
	marginT  = 12.0
	marginB  = 14.0
	contentW = pdfdoc.PageW - marginL - marginR
	bottom   = pdfdoc.PageH - marginB
	ptToMM   = 25.4 / 72

	sizeTitle   = 14.0
	sizeHeading = 11.0
	sizeBody    = 8.5
	sizeTable   = 7.0
)

var (
	black = pdfdoc.RGB{0, 0, 0}
	grey  = pdfdoc.RGB{232, 232, 232}
	red   = pdfdoc.RGB{170, 20, 0}
)

// rowsShown bounds the entries printed under one flag; the page and its
// CSV have them all.
const rowsShown = 20

// Render writes the report of r (one month's review) made at made.
func Render(w io.Writer, r *review.Review, month summary.Month, made time.Time) (err error) {
	defer func() {
		if e := recover(); e != nil {
			err = fmt.Errorf("auditreport: laying out the report failed (a bug in kyukyu): %v", e)
		}
	}()
	set, err := fonts.Load()
	if err != nil {
		return fmt.Errorf("auditreport: %w", err)
	}
	words := review.Words{Lang: "ja"}
	title := words.T("reportTitle", month.Japanese())
	p := &printer{sh: typeset.New(set), words: words, title: title}
	p.doc = pdfdoc.New(pdfdoc.Info{Title: title, Subject: words.T("subtitle"), Creator: "kyukyu", Producer: "kyukyu",
		Created: made.In(summary.Tokyo).Truncate(time.Second), Lang: "ja-JP"})
	p.newPage()
	p.line(typeset.Bold, sizeTitle, title)
	p.y += 1
	p.para(typeset.Regular, sizeBody, words.T("reportMade", review.Time(made), r.Views.Total)+"　"+
		words.T("period")+" "+r.From.String()+" – "+r.To.String())
	p.para(typeset.Regular, sizeTable, words.SettingsLine(r.Settings))
	p.para(typeset.Regular, sizeTable, words.ERLine(r.Settings))
	p.para(typeset.Regular, sizeTable, words.RefsLine(r.Refs))
	p.overview(r)
	p.flags(r)
	p.signature()
	pages := p.doc.Pages()
	for i, pg := range pages {
		p.page = pg
		s := fmt.Sprintf("%d / %d", i+1, len(pages))
		p.text(pdfdoc.PageW-marginR-p.sh.Measure(typeset.Regular, sizeTable)(s), pdfdoc.PageH-marginB+4, typeset.Regular, sizeTable, s)
	}
	var b bytes.Buffer
	if err := p.doc.Write(&b); err != nil {
		return fmt.Errorf("auditreport: %w", err)
	}
	_, err = w.Write(b.Bytes())
	return err
}

// printer lays out the report top to bottom; y is the top of the free space.
type printer struct {
	doc   *pdfdoc.Doc
	page  *pdfdoc.Page
	sh    *typeset.Shaper
	words review.Words
	title string
	y     float64
}

func lineHeight(size float64) float64 { return size * ptToMM * 1.35 }

func (p *printer) newPage() {
	p.page = p.doc.AddPage()
	p.page.Fill(black)
	p.page.Stroke(black)
	p.y = marginT
	if len(p.doc.Pages()) > 1 {
		p.text(marginL, p.y, typeset.Regular, sizeTable, p.title)
		p.y += lineHeight(sizeTable) + 2
	}
}

// ensure starts a new page unless h fits.
func (p *printer) ensure(h float64) {
	if p.y+h > bottom {
		p.newPage()
	}
}

// text draws one line with its top at y.
func (p *printer) text(x, y float64, s typeset.Style, size float64, line string) {
	p.page.Text(x, y+size*ptToMM*1.03, size, p.sh.Glyphs(s, line), pdfdoc.TextStyle{})
}

func (p *printer) line(s typeset.Style, size float64, text string) {
	p.ensure(lineHeight(size))
	p.text(marginL, p.y, s, size, text)
	p.y += lineHeight(size)
}

func (p *printer) para(s typeset.Style, size float64, text string) {
	for _, l := range pdf.Wrap(text, contentW, p.sh.Measure(s, size)) {
		p.line(s, size, l)
	}
}

func (p *printer) heading(text string) {
	p.y += 3
	p.ensure(lineHeight(sizeHeading) + 12)
	p.line(typeset.Bold, sizeHeading, text)
	p.page.LineWidth(0.4)
	p.page.Line(marginL, p.y, pdfdoc.PageW-marginR, p.y)
	p.y += 1.5
}

// table draws a header row and rows in columns of the given widths (mm),
// each cell wrapped; a row never splits across pages, and the header is
// repeated on a new page.
func (p *printer) table(widths []float64, head []string, rows [][]string) {
	lh := lineHeight(sizeTable)
	var row func(cells []string, s typeset.Style)
	header := func() { row(head, typeset.Bold) }
	row = func(cells []string, s typeset.Style) {
		m := p.sh.Measure(s, sizeTable)
		wrapped := make([][]string, len(cells))
		n := 1
		for i, c := range cells {
			wrapped[i] = pdf.Wrap(c, widths[i]-1.6, m)
			n = max(n, len(wrapped[i]))
		}
		h := float64(n)*lh + 1
		if p.y+h > bottom {
			p.newPage()
			if s != typeset.Bold {
				header()
			}
		}
		x := marginL
		p.page.LineWidth(0.15)
		for i, w := range widths {
			if s == typeset.Bold {
				p.page.Fill(grey)
				p.page.Rect(x, p.y, w, h, true, true)
				p.page.Fill(black)
			} else {
				p.page.Rect(x, p.y, w, h, false, true)
			}
			for j, l := range wrapped[i] {
				p.text(x+0.8, p.y+0.5+float64(j)*lh, s, sizeTable, l)
			}
			x += w
		}
		p.y += h
	}
	header()
	for _, r := range rows {
		row(r, typeset.Regular)
	}
	p.y += 2
}

func (p *printer) overview(r *review.Review) {
	w := p.words
	p.heading(w.T("overview"))
	grounds := []string{w.T("byGround")}
	for _, m := range review.Grounds {
		grounds = append(grounds, w.Ground(m))
	}
	grounds = append(grounds, w.T("total"))
	counts := func(name string, c review.Count) []string {
		out := []string{name}
		for _, n := range c.ByMode {
			out = append(out, fmt.Sprint(n))
		}
		if c.Flagged {
			out[0] += "（" + w.T("flagged") + "）"
		}
		return append(out, fmt.Sprint(c.Total))
	}
	widths := []float64{64, 30, 30, 30, 30}
	p.table(widths, grounds, [][]string{counts(w.T("views"), r.Views)})
	for _, t := range []struct {
		caption string
		cs      []review.Count
	}{{w.T("byWorkstation"), r.Workstations}, {w.T("byOperator"), r.Operators}} {
		head := append([]string{t.caption}, grounds[1:]...)
		var rows [][]string
		for _, c := range t.cs {
			rows = append(rows, counts(c.Name, c))
		}
		p.table(widths, head, rows)
	}
	hours := []float64{28}
	for range 12 {
		hours = append(hours, (contentW-28)/12)
	}
	for half := range 2 {
		head := []string{w.T("byHour")}
		cells := []string{w.T("views")}
		for h := half * 12; h < half*12+12; h++ {
			head = append(head, fmt.Sprintf("%d%s", h, w.T("hour")))
			cells = append(cells, fmt.Sprint(r.Hours[h]))
		}
		p.table(hours, head, [][]string{cells})
	}
	p.para(typeset.Regular, sizeBody, fmt.Sprintf("%s：%d", w.T("emergencyList"), r.EmergencyCount))
}

func (p *printer) flags(r *review.Review) {
	w := p.words
	p.heading(fmt.Sprintf("%s（%d）", w.T("flags"), len(r.Flags)))
	if len(r.Flags) == 0 {
		p.para(typeset.Regular, sizeBody, w.T("flagsNone"))
		return
	}
	head := []string{w.T("time") + " / " + w.T("received"), w.T("workstation"), w.T("operator"), w.T("reason"), w.T("patient"), w.T("result"), w.T("chain")}
	widths := []float64{26, 16, 24, 37, 45, 17, 19}
	var kind review.Kind
	for _, f := range r.Flags {
		if f.Kind != kind {
			kind = f.Kind
			p.y += 1.5
			p.ensure(lineHeight(sizeBody) * 4)
			p.page.Fill(red)
			p.line(typeset.Bold, sizeBody+1, "■ "+w.T("kind."+string(f.Kind)))
			p.page.Fill(black)
		}
		p.ensure(lineHeight(sizeBody) * 3)
		p.para(typeset.Bold, sizeBody, w.Flag(f))
		var rows [][]string
		for _, e := range f.Rows[:min(len(f.Rows), rowsShown)] {
			rows = append(rows, []string{review.Time(e.Time) + "\n" + received(e), review.Station(e), review.Operator(e.Entry), w.Reason(e.Reason),
				e.Patient, w.Action(e.Action) + " " + w.Result(e.Result), shortLog(e)})
		}
		p.table(widths, head, rows)
		if n := f.Entries() - rowsShown; n > 0 {
			p.para(typeset.Regular, sizeTable, w.T("more", n))
		}
	}
}

// received is when the server received e: the time alone on the day it
// was written.
func received(e audit.CentralEntry) string {
	r := review.Time(e.Received)
	if d := review.Time(e.Time); d[:10] == r[:10] {
		return "→ " + r[11:]
	}
	return "→ " + r
}

// shortLog names an entry's place: its chain's first characters and its id.
func shortLog(e audit.CentralEntry) string {
	id := e.LogID
	if len(id) > 8 {
		id = id[:8]
	}
	return fmt.Sprintf("%s #%d", id, e.ID)
}

// signature is the line the reviewer signs, kept whole on one page.
func (p *printer) signature() {
	w := p.words
	p.y += 6
	p.ensure(30)
	p.page.LineWidth(0.3)
	for _, f := range []struct {
		label string
		width float64
	}{{w.T("signature"), 90}, {w.T("signatureDate"), 60}} {
		p.y += 10
		p.text(marginL, p.y-lineHeight(sizeBody), typeset.Regular, sizeBody, f.label)
		x := marginL + 32
		p.page.Line(x, p.y+1, x+f.width, p.y+1)
	}
	p.y += 4
}
