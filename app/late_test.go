package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kyukyu/app/auditlog"
	"kyukyu/audit"
	"kyukyu/oqs"
	"kyukyu/summary"
	"kyukyu/training/trainingtest"
	"kyukyu/ui"
)

// A connector that answers after the window gave up (oqs-sim -late): the
// OQS mode as the window wires it removes the results on its next poll
// (the face watcher's) and writes one audit line for each into the real
// log, naming the file by its reference only.
func TestLateResultsAuditedAndRemoved(t *testing.T) {
	store := trainingtest.Open(t)
	sim := &oqs.Simulator{Dir: t.TempDir(), Source: store, Poll: 10 * time.Millisecond, Delay: 800 * time.Millisecond}
	ctx, cancel := context.WithCancel(t.Context())
	simDone := make(chan error, 1)
	go func() { simDone <- sim.Run(ctx) }()
	defer func() { cancel(); <-simDone }()
	for _, d := range []string{sim.ReqDir(), sim.ResDir()} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	log, err := audit.Open(filepath.Join(t.TempDir(), audit.FileName), audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	var stderr strings.Builder
	m := &modes{ctx: ctx,
		settings: func() ui.Workstation {
			return ui.Workstation{OQSReq: sim.ReqDir(), OQSRes: sim.ResDir(), Institution: "1312345678"}
		},
		oqs: oqs.Settings{Timeout: 300 * time.Millisecond, Poll: 20 * time.Millisecond, Late: lateAudit(auditlog.Log{L: log}, &stderr)},
	}
	defer m.Close()
	p, err := m.wire(false)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		for range p.Faces { // the watcher polls; nobody is at a face reader
		}
	}()
	rec, err := store.Record(ctx, "warfarin-head-injury", summary.Today(time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	in := rec.Patient.Insurance
	_, err = p.Source.Lookup(ctx, summary.Query{Identity: summary.Identity{Insurance: &in}, On: summary.Today(time.Now()), Mode: summary.Emergency})
	if err == nil || !strings.Contains(err.Error(), "no answer") {
		t.Fatalf("lookup: %v, want a timeout", err)
	}
	var es []audit.Entry
	for deadline := time.Now().Add(10 * time.Second); len(es) < 2; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("audit entries %+v: want one line per late result (drugs and checkups)", es)
		}
		if es, err = log.Entries(summary.NewDate(2000, 1, 1), summary.NewDate(2100, 1, 1)); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range es {
		if e.Action != audit.Discard || e.Patient != "" || !strings.Contains(e.Output, "file f1:") || strings.Contains(e.Output, "siquc01res") {
			t.Errorf("audit line %+v: want a discard naming the file by reference only", e)
		}
	}
	if left, _ := os.ReadDir(sim.ResDir()); len(left) != 0 {
		t.Errorf("late results left in res: %d", len(left))
	}
	if _, err := log.Verify(); err != nil {
		t.Error(err)
	}
	if stderr.Len() != 0 {
		t.Errorf("said %q", stderr.String())
	}
}
