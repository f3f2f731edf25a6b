package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kyukyu/summary"
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

// flatten lays the sections of v out as list rows.
func flatten(v *summary.View) []listRow {
	if v == nil {
		return nil
	}
	var out []listRow
	for s, sec := range v.Sections {
		out = append(out, listRow{kind: rowHeading, sec: s}, listRow{kind: rowColumns, sec: s})
		if sec.Len() == 0 {
			out = append(out, listRow{kind: rowEmpty, sec: s})
		}
		for i := 0; i < sec.Len(); i++ {
			out = append(out, listRow{kind: rowData, sec: s, i: i})
		}
	}
	return out
}

// column is a column head (a text key) and its share of the width.
type column struct {
	key    string
	weight float32
}

// layoutKind groups the items that share columns.
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
	layoutVisits:   {{"col.institution", 4}, {"col.visitMonth", 1.5}, {"col.setting", 1}},
	layoutMeds:     {{"col.date", 1.3}, {"col.setting", 0.7}, {"col.institution", 2.4}, {"col.drug", 5.5}, {"col.quantity", 1.4}},
	layoutProcs:    {{"col.date", 1.3}, {"col.setting", 0.7}, {"col.institution", 2.4}, {"col.procedure", 5.5}, {"col.quantity", 1.4}},
	layoutCheckups: {{"col.checkupDate", 1.3}, {"col.institution", 2.4}, {"col.results", 7}},
}

// twoLine reports whether the rows of a kind show a second line.
var twoLine = map[layoutKind]bool{layoutMeds: true}

// tagWeight is the share of the leading tag column (抗凝固 …).
const tagWeight = 0.9

// classTag is the mark of a highlighted drug row, as on the PDF.
type classTag struct {
	key        string
	importance widget.Importance
	bold       bool
}

var classTags = map[summary.Class]classTag{
	summary.ClassAnticoagulant: {"tag.anticoagulant", widget.DangerImportance, true},
	summary.ClassAntiplatelet:  {"tag.antiplatelet", widget.WarningImportance, false},
	summary.ClassHypnotic:      {"tag.hypnotic", widget.WarningImportance, false},
	// The other first-hour dangers (issue 16).
	summary.ClassHypoglycemic:      {"tag.hypoglycemic", widget.WarningImportance, false},
	summary.ClassSGLT2:             {"tag.sglt2", widget.WarningImportance, false},
	summary.ClassSteroid:           {"tag.steroid", widget.WarningImportance, false},
	summary.ClassImmunosuppressant: {"tag.immunosuppressant", widget.WarningImportance, false},
	summary.ClassAntiepileptic:     {"tag.antiepileptic", widget.WarningImportance, false},
	summary.ClassNarrowIndex:       {"tag.narrowIndex", widget.WarningImportance, false},
	summary.ClassOpioid:            {"tag.opioid", widget.WarningImportance, false},
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
	return []cell{{top: m.Date.Short()}, {top: string(m.Setting)}, {top: inst}, {top: m.Drug, bottom: strings.Join(detail, " ")}, {top: m.Quantity}}
}

func procCells(p summary.Procedure) []cell {
	return []cell{{top: p.Date.Short()}, {top: string(p.Setting)}, {top: p.Institution}, {top: p.Name}, {top: p.Quantity}}
}

func checkupCells(c summary.Checkup) []cell {
	var rs []string
	for _, r := range c.Results {
		rs = append(rs, strings.TrimSpace(r.Name+" "+r.Value+r.Unit))
	}
	return []cell{{top: c.Date.Short()}, {top: c.Institution}, {top: strings.Join(rs, "、")}}
}

// dataCells are the cells and the class of row i of a section.
func dataCells(s *summary.Section, i int) ([]cell, summary.Class) {
	switch {
	case s.Visits != nil:
		v := s.Visits[i]
		return []cell{{top: v.Institution}, {top: v.Month.Short()}, {top: string(v.Setting)}}, summary.ClassNone
	case s.Medications != nil:
		m := s.Medications[i]
		return medCells(m), m.Class
	case s.Procedures != nil:
		return procCells(s.Procedures[i]), summary.ClassNone
	}
	return checkupCells(s.Checkups[i]), summary.ClassNone
}

const maxCols = 5

// rowView is the template of every list row. It takes the pointer and the
// scroll events over the rows, so reading the summary counts as activity
// (the list's own scroller would swallow them).
type rowView struct {
	widget.BaseWidget
	touch       func()
	scroll      func(dy float32)
	bg          *canvas.Rectangle
	tag         *widget.Label
	top, bottom [maxCols]*widget.Label
	weights     []float32 // nil: top[0] and bottom[0] span the row
	lines       int
}

