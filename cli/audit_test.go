package cli

import (
	"bytes"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kyukyu/audit"
	"kyukyu/audit/audittest"
	"kyukyu/oqs"
	"kyukyu/summary"
)

var runAt = time.Date(2026, 11, 25, 23, 30, 0, 0, summary.Tokyo)

// runHome runs the CLI in process in the data directory useHome chose,
// which, unlike run, stays the same across calls.
func runHome(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Now: func() time.Time { return runAt }})
	return code, out.String(), errb.String()
}

func useHome(t *testing.T) string {
	t.Helper()
	dir := newHome(t)
	t.Setenv("KYUKYU_HOME", dir)
	return dir
}

func entries(t *testing.T, home string) []audit.Entry {
	t.Helper()
	l, err := audit.Open(filepath.Join(home, audit.FileName), audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	es, err := l.Entries(summary.NewDate(2000, 1, 1), summary.NewDate(2100, 1, 1))
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// refOf is the reference the log stores for a file name (file names may
// name a patient and are never stored).
func refOf(t *testing.T, home, path string) string {
	t.Helper()
	l, err := audit.Open(filepath.Join(home, audit.FileName), audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.FileRef(path)
}

func TestIPSExportIsLoggedAsTraining(t *testing.T) {
	home := useHome(t)
	out := filepath.Join(t.TempDir(), "bundle.json")
	code, stdout, stderr := runHome(t, "ips", "-demo", "warfarin-head-injury", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, out) {
		t.Errorf("stdout %q does not name the file", stdout)
	}
	var b map[string]any
	data, _ := os.ReadFile(out)
	if err := json.Unmarshal(data, &b); err != nil || b["type"] != "document" {
		t.Fatalf("not an IPS document: %v", err)
	}
	es := entries(t, home)
	if len(es) != 1 {
		t.Fatalf("%d audit entries; want 1", len(es))
	}
	e := es[0]
	if e.Mode != audit.Training || e.Patient != audit.TrainingRef || e.Action != audit.Export || strings.Contains(e.Output, "bundle.json") || !strings.Contains(e.Output, refOf(t, home, out)) {
		t.Fatalf("entry %+v", e)
	}
	if !e.Time.Equal(runAt) {
		t.Errorf("entry time %v; want %v", e.Time, runAt)
	}
	if code, stdout, _ := runHome(t, "audit", "verify"); code != 0 || !strings.Contains(stdout, "1 entries") {
		t.Fatalf("audit verify: %d %q", code, stdout)
	}
}

// TestIPSFromOQSFiles: a result file is logged as a real access with a
// salted reference, also when it carries a training mark: nothing in a
// file can make a view training, only its source.
func TestIPSFromOQSFiles(t *testing.T) {
	home := useHome(t)
	dir := t.TempDir()
	patient := summary.Patient{Name: "実在 花子", Birth: summary.NewDate(1950, 3, 4), Sex: summary.SexFemale,
		Insurance: summary.Insurance{InsurerNumber: "33120015", Symbol: "12", Number: "345", Branch: "00"}}
	meds := []summary.Medication{{Date: summary.NewDate(2026, 11, 1), Setting: summary.Pharmacy, Institution: "テスト薬局",
		Drug: "ワーファリン錠1mg", Code: "3332001F1022", Amount: 28, Unit: "錠", Days: 28}}
	for _, name := range []string{"real", "marked"} {
		xml, err := oqs.RenderDrugResult(&summary.Record{Patient: patient, Dispensing: meds}, oqs.ShiftJIS)
		if err != nil {
			t.Fatal(err)
		}
		if name == "marked" {
			xml = bytes.Replace(xml, []byte("</MessageHeader>"), []byte("<KyukyuTraining>1</KyukyuTraining><Training>1</Training></MessageHeader>"), 1)
		}
		in := filepath.Join(dir, "YZKsiquc01res_"+name+".xml")
		if err := os.WriteFile(in, xml, 0o600); err != nil {
			t.Fatal(err)
		}
		if code, _, stderr := runHome(t, "ips", "-oqs", in, "-date", "2026-11-25", "-o", filepath.Join(dir, name+".json")); code != 0 {
			t.Fatalf("%s: exit %d: %s", name, code, stderr)
		}
	}
	es := entries(t, home)
	if len(es) != 2 {
		t.Fatalf("%d entries; want 2", len(es))
	}
	for i, name := range []string{"real", "marked"} {
		e, out := es[i], filepath.Join(dir, name+".json")
		if e.Mode != audit.WithoutConsent || !strings.HasPrefix(e.Patient, "p1:") {
			t.Errorf("%s: access logged as %+v, want a real one", name, e)
		}
		if strings.Contains(e.Output, name+".json") || !strings.Contains(e.Output, refOf(t, home, out)) {
			t.Errorf("%s: output %q names the file instead of its reference", name, e.Output)
		}
	}
}

func TestIPSBadArgumentsWriteAndLogNothing(t *testing.T) {
	home := useHome(t)
	out := filepath.Join(t.TempDir(), "bundle.json")
	for _, args := range [][]string{
		{"ips", "-demo", "shinryo-taro"},
		{"ips", "-demo", "nobody", "-o", out},
		{"ips", "-demo", "shinryo-taro", "-mode", "panic", "-o", out},
		{"ips", "-demo", "shinryo-taro", "-date", "2023-02-30", "-o", out},
	} {
		if code, _, stderr := runHome(t, args...); code != 2 || !strings.HasPrefix(stderr, "kyukyu ips: ") {
			t.Errorf("%v: exit %d, %q; want 2 and one line", args, code, stderr)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a file was written")
	}
	if _, err := os.Stat(filepath.Join(home, audit.FileName)); err == nil && len(entries(t, home)) != 0 {
		t.Fatal("failed runs were logged as exports")
	}
}

func TestNoExportWithoutAuditEntry(t *testing.T) {
	home := useHome(t)
	// The log cannot be opened: audit.db is a folder.
	if err := os.Mkdir(filepath.Join(home, audit.FileName), 0o700); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "bundle.json")
	code, _, stderr := runHome(t, "ips", "-demo", "shinryo-taro", "-o", out)
	if code != 1 || stderr == "" {
		t.Fatalf("exit %d, %q; want 1 with a message", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("the bundle was released without an audit entry")
	}
	if ents, _ := os.ReadDir(filepath.Dir(out)); len(ents) != 0 {
		t.Fatalf("temporary files left: %v", ents)
	}
}

func TestAuditVerifyNamesTheBrokenEntry(t *testing.T) {
	home := useHome(t)
	for range 3 {
		if code, _, stderr := runHome(t, "ips", "-demo", "shinryo-taro", "-o", filepath.Join(t.TempDir(), "b.json")); code != 0 {
			t.Fatal(stderr)
		}
	}
	audittest.Tamper(t, filepath.Join(home, audit.FileName), `UPDATE entries SET operator = 'someone else' WHERE id = 2`)
	code, _, stderr := runHome(t, "audit", "verify")
	if code != 1 || !strings.Contains(stderr, "entry 2") || strings.Count(stderr, "\n") != 1 {
		t.Fatalf("exit %d, %q; want 1 and one line naming entry 2", code, stderr)
	}
}

func TestAuditExport(t *testing.T) {
	useHome(t)
	if code, _, stderr := runHome(t, "ips", "-demo", "shinryo-taro", "-o", filepath.Join(t.TempDir(), "b.json")); code != 0 {
		t.Fatal(stderr)
	}
	code, stdout, stderr := runHome(t, "audit", "export", "-from", "2026-11-25", "-to", "2026-11-25")
	if code != 0 || !strings.HasPrefix(stdout, "\ufeff番号,") || !strings.Contains(stdout, "訓練") || strings.Count(stdout, "\r\n") != 2 {
		t.Fatalf("exit %d %q, stdout %q", code, stderr, stdout)
	}
	csvFile := filepath.Join(t.TempDir(), "audit.csv")
	if code, stdout, _ := runHome(t, "audit", "export", "-from", "2026-11-26", "-to", "2026-12-31", "-o", csvFile); code != 0 || !strings.Contains(stdout, "0 entries") {
		t.Fatalf("export outside the range: %d %q", code, stdout)
	}
	if data, _ := os.ReadFile(csvFile); strings.Count(string(data), "\r\n") != 1 {
		t.Fatalf("csv file %q; want the header alone", data)
	}
	for _, args := range [][]string{
		{"audit", "export", "-from", "2026-11-25"},
		{"audit", "export", "-from", "2026-11-31", "-to", "2026-12-01"},
		{"audit", "export", "-from", "2026-12-01", "-to", "2026-11-01"},
		{"audit", "purge"},
		{"audit"},
	} {
		if code, _, _ := runHome(t, args...); code != 2 {
			t.Errorf("%v: exit %d; want 2", args, code)
		}
	}
}

func TestBackupAndRestoreCommands(t *testing.T) {
	home := useHome(t)
	if code, _, stderr := runHome(t, "ips", "-demo", "shinryo-taro", "-o", filepath.Join(t.TempDir(), "b.json")); code != 0 {
		t.Fatal(stderr)
	}
	to := t.TempDir()
	code, stdout, stderr := runHome(t, "backup", "-to", to, "-keep", "2")
	if code != 0 || !strings.Contains(stdout, "audit.db, audit.anchor, training.db, verified") {
		t.Fatalf("backup: %d %q %q", code, stdout, stderr)
	}
	archive := strings.SplitN(stdout, ":", 2)[0]
	if code, _, stderr := runHome(t, "ips", "-demo", "shinryo-taro", "-o", filepath.Join(t.TempDir(), "b.json")); code != 0 {
		t.Fatal(stderr)
	}
	code, stdout, stderr = runHome(t, "restore", "-from", archive)
	if code != 0 || !strings.Contains(stdout, "before-restore") {
		t.Fatalf("restore: %d %q %q", code, stdout, stderr)
	}
	if n := len(entries(t, home)); n != 1 {
		t.Fatalf("restored log has %d entries; want 1", n)
	}
	for _, args := range [][]string{{"backup"}, {"backup", "-to", to, "-keep", "0"}, {"restore"}} {
		if code, _, _ := runHome(t, args...); code != 2 {
			t.Errorf("%v: exit %d; want 2", args, code)
		}
	}
	if code, _, stderr := runHome(t, "restore", "-from", filepath.Join(to, "nothing.tar.gz")); code != 1 || !strings.Contains(stderr, "nothing restored") {
		t.Errorf("restore of a missing file: %d %q", code, stderr)
	}
}

// summary and pdf each write one entry before they report success; a run
// whose entry cannot be written releases nothing.
func TestSummaryAndPDFAreLogged(t *testing.T) {
	home := useHome(t)
	out := filepath.Join(t.TempDir(), "s.pdf")
	if code, _, stderr := runHome(t, "summary", "-demo", "shinryo-taro", "-json"); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := runHome(t, "pdf", "-demo", "dapt-stent", "-o", out); code != 0 {
		t.Fatal(stderr)
	}
	es := entries(t, home)
	if len(es) != 2 || es[0].Action != audit.Show || es[1].Action != audit.Print || strings.Contains(es[1].Output, "s.pdf") || !strings.Contains(es[1].Output, refOf(t, home, out)) {
		t.Fatalf("entries %+v; want a show and a print", es)
	}
	// An audit log that cannot be written: the PDF must not appear.
	if err := os.Chmod(filepath.Join(home, audit.FileName), 0o400); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		// root ignores file modes: break the log by replacing it with a folder.
		os.Rename(filepath.Join(home, audit.FileName), filepath.Join(home, "moved.db"))
		os.Remove(filepath.Join(home, audit.FileName+"-wal"))
		os.Remove(filepath.Join(home, audit.FileName+"-shm"))
		os.Mkdir(filepath.Join(home, audit.FileName), 0o700)
	}
	out2 := filepath.Join(t.TempDir(), "t.pdf")
	code, stdout, stderr := runHome(t, "pdf", "-demo", "dapt-stent", "-o", out2)
	if code == 0 || stdout != "" || strings.Count(stderr, "\n") != 1 {
		t.Fatalf("unloggable print: exit %d, %q %q", code, stdout, stderr)
	}
	if _, err := os.Stat(out2); !os.IsNotExist(err) {
		t.Errorf("a PDF was released although its access was not logged")
	}
}

// A lookup of real data that fails is a failed attempt in the log, naming
// no patient; a mistyped flag is not an attempt.
func TestFailedLookupLogged(t *testing.T) {
	home := useHome(t)
	bad := filepath.Join(t.TempDir(), "YZKsiquc01res_bad.xml")
	if err := os.WriteFile(bad, []byte(`<?xml version="1.0"?><XmlMsg><MessageHeader>`), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := runHome(t, "pdf", "-oqs", bad, "-o", filepath.Join(t.TempDir(), "x.pdf")); code != 1 {
		t.Fatalf("bad file: exit %d", code)
	}
	if code, _, _ := runHome(t, "summary", "-oqs", bad, "-mode", "urgent"); code != 2 {
		t.Fatalf("bad mode: exit %d", code)
	}
	es := entries(t, home)
	if len(es) != 1 {
		t.Fatalf("%d entries, want the one failed print", len(es))
	}
	if e := es[0]; e.Action != audit.Print || e.Result != audit.Failed || e.Mode != audit.WithoutConsent || e.Patient != "" || strings.Contains(e.Output, "YZKsiquc01res_bad") || !strings.Contains(e.Output, refOf(t, home, bad)) {
		t.Errorf("entry %+v", e)
	}
}

// An unreachable central log is said in one line: pgx's error has one
// line per address it tried (with and without TLS).
func TestUnreachableCentralLogIsOneLine(t *testing.T) {
	useHome(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now: connection refused
	url := "postgres://kyukyu_writer:pw@" + addr + "/kyukyu"
	code, _, stderr := runHome(t, "summary", "-demo", "shinryo-taro", "-audit-url", url)
	if code != 0 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "1 entries wait") {
		t.Errorf("summary with the central log down: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runHome(t, "audit", "sync", "-timeout", "1s", "-audit-url", url)
	if code != 1 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "connection refused") || strings.Contains(stderr, ":;") {
		t.Errorf("audit sync: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runHome(t, "audit", "verify", "-audit-url", url)
	if code != 1 || strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "kyukyu audit: central copy: ") {
		t.Errorf("audit verify: exit %d, stderr %q", code, stderr)
	}
}

// The central log IT sets in the machine-wide file is the one the commands
// forward to and verify against, as the window does, not only $KYUKYU_AUDIT_URL.
func TestMachineWideCentralLog(t *testing.T) {
	useHome(t)
	t.Setenv(audit.URLEnv, "")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	file := filepath.Join(t.TempDir(), "kyukyu.toml")
	if err := os.WriteFile(file, []byte(`audit_url = "postgres://kyukyu_writer:pw@`+addr+`/kyukyu"`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("KYUKYU_CONFIG", file)
	if code, _, stderr := runHome(t, "summary", "-demo", "shinryo-taro"); code != 0 || !strings.Contains(stderr, "1 entries wait") {
		t.Errorf("summary: exit %d, stderr %q: the view is not forwarded to the machine-wide central log", code, stderr)
	}
	if code, _, stderr := runHome(t, "face", faceFixture("face_ok.xml")); code != 0 || !strings.Contains(stderr, "2 entries wait") {
		t.Errorf("face: exit %d, stderr %q: the check is not forwarded to the machine-wide central log", code, stderr)
	}
	if code, _, stderr := runHome(t, "audit", "sync", "-timeout", "1s"); code != 1 || !strings.Contains(stderr, "2 entries not forwarded") || !strings.Contains(stderr, addr) {
		t.Errorf("audit sync: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := runHome(t, "audit", "verify"); code != 1 || !strings.Contains(stderr, "central copy") {
		t.Errorf("audit verify: exit %d, stderr %q", code, stderr)
	}
}

// The command's name is said once: not "kyukyu audit: audit: …".
func TestErrorNamesTheCommandOnce(t *testing.T) {
	useHome(t)
	code, _, stderr := runHome(t, "audit", "verify")
	if code != 1 || !strings.HasPrefix(stderr, "kyukyu audit: ") || strings.HasPrefix(stderr, "kyukyu audit: audit: ") {
		t.Errorf("audit verify of no log: exit %d, %q", code, stderr)
	}
	code, _, stderr = runHome(t, "restore", "-from", filepath.Join(t.TempDir(), "none.tar.gz"))
	if code != 1 || strings.HasPrefix(stderr, "kyukyu restore: restore: ") {
		t.Errorf("restore of no file: exit %d, %q", code, stderr)
	}
}
