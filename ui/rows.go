package ui

import (
	"image/color"
	"strings"
	"sync"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kyukyu/summary"
	"kyukyu/summary/alerttext"
)

// The seven sections are one virtualised list: a heading (title and window),
// a column line, then the rows, so one scroll bar serves the whole summary
// and only the visible rows exist as widgets, whatever the row count.

type rowKind int

const (
	rowHeading rowKind = iota
	rowColumns
	rowData
	rowEmpty
)

// listRow points into the view: section sec, row i of it.
type listRow struct {
	kind rowKind
	sec  int
	i    int
}

// flatten lays the sections of v out as list rows; the sections without
// records are named together in one line at the end, as on paper.
func flatten(v *summary.View) []listRow {
	if v == nil {
		return nil
	}
	var out []listRow
	empty := false
	for s, sec := range v.Sections {
		if sec.Len() == 0 {
			empty = true
			continue
		}
		out = append(out, listRow{kind: rowHeading, sec: s}, listRow{kind: rowColumns, sec: s})
		for i := 0; i < sec.Len(); i++ {
			out = append(out, listRow{kind: rowData, sec: s, i: i})
		}
	}
	if empty {
		out = append(out, listRow{kind: rowEmpty})
	}
	return out
}

// emptySections is the one line naming the sections without records.
func emptySections(v *summary.View) string {
	var names []string
	for _, sec := range v.Sections {
		if sec.Len() == 0 {
			names = append(names, sectionTitle(&sec))
		}
	}
	return tf("section.empty", map[string]any{"Sections": strings.Join(names, t("list.sep"))})
}

// column is a column head (a text key), its share of the width and what
// it must fit on one line whatever the width (a date, a tag).
type column struct {
	key    string
	weight float32
	fit    fitKind
}

// fitKind names the widest value a short column must show unbroken.
type fitKind int

const (
	fitNone fitKind = iota
	fitDate
	fitMonth
	fitSetting
	fitTag
)

// fitText is the widest text of a kind in the screen's language.
func fitText(k fitKind) []string {
	switch k {
	case fitDate:
		return []string{shortDate(summary.NewDate(2088, 12, 28))}
	case fitMonth:
		return []string{shortMonth(summary.Month{Year: 2088, Month: 12})}
	case fitSetting:
		return []string{settingText(summary.Inpatient), settingText(summary.Outpatient), settingText(summary.Pharmacy)}
	case fitTag:
		var out []string
		for c := range classTags {
			out = append(out, alerttext.ClassTag(c, tf))
		}
		return out
	}
	return nil
}

type layoutKind int

const (
	layoutVisits layoutKind = iota
	layoutMeds
	layoutProcs
	layoutCheckups
)

var itemLayout = map[summary.Item]layoutKind{
	summary.ItemVisits:      layoutVisits,
	summary.ItemDispensing:  layoutMeds,
	summary.ItemMedications: layoutMeds,
	summary.ItemSurgeries:   layoutProcs,
	summary.ItemProcedures:  layoutProcs,
	summary.ItemDialysis:    layoutProcs,
	summary.ItemCheckups:    layoutCheckups,
}

// columns are the sample's columns of each kind of section.
var columns = map[layoutKind][]column{
	layoutVisits:   {{"col.institution", 4, fitNone}, {"col.visitMonth", 1.5, fitMonth}, {"col.setting", 1, fitSetting}},
	layoutMeds:     {{"col.date", 1.3, fitDate}, {"col.setting", 0.7, fitSetting}, {"col.institution", 2.4, fitNone}, {"col.drug", 5.5, fitNone}, {"col.quantity", 1.4, fitNone}},
	layoutProcs:    {{"col.date", 1.3, fitDate}, {"col.setting", 0.7, fitSetting}, {"col.institution", 2.4, fitNone}, {"col.procedure", 5.5, fitNone}, {"col.quantity", 1.4, fitNone}},
	layoutCheckups: {{"col.checkupDate", 1.3, fitDate}, {"col.institution", 2.4, fitNone}, {"col.results", 7, fitNone}},
}

// tagWeight is the share of the leading tag column (抗凝固 …).
const tagWeight = 0.9

// classTag is the mark of a highlighted drug row, as on the PDF: the tag
// (alerttext's, as the alerts and the paper say it) in bold, a bar of the
// alert colour at the left, and for the strongest a wash over the row.
type classTag struct {
	bar  fyne.ThemeColorName
	bold bool
}

