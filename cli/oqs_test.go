package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"kyukyu/audit"
	"kyukyu/internal/testenv"
	"kyukyu/oqs"
	"kyukyu/summary"
	"kyukyu/summary/alerttext"
	"kyukyu/training/trainingtest"
)

// resultFiles writes a training patient's OQS result files, as the
// simulator answers them, and returns their paths and the record.
func resultFiles(t *testing.T, id string, on summary.Date) ([]string, *summary.Record) {
	t.Helper()
	st := trainingtest.Open(t)
	rec, err := st.Record(context.Background(), id, on)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var paths []string
	for name, render := range map[string]func(*summary.Record, oqs.Encoding) ([]byte, error){
		"YZKsiquc01res_t1.xml": oqs.RenderDrugResult, "TKKsiquc01res_t1.xml": oqs.RenderCheckupResult,
	} {
		b, err := render(rec, oqs.ShiftJIS)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths, rec
}

func TestSummaryFromOQSFiles(t *testing.T) {
	on := summary.NewDate(2025, 3, 10)
	paths, rec := resultFiles(t, "warfarin-head-injury", on)
	code, out, errs := run(t, "", "summary", "-oqs", paths[0], "-oqs", paths[1], "-date", on.String(), "-mode", "normal", "-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	v := summary.Build(oqs.AsDelivered(rec), summary.Normal, on)
	alerttext.Headers(v, alerttext.Japanese) // the words -json writes
	wantJSON, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var got, want map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	json.Unmarshal(wantJSON, &want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("summary -oqs differs from the training view:\n got %s\nwant %s", out, wantJSON)
	}
	if !strings.Contains(out, `"training": false`) {
		t.Errorf("files made a real view training")
	}
}

func TestSummaryOQSBadFile(t *testing.T) {
	paths, _ := resultFiles(t, "shinryo-taro", summary.NewDate(2022, 8, 26))
	bad := filepath.Join(t.TempDir(), "YZKsiquc01res_bad.xml")
	os.WriteFile(bad, []byte(`<?xml version="1.0" encoding="UTF-8"?><XmlMsg><MessageHeader><ResultCode>1</ResultCode>`), 0o600)
	code, out, errs := run(t, "", "summary", "-oqs", paths[0], "-oqs", bad)
	if code != 1 || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	if !strings.HasPrefix(errs, "kyukyu summary: YZKsiquc01res_bad.xml: ") || !strings.Contains(errs, "truncated") || strings.Count(errs, "\n") != 1 {
		t.Errorf("stderr %q", errs)
	}
	code, _, errs = run(t, "", "summary", "-oqs", paths[0], "-demo", "shinryo-taro")
	if code != 2 || !strings.Contains(errs, "one of -demo ID, -card SERIAL, -oqs FILE or -insurance") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

func TestOQSSimUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"oqs-sim"}, "-dir DIR"},
		{[]string{"oqs-sim", "-dir", t.TempDir(), "-encoding", "EUC-JP"}, `"EUC-JP"`},
		{[]string{"oqs-sim", "-dir", t.TempDir(), "-error", "1:ok"}, "CODE:MESSAGE"},
		{[]string{"oqs-sim", "-dir", t.TempDir(), "-face", "nobody"}, `"nobody"`},
	} {
		code, _, errs := run(t, "", c.args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q", c.args, code, errs)
		}
	}
}

// slowExchange: the CLI's folder exchange waits the connector's real settle
// time (a second) per lookup; package oqs runs the same exchange in -short.
const slowExchange = "the OQS folder exchange waits its real settle time"

// The folder exchange end to end: kyukyu writes the requests into the
// connector's req folder, the simulator answers from the training patients,
// the summary is built, and its audit entry is written and verified.
func TestSummaryThroughTheConnectorFolders(t *testing.T) {
	testenv.Slow(t, slowExchange)
	home := useHome(t)
	st := trainingtest.Open(t)
	sim := &oqs.Simulator{Dir: t.TempDir(), Source: st, Poll: 10 * time.Millisecond,
		Now: func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, summary.Tokyo) }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- sim.Run(ctx) }()
	defer func() { cancel(); <-done }()
	for _, d := range []string{sim.ReqDir(), sim.ResDir()} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	args := []string{"summary", "-insurance", "06130017:港01:4021:00", "-oqs-req", sim.ReqDir(), "-oqs-res", sim.ResDir(),
		"-institution", "1312345678", "-timeout", "20s", "-date", "2026-11-25", "-json"}
	code, out, errs := runHome(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var v summary.View
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	// Another process runs the simulator: to this client it is the real OQS.
	if v.Patient.Name != "救急 一郎" || v.Training || len(v.Alerts) == 0 || v.Alerts[0].Kind != summary.AlertAnticoagulant {
		t.Errorf("through the folders: %s training=%v alerts=%d", v.Patient.Name, v.Training, len(v.Alerts))
	}
	for _, d := range []string{sim.ReqDir(), sim.ResDir()} {
		if left, _ := os.ReadDir(d); len(left) != 0 {
			t.Errorf("%s still holds %d files after the exchange", d, len(left))
		}
	}
	if es := entries(t, home); len(es) != 1 || es[0].Action != audit.Show {
		t.Errorf("audit entries %+v, want the one view", es)
	}
	if code, stdout, _ := runHome(t, "audit", "verify"); code != 0 || !strings.Contains(stdout, "1 entries") {
		t.Errorf("audit verify: %d %q", code, stdout)
	}

	// Typed numbers are checked before anything is sent.
	args[2] = "06130018:港01:4021:00"
	code, _, errs = runHome(t, args...)
	if code != 2 || !strings.Contains(errs, "8桁目") {
		t.Errorf("a typed wrong check digit: exit %d, %q", code, errs)
	}
	if left, _ := os.ReadDir(sim.ReqDir()); len(left) != 0 {
		t.Error("a request was sent for numbers that were refused")
	}
}

