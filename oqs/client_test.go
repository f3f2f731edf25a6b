package oqs

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"kyukyu/internal/testenv"
	"kyukyu/summary"
	"kyukyu/training"
	"kyukyu/training/trainingtest"
)

const testInstitution = "1312345678"

// startSim runs a simulator over the real training dataset in a goroutine.
func startSim(t *testing.T, configure func(*Simulator)) (*Simulator, *Client) {
	t.Helper()
	sim := &Simulator{Dir: t.TempDir(), Source: trainingtest.Open(t), Poll: 10 * time.Millisecond,
		Now: func() time.Time { return time.Date(2025, 3, 10, 12, 0, 0, 0, summary.Tokyo) }}
	if configure != nil {
		configure(sim)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	for _, d := range []string{sim.ReqDir(), sim.ResDir(), sim.FaceDir()} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	go func() { done <- sim.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	c, err := NewClient(Settings{ReqDir: sim.ReqDir(), ResDir: sim.ResDir(), InstitutionCode: testInstitution,
		Timeout: 5 * time.Second, Poll: 10 * time.Millisecond, Settle: 30 * time.Millisecond, QuarantineDir: filepath.Join(sim.Dir, "quarantine"), Training: true})
	if err != nil {
		t.Fatal(err)
	}
	return sim, c
}

func patientInsurance(t *testing.T, st summary.Source, id string) *summary.Insurance {
	rec, err := st.(*training.Store).Record(context.Background(), id, trainingDay)
	if err != nil {
		t.Fatal(err)
	}
	return &rec.Patient.Insurance
}

// heavyPatient is the training load case (over 2,000 medication rows).
const heavyPatient = "heavy-elderly-polypharmacy"

// The client asks the simulator for every training patient in both modes;
// the view built from what came back equals the training patient's view.
func TestClientAgainstSimulator(t *testing.T) {
	t.Parallel() // mostly waiting on its own folders: alongside the others
	sim, c := startSim(t, nil)
	st := sim.Source.(*training.Store)
	for _, p := range training.Patients() {
		if p.ID == heavyPatient && testing.Short() {
			continue // the 2,000-row load case takes seconds: make test runs it
		}
		rec, err := st.Record(context.Background(), p.ID, trainingDay)
		if err != nil {
			t.Fatal(err)
		}
		for _, mode := range summary.Modes {
			got, err := c.Lookup(context.Background(), summary.Query{
				Identity: summary.Identity{Insurance: &rec.Patient.Insurance}, On: trainingDay, Mode: mode})
			if err != nil {
				t.Fatalf("%s %s: %v", p.ID, mode, err)
			}
			if !got.Training {
				t.Errorf("%s: the client that started the simulator lost the training mark", p.ID)
			}
			got.Training = false // AsDelivered: the XML carries no mark
			// Rows of one date come in the XML's grouping: order both records alike.
			delivered := canonical(inEncoding(t, AsDelivered(rec), ShiftJIS))
			want := summary.Build(delivered, mode, trainingDay)
			v := summary.Build(canonical(got), mode, trainingDay)
			// The OQS answers the request's months only: a training row dated
			// after the creation date never arrives, so neither warns of it.
			for _, x := range []*summary.View{want, v} {
				x.Warnings = slices.DeleteFunc(x.Warnings, func(w summary.Warning) bool { return w.Kind == summary.WarningFutureDated })
				if len(x.Warnings) == 0 {
					x.Warnings = nil
				}
			}
			if !reflect.DeepEqual(v, want) {
				t.Errorf("%s %s: views differ: %s", p.ID, mode, firstDifference(delivered, canonical(got)))
			}
		}
	}
	for _, dir := range []string{sim.ReqDir(), sim.ResDir()} {
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Errorf("%s not cleaned up: %v", dir, left)
		}
	}
}

func TestClientErrorsFromSimulator(t *testing.T) {
	t.Parallel() // mostly waiting on its own folders: alongside the others
	q := func(c *Client, ins *summary.Insurance) error {
		_, err := c.Lookup(context.Background(), summary.Query{Identity: summary.Identity{Insurance: ins}, On: trainingDay, Mode: summary.Emergency})
		return err
	}
	t.Run("unknown patient", func(t *testing.T) {
		t.Parallel() // each on its own simulator
		_, c := startSim(t, nil)
		err := q(c, &summary.Insurance{InsurerNumber: "33120015", Symbol: "x", Number: "1", Branch: "00"})
		var re *ResultError
		if !errors.As(err, &re) || !strings.Contains(err.Error(), simNotFoundMessage) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("error result", func(t *testing.T) {
		t.Parallel()
		sim, c := startSim(t, func(s *Simulator) { s.ErrorCode, s.ErrorMessage = "5", "システムが混雑しています" })
		err := q(c, patientInsurance(t, sim.Source, "warfarin-head-injury"))
		if err == nil || !strings.Contains(err.Error(), "ResultCode 5: システムが混雑しています") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("malformed result", func(t *testing.T) {
		t.Parallel()
		sim, c := startSim(t, func(s *Simulator) { s.Malformed = true })
		c.s.Timeout = time.Second // a cut file is waited for until the timeout
		err := q(c, patientInsurance(t, sim.Source, "warfarin-head-injury"))
		var fe *FileError
		if !errors.As(err, &fe) || !strings.HasPrefix(fe.File, "YZKsiquc01res_") || !strings.Contains(err.Error(), "truncated") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("timeout withdraws the request", func(t *testing.T) {
		t.Parallel()
		sim, c := startSim(t, func(s *Simulator) { s.Delay = time.Hour })
		c.s.Timeout = 100 * time.Millisecond
		ins := patientInsurance(t, sim.Source, "warfarin-head-injury")
		// Stop the simulator from taking requests: point the client at a fresh req folder.
		c.s.ReqDir = t.TempDir()
		err := q(c, ins)
		if err == nil || !strings.Contains(err.Error(), "no answer") {
			t.Fatalf("got %v", err)
		}
		if left, _ := os.ReadDir(c.s.ReqDir); len(left) != 0 {
			t.Errorf("request left behind: %v", left)
		}
	})
	t.Run("cancellation", func(t *testing.T) {
		t.Parallel()
		sim, c := startSim(t, func(s *Simulator) { s.Delay = time.Hour })
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		_, err := c.Lookup(ctx, summary.Query{Identity: summary.Identity{Insurance: patientInsurance(t, sim.Source, "shinryo-taro")}, On: trainingDay})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("no insurance", func(t *testing.T) {
		t.Parallel()
		_, c := startSim(t, nil)
		if err := q(c, nil); !errors.Is(err, summary.ErrNoInsurance) {
			t.Fatalf("got %v", err)
		}
	})
}

func TestSettingsValidate(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		s    Settings
		want string
	}{
		{Settings{ReqDir: dir, ResDir: dir, InstitutionCode: "123"}, "10 digits"},
		{Settings{ReqDir: dir, ResDir: dir, InstitutionCode: "12345678ab"}, "10 digits"},
		{Settings{ReqDir: dir, ResDir: dir}, "医療機関コード (10 digits) is not set"},
		{Settings{ReqDir: filepath.Join(dir, "nope"), ResDir: dir, InstitutionCode: testInstitution}, "req folder " + filepath.Join(dir, "nope") + " does not exist"},
		{Settings{ReqDir: dir, InstitutionCode: testInstitution}, "res folder is not set"},
	} {
		if err := c.s.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: got %v, want %q", c.s, err, c.want)
		}
	}
	if err := (Settings{ReqDir: dir, ResDir: dir, InstitutionCode: testInstitution}).Validate(); err != nil {
		t.Error(err)
	}
}

// The request carries the elements of domain.md §4a: YYYYMM months, the
// mode's longest window, FileCategory 4 and the kind of care; a checkup
// request carries no dates; the file name's tail is digits only.
func TestRequestDocument(t *testing.T) {
	from, to := RequestWindow(summary.Emergency, summary.NewDate(2022, 8, 26))
	if from != (summary.Month{Year: 2017, Month: 9}) || to != (summary.Month{Year: 2022, Month: 8}) {
		t.Fatalf("window %v–%v", from, to)
	}
	c, err := NewClient(Settings{ReqDir: t.TempDir(), ResDir: t.TempDir(), InstitutionCode: testInstitution})
	if err != nil {
		t.Fatal(err)
	}
	id := c.newID()
	if len(id) != 20 || !digitsOnly(id) {
		t.Errorf("file identifier %q: want 20 digits", id)
	}
	ins := summary.Insurance{InsurerNumber: "123456", Symbol: "記号", Number: "1", Branch: "00"}
	r := Request{Kind: DrugResult, ID: id, Institution: testInstitution, Insurance: ins, Start: from, End: to}
	b, err := r.Render(UTF8)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<MedicalInstitutionCode>1312345678<", "<InsurerNumber>  123456<", "<StartDate>201709<",
		"<EndDate>202208<", "<FileCategory>4<", "<PrDiInfClassification>1<", "<MedicalTreatmentFlag>1<", "<ArbitraryFileIdentifier>" + id + "<"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("request lacks %s", want)
		}
	}
	back, err := ParseRequest(DrugResult, strings.NewReader(string(b)))
	if err != nil || back.Insurance != ins || back.Start != from || back.End != to || back.FileCategory != "4" {
		t.Fatalf("parsed back %+v, %v", back, err)
	}
	if r.RequestName() != "YZKsiquc01req_"+id+".xml" || r.ResultName() != "YZKsiquc01res_"+id+".xml" {
		t.Errorf("names %s %s", r.RequestName(), r.ResultName())
	}
	// Drugs only, when so configured.
	r.FileCategory = "2"
	if b, _ := r.Render(UTF8); !strings.Contains(string(b), "<FileCategory>2<") {
		t.Errorf("FileCategory 2 not written:\n%s", b)
	}
	r.Kind = CheckupResult
	b, _ = r.Render(ShiftJIS)
	for _, absent := range []string{"StartDate", "EndDate", "MedicalTreatmentFlag", "PrDiInfClassification"} {
		if strings.Contains(string(b), absent) {
			t.Errorf("checkup request carries %s", absent)
		}
	}
	if !strings.Contains(string(b), "<FileCategory>2<") {
		t.Errorf("checkup request FileCategory:\n%s", b)
	}
	if _, err := NewClient(Settings{ReqDir: t.TempDir(), ResDir: t.TempDir(), InstitutionCode: testInstitution, FileCategory: "3"}); err == nil ||
		!strings.Contains(err.Error(), "FileCategory") {
		t.Errorf("a PDF category accepted: %v", err)
	}
}

// The watcher reads the face folder: today's files once each, a file the
// EHR moved away is not an error, yesterday's and older files are ignored.
func TestFaceWatcher(t *testing.T) {
	t.Parallel() // waits for each face file to settle: alongside the others
	sim, c := startSim(t, nil)
	st := sim.Source.(*training.Store)
	rec, err := st.Record(context.Background(), "warfarin-head-injury", trainingDay)
	if err != nil {
		t.Fatal(err)
	}
	stale, err := sim.WriteFace(summary.Patient{Name: "古い 記録", Birth: summary.NewDate(1950, 1, 1),
		Insurance: summary.Insurance{InsurerNumber: "138057"}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	yesterday := time.Now().Add(-24 * time.Hour)
	os.Chtimes(filepath.Join(sim.FaceDir(), stale), yesterday, yesterday)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	faces := c.WatchFaces(ctx, time.Now().Add(-48*time.Hour))
	name, err := sim.WriteFace(rec.Patient, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(sim.FaceDir(), "OQSsiquc01res_face_broken.xml"), []byte("<XmlMsg>"), 0o600)
	// A FIFO would block a reader forever: refused at once.
	testenv.Mkfifo(t, filepath.Join(sim.FaceDir(), "OQSsiquc01res_face_fifo.xml"))
	// Moved away by the EHR before the second read.
	gone := filepath.Join(sim.FaceDir(), "OQSsiquc01res_face_gone.xml")
	os.WriteFile(gone, []byte("<XmlMsg>"), 0o600)
	go func() { time.Sleep(50 * time.Millisecond); os.Remove(gone) }()
	got := map[string]FaceEvent{}
	for len(got) < 3 {
		select {
		case ev := <-faces:
			got[ev.File] = ev
		case <-time.After(5 * time.Second):
			t.Fatalf("face results not reported: %v", got)
		}
	}
	if ev := got[name]; ev.Err != nil || ev.Patient != rec.Patient || ev.Face == nil || ev.Face.Patient != rec.Patient {
		t.Errorf("face %+v, want %+v", ev, rec.Patient)
	}
	if ev := got["OQSsiquc01res_face_broken.xml"]; ev.Err == nil || !strings.Contains(ev.Err.Error(), "truncated") {
		t.Errorf("broken face file: %+v", ev)
	}
	if ev := got["OQSsiquc01res_face_fifo.xml"]; ev.Err == nil || !strings.Contains(ev.Err.Error(), "FIFO") {
		t.Errorf("FIFO face file: %+v", ev)
	}
	select {
	case ev := <-faces:
		t.Errorf("reported again, stale or vanished: %+v", ev)
	case <-time.After(700 * time.Millisecond):
	}
}