var classTags = map[summary.Class]classTag{
	summary.ClassAnticoagulant: {theme.ColorNameError, true},
	summary.ClassAntiplatelet:  {theme.ColorNameWarning, false},
	summary.ClassHypnotic:      {theme.ColorNameWarning, false},
	// The other first-hour dangers (issue 16).
	summary.ClassHypoglycemic:      {theme.ColorNameWarning, false},
	summary.ClassSGLT2:             {theme.ColorNameWarning, false},
	summary.ClassGLP1:              {theme.ColorNameWarning, false},
	summary.ClassSteroid:           {theme.ColorNameWarning, false},
	summary.ClassImmunosuppressant: {theme.ColorNameWarning, false},
	summary.ClassAntiepileptic:     {theme.ColorNameWarning, false},
	summary.ClassNarrowIndex:       {theme.ColorNameWarning, false},
	summary.ClassOpioid:            {theme.ColorNameWarning, false},
	summary.ClassParkinson:         {theme.ColorNameWarning, false},
	summary.ClassClozapine:         {theme.ColorNameWarning, false},
}

// cell is one column of a row: a main line and an optional second line.
type cell struct{ top, bottom string }

func medCells(m summary.Medication) []cell {
	inst := m.Where()
	var detail []string
	if m.Ingredient != "" {
		detail = append(detail, "("+m.Ingredient+")")
	}
	if m.Usage != "" {
		detail = append(detail, "【"+m.Usage+"】")
	}
	if m.Dose != "" {
		detail = append(detail, m.Dose)
	}
	if m.Instruction != "" {
		detail = append(detail, "【"+m.Instruction+"】")
	}
	return []cell{{top: shortDate(m.Date)}, {top: settingText(m.Setting)}, {top: inst}, {top: m.Drug, bottom: strings.Join(detail, " ")}, {top: m.Quantity}}
}

func procCells(p summary.Procedure) []cell {
	return []cell{{top: shortDate(p.Date)}, {top: settingText(p.Setting)}, {top: p.Institution}, {top: p.Name}, {top: p.Quantity}}
}

func checkupCells(c summary.Checkup) []cell {
	var rs []string
	for _, r := range c.Results {
		rs = append(rs, strings.TrimSpace(r.Name+" "+r.Value+r.Unit))
	}
	return []cell{{top: shortDate(c.Date)}, {top: c.Institution}, {top: strings.Join(rs, t("list.sep"))}}
}

// dataCells are the cells and the class of row i of a section.
func dataCells(s *summary.Section, i int) ([]cell, summary.Class) {
	switch {
	case s.Visits != nil:
		v := s.Visits[i]
		return []cell{{top: v.Institution}, {top: shortMonth(v.Month)}, {top: settingText(v.Setting)}}, summary.ClassNone
	case s.Medications != nil:
		m := s.Medications[i]
		return medCells(m), m.Class
	case s.Procedures != nil:
		return procCells(s.Procedures[i]), summary.ClassNone
	}
	return checkupCells(s.Checkups[i]), summary.ClassNone
}

const maxCols = 5

// rowView is the template of every list row. Its cells wrap instead of
// cutting text short: the row is as tall as its tallest cell (rowHeight),
// so dose, days supplied and prescriber are read whole at any width. It
// takes the pointer and the scroll events over the rows, so reading the
// summary counts as activity (the list's own scroller would swallow them).
type rowView struct {
	widget.BaseWidget
	touch       func()
	scroll      func(dy float32)
	bg, bar     *canvas.Rectangle
	tag         *widget.RichText
	top, bottom [maxCols]*widget.RichText
	cols        []column // nil: top[0] and bottom[0] span the row
}

