//go:build e2e

package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	appcards "kyukyu/app/cards"
	"kyukyu/reader"
	"kyukyu/reader/pcsctest"
	"kyukyu/reader/vcard"
	"kyukyu/training"
)

// The whole card path with real parts: our virtual My Number card on the
// vpcd reader of a real pcscd, the reader monitor, the training patients in
// SQLite, and the screen. The first card asks for the emergency reason; the
// same card again shows the patient without any click. Removal keeps it.
func TestRealCardToScreen(t *testing.T) {
	st := pcsctest.Need(t)
	store, err := training.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	a := newTestApp(t)
	ctx, cancel := context.WithCancel(context.Background())
	cards := appcards.Events(ctx, reader.Watch(ctx, reader.WithReader(pcsctest.Reader)))
	defer func() {
		cancel()
		for range cards {
		}
	}()
	audit := newRecorder(t)
	s := New(a, Deps{Source: store, Cards: cards, Audit: audit, Training: true, Now: time.Now, After: realAfter})
	s.Start(ctx)
	t.Cleanup(s.work.Wait)

	card, slot := st.InsertNew(t, vcard.Config{PatientID: "warfarin-head-injury"})
	took := until(t, s, "emergency-access dialog", func() bool { return s.reason != nil })
	t.Logf("card insertion to the emergency-access question: %v", took)
	onUI(s, func() {
		s.reason.operator.SetText("")
		test.Type(s.reason.operator, "訓練 看護師")
		test.Tap(s.reason.ok)
	})
	until(t, s, "patient shown", func() bool { return s.shown != nil })
	s.work.Wait()
	onUI(s, func() {
		if name := s.shown.View.Patient.Name; name != "救急 一郎" {
			t.Errorf("shown %q, want the warfarin patient 救急 一郎", name)
		}
		if !hasLabel(s.alerts, "ワルファリン") {
			t.Error("the warfarin alert is not on screen")
		}
	})

	slot.Remove()
	until(t, s, "removal reported", func() bool { return s.status.Text == t2("state.removed") })
	onUI(s, func() {
		if s.shown == nil {
			t.Error("removing the card cleared the patient")
		}
	})
	views := len(audit.patientEvents())
	slot, err = st.Insert(card, vcard.Faults{})
	if err != nil {
		t.Fatal(err)
	}
	defer slot.Remove()
	took = until(t, s, "the same patient shown again", func() bool { return len(audit.patientEvents()) > views })
	t.Logf("card insertion to the summary on screen, no click: %v", took)
	onUI(s, func() {
		if s.reason != nil || s.replace != nil {
			t.Error("the same patient's card asked again")
		}
	})
	if n := card.Stats().VerifyWithData; n != 0 {
		t.Errorf("%d VERIFY with a PIN reached the card", n)
	}
}
