package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kyukyu/audit"
	"kyukyu/internal/testenv"
)

func faceFixture(name string) string { return filepath.Join("..", "testdata", "oqs", name) }

// A hand-written face file in the connector's shape (Shift_JIS, half-width
// kana, full-width numbers, 6-digit insurer, no ResultCode).
func TestFaceCommandJSON(t *testing.T) {
	// -json after FILE is the form the usage and the README show.
	code, after, errs := run(t, "", "face", faceFixture("face_ok.xml"), "-json")
	if code != 0 {
		t.Fatalf("face FILE -json: exit %d: %s", code, errs)
	}
	code, out, errs := run(t, "", "face", "-json", faceFixture("face_ok.xml"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if after != out {
		t.Errorf("face FILE -json printed\n%s\nface -json FILE printed\n%s", after, out)
	}
	if code, _, errs = run(t, "", "face", faceFixture("face_ok.xml"), "-json", "second.xml"); code != 2 {
		t.Errorf("two files: exit %d, %q", code, errs)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"name": "髙﨑　花子", "kana": "ﾀｶｻｷ ﾊﾅｺ", "birthDate": "1958-02-14", "sex": "2", "insurer": "138057",
		"symbol": "新宿０２８２", "number": "０２８２‐００１", "branch": "01", "referenceNumber": "20261130000123"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	consent, _ := got["consent"].(map[string]any)
	if consent["drugs"] != true || consent["checkups"] != true || consent["diagnoses"] != false || consent["operations"] != true {
		t.Errorf("consent %v", got["consent"])
	}
	// Text: the head of the family is never printed as the patient.
	code, out, _ = run(t, "", "face", faceFixture("face_noname.xml"))
	if code != 0 || !strings.Contains(out, "氏名\t(漢字氏名の記載なし") || strings.Contains(out, "\n氏名\t吉田") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestFaceCommandRefuses(t *testing.T) {
	code, out, errs := run(t, "", "face", faceFixture("face_seg2.xml"))
	if code != 1 || out != "" || strings.Count(errs, "\n") != 1 ||
		!strings.HasPrefix(errs, "kyukyu face: face_seg2.xml: 資格確認が正常終了していません") || strings.Contains(errs, "秘密") {
		t.Errorf("SegmentOfResult 2: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	// A FIFO is refused at once: reading it would block forever.
	fifo := filepath.Join(t.TempDir(), "OQSsiquc01res_face_fifo.xml")
	testenv.Mkfifo(t, fifo)
	start := time.Now()
	code, _, errs = run(t, "", "face", fifo)
	if code != 1 || !strings.Contains(errs, "FIFO") || time.Since(start) > 2*time.Second {
		t.Errorf("FIFO: exit %d, %q after %v", code, errs, time.Since(start))
	}
	if code, _, errs = run(t, "", "face"); code != 2 || !strings.Contains(errs, "usage: kyukyu face FILE") {
		t.Errorf("no file: exit %d, %q", code, errs)
	}
}

// Reading a face file is logged before it is printed: an identity check
// of a real patient, the file by its reference only; a refused file as a
// failed check.
func TestFaceCommandAudited(t *testing.T) {
	home := useHome(t)
	ok, seg2 := faceFixture("face_ok.xml"), faceFixture("face_seg2.xml")
	if code, _, errs := runHome(t, "face", ok); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if code, _, _ := runHome(t, "face", seg2); code != 1 {
		t.Fatalf("SegmentOfResult 2: exit %d", code)
	}
	es := entries(t, home)
	if len(es) != 2 {
		t.Fatalf("entries %+v: want the check and the failed one", es)
	}
	for i, want := range []struct {
		result audit.Result
		file   string
	}{{audit.OK, ok}, {audit.Failed, seg2}} {
		e := es[i]
		if e.Action != audit.IdentityCheck || e.Mode != audit.WithoutConsent || e.Result != want.result ||
			!strings.Contains(e.Output, refOf(t, home, want.file)) || strings.Contains(e.Output, filepath.Base(want.file)) ||
			e.Patient != "" || strings.Contains(e.Output, "花子") || strings.Contains(e.Output, "秘密") {
			t.Errorf("entry %d %+v: want an identity check (%s) naming the file by reference only", i, e, want.result)
		}
	}
}