// newCell is one wrapping text of a row.
func newCell(size fyne.ThemeSizeName) *widget.RichText {
	rt := widget.NewRichText(&widget.TextSegment{Style: widget.RichTextStyle{SizeName: size, ColorName: theme.ColorNameForeground, Inline: true}})
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// setCell puts text in a cell with a colour and boldness.
func setCell(rt *widget.RichText, text string, colour fyne.ThemeColorName, bold bool) {
	seg := rt.Segments[0].(*widget.TextSegment)
	seg.Text = text
	seg.Style.ColorName = colour
	seg.Style.TextStyle = fyne.TextStyle{Bold: bold}
}

func cellText(rt *widget.RichText) string { return rt.Segments[0].(*widget.TextSegment).Text }

func newRowView(touch func(), scroll func(dy float32)) *rowView {
	r := &rowView{touch: touch, scroll: scroll, bg: canvas.NewRectangle(color.Transparent), bar: canvas.NewRectangle(color.Transparent), tag: newCell(theme.SizeNameText)}
	for i := range maxCols {
		r.top[i] = newCell(theme.SizeNameText)
		r.bottom[i] = newCell(theme.SizeNameCaptionText)
	}
	r.ExtendBaseWidget(r)
	return r
}

func (r *rowView) MouseIn(*desktop.MouseEvent)    { r.touch() }
func (r *rowView) MouseMoved(*desktop.MouseEvent) { r.touch() }
func (r *rowView) MouseOut()                      {}

func (r *rowView) Scrolled(ev *fyne.ScrollEvent) {
	r.touch()
	r.scroll(ev.Scrolled.DY)
}

func (r *rowView) CreateRenderer() fyne.WidgetRenderer {
	objs := []fyne.CanvasObject{r.bg, r.bar, r.tag}
	for i := range maxCols {
		objs = append(objs, r.top[i], r.bottom[i])
	}
	return &rowRenderer{r: r, objs: objs}
}

type rowRenderer struct {
	r    *rowView
	objs []fyne.CanvasObject
}

func (rr *rowRenderer) Destroy()                     {}
func (rr *rowRenderer) Objects() []fyne.CanvasObject { return rr.objs }
func (rr *rowRenderer) Refresh() {
	for _, o := range rr.objs {
		o.Refresh()
	}
	rr.Layout(rr.r.Size())
}

func (rr *rowRenderer) MinSize() fyne.Size {
	return fyne.NewSize(200, textMetrics().height(1, theme.SizeNameText))
}

// barWidth is the alert bar at the left of a highlighted row.
const barWidth = 6

func (rr *rowRenderer) Layout(size fyne.Size) {
	r := rr.r
	r.bg.Resize(size)
	r.bar.Resize(fyne.NewSize(barWidth, size.Height))
	m := textMetrics()
	place := func(x, w float32, top, bottom *widget.RichText) {
		th := m.cellHeight(cellText(top), w, theme.SizeNameText, top.Segments[0].(*widget.TextSegment).Style.TextStyle.Bold)
		m.placeCell(top, x, 0, w, th)
		m.placeCell(bottom, x, th, w, m.cellHeight(cellText(bottom), w, theme.SizeNameCaptionText, false))
	}
	if r.cols == nil {
		place(0, size.Width, r.top[0], r.bottom[0])
		return
	}
	x := float32(barWidth)
	for i, w := range columnWidths(r.cols, size.Width) {
		if i == 0 {
			m.placeCell(r.tag, x, 0, w, m.cellHeight(cellText(r.tag), w, theme.SizeNameText, true))
		} else {
			place(x, w, r.top[i-1], r.bottom[i-1])
		}
		x += w
	}
}

// columnWidths shares the row's width (less the bar) out by weight, the
// tag column first; a short column (date, tag) gets at least the width of
// its widest value, taken from the columns that wrap.
func columnWidths(cols []column, width float32) []float32 {
	m := textMetrics()
	k := widthsKey{&cols[0], width}
	m.mu.Lock()
	ws, ok := m.widths[k]
	m.mu.Unlock()
	if ok {
		return ws
	}
	ws = m.columnWidths(cols, width)
	m.mu.Lock()
	m.widths[k] = ws
	m.mu.Unlock()
	return ws
}

// widthsKey names the widths of a table's columns at a width.
type widthsKey struct {
	cols  *column // the first column of a table of columns
	width float32
}

func (m *metrics) columnWidths(cols []column, width float32) []float32 {
	all := append([]column{{key: "col.tag", weight: tagWeight, fit: fitTag}}, cols...)
	avail := width - barWidth
	var total float32
	for _, c := range all {
		total += c.weight
	}
	out := make([]float32, len(all))
	var deficit, flex float32
	for i, c := range all {
		out[i] = avail * c.weight / total
		if need := m.fitWidth(c.fit); need > out[i] {
			deficit += need - out[i]
			out[i] = need
		} else if c.fit == fitNone {
			flex += c.weight
		}
	}
	if deficit > 0 && flex > 0 {
		for i, c := range all {
			if c.fit == fitNone {
				out[i] -= deficit * c.weight / flex
			}
		}
	}
	return out
}

// metrics are the sizes wrapped text takes in the current theme.
type metrics struct {
	pad     float32                        // a text's inner padding, each side
	rowPad  float32                        // the part of it kept above and below a row's text
	lineGap float32                        // between wrapped lines
	runes   map[metricKey]float32          // advance of each rune measured so far
	lineH   map[fyne.ThemeSizeName]float32 // one line's height
	widths  map[widthsKey][]float32        // column widths computed so far
	mu      sync.Mutex
}

type metricKey struct {
	r    rune
	size fyne.ThemeSizeName
	bold bool
}

var (
	metricsMu    sync.Mutex
	metricsCache *metrics
	metricsTheme fyne.Theme
	metricsScale float32
)

// textMetrics are the metrics of the current theme, measured once per theme.
func textMetrics() *metrics {
	metricsMu.Lock()
	defer metricsMu.Unlock()
	th := fyne.CurrentApp().Settings().Theme()
	scale := theme.Size(theme.SizeNameText)
	if metricsCache == nil || metricsTheme != th || metricsScale != scale {
		metricsCache = &metrics{pad: theme.InnerPadding(), rowPad: min(theme.InnerPadding(), rowPadding), lineGap: theme.LineSpacing(), runes: map[metricKey]float32{}, lineH: map[fyne.ThemeSizeName]float32{}, widths: map[widthsKey][]float32{}}
		metricsTheme, metricsScale = th, scale
	}
	return metricsCache
}

func (m *metrics) lineHeight(size fyne.ThemeSizeName) float32 {
	h, ok := m.lineH[size]
	if !ok {
		h = fyne.MeasureText("あg", theme.Size(size), fyne.TextStyle{}).Height
		m.lineH[size] = h
	}
	return h
}

// height is the height of n lines of text of a size, with the padding.
func (m *metrics) height(n int, size fyne.ThemeSizeName) float32 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.heightLocked(n, size)
}

