package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"kyukyu/app/auditlog"
	"kyukyu/audit"
	"kyukyu/oqs"
	"kyukyu/summary"
	"kyukyu/training"
)

// OQS mode with real parts: a face-auth reader confirms a patient (the
// connector simulator writes its OQSsiquc01res_face_* file), the screen
// asks the connector for the summary through the req/res folders, and the
// view lands in the real audit log before it is shown.
func TestOQSFaceAuthToScreen(t *testing.T) {
	store, err := training.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	sim := &oqs.Simulator{Dir: t.TempDir(), Source: store, Poll: 10 * time.Millisecond}
	for _, d := range []string{sim.ReqDir(), sim.ResDir()} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	simDone := make(chan error, 1)
	go func() { simDone <- sim.Run(ctx) }()
	defer func() { cancel(); <-simDone }()
	client, err := oqs.NewClient(oqs.Settings{ReqDir: sim.ReqDir(), ResDir: sim.ResDir(), InstitutionCode: "1312345678", Poll: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	log, err := audit.Open(filepath.Join(t.TempDir(), audit.FileName), audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()

	a := newTestApp(t)
	faces := make(chan FaceResult)
	go func() {
		defer close(faces)
		for ev := range client.WatchFaces(ctx, time.Now().Add(-time.Second)) {
			select {
			case faces <- FaceResult{Patient: ev.Patient, Err: ev.Err}:
			case <-ctx.Done():
				return
			}
		}
	}()
	s := New(a, Deps{Source: client, Faces: faces, Audit: auditlog.Log{L: log}, Now: time.Now, After: realAfter})
	s.Start(ctx)

	rec, err := store.Record(ctx, "apixaban-stroke", summary.Today(time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sim.WriteFace(rec.Patient, time.Now()); err != nil {
		t.Fatal(err)
	}
	until(t, s, "emergency-access dialog", func() bool { return s.reason != nil })
	onUI(s, func() {
		test.Type(s.reason.operator, "救急 医師")
		test.Tap(s.reason.ok)
	})
	until(t, s, "patient shown", func() bool { return s.shown != nil })
	s.work.Wait()
	onUI(s, func() {
		if got := s.shown.view.Patient.Name; got != rec.Patient.Name {
			t.Errorf("shown %q, want the face-auth patient %q", got, rec.Patient.Name)
		}
		if !hasLabel(s.alerts, "アピキサバン") {
			t.Error("the apixaban alert is not on screen")
		}
	})
	es, err := log.Entries(summary.NewDate(2000, 1, 1), summary.NewDate(2100, 1, 1))
	if err != nil || len(es) != 1 || es[0].Action != audit.Show || es[0].Operator != "救急 医師" {
		t.Fatalf("audit entries %+v, %v: want the one view", es, err)
	}
	if _, err := log.Verify(); err != nil {
		t.Error(err)
	}
	for _, d := range []string{sim.ReqDir()} {
		if left, _ := os.ReadDir(d); len(left) != 0 {
			t.Errorf("%s still holds %d requests", d, len(left))
		}
	}
}
