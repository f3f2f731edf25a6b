package pdf

import (
	"math"

	"kyukyu/pdf/internal/pdfdoc"
)

// A table is drawn row by row; a row that does not fit goes to the next
// page whole, under a repeated heading and column header. Only a row taller
// than a page is split, between lines.

const (
	cellPadX = 1.2
	cellPadY = 0.9
)

// para is a paragraph of a cell, wrapped on its own.
type para struct {
	text  string
	style style
}

// cell is the content of one table cell.
type cell []para

// row is one table row. A row with a single cell spans every column.
type row struct {
	cells  []cell
	strong bool // every paragraph bold, and a mark in the margin
}

type column struct {
	title string
	width float64
}

type table struct {
	heading  []para // section heading, repeated with （続き） after a break
	columns  []column
	rows     []row
	size     float64    // body font size
	frame    pdfdoc.RGB // the outer frame (the alert box is red)
	frameW   float64    // width of the outer frame line
	noHeader bool       // the column titles are not printed
}

// line is a wrapped line with its style.
type line struct {
	text  string
	style style
}

// layoutCell wraps every paragraph of c into width.
func (r *renderer) layoutCell(c cell, width, size float64, strong bool) []line {
	var out []line
	for _, p := range c {
		s := p.style
		if strong {
			s = bold
		}
		for _, l := range r.wrapCell(p.text, width-2*cellPadX, s, size) {
			out = append(out, line{l, s})
		}
	}
	return out
}

// wrapKey identifies a wrapped cell text: long tables repeat the same
// institutions, drugs and usages thousands of times.
type wrapKey struct {
	text        string
	width, size float64
	style       style
}

func (r *renderer) wrapCell(text string, width float64, s style, size float64) []string {
	k := wrapKey{text, width, size, s}
	ls, ok := r.wrapped[k]
	if !ok {
		ls = Wrap(text, width, r.measure(s, size))
		r.wrapped[k] = ls
	}
	return ls
}

func (t *table) widths(cells int) []float64 {
	if cells == 1 {
		total := 0.0
		for _, c := range t.columns {
			total += c.width
		}
		return []float64{total}
	}
	ws := make([]float64, len(t.columns))
	for i, c := range t.columns {
		ws[i] = c.width
	}
	return ws
}

// laidRow is a row wrapped into its columns.
type laidRow struct {
	lines  [][]line
	widths []float64
	strong bool
	fill   bool
	size   float64
}

func (lr laidRow) height(from, to int) float64 {
	return float64(to-from)*lineHeight(lr.size) + 2*cellPadY
}

func (lr laidRow) maxLines() int {
	n := 0
	for _, ls := range lr.lines {
		n = max(n, len(ls))
	}
	return max(n, 1)
}

func (r *renderer) layRow(t *table, rw row, fill bool) laidRow {
	ws := t.widths(len(rw.cells))
	lr := laidRow{widths: ws, strong: rw.strong, fill: fill, size: t.size}
	for i, c := range rw.cells {
		lr.lines = append(lr.lines, r.layoutCell(c, ws[i], t.size, rw.strong))
	}
	return lr
}

func (r *renderer) headerRow(t *table) laidRow {
	var cells []cell
	for _, c := range t.columns {
		cells = append(cells, cell{{c.title, bold}})
	}
	lr := r.layRow(t, row{cells: cells}, true)
	return lr
}

// draw renders lines [from, to) of every cell of lr at the current y.
func (r *renderer) drawRow(lr laidRow, from, to int) {
	h := lr.height(from, to)
	x := marginL
	lh := lineHeight(lr.size)
	for i, w := range lr.widths {
		if lr.fill {
			r.page.Fill(grey)
		}
		r.page.Rect(x, r.y, w, h, lr.fill, true)
		r.page.Fill(black)
		ls := lr.lines[i]
		for j := from; j < min(to, len(ls)); j++ {
			r.text(x+cellPadX, r.y+cellPadY+float64(j-from)*lh, ls[j].style, lr.size, ls[j].text)
		}
		x += w
	}
	if lr.strong {
		r.page.Fill(red)
		r.page.Rect(markX, r.y, markW, h, true, false)
		r.page.Fill(black)
	}
	r.y += h
}