func (m *metrics) heightLocked(n int, size fyne.ThemeSizeName) float32 {
	if n == 0 {
		return 0
	}
	return float32(n)*m.lineHeight(size) + float32(n-1)*m.lineGap + 2*m.rowPad
}

// rowPadding is the space above and below a row's text: less than a
// label's, so more rows fit a 768-pixel screen.
const rowPadding = 3

// placeCell puts a text in its box of a row, its inner padding reaching
// over the box's edges where the row keeps less (rowPad).
func (m *metrics) placeCell(rt *widget.RichText, x, y, w, h float32) {
	if h == 0 {
		rt.Resize(fyne.NewSize(w, 0))
		return
	}
	over := m.pad - m.rowPad
	rt.Move(fyne.NewPos(x, y-over))
	rt.Resize(fyne.NewSize(w, h+2*over))
}

// cellHeight is the height text takes wrapped in width; 0 for no text.
func (m *metrics) cellHeight(text string, width float32, size fyne.ThemeSizeName, bold bool) float32 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.heightLocked(m.lines(text, width-2*m.pad, size, bold), size)
}

// lines counts the lines of text wrapped in width as Fyne wraps words
// (widget.RichText, TextWrapWord): each line takes the runes that fit and
// breaks at the last space among them, or, with none, after the last rune
// that fits; Japanese text without spaces so breaks between any runes.
func (m *metrics) lines(text string, width float32, size fyne.ThemeSizeName, bold bool) int {
	if text == "" {
		return 0
	}
	n := 0
	for _, para := range strings.Split(text, "\n") {
		rs := []rune(para)
		if len(rs) == 0 {
			n++
			continue
		}
		for low := 0; low < len(rs); {
			n++
			fit, x := 0, float32(0)
			for low+fit < len(rs) {
				a := m.advance(rs[low+fit], size, bold)
				if x+a > width {
					break
				}
				x += a
				fit++
			}
			switch {
			case low+fit == len(rs):
				low = len(rs)
				continue
			case fit == 0: // not even one rune fits: one a line
				low++
				continue
			}
			end := low + fit
			for sp := fit; sp > 0; sp-- { // the last space among the runes that fit, or just after them
				if unicode.IsSpace(rs[low+sp]) {
					end = low + sp
					break
				}
			}
			low = end
			if low < len(rs) && unicode.IsSpace(rs[low]) {
				low++
			}
		}
	}
	return n
}