// A drug result and a checkup result of two different patients: refused as
// another patient's, audited as a failed view, no patient on stdout or stderr.
func TestSummaryOfTwoPatientsFilesRefused(t *testing.T) {
	home := useHome(t)
	dir := t.TempDir()
	drug, err := os.ReadFile(faceFixture("drug.xml"))
	if err != nil {
		t.Fatal(err)
	}
	checkup, err := os.ReadFile(faceFixture("checkup.xml"))
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{filepath.Join(dir, "YZKsiquc01res_1.xml"), filepath.Join(dir, "TKKsiquc01res_1.xml")}
	os.WriteFile(paths[0], drug, 0o600)
	// Another birth date in the checkup result.
	os.WriteFile(paths[1], bytes.Replace(checkup, []byte("<Birthday>19580214<"), []byte("<Birthday>19580216<"), 1), 0o600)
	code, out, errs := runHome(t, "summary", "-oqs", paths[0], "-oqs", paths[1], "-date", "2026-11-30")
	if code != 1 || out != "" || strings.Count(errs, "\n") != 1 ||
		!strings.Contains(errs, "別の患者の結果です — 表示しません") || !strings.Contains(errs, "TKKsiquc01res_1.xml") ||
		!strings.Contains(errs, "YZKsiquc01res_1.xml") || strings.Contains(errs, "1958") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if es := entries(t, home); len(es) != 1 || es[0].Result != audit.Failed || es[0].Patient != "" {
		t.Errorf("audit %+v, want one failed view without a patient", es)
	}
}