// drawTable lays out t from the current position.
func (r *renderer) drawTable(t *table) {
	header := r.headerRow(t)
	headerLines := header.maxLines()
	headingH := r.headingHeight(t.heading, false)
	columnsH := 0.0
	if !t.noHeader {
		columnsH = header.height(0, headerLines)
	}
	top := 0.0 // where the frame of the part on this page starts
	start := func(cont bool) {
		if cont {
			r.frame(t, top)
			r.newPage()
		}
		r.heading(t.heading, cont)
		top = r.y
		if !t.noHeader {
			r.drawRow(header, 0, headerLines)
		}
	}
	// Keep the heading with the header and the first row. Rows are laid
	// out one at a time: a long table need not be held laid out whole.
	first := 0.0
	if len(t.rows) > 0 {
		lr := r.layRow(t, t.rows[0], false)
		first = lr.height(0, lr.maxLines())
	}
	r.ensure(headingH + columnsH + first)
	start(false)
	for _, rw := range t.rows {
		lr := r.layRow(t, rw, false)
		n := lr.maxLines()
		if atTop := r.y <= top+columnsH+0.01; r.y+lr.height(0, n) > r.bottom && !atTop {
			start(true)
		}
		// A row taller than a page is split between lines.
		for from := 0; from < n; {
			fit := int(math.Floor((r.bottom - r.y - 2*cellPadY) / lineHeight(lr.size)))
			if fit < 1 && r.y > r.fresh+headingH+columnsH+0.01 {
				start(true)
				continue
			}
			fit = max(fit, 1) // a page too full to hold a line: overflow rather than loop
			to := min(n, from+fit)
			r.drawRow(lr, from, to)
			from = to
		}
	}
	r.frame(t, top)
	r.y += 3
}

// frame draws the outer frame of the part of t on this page.
func (r *renderer) frame(t *table, top float64) {
	if t.frameW == 0 {
		return
	}
	r.page.Stroke(t.frame)
	r.page.LineWidth(t.frameW)
	r.page.Rect(marginL, top, t.widths(1)[0], r.y-top, false, true)
	r.page.LineWidth(0.2)
	r.page.Stroke(black)
}

func (r *renderer) headingHeight(h []para, cont bool) float64 {
	if len(h) == 0 {
		return 0
	}
	return float64(len(r.headingLines(h, cont)))*lineHeight(sizeHeading) + 1
}

// headingLines puts a section heading, the title in bold and the window
// note after it, on one line when it fits, else the note wraps below; after
// a page break the title says （続き）.
func (r *renderer) headingLines(h []para, cont bool) [][]para {
	if len(h) == 0 {
		return nil
	}
	ps := make([]para, len(h))
	copy(ps, h)
	if cont {
		ps[0].text += "（続き）"
	}
	w := 0.0
	for _, p := range ps {
		w += r.measure(p.style, sizeHeading)(p.text) + 2
	}
	if w-2 <= contentW {
		return [][]para{ps}
	}
	var out [][]para
	for _, p := range ps {
		for _, l := range Wrap(p.text, contentW, r.measure(p.style, sizeHeading)) {
			out = append(out, []para{{l, p.style}})
		}
	}
	return out
}

func (r *renderer) heading(h []para, cont bool) {
	for _, l := range r.headingLines(h, cont) {
		x := marginL
		for _, p := range l {
			r.text(x, r.y, p.style, sizeHeading, p.text)
			x += r.measure(p.style, sizeHeading)(p.text) + 2
		}
		r.y += lineHeight(sizeHeading)
	}
	if len(h) > 0 {
		r.y++
	}
}