func newRowView(touch func(), scroll func(dy float32)) *rowView {
	r := &rowView{touch: touch, scroll: scroll, bg: canvas.NewRectangle(color.Transparent), tag: widget.NewLabel(""), lines: 2}
	r.tag.TextStyle.Bold = true
	for i := range maxCols {
		r.top[i] = widget.NewLabel("")
		r.top[i].Truncation = fyne.TextTruncateEllipsis
		r.bottom[i] = widget.NewLabel("")
		r.bottom[i].Truncation = fyne.TextTruncateEllipsis
		r.bottom[i].SizeName = theme.SizeNameCaptionText
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
	objs := []fyne.CanvasObject{r.bg, r.tag}
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
	return fyne.NewSize(200, lineHeight()*float32(rr.r.lines))
}

func (rr *rowRenderer) Layout(size fyne.Size) {
	r := rr.r
	r.bg.Resize(size)
	lh := lineHeight()
	if r.weights == nil {
		r.top[0].Move(fyne.NewPos(0, 0))
		r.top[0].Resize(fyne.NewSize(size.Width, lh))
		r.bottom[0].Move(fyne.NewPos(0, lh))
		r.bottom[0].Resize(fyne.NewSize(size.Width, lh))
		return
	}
	total := float32(tagWeight)
	for _, w := range r.weights {
		total += w
	}
	unit := size.Width / total
	r.tag.Move(fyne.NewPos(0, 0))
	r.tag.Resize(fyne.NewSize(unit*tagWeight, lh))
	x := unit * tagWeight
	for i, w := range r.weights {
		r.top[i].Move(fyne.NewPos(x, 0))
		r.top[i].Resize(fyne.NewSize(unit*w, lh))
		r.bottom[i].Move(fyne.NewPos(x, lh))
		r.bottom[i].Resize(fyne.NewSize(unit*w, lh))
		x += unit * w
	}
}

// lineHeight is the height of one line of list text.
func lineHeight() float32 {
	return widget.NewLabel("あ").MinSize().Height
}

// show fills the template for one list row of v.
func (r *rowView) show(v *summary.View, lr listRow) {
	sec := &v.Sections[lr.sec]
	kind := itemLayout[sec.Item]
	cols := columns[kind]
	r.reset()
	switch lr.kind {
	case rowHeading:
		r.weights, r.lines = nil, 2
		r.top[0].SetText(sec.Title)
		r.top[0].TextStyle.Bold = true
		r.bottom[0].SetText(sec.Window.Header())
		r.bg.FillColor = theme.Color(theme.ColorNameHeaderBackground)
	case rowColumns:
		r.weights, r.lines = weights(cols), 1
		r.tag.SetText(t("col.tag"))
		for i, c := range cols {
			r.top[i].SetText(t(c.key))
			r.top[i].Importance = widget.LowImportance
		}
	case rowEmpty:
		r.weights, r.lines = nil, 1
		r.top[0].SetText(t("section.empty"))
		r.top[0].Importance = widget.LowImportance
	case rowData:
		r.weights, r.lines = weights(cols), 1
		if twoLine[kind] {
			r.lines = 2
		}
		cells, class := dataCells(sec, lr.i)
		for i, c := range cells {
			r.top[i].SetText(c.top)
			r.bottom[i].SetText(c.bottom)
		}
		if tag, ok := classTags[class]; ok {
			r.tag.SetText(t(tag.key))
			r.tag.Importance = tag.importance
			if tag.bold {
				for i := range cells {
					r.top[i].TextStyle.Bold = true
				}
				r.bg.FillColor = alertTint(theme.ColorNameError)
			}
		}
	}
	r.Refresh()
}

func (r *rowView) reset() {
	r.bg.FillColor = color.Transparent
	r.tag.SetText("")
	r.tag.Importance = widget.MediumImportance
	for i := range maxCols {
		for _, l := range []*widget.Label{r.top[i], r.bottom[i]} {
			l.Text = ""
			l.TextStyle = fyne.TextStyle{}
			l.Importance = widget.MediumImportance
		}
	}
}

func weights(cols []column) []float32 {
	w := make([]float32, len(cols))
	for i, c := range cols {
		w[i] = c.weight
	}
	return w
}

// rowLines is the number of text lines of a list row.
func rowLines(v *summary.View, lr listRow) int {
	lines := 1
	switch lr.kind {
	case rowHeading:
		lines = 2
	case rowData:
		if twoLine[itemLayout[v.Sections[lr.sec].Item]] {
			lines = 2
		}
	}
	return lines
}

// alertTint is a pale wash of a theme colour, for a row or box background.
func alertTint(n fyne.ThemeColorName) color.Color {
	r, g, b, _ := theme.Color(n).RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0x30}
}
