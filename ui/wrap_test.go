package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"kyukyu/internal/testenv"
	"kyukyu/summary"
	"kyukyu/training"
	"kyukyu/training/trainingtest"
)

// The row heights the list is given hold every cell's text as Fyne wraps
// it, at the widths of a 1024 and a 1366 screen, for the rows of every
// training patient with 5 years of data: no text runs into the next row.
func TestRowHeightsHoldTheWrappedText(t *testing.T) {
	testenv.Slow(t, slowWindow)
	newTestApp(t)
	st := trainingtest.Open(t)
	m := textMetrics()
	on := summary.NewDate(2026, 11, 25)
	checked := 0
	for _, id := range training.IDs() {
		rec, err := st.Record(t.Context(), id, on)
		if err != nil {
			t.Fatal(err)
		}
		v := summary.Build(rec, summary.Normal, on)
		rows := flatten(v)
		if len(rows) > 300 {
			rows = rows[:300] // the heavy patient: its first rows are enough
		}
		for _, width := range []float32{1000, 1366} {
			for _, lr := range rows {
				rv := newRowView(func() {}, func(float32) {})
				rv.show(v, lr)
				// Each column: its texts stacked, in its width.
				type column struct {
					texts []*widget.RichText
					width float32
				}
				cols := []column{{[]*widget.RichText{rv.top[0], rv.bottom[0]}, width}}
				if rv.cols != nil {
					ws := columnWidths(rv.cols, width)
					cols = []column{{[]*widget.RichText{rv.tag}, ws[0]}}
					for i := range rv.cols {
						cols = append(cols, column{[]*widget.RichText{rv.top[i], rv.bottom[i]}, ws[i+1]})
					}
				}
				h := rowHeight(v, lr, width)
				for _, c := range cols {
					var need float32
					for _, rt := range c.texts {
						if cellText(rt) == "" {
							continue
						}
						rt.Resize(fyne.NewSize(c.width, 1000))
						// Fyne's own wrapped height, less the padding a row does not keep.
						need += rt.MinSize().Height - 2*(m.pad-m.rowPad)
						checked++
					}
					if need > h+0.5 {
						t.Errorf("%s at %v px: %q needs %v px, the row is %v px", id, width, cellText(c.texts[0]), need, h)
					}
				}
			}
		}
	}
	if checked < 1000 {
		t.Errorf("only %d cells checked", checked)
	}
}
