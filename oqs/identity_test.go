package oqs

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"kyukyu/summary"
	"kyukyu/training/trainingtest"
)

// fakeConnector answers each request in reqDir with answer(request),
// written into resDir under the result's name, until the test ends: the
// answers are hand-written files, not our writer's.
func fakeConnector(t *testing.T, reqDir, resDir string, answer func(req Request) []byte) {
	fakeConnectorWriting(t, reqDir, resDir, answer, func(path string, b []byte) { os.WriteFile(path, b, 0o600) })
}

// fakeConnectorWriting is fakeConnector writing each answer with write
// (in its own goroutine: a slow writer does not hold up the others).
func fakeConnectorWriting(t *testing.T, reqDir, resDir string, answer func(req Request) []byte, write func(path string, b []byte)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	var wg sync.WaitGroup
	t.Cleanup(func() { cancel(); <-done; wg.Wait() })
	go func() {
		defer close(done)
		for ctx.Err() == nil {
			entries, _ := os.ReadDir(reqDir)
			for _, e := range entries {
				kind, id, ok := RequestKind(e.Name())
				if !ok {
					continue
				}
				os.Remove(filepath.Join(reqDir, e.Name()))
				req := Request{Kind: kind, ID: id}
				if b := answer(req); b != nil {
					wg.Add(1)
					go func() { defer wg.Done(); write(filepath.Join(resDir, req.ResultName()), b) }()
				}
			}
			time.Sleep(10 * time.Millisecond)
		}
	}()
}

