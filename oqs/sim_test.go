package oqs

import (
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// Each misbehaviour of the simulator, end to end through the client; none
// shows a patient.

func TestSimulatorSlowWrite(t *testing.T) {
	t.Parallel() // mostly waiting on its own folders: alongside the others
	sim, c := startSim(t, func(s *Simulator) { s.SlowWrite = 2 * time.Second })
	c.s.Settle = 500 * time.Millisecond // longer than the pause between two pieces
	c.s.Timeout = 10 * time.Second
	rec, err := lookup(c, *patientInsurance(t, sim.Source, "warfarin-head-injury"))
	if err != nil {
		t.Fatalf("a slowly written result: %v", err)
	}
	if rec.Patient.Name != "救急 一郎" || len(rec.Medications) == 0 {
		t.Errorf("record %+v", rec.Patient)
	}
}

func TestSimulatorLate(t *testing.T) {
	t.Parallel() // mostly waiting on its own folders: alongside the others
	sim, c := startSim(t, func(s *Simulator) { s.Delay = 800 * time.Millisecond })
	c.s.Timeout = 300 * time.Millisecond
	var mu sync.Mutex
	var late []string
	c.s.Late = func(f string) { mu.Lock(); late = append(late, f); mu.Unlock() }
	ins := *patientInsurance(t, sim.Source, "warfarin-head-injury")
	if _, err := lookup(c, ins); err == nil || !strings.Contains(err.Error(), "no answer") {
		t.Fatalf("got %v", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		c.sweepLate()
		mu.Lock()
		n := len(late)
		mu.Unlock()
		if n == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("late results not swept: %v", late)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if left, _ := os.ReadDir(sim.ResDir()); len(left) != 0 {
		t.Errorf("left in res: %v", left)
	}
}

func TestSimulatorEncodingLie(t *testing.T) {
	t.Parallel() // mostly waiting on its own folders: alongside the others
	for _, enc := range []Encoding{ShiftJIS, UTF8} {
		sim, c := startSim(t, func(s *Simulator) { s.EncodingLie, s.Encoding = true, enc })
		_, err := lookup(c, *patientInsurance(t, sim.Source, "warfarin-head-injury"))
		if err == nil || !strings.Contains(err.Error(), "declares") {
			t.Fatalf("%s bytes with the other declaration: %v", enc, err)
		}
		if strings.Contains(err.Error(), "救急") || strings.ContainsRune(err.Error(), '\uFFFD') {
			t.Errorf("shows content: %v", err)
		}
		if left, _ := os.ReadDir(sim.ResDir()); len(left) != 0 {
			t.Errorf("left in res: %v", left)
		}
	}
}

// FileCategory 2 brings drugs only: no surgery, procedures or dialysis.
func TestFileCategoryDrugsOnly(t *testing.T) {
	t.Parallel() // mostly waiting on its own folders: alongside the others
	sim, c := startSim(t, nil)
	ins := *patientInsurance(t, sim.Source, "surgery-history")
	full, err := lookup(c, ins)
	if err != nil {
		t.Fatal(err)
	}
	c.s.FileCategory = "2"
	drugsOnly, err := lookup(c, ins)
	if err != nil {
		t.Fatal(err)
	}
	if len(full.Surgeries) == 0 || len(drugsOnly.Surgeries) != 0 || len(drugsOnly.Procedures) != 0 || len(drugsOnly.Medications) != len(full.Medications) {
		t.Errorf("category 4: %d surgeries; category 2: %d surgeries, %d procedures, %d/%d drugs",
			len(full.Surgeries), len(drugsOnly.Surgeries), len(drugsOnly.Procedures), len(drugsOnly.Medications), len(full.Medications))
	}
}
