//go:build e2e

package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	appcards "kyukyu/app/cards"
	"kyukyu/reader"
	"kyukyu/reader/pcsctest"
	"kyukyu/reader/vcard"
	"kyukyu/staff"
	"kyukyu/training/trainingtest"
)

// A staff card through the real pcscd and vpcd signs its staff member in
// from the hospital's cards file: 署名 on the window, the staff ID beside
// the OS account in the audit log, and the idle clear signs out.
func TestRealStaffCardSignsIn(t *testing.T) {
	st := pcsctest.Need(t)
	csv := filepath.Join(t.TempDir(), "staff.csv")
	if err := os.WriteFile(csv, []byte(staffCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	dir, err := staff.LoadCSV(csv)
	if err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t)
	ctx, cancel := context.WithCancel(context.Background())
	cards := appcards.Events(ctx, reader.Watch(ctx, reader.WithReader(pcsctest.Reader)))
	defer func() {
		cancel()
		for range cards {
		}
	}()
	rec, timer := newRecorder(t), &fakeTimer{t: testNow()}
	s := New(a, Deps{Source: trainingtest.Open(t), Cards: cards, Audit: rec, Training: true, Now: testNow, Clock: timer.now, After: timer.after,
		CaseIdentity: trainingIdentity, Staff: dir})
	s.Start(ctx)
	t.Cleanup(s.work.Wait)

	_, slot := st.InsertNew(t, vcard.Config{Kind: vcard.Staff, UID: []byte{0x01, 0x2E, 0x4C, 0xD3, 0x5A, 0x19, 0x0B, 0x07}})
	until(t, s, "signed in", func() bool { return s.staffLabel.Text == "署名: 山田（救急科）" })
	slot.Remove()

	st.InsertNew(t, vcard.Config{PatientID: "warfarin-head-injury"})
	until(t, s, "emergency-access dialog", func() bool { return s.reason != nil })
	onUI(s, func() {
		s.reason.operator.SetText("")
		test.Type(s.reason.operator, "山田")
		test.Tap(s.reason.ok)
	})
	until(t, s, "patient shown", func() bool { return s.shown != nil })
	s.work.Wait()
	timer.fire() // the quiet time is over: the countdown starts
	for range 30 {
		timer.fire()
	}
	until(t, s, "idle clear", func() bool { return s.shown == nil && s.staffLabel.Text == "操作者: 山田" })
	s.work.Wait()
	var got []string
	for _, e := range rec.entries(t) {
		got = append(got, string(e.Action)+"/"+e.Staff)
		if e.Operator != osAccount(t) {
			t.Errorf("%s names %q, not the OS account", e.Action, e.Operator)
		}
	}
	slices.Sort(got) // the card read's entry is written beside the lookup, in either order
	if want := "card-read/S0042 show/S0042 sign-in/S0042 sign-out/S0042"; strings.Join(got, " ") != want {
		t.Errorf("audit %s, want %s", strings.Join(got, " "), want)
	}
}
