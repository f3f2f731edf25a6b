package oqs

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kyukyu/summary"
)

// fixture is a hand-written file of testdata/oqs (written from domain.md
// §4a, not by our writer).
func fixture(name string) string { return filepath.Join("..", "testdata", "oqs", name) }

// The real shape: Shift_JIS (CP932: 髙﨑), half-width kana, full-width
// digits and hyphen, a 6-digit insurer, no ResultCode, an empty Address.
func TestFaceFileInTheConnectorsShape(t *testing.T) {
	t.Parallel() // waits for the file to settle: alongside the others
	f, err := ReadFaceFile(context.Background(), fixture("face_ok.xml"))
	if err != nil {
		t.Fatal(err)
	}
	want := summary.Patient{Name: "髙﨑　花子", Kana: "ﾀｶｻｷ ﾊﾅｺ", Birth: summary.NewDate(1958, 2, 14), Sex: summary.SexFemale,
		Insurance: summary.Insurance{InsurerNumber: "138057", Symbol: "新宿０２８２", Number: "０２８２‐００１", Branch: "01"}}
	if f.Patient != want {
		t.Errorf("patient %+v\nwant    %+v", f.Patient, want)
	}
	if !f.NameGiven() || f.InsuredName != "髙﨑　太郎" || f.ReferenceNumber != "20261130000123" ||
		f.CardExpiry != summary.NewDate(2027, 7, 31) || f.QualificationValidity != "1" || f.File != "face_ok.xml" {
		t.Errorf("face %+v", f)
	}
	if f.Consent != (Consent{Drugs: true, Checkups: true, Diagnoses: false, Operations: true}) {
		t.Errorf("consent %+v", f.Consent)
	}
	if k := numberKey(f.Patient.Insurance.Number); k != "0282001" {
		t.Errorf("number for matching %q", k)
	}
	if matchKey(f.Patient.Kana) != matchKey("タカサキハナコ") {
		t.Errorf("kana for matching %q", matchKey(f.Patient.Kana))
	}
}

// Without Name the patient is known by kana and birth date; InsuredName
// (the head of the family) never stands in for the patient's name.
func TestFaceFileWithoutName(t *testing.T) {
	t.Parallel() // waits for the file to settle: alongside the others
	f, err := ReadFaceFile(context.Background(), fixture("face_noname.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if f.NameGiven() || f.Patient.Name != "" || f.Patient.Kana != "ﾖｼﾀﾞ ﾊﾅｺ" || f.Patient.Birth != summary.NewDate(1971, 10, 15) {
		t.Errorf("patient %+v", f.Patient)
	}
	if f.Patient.Insurance.InsurerNumber != "273128" || numberKey(f.Patient.Insurance.Number) != "0282001" {
		t.Errorf("insurance %+v", f.Patient.Insurance)
	}
	if f.Consent != (Consent{}) {
		t.Errorf("consent read from absent flags: %+v", f.Consent)
	}
}

func TestFaceFileRefused(t *testing.T) {
	t.Parallel() // waits for the file to settle: alongside the others
	_, err := ReadFaceFile(context.Background(), fixture("face_seg2.xml"))
	var fr *FaceRefusedError
	if !errors.As(err, &fr) || fr.Segment != "2" {
		t.Fatalf("got %v", err)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "face_seg2.xml: 資格確認が正常終了していません") || strings.Contains(msg, "\n") ||
		!strings.Contains(msg, "資格情報が存在しません。 保険者に確認してください。") {
		t.Errorf("message %q", msg)
	}
	for _, leak := range []string{"秘密", "ﾋﾐﾂ", "19800101", "138057"} {
		if strings.Contains(msg, leak) {
			t.Errorf("refusal echoes patient data %q: %s", leak, msg)
		}
	}
}

// Shapes a connector or an attacker may write: each refused, naming the
// element, echoing no patient data.
func TestFaceFileBadShapes(t *testing.T) {
	base, err := os.ReadFile(fixture("face_ok.xml"))
	if err != nil {
		t.Fatal(err)
	}
	future := summary.Today(time.Now()).AddDays(3)
	for _, c := range []struct{ old, new, want string }{
		{"<ProcessingResultStatus>1<", "<ProcessingResultStatus>2<", "資格確認が正常終了していません"},
		{"<SegmentOfResult>1</SegmentOfResult>", "", "資格確認が正常終了していません"},
		{"<SegmentOfResult>1</SegmentOfResult>", "<ResultCode>1</ResultCode>", "資格確認が正常終了していません"},
		{"<Birthdate>19580214<", "<Birthdate>" + ymd(future) + "<", "<Birthdate> is in the future"},
		{"<Birthdate>19580214<", "<Birthdate>18790101<", "<Birthdate> is before 1880"},
		{"<Birthdate>19580214<", "<Birthdate>19580231<", "<Birthdate> is missing or not a real date"},
		{"<InsurerNumber>138057<", "<InsurerNumber>1380<", "<InsurerNumber> is not a 6- or 8-digit"},
		{"</MessageHeader>", "</MessageHeader><MessageHeader><SegmentOfResult>1</SegmentOfResult></MessageHeader>", "a second <MessageHeader>"},
		{"</ResultList>", "<ResultOfQualificationConfirmation><Name>別人</Name></ResultOfQualificationConfirmation></ResultList>", "2 <ResultOfQualificationConfirmation> records"},
	} {
		data := []byte(strings.Replace(string(base), c.old, c.new, 1))
		if string(data) == string(base) {
			t.Fatalf("fixture lacks %q", c.old)
		}
		// In parallel: each read waits for the file to settle.
		t.Run(c.want, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "OQSsiquc01res_face_bad.xml")
			os.WriteFile(path, data, 0o600)
			_, err := ReadFaceFile(context.Background(), path)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("%s: got %v, want %q", c.new, err, c.want)
			}
			for _, leak := range []string{"19580214", "0282", "ﾀｶｻｷ"} {
				if strings.Contains(err.Error(), leak) {
					t.Errorf("refusal echoes %q: %v", leak, err)
				}
			}
		})
	}
}

