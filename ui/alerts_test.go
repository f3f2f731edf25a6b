package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kyukyu/internal/testenv"
	"kyukyu/summary/alerttext"
	"kyukyu/training"
	"kyukyu/training/trainingtest"
)

// labels collects the texts of the labels under an object, in order.
func labels(o fyne.CanvasObject) []string {
	switch x := o.(type) {
	case *widget.Label:
		return []string{x.Text}
	case *widget.RichText:
		return []string{x.String()}
	case *fyne.Container:
		var out []string
		for _, c := range x.Objects {
			out = append(out, labels(c)...)
		}
		return out
	}
	return nil
}

// TestAlertsInTheOrderOfPaper: for every training patient the window lists
// the alerts in summary's order and alerttext's words (as the PDF does),
// then the drugs likely taken today and what the data cannot show.
func TestAlertsInTheOrderOfPaper(t *testing.T) {
	testenv.Slow(t, slowWindow)
	st := trainingtest.Open(t)
	for _, id := range training.IDs() {
		t.Run(id, func(t *testing.T) {
			a := newTestApp(t)
			s := New(a, Deps{Source: st, Training: true, Now: testNow, After: (&fakeTimer{}).after,
				Cases: []Case{{ID: id}}, CaseIdentity: trainingIdentity})
			s.OpenCase(id)
			s.work.Wait()
			if s.shown == nil {
				t.Fatalf("%s not shown", id)
			}
			v := s.shown.View
			var want []string
			for _, al := range v.Alerts {
				x := alerttext.Render(al, tf)
				want = append(want, x.Tag+x.Title)
			}
			want = append(want, tf(alerttext.CurrentHeading, nil))
			got := strings.Join(labels(container.NewVBox(s.alerts.Objects...)), "\n")
			at := 0
			for _, w := range want {
				i := strings.Index(got[at:], w)
				if i < 0 {
					t.Fatalf("%q missing or out of order on screen:\n%s", w, got)
				}
				at += i + len(w)
			}
			for _, c := range v.Current {
				if !strings.Contains(got[at:], alerttext.CurrentLine(c, tf)) {
					t.Errorf("current line %q missing", alerttext.CurrentLine(c, tf))
				}
			}
			if !strings.Contains(got, tf(alerttext.CannotShow, nil)) {
				t.Error("the line on what the data cannot show is missing")
			}
		})
	}
}
