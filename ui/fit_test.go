package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"kyukyu/internal/testenv"
	"kyukyu/summary"
	"kyukyu/training"
	"kyukyu/training/trainingtest"
)

// At every text size, on the small screens of an ER (1024×700, 1366×768),
// every critical alert of every training patient — its title, coverage
// and 拮抗薬 line — is inside the window without scrolling, and nothing
// (the "more below" hint) is drawn over it; the window never needs more
// than 1,000 px of width.
func TestCriticalAlertsWholeAtEveryTextSize(t *testing.T) {
	testenv.Slow(t, slowWindow)
	st := trainingtest.Open(t)
	for _, size := range textSizeChoices {
		t.Run(size, func(t *testing.T) {
			a := newTestApp(t)
			a.Preferences().SetString(prefTextSize, size)
			test.ApplyTheme(t, themeFor(a.Preferences()))
			for _, id := range training.IDs() {
				s := New(a, Deps{Source: st, Training: true, Now: testNow, After: (&fakeTimer{}).after, CaseIdentity: trainingIdentity})
				s.OpenCase(id)
				s.work.Wait()
				if s.shown == nil {
					t.Fatalf("%s not shown", id)
				}
				for _, ws := range []fyne.Size{{Width: 1024, Height: 700}, {Width: 1366, Height: 768}} {
					s.win.Resize(ws)
					where := fmt.Sprintf("%s at %v×%v", id, ws.Width, ws.Height)
					if min := s.win.Content().MinSize(); min.Width > 1000 {
						t.Errorf("%s: the window needs %v px of width, more than 1,000", where, min.Width)
					}
					checkCriticalWhole(t, s, where)
				}
				s.win.Close()
			}
		})
	}
}

// checkCriticalWhole fails when a critical alert is not wholly inside the
// visible part of the alerts pane, or the "more below" hint covers it.
func checkCriticalWhole(t *testing.T, s *Screen, where string) {
	t.Helper()
	d := fyne.CurrentApp().Driver()
	var sc *container.Scroll
	for _, o := range test.LaidOutObjects(s.win.Content()) {
		if c, ok := o.(*container.Scroll); ok && c.Content == fyne.CanvasObject(s.alerts) {
			sc = c
		}
	}
	if sc == nil {
		t.Fatalf("%s: no alerts pane", where)
	}
	top := d.AbsolutePositionForObject(sc).Y
	bottom := top + sc.Size().Height
	win := s.win.Canvas().Size().Height
	bottom = min(bottom, win)
	hintTop := bottom
	if s.moreHint.Visible() {
		for _, o := range s.moreHint.Objects {
			if o.Visible() && o.Size().Height > 0 {
				hintTop = min(hintTop, d.AbsolutePositionForObject(o).Y)
			}
		}
	}
	for i, al := range s.shown.View.Alerts {
		if al.Severity != summary.SeverityCritical {
			continue
		}
		box := s.alerts.Objects[i]
		y := d.AbsolutePositionForObject(box).Y
		end := y + box.MinSize().Height
		switch {
		case y < top:
			t.Errorf("%s: critical alert %d starts above the pane (%v < %v)", where, i, y, top)
		case end > bottom+0.5:
			t.Errorf("%s: critical alert %d ends at %v, below the pane's visible end %v", where, i, end, bottom)
		case end > hintTop+0.5:
			t.Errorf("%s: the 'more below' hint (from %v) covers critical alert %d (to %v)", where, hintTop, i, end)
		}
	}
}