// handClient is a client on fresh folders with a quarantine of its own.
func handClient(t *testing.T) (*Client, Settings) {
	t.Helper()
	dir := t.TempDir()
	s := Settings{ReqDir: filepath.Join(dir, "req"), ResDir: filepath.Join(dir, "res"), QuarantineDir: filepath.Join(dir, "quarantine"),
		InstitutionCode: testInstitution, Timeout: 5 * time.Second, Poll: 10 * time.Millisecond, Settle: 30 * time.Millisecond}
	for _, d := range []string{s.ReqDir, s.ResDir} {
		os.MkdirAll(d, 0o700)
	}
	c, err := NewClient(s)
	if err != nil {
		t.Fatal(err)
	}
	return c, s
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(fixture(name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// answerWith answers drug requests with drug.xml and checkup requests with
// checkup.xml, ArbitraryFileIdentifier set to the request's unless fileID
// says otherwise, after edit.
func answerWith(t *testing.T, fileID string, edit func(kind Kind, b []byte) []byte) func(Request) []byte {
	drug, checkup := readFixture(t, "drug.xml"), readFixture(t, "checkup.xml")
	return func(req Request) []byte {
		b := drug
		if req.Kind == CheckupResult {
			b = checkup
		}
		id := req.ID
		if fileID != "" {
			id = fileID
		}
		b = bytes.Replace(b, []byte("26113010180012345678"), []byte(id), 1)
		if edit != nil {
			b = edit(req.Kind, b)
		}
		return b
	}
}

// hanakoFace is face_ok.xml's patient, read once for the package: each
// read waits faceSettle, and a dozen tests need her.
func hanakoFace(t *testing.T) summary.Patient {
	p, err := readHanako()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

var readHanako = sync.OnceValues(func() (summary.Patient, error) {
	f, err := ReadFaceFile(context.Background(), fixture("face_ok.xml"))
	if err != nil {
		return summary.Patient{}, err
	}
	return f.Patient, nil
})

func lookup(c *Client, ins summary.Insurance) (*summary.Record, error) {
	return c.Lookup(context.Background(), summary.Query{Identity: summary.Identity{Insurance: &ins}, On: summary.NewDate(2026, 11, 30), Mode: summary.Normal})
}

// checkRefused asserts a wrong-patient refusal: typed, naming the element,
// no patient data in the message, the result kept in quarantine and gone
// from res.
func checkRefused(t *testing.T, err error, s Settings, element string) {
	t.Helper()
	var wp *WrongPatientError
	if !errors.As(err, &wp) || wp.Element != element {
		t.Fatalf("got %v, want a wrong patient refusal on %s", err, element)
	}
	for _, leak := range []string{"髙﨑", "ﾀｶｻｷ", "1958", "救急", "0282"} {
		if strings.Contains(err.Error(), leak) {
			t.Errorf("refusal echoes patient data %q: %v", leak, err)
		}
	}
	kept, _ := os.ReadDir(s.QuarantineDir)
	if len(kept) == 0 {
		t.Error("nothing kept in quarantine")
	}
	if left, _ := os.ReadDir(s.ResDir); len(left) != 0 {
		t.Errorf("res still holds %v", left)
	}
}

// Real-shaped answers (Shift_JIS, no insurance numbers echoed) for the
// patient a face-auth reader confirmed: shown, and never as training.
func TestHandWrittenAnswersForTheFacePatient(t *testing.T) {
	c, _ := handClient(t)
	face := hanakoFace(t)
	c.rememberFace(face)
	fakeConnector(t, c.s.ReqDir, c.s.ResDir, answerWith(t, "", func(_ Kind, b []byte) []byte {
		return bytes.Replace(b, []byte("</MessageHeader>"), []byte("<KyukyuTraining>1</KyukyuTraining></MessageHeader>"), 1)
	}))
	rec, err := lookup(c, face.Insurance)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Patient.Name != "髙﨑　花子" || len(rec.Medications) != 1 || len(rec.Dispensing) != 1 || len(rec.Checkups) != 1 {
		t.Errorf("record %+v", rec)
	}
	if rec.Training {
		t.Error("a file's own mark made a real view training")
	}
}

func TestAnswerForAnotherPatientRefused(t *testing.T) {
	t.Run("birth date differs from the face result", func(t *testing.T) {
		t.Parallel() // each has its own folders; the lookups wait in parallel
		c, s := handClient(t)
		c.rememberFace(hanakoFace(t))
		fakeConnector(t, s.ReqDir, s.ResDir, answerWith(t, "", func(k Kind, b []byte) []byte {
			b = bytes.Replace(b, []byte("<Birth>19580214<"), []byte("<Birth>19580215<"), 1)
			return bytes.Replace(b, []byte("<Birthday>19580214<"), []byte("<Birthday>19580215<"), 1)
		}))
		_, err := lookup(c, hanakoFace(t).Insurance)
		checkRefused(t, err, s, "birth date")
	})
	t.Run("ArbitraryFileIdentifier of another request", func(t *testing.T) {
		t.Parallel()
		c, s := handClient(t)
		c.rememberFace(hanakoFace(t))
		fakeConnector(t, s.ReqDir, s.ResDir, answerWith(t, "25010100000099999999", nil))
		_, err := lookup(c, hanakoFace(t).Insurance)
		checkRefused(t, err, s, "ArbitraryFileIdentifier")
	})
	t.Run("insurance numbers echoed differ", func(t *testing.T) {
		t.Parallel()
		c, s := handClient(t)
		c.rememberFace(hanakoFace(t))
		fakeConnector(t, s.ReqDir, s.ResDir, answerWith(t, "", func(_ Kind, b []byte) []byte {
			return bytes.Replace(b, []byte("<QuaInf>"), []byte("<InsurerNumber>  138057</InsurerNumber><InsuredPersonIdentificationNumber>0282-002</InsuredPersonIdentificationNumber><QuaInf>"), 1)
		}))
		_, err := lookup(c, hanakoFace(t).Insurance)
		checkRefused(t, err, s, "番号")
	})
	t.Run("nothing to check against", func(t *testing.T) {
		t.Parallel()
		c, s := handClient(t)
		fakeConnector(t, s.ReqDir, s.ResDir, answerWith(t, "", nil))
		_, err := lookup(c, hanakoFace(t).Insurance)
		if err == nil || !strings.Contains(err.Error(), "nothing proves it is the patient asked for") || strings.Contains(err.Error(), "髙﨑") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("the simulator answers for another training patient", func(t *testing.T) {
		t.Parallel()
		st := trainingtest.Open(t)
		other := patientInsurance(t, st, "dabigatran-af")
		sim, c := startSim(t, func(s *Simulator) { s.Source = st; s.WrongPatient = []summary.Insurance{*other} })
		_, err := lookup(c, *patientInsurance(t, sim.Source, "warfarin-head-injury"))
		checkRefused(t, err, c.s, "insurer number")
	})
}

// A drug result and a checkup result merge only when they agree on every
// field both carry; the refusal names both files.
func TestMergeOfDisagreeingFilesRefused(t *testing.T) {
	dir := t.TempDir()
	drug := filepath.Join(dir, "YZKsiquc01res_1.xml")
	checkup := filepath.Join(dir, "TKKsiquc01res_1.xml")
	os.WriteFile(drug, readFixture(t, "drug.xml"), 0o600)
	os.WriteFile(checkup, readFixture(t, "checkup.xml"), 0o600)
	rec, err := LoadFiles(context.Background(), []string{drug, checkup})
	if err != nil || rec.Training {
		t.Fatalf("agreeing files: %v (training %v)", err, rec != nil && rec.Training)
	}
	sjisKana := sjis(t, "ﾀｶｻｷ ﾊﾅｴ")
	os.WriteFile(checkup, bytes.Replace(readFixture(t, "checkup.xml"), sjis(t, "ﾀｶｻｷ ﾊﾅｺ"), sjisKana, 1), 0o600)
	_, err = LoadFiles(context.Background(), []string{drug, checkup})
	var wp *WrongPatientError
	if !errors.As(err, &wp) || wp.File != "TKKsiquc01res_1.xml" || wp.Other != "YZKsiquc01res_1.xml" || wp.Element != "kana" {
		t.Fatalf("got %v", err)
	}
	if strings.Contains(err.Error(), "ﾀｶｻｷ") {
		t.Errorf("echoes the name: %v", err)
	}
}

// Files with a second header, a second patient, an impossible birth date or
// an absurd amount are refused, naming the element and never the patient.
func TestImpossibleResultsRefused(t *testing.T) {
	base := readFixture(t, "drug.xml")
	future := ymd(summary.Today(time.Now()).AddDays(1))
	for _, c := range []struct{ old, new, want string }{
		{"</MessageHeader>", "</MessageHeader><MessageHeader><ResultCode>1</ResultCode></MessageHeader>", "a second <MessageHeader>"},
		{"</MessageBody>", "</MessageBody><MessageBody/>", "a second <MessageBody>"},
		{"</MessageHeader>", "<QuaInf><Name>x</Name><Birth>19900101</Birth></QuaInf></MessageHeader>", "a second <QuaInf>"},
		{"<Birth>19580214<", "<Birth>" + future + "<", "<Birth> is in the future"},
		{"<Birth>19580214<", "<Birth>18790214<", "<Birth> is before 1880"},
		{"<Times>28<", "<Times>99999<", `<Times> "99999" exceeds 10000`},
		{"<Qua1>3<", "<Qua1>1e300<", `<Qua1> "1e300" exceeds 100000`},
		{"<CzTimes>5<", "<CzTimes>184467440737095516160<", `<CzTimes> "184467440737095516160" exceeds 10000`},
	} {
		data := bytes.Replace(base, []byte(c.old), sjis(t, c.new), 1)
		if bytes.Equal(data, base) {
			t.Fatalf("fixture lacks %q", c.old)
		}
		res, err := Parse(bytes.NewReader(data))
		if err == nil || res != nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.new, err, c.want)
			continue
		}
		for _, leak := range []string{"髙﨑", "ﾀｶｻｷ", "19580214", future} {
			if strings.Contains(err.Error(), leak) {
				t.Errorf("%s: echoes %q: %v", c.new, leak, err)
			}
		}
	}
}

// A checkup result without insurance numbers is the patient the verified
// drug result proved when name, kana, birth date and sex agree; one that
// disagrees is withheld and named, and the drug result is still shown.
func TestCheckupCheckedAgainstTheDrugResult(t *testing.T) {
	ins := hanakoFace(t).Insurance
	echo := "<InsurerNumber>" + ins.InsurerNumber + "</InsurerNumber><InsuranceCardSymbol>" + ins.Symbol +
		"</InsuranceCardSymbol><InsuredPersonIdentificationNumber>" + ins.Number + "</InsuredPersonIdentificationNumber><BranchNumber>" +
		ins.Branch + "</BranchNumber><QuaInf>"
	drugWithNumbers := func(k Kind, b []byte) []byte {
		if k == DrugResult {
			return bytes.Replace(b, []byte("<QuaInf>"), sjis(t, echo), 1)
		}
		return b
	}
	c, s := handClient(t)
	fakeConnector(t, s.ReqDir, s.ResDir, answerWith(t, "", drugWithNumbers))
	rec, err := lookup(c, ins)
	if err != nil || len(rec.Checkups) == 0 || len(rec.Withheld) != 0 {
		t.Fatalf("agreeing checkup: %v, %d checkups, withheld %q", err, len(rec.Checkups), rec.Withheld)
	}

	c, s = handClient(t)
	fakeConnector(t, s.ReqDir, s.ResDir, answerWith(t, "", func(k Kind, b []byte) []byte {
		if k == CheckupResult {
			return bytes.Replace(b, sjis(t, "ﾀｶｻｷ ﾊﾅｺ"), sjis(t, "ﾀｶｻｷ ﾊﾅｴ"), 1)
		}
		return drugWithNumbers(k, b)
	}))
	rec, err = lookup(c, ins)
	if err != nil || len(rec.Checkups) != 0 || len(rec.Medications) == 0 || len(rec.Withheld) != 1 || !strings.Contains(rec.Withheld[0], "TKK") {
		t.Fatalf("disagreeing checkup: %v, %d checkups, %d drugs, withheld %q", err, len(rec.Checkups), len(rec.Medications), rec.Withheld)
	}
	for _, leak := range []string{"ﾀｶｻｷ", "髙﨑", "1958"} {
		if strings.Contains(rec.Withheld[0], leak) {
			t.Errorf("withheld names patient data %q: %s", leak, rec.Withheld[0])
		}
	}
	v := summary.Build(rec, summary.Normal, summary.NewDate(2026, 11, 30))
	if len(v.Warnings) == 0 || v.Warnings[0].Kind != summary.WarningWithheld {
		t.Errorf("warnings %+v, want the withheld checkup on top", v.Warnings)
	}
}
