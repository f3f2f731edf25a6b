package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func faceFixture(name string) string { return filepath.Join("..", "testdata", "oqs", name) }

// A hand-written face file in the connector's shape (Shift_JIS, half-width
// kana, full-width numbers, 6-digit insurer, no ResultCode).
func TestFaceCommandJSON(t *testing.T) {
	code, out, errs := run(t, "", "face", "-json", faceFixture("face_ok.xml"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
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
	mkfifo(t, fifo)
	start := time.Now()
	code, _, errs = run(t, "", "face", fifo)
	if code != 1 || !strings.Contains(errs, "FIFO") || time.Since(start) > 2*time.Second {
		t.Errorf("FIFO: exit %d, %q after %v", code, errs, time.Since(start))
	}
	if code, _, errs = run(t, "", "face"); code != 2 || !strings.Contains(errs, "usage: kyukyu face FILE") {
		t.Errorf("no file: exit %d, %q", code, errs)
	}
}