// fitWidth is the width the widest value of a kind takes on one line.
func (m *metrics) fitWidth(k fitKind) float32 {
	texts := fitText(k)
	if len(texts) == 0 {
		return 0
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	var w float32
	for _, s := range texts {
		var sw float32
		for _, r := range s {
			sw += m.advance(r, theme.SizeNameText, true)
		}
		w = max(w, sw)
	}
	return w + 2*m.pad + 1
}

func (m *metrics) advance(r rune, size fyne.ThemeSizeName, bold bool) float32 {
	k := metricKey{r, size, bold}
	a, ok := m.runes[k]
	if !ok {
		a = fyne.MeasureText(string(r), theme.Size(size), fyne.TextStyle{Bold: bold}).Width
		m.runes[k] = a
	}
	return a
}

// show fills the template for one list row of v.
func (r *rowView) show(v *summary.View, lr listRow) {
	r.reset()
	if lr.kind == rowEmpty {
		r.cols = nil
		setCell(r.top[0], emptySections(v), colorNameNote, false)
		r.Refresh()
		return
	}
	sec := &v.Sections[lr.sec]
	kind := itemLayout[sec.Item]
	cols := columns[kind]
	switch lr.kind {
	case rowHeading:
		r.cols = nil
		setCell(r.top[0], sectionTitle(sec), theme.ColorNameForeground, true)
		setCell(r.bottom[0], alerttext.Window(sec.Window, tf), colorNameNote, false)
		r.bg.FillColor = theme.Color(theme.ColorNameHeaderBackground)
	case rowColumns:
		r.cols = cols
		setCell(r.tag, t("col.tag"), colorNameNote, true)
		for i, c := range cols {
			setCell(r.top[i], t(c.key), colorNameNote, true)
		}
	case rowData:
		r.cols = cols
		cells, class := dataCells(sec, lr.i)
		tag, tagged := classTags[class]
		for i, c := range cells {
			setCell(r.top[i], c.top, theme.ColorNameForeground, tagged && tag.bold)
			setCell(r.bottom[i], c.bottom, theme.ColorNameForeground, false)
		}
		if tagged {
			setCell(r.tag, alerttext.ClassTag(class, tf), theme.ColorNameForeground, true)
			r.bar.FillColor = theme.Color(tag.bar)
			if tag.bold {
				r.bg.FillColor = alertTint(tag.bar)
			}
		}
	}
	r.Refresh()
}

func (r *rowView) reset() {
	r.bg.FillColor = color.Transparent
	r.bar.FillColor = color.Transparent
	setCell(r.tag, "", theme.ColorNameForeground, false)
	for i := range maxCols {
		setCell(r.top[i], "", theme.ColorNameForeground, false)
		setCell(r.bottom[i], "", theme.ColorNameForeground, false)
	}
}

// rowHeight is the height of a list row at a width: its tallest cell.
func rowHeight(v *summary.View, lr listRow, width float32) float32 {
	m := textMetrics()
	if lr.kind == rowEmpty {
		return m.cellHeight(emptySections(v), width, theme.SizeNameText, false)
	}
	sec := &v.Sections[lr.sec]
	cols := columns[itemLayout[sec.Item]]
	if lr.kind == rowHeading {
		return m.cellHeight(sectionTitle(sec), width, theme.SizeNameText, true) + m.cellHeight(alerttext.Window(sec.Window, tf), width, theme.SizeNameCaptionText, false)
	}
	ws := columnWidths(cols, width)
	var tops, bottoms []string
	tag := ""
	bold := true
	switch lr.kind {
	case rowColumns:
		tag = t("col.tag")
		for _, c := range cols {
			tops = append(tops, t(c.key))
		}
	case rowData:
		cells, class := dataCells(sec, lr.i)
		if ct, ok := classTags[class]; ok {
			tag, bold = alerttext.ClassTag(class, tf), ct.bold
		} else {
			bold = false
		}
		for _, c := range cells {
			tops, bottoms = append(tops, c.top), append(bottoms, c.bottom)
		}
	}
	h := m.cellHeight(tag, ws[0], theme.SizeNameText, true)
	for i, top := range tops {
		ch := m.cellHeight(top, ws[i+1], theme.SizeNameText, bold)
		if i < len(bottoms) {
			ch += m.cellHeight(bottoms[i], ws[i+1], theme.SizeNameCaptionText, false)
		}
		h = max(h, ch)
	}
	return h
}

// alertTint is a pale wash of a theme colour, for a row or box background.
func alertTint(n fyne.ThemeColorName) color.Color { return washOf(theme.Color(n)) }
