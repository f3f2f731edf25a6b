package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kyukyu/summary"
	"kyukyu/training"
	"kyukyu/training/trainingtest"
)

// trainingIdentity is the identity a training case's card carries.
func trainingIdentity(id string) summary.Identity {
	return summary.Identity{CertSerial: training.CardSerial(id).Text(16)}
}

// TestGoldenTrainingPatients renders the main window with real training
// patients from the SQLite dataset and compares it with the reviewed markup
// in testdata (regenerate: copy testdata/failed/*.xml after reviewing).
func TestGoldenTrainingPatients(t *testing.T) {
	st := trainingtest.Open(t)
	for _, id := range []string{"shinryo-taro", "warfarin-head-injury"} {
		t.Run(id, func(t *testing.T) {
			a := newTestApp(t)
			s := New(a, Deps{Source: st, Training: true, Now: testNow,
				After: (&fakeTimer{}).after, Cases: []Case{{ID: id}}, CaseIdentity: trainingIdentity})
			s.win.Resize(fyne.NewSize(1200, 860))
			s.OpenCase(id)
			s.work.Wait()
			if s.shown == nil {
				t.Fatalf("%s not shown", id)
			}
			test.AssertRendersToMarkup(t, id+".xml", s.win.Canvas())
		})
	}
}
