package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// flowLayout places objects left to right and starts a new line when one
// does not fit, so a line of header facts needs no more width than its
// widest fact. Its height is that of the last width it was laid out at.
type flowLayout struct{ width float32 }

func newFlow(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&flowLayout{}, objs...)
}

// lines breaks the visible objects into lines for a width.
func (f *flowLayout) lines(objs []fyne.CanvasObject, width float32) [][]fyne.CanvasObject {
	gap := theme.Padding()
	var out [][]fyne.CanvasObject
	var line []fyne.CanvasObject
	x := float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		w := o.MinSize().Width
		if len(line) > 0 && x+gap+w > width {
			out = append(out, line)
			line, x = nil, 0
		}
		if len(line) > 0 {
			x += gap
		}
		line = append(line, o)
		x += w
	}
	if len(line) > 0 {
		out = append(out, line)
	}
	return out
}

func (f *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	f.width = size.Width
	y := float32(0)
	for _, line := range f.lines(objs, size.Width) {
		x, h := float32(0), float32(0)
		for _, o := range line {
			h = max(h, o.MinSize().Height)
		}
		for _, o := range line {
			m := o.MinSize()
			o.Move(fyne.NewPos(x, y+h-m.Height)) // one baseline-ish bottom edge
			o.Resize(fyne.NewSize(min(m.Width, size.Width), m.Height))
			x += m.Width + theme.Padding()
		}
		y += h
	}
}

func (f *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var widest float32
	for _, o := range objs {
		if o.Visible() {
			widest = max(widest, o.MinSize().Width)
		}
	}
	width := f.width
	if width <= 0 {
		width = 1 << 20 // not laid out yet: one line
	}
	var h float32
	for _, line := range f.lines(objs, max(width, widest)) {
		lh := float32(0)
		for _, o := range line {
			lh = max(lh, o.MinSize().Height)
		}
		h += lh
	}
	return fyne.NewSize(widest, h)
}