func TestFaceFileVanishedOrNotRegular(t *testing.T) {
	_, err := ReadFaceFile(context.Background(), filepath.Join(t.TempDir(), "OQSsiquc01res_face_gone.xml"))
	if !vanished(err) {
		t.Errorf("a vanished file: %v", err)
	}
	dir := t.TempDir()
	link := filepath.Join(dir, "OQSsiquc01res_face_link.xml")
	abs, _ := filepath.Abs(fixture("face_ok.xml"))
	if err := os.Symlink(abs, link); err != nil {
		t.Fatal(err)
	}
	var nr *NotRegularError
	if _, err := ReadFaceFile(context.Background(), link); !errors.As(err, &nr) || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("a symlink: %v", err)
	}
}

// The watcher the window uses reads the hand-written connector-shaped file
// from the face folder (default: face beside res).
func TestWatcherReadsTheConnectorsFaceFile(t *testing.T) {
	t.Parallel() // waits for the file to settle: alongside the others
	dir := t.TempDir()
	s := Settings{ReqDir: filepath.Join(dir, "req"), ResDir: filepath.Join(dir, "res"), InstitutionCode: testInstitution, Poll: 10 * time.Millisecond}
	for _, d := range []string{s.ReqDir, s.ResDir, filepath.Join(dir, "face")} {
		os.MkdirAll(d, 0o700)
	}
	c, err := NewClient(s)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	faces := c.WatchFaces(ctx, time.Now().Add(-time.Minute))
	data, err := os.ReadFile(fixture("face_ok.xml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "face", "OQSsiquc01res_face_20261130101500.xml"), data, 0o600)
	select {
	case ev := <-faces:
		if ev.Err != nil || ev.Face == nil || ev.Patient.Name != "髙﨑　花子" || ev.Face.InsuredName != "髙﨑　太郎" {
			t.Errorf("event %+v", ev)
		}
		if _, ok := c.face(summary.Insurance{InsurerNumber: "138057", Symbol: "新宿0282", Number: "0282-001", Branch: "01"}); !ok {
			t.Error("the confirmed patient is not remembered for the lookup (numbers as typed)")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the face file was not reported")
	}
}

// A drug or checkup result given where a face file is expected is named as
// the wrong kind of file, not as a qualification that failed.
func TestFaceFileOfAnotherKind(t *testing.T) {
	t.Parallel() // waits for the file to settle: alongside the others
	for _, name := range []string{"drug.xml", "checkup.xml"} {
		_, err := ReadFaceFile(context.Background(), fixture(name))
		if err == nil || !strings.Contains(err.Error(), "not a face-authentication result") || strings.Contains(err.Error(), "資格確認") {
			t.Errorf("%s: %v", name, err)
		}
	}
}
