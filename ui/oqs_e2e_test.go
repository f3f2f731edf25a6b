package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"kyukyu/app/auditlog"
	"kyukyu/audit"
	"kyukyu/internal/testenv"
	"kyukyu/oqs"
	"kyukyu/summary"
	"kyukyu/training"
)

// OQS mode with real parts: a face-auth reader confirms a patient (the
// connector simulator writes its OQSsiquc01res_face_* file), the screen
// asks the connector for the summary through the req/res folders, and the
// view lands in the real audit log before it is shown.
// oqsRig is the window in OQS mode on real parts: the connector
// simulator on temp folders, the real client, the real audit log.
type oqsRig struct {
	s          *Screen
	sim        *oqs.Simulator
	client     *oqs.Client
	store      *training.Store
	log        *audit.Log
	quarantine string
}

// newOQSRig starts the simulator (set up by prepare) and the window.
func newOQSRig(t *testing.T, prepare func(*oqs.Simulator)) *oqsRig {
	return newOQSRigWith(t, prepare, (*oqs.Simulator).Run)
}

// newOQSRigWith answers the window's requests with connector, run on the
// simulator's folders.
func newOQSRigWith(t *testing.T, prepare func(*oqs.Simulator), connector func(*oqs.Simulator, context.Context) error) *oqsRig {
	t.Helper()
	store, err := training.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	sim := &oqs.Simulator{Dir: t.TempDir(), Source: store, Poll: 10 * time.Millisecond}
	if prepare != nil {
		prepare(sim)
	}
	for _, d := range []string{sim.ReqDir(), sim.ResDir(), sim.FaceDir()} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	simDone := make(chan error, 1)
	go func() { simDone <- connector(sim, ctx) }()
	t.Cleanup(func() { cancel(); <-simDone })
	r := &oqsRig{sim: sim, store: store, quarantine: t.TempDir()}
	r.client, err = oqs.NewClient(oqs.Settings{ReqDir: sim.ReqDir(), ResDir: sim.ResDir(), InstitutionCode: "1312345678",
		Poll: 10 * time.Millisecond, QuarantineDir: r.quarantine})
	if err != nil {
		t.Fatal(err)
	}
	r.log, err = audit.Open(filepath.Join(t.TempDir(), audit.FileName), audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.log.Close() })

	a := newTestApp(t)
	faces := make(chan FaceResult)
	go func() {
		defer close(faces)
		for ev := range r.client.WatchFaces(ctx, time.Now().Add(-time.Second)) {
			select {
			case faces <- testFace(ev):
			case <-ctx.Done():
				return
			}
		}
	}()
	r.s = New(a, Deps{Source: r.client, Faces: faces, Audit: auditlog.Log{L: r.log}, Now: time.Now, After: realAfter})
	r.s.Start(ctx)
	t.Cleanup(func() { cancel(); r.s.work.Wait() })
	return r
}

// testFace is what app.uiFace tells the screen of a face-auth result (app
// imports ui, so its test cannot be imported here).
func testFace(ev oqs.FaceEvent) FaceResult {
	f := FaceResult{Patient: ev.Patient, Err: ev.Err}
	if ev.Face != nil {
		c := ev.Face.Consent
		f.Consent = FaceConsent{Drugs: c.Drugs, Checkups: c.Checkups, Diagnoses: c.Diagnoses, Operations: c.Operations}
		f.Reference = ev.Face.ReferenceNumber
	}
	return f
}

func (r *oqsRig) record(t *testing.T, id string) *summary.Record {
	t.Helper()
	rec, err := r.store.Record(context.Background(), id, summary.Today(time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func (r *oqsRig) entries(t *testing.T) []audit.Entry {
	t.Helper()
	es, err := r.log.Entries(summary.NewDate(2000, 1, 1), summary.NewDate(2100, 1, 1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.log.Verify(); err != nil {
		t.Error(err)
	}
	return es
}

// OQS mode with real parts: a face-auth reader confirms a patient (the
// connector simulator writes its OQSsiquc01res_face_* file), the screen
// asks the connector for the summary through the req/res folders, and the
// view lands in the real audit log before it is shown.
func TestOQSFaceAuthToScreen(t *testing.T) {
	testenv.Slow(t, slowWindow)
	r := newOQSRig(t, nil)
	s := r.s
	rec := r.record(t, "apixaban-stroke")
	if _, err := r.sim.WriteFace(rec.Patient, time.Now()); err != nil {
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
		if got := s.shown.View.Patient.Name; got != rec.Patient.Name {
			t.Errorf("shown %q, want the face-auth patient %q", got, rec.Patient.Name)
		}
		if !hasLabel(s.alerts, "アピキサバン") {
			t.Error("the apixaban alert is not on screen")
		}
	})
	if es := r.entries(t); len(es) != 1 || es[0].Action != audit.Show || es[0].Operator != osAccount(t) {
		t.Fatalf("audit entries %+v: want the one view", es)
	}
	if left, _ := os.ReadDir(r.sim.ReqDir()); len(left) != 0 {
		t.Errorf("%s still holds %d requests", r.sim.ReqDir(), len(left))
	}
}

// A connector that answers with another patient's record (oqs-sim
// -wrong-patient): the window says so, shows no patient and asks no
// reason; the real audit log holds a failed view naming no patient; the
// result is kept in quarantine.
func TestOQSWrongPatientShowsNobody(t *testing.T) {
	testenv.Slow(t, slowWindow)
	var other *summary.Record
	var r *oqsRig
	r = newOQSRig(t, func(sim *oqs.Simulator) {
		store, err := training.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()
		other, err = store.Record(context.Background(), "warfarin-head-injury", summary.Today(time.Now()))
		if err != nil {
			t.Fatal(err)
		}
		sim.WrongPatient = []summary.Insurance{other.Patient.Insurance}
	})
	s := r.s
	asked := r.record(t, "apixaban-stroke")
	if _, err := r.sim.WriteFace(asked.Patient, time.Now()); err != nil {
		t.Fatal(err)
	}
	until(t, s, "the refusal on screen", func() bool { return s.status.Text == t2("state.wrongPatient") })
	s.work.Wait()
	onUI(s, func() {
		if s.shown != nil || s.reason != nil {
			t.Errorf("shown %v, reason asked %v: another patient's result reached the screen", s.shown != nil, s.reason != nil)
		}
		for _, name := range []string{other.Patient.Name, asked.Patient.Name} {
			if hasLabel(s.win.Content(), name) {
				t.Errorf("the window shows %q", name)
			}
		}
	})
	es := r.entries(t)
	if len(es) != 1 {
		t.Fatalf("audit entries %+v: want one failed view", es)
	}
	e := es[0]
	if e.Action != audit.Show || e.Result != audit.Failed || e.Patient != "" || e.Mode != audit.WithoutConsent ||
		!strings.Contains(e.Output, "another patient") {
		t.Errorf("audit entry %+v: want a failed emergency view naming no patient", e)
	}
	for _, name := range []string{other.Patient.Name, asked.Patient.Name, other.Patient.Insurance.Number} {
		if strings.Contains(e.Output, name) {
			t.Errorf("the audit line carries patient data %q", name)
		}
	}
	if kept, _ := os.ReadDir(r.quarantine); len(kept) == 0 {
		t.Error("the refused result is not in quarantine")
	}
}