// A real-shaped TKK result (items under the …Infos wrapper, coded values
// with DataValueName) shows its items in normal mode.
func TestCheckupItemsOfARealShapedResult(t *testing.T) {
	code, out, errs := run(t, "", "summary", "-oqs", faceFixture("drug.xml"), "-oqs", faceFixture("checkup.xml"),
		"-date", "2026-11-30", "-mode", "normal", "-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var v struct {
		Sections []struct {
			Item summary.Item
			Rows json.RawMessage
		}
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	var sec struct{ Rows []summary.Checkup }
	for _, s := range v.Sections {
		if s.Item == summary.ItemCheckups {
			json.Unmarshal(s.Rows, &sec.Rows)
		}
	}
	if len(sec.Rows) != 1 || len(sec.Rows[0].Results) != 4 {
		t.Fatalf("checkups %+v", sec.Rows)
	}
	r := sec.Rows[0].Results[2]
	if r.Name != "尿糖" || r.Value != "＋" || r.DataValue != "2" || r.DataType != "CO" || r.Oid != "1.2.392.200844.5001.1" {
		t.Errorf("coded item %+v", r)
	}
	if hb := sec.Rows[0].Results[1]; hb.Value != "6.1" || hb.Unit != "%" || hb.DataValue != "" {
		t.Errorf("measured item %+v", hb)
	}
	_, text, _ := run(t, "", "summary", "-oqs", faceFixture("drug.xml"), "-oqs", faceFixture("checkup.xml"), "-date", "2026-11-30", "-mode", "normal")
	if !regexp.MustCompile(`尿糖 +＋`).MatchString(text) || !regexp.MustCompile(`HbA1c（NGSP値） +6.1 %`).MatchString(text) {
		t.Errorf("normal mode text lacks the items:\n%s", text)
	}
	// The files echo no insurance numbers: no empty labels in the header.
	if lines := strings.Split(text, "\n"); len(lines) < 2 || !strings.HasSuffix(lines[1], "68歳 女") {
		t.Errorf("header without numbers: %q", lines[1])
	}
}

// kyukyu oqs-sim -wrong-patient against kyukyu summary through the
// folders: refused as another patient's, kept in quarantine, audited as a
// failed view, nothing of either patient printed.
func TestOQSSimWrongPatientEndToEnd(t *testing.T) {
	testenv.Slow(t, slowExchange)
	home := useHome(t)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var simOut bytes.Buffer
	go func() {
		done <- runOQSSim(ctx, &Env{Stdout: &simOut, Stderr: &simOut, Now: func() time.Time { return runAt }}, []string{"-dir", dir, "-wrong-patient"})
	}()
	defer func() { cancel(); <-done }()
	for _, d := range []string{"req", "res"} {
		os.MkdirAll(filepath.Join(dir, d), 0o700)
	}
	code, out, errs := runHome(t, "summary", "-insurance", "06130017:港01:4021:00", "-oqs-req", filepath.Join(dir, "req"),
		"-oqs-res", filepath.Join(dir, "res"), "-institution", "1312345678", "-timeout", "20s", "-date", "2026-11-25")
	if code != 1 || out != "" || !strings.Contains(errs, "別の患者の結果です — 表示しません") || strings.Count(errs, "\n") != 1 {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if strings.Contains(errs, "救急") || strings.Contains(errs, "4021") {
		t.Errorf("stderr shows a patient: %q", errs)
	}
	if kept, _ := os.ReadDir(filepath.Join(home, "quarantine")); len(kept) == 0 {
		t.Error("nothing in the quarantine folder")
	}
	if es := entries(t, home); len(es) != 1 || es[0].Result != audit.Failed || es[0].Patient != "" {
		t.Errorf("audit %+v", es)
	}
}

// A row whose date cannot be read is shown under 日付不明 with a warning on
// top, and the audit entry says partial.
func TestSummaryWithAnUndatedRowIsPartial(t *testing.T) {
	home := useHome(t)
	drug, err := os.ReadFile(faceFixture("drug.xml"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "YZKsiquc01res_1.xml")
	os.WriteFile(path, bytes.Replace(drug, []byte("<DiDate>20261102<"), []byte("<DiDate>20261131<"), 1), 0o600)
	code, out, errs := runHome(t, "summary", "-oqs", path, "-date", "2026-11-30")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(out, "\n")
	if !strings.Contains(strings.Join(lines[:4], "\n"), "日付を読めない記録が1件あります") {
		t.Errorf("no warning on top:\n%s", out)
	}
	if !regexp.MustCompile(`日付不明 .*ワルファリンＫ錠`).MatchString(out) {
		t.Errorf("the undated row is not shown:\n%s", out)
	}
	if es := entries(t, home); len(es) != 1 || es[0].Result != audit.Partial {
		t.Errorf("audit %+v, want one partial view", es)
	}
}

// A connector that answers after the CLI gave up (oqs-sim -late): the next
// run with the same res folder removes those results unread, says so and
// writes an audit line for each (the file by its reference only).
func TestLateResultsRemovedOnTheNextRun(t *testing.T) {
	testenv.Slow(t, slowExchange)
	home := useHome(t)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	simOut := &lockedWriter{}
	go func() {
		done <- runOQSSim(ctx, &Env{Stdout: simOut, Stderr: simOut, Now: func() time.Time { return runAt }}, []string{"-dir", dir, "-late", "1500ms"})
	}()
	stopped := false
	stop := func() {
		if !stopped {
			cancel()
			<-done
			stopped = true
		}
	}
	defer stop()
	res := filepath.Join(dir, "res")
	for _, d := range []string{"req", "res"} {
		os.MkdirAll(filepath.Join(dir, d), 0o700)
	}
	args := []string{"summary", "-insurance", "06130017:港01:4021:00", "-oqs-req", filepath.Join(dir, "req"),
		"-oqs-res", res, "-institution", "1312345678", "-date", "2026-11-25", "-timeout"}
	// The requests are late only if the simulator took them before the
	// client gave up: it must be answering (its training store built), and
	// the client waits five of its polls; it answers half a second after.
	simOut.waitFor(t, "oqs-sim: answering requests")
	if code, out, errs := runHome(t, append(args, "1s")...); code != 1 || out != "" || !strings.Contains(errs, "no answer") {
		t.Fatalf("first run: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	var late []os.DirEntry
	for deadline := time.Now().Add(10 * time.Second); len(late) < 2; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the late results never came: %v", late)
		}
		late, _ = os.ReadDir(res)
	}
	stop() // the next run gets no answer: only the sweep is under test
	before := len(entries(t, home))
	code, _, errs := runHome(t, append(args, "300ms")...)
	if code != 1 || strings.Count(errs, "removed a late OQS result of an earlier request (logged)") != 2 {
		t.Errorf("second run: exit %d, stderr %q", code, errs)
	}
	for _, e := range late {
		if _, err := os.Lstat(filepath.Join(res, e.Name())); err == nil {
			t.Errorf("%s is still in res", e.Name())
		}
	}
	var discards int
	for _, e := range entries(t, home)[before:] {
		if e.Action != audit.Discard {
			continue
		}
		discards++
		if e.Patient != "" || strings.Contains(e.Output, "siquc01res") || !strings.Contains(e.Output, "file f1:") {
			t.Errorf("audit line %+v: want the file by reference only", e)
		}
	}
	if discards != 2 {
		t.Errorf("%d discard lines, want one per late result", discards)
	}
}

// lockedWriter takes the lines of a simulator or server whose goroutines write at once.
type lockedWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (w *lockedWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// waitFor waits until text has been written, for at most 10 s (a loaded
// machine builds the simulator's training store slowly).
func (w *lockedWriter) waitFor(t *testing.T, text string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(w.String(), text); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waited 10 s for %q; got %q", text, w.String())
		}
	}
}
