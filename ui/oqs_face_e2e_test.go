package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"golang.org/x/text/encoding/japanese"

	"kyukyu/audit"
	"kyukyu/internal/testenv"
	"kyukyu/oqs"
)

// handFixture is a hand-written connector file of testdata/oqs (written
// from domain.md §4a, not by our writer).
func handFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "oqs", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fixtureFileID is the ArbitraryFileIdentifier written in drug.xml and
// checkup.xml; a connector echoes the request's.
var fixtureFileID = []byte("26113010180012345678")

// fixtureConnector plays the connector with hand-written result files: it
// answers each YZK/TKK request in req with the file for its kind, the
// request's identifier put in, and removes the request as the connector does.
func fixtureConnector(drug, checkup []byte) func(*oqs.Simulator, context.Context) error {
	return func(sim *oqs.Simulator, ctx context.Context) error {
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			entries, _ := os.ReadDir(sim.ReqDir())
			for _, e := range entries {
				kind, id, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".xml"), "siquc01req_")
				answer := map[string][]byte{"YZK": drug, "TKK": checkup}[kind]
				if !ok || answer == nil {
					continue
				}
				doc := bytes.ReplaceAll(answer, fixtureFileID, []byte(id))
				if err := os.WriteFile(filepath.Join(sim.ResDir(), kind+"siquc01res_"+id+".xml"), doc, 0o600); err != nil {
					return err
				}
				os.Remove(filepath.Join(sim.ReqDir(), e.Name()))
			}
			select {
			case <-ctx.Done():
				return nil
			case <-t.C:
			}
		}
	}
}

// dropFace puts a hand-written face file into the face folder, as the
// face-auth reader's connector does (stamped now, today).
func (r *oqsRig) dropFace(t *testing.T, fixture string) {
	t.Helper()
	name := "OQSsiquc01res_face_" + time.Now().Format("20060102150405") + ".xml"
	if err := os.WriteFile(filepath.Join(r.sim.FaceDir(), name), handFixture(t, fixture), 0o600); err != nil {
		t.Fatal(err)
	}
}

// confirm gives the emergency-access reason and waits for the patient.
func (r *oqsRig) confirm(t *testing.T) {
	t.Helper()
	s := r.s
	until(t, s, "emergency-access dialog", func() bool { return s.reason != nil })
	onUI(s, func() {
		test.Type(s.reason.operator, "救急 医師")
		test.Tap(s.reason.ok)
	})
	until(t, s, "patient shown", func() bool { return s.shown != nil })
	s.work.Wait()
}

// A face file in the connector's real shape (Shift_JIS with 髙﨑, half-width
// kana, full-width 記号/番号, a 6-digit 国保 insurer, no ResultCode) read
// from the face folder by the real client brings that patient to the
// window, its drug result checked against the face identity; the header
// carries the 照会番号 and the consent flags, discreetly.
func TestOQSHandWrittenFaceFileToScreen(t *testing.T) {
	testenv.Slow(t, slowWindow)
	r := newOQSRigWith(t, nil, fixtureConnector(handFixture(t, "drug.xml"), handFixture(t, "checkup.xml")))
	s := r.s
	r.dropFace(t, "face_ok.xml")
	r.confirm(t)
	onUI(s, func() {
		if got := s.shown.View.Patient.Name; got != "髙﨑　花子" {
			t.Errorf("shown %q, want the face file's patient 髙﨑　花子", got)
		}
		for _, want := range []string{"髙﨑　花子", "20261130000123", "薬剤○ 健診○ 診療× 手術○"} {
			if !hasLabel(s.header, want) {
				t.Errorf("the patient header lacks %q", want)
			}
		}
		if hasLabel(s.win.Content(), "髙﨑　太郎") {
			t.Error("the insured person (InsuredName) is on screen")
		}
		if hasLabel(s.header, t2("face.noName")) {
			t.Error("the name is given, yet the screen says it is not")
		}
	})
	if es := r.entries(t); len(es) != 1 || es[0].Action != audit.Show || es[0].Result != audit.OK || es[0].Patient == "" {
		t.Errorf("audit entries %+v: want the one real view", es)
	}
}

// Without Name in the face file the header names the patient by kana and
// birth date and says the kanji name is not given; the result is checked
// against kana and birth date.
func TestOQSFaceFileWithoutNameToScreen(t *testing.T) {
	testenv.Slow(t, slowWindow)
	drug := withoutName(t, handFixture(t, "drug.xml"), "KanaName", "Birth")
	checkup := withoutName(t, handFixture(t, "checkup.xml"), "KanasName", "Birthday")
	r := newOQSRigWith(t, nil, fixtureConnector(drug, checkup))
	s := r.s
	r.dropFace(t, "face_noname.xml")
	until(t, s, "emergency-access dialog", func() bool { return s.reason != nil })
	onUI(s, func() {
		if !hasLabel(s.win.Canvas().Overlays().Top(), "ﾖｼﾀﾞ ﾊﾅｺ") {
			t.Error("the emergency-access question does not name the patient by kana")
		}
	})
	r.confirm(t)
	onUI(s, func() {
		if !hasLabel(s.header, "ﾖｼﾀﾞ ﾊﾅｺ") || !hasLabel(s.header, "1971") {
			t.Error("the header does not name the patient by kana and birth date")
		}
		if !hasLabel(s.header, t2("face.noName")) {
			t.Error("the header does not say the kanji name is not given")
		}
		if hasLabel(s.win.Content(), "吉田　一郎") {
			t.Error("the insured person (InsuredName) stands in for the patient")
		}
	})
}

// withoutName turns a hand-written result of 髙﨑 花子 into one of the
// face_noname.xml patient: no Name, her kana and birth date.
func withoutName(t *testing.T, doc []byte, kanaElem, birthElem string) []byte {
	t.Helper()
	kana, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte("ﾖｼﾀﾞ ﾊﾅｺ"))
	if err != nil {
		t.Fatal(err)
	}
	out := regexp.MustCompile(`\s*<Name>[^<]*</Name>`).ReplaceAll(doc, nil)
	out = regexp.MustCompile(`<`+kanaElem+`>[^<]*</`+kanaElem+`>`).ReplaceAll(out, []byte("<"+kanaElem+">"+string(kana)+"</"+kanaElem+">"))
	out = bytes.Replace(out, []byte("<"+birthElem+">19580214</"), []byte("<"+birthElem+">19711015</"), 1)
	if bytes.Equal(out, doc) || bytes.Contains(out, []byte("19580214")) {
		t.Fatalf("the %s fixture did not change as expected", kanaElem)
	}
	return out
}

// A face file with SegmentOfResult 2: its one-line reason on the status
// strip, no patient, no request to the connector.
func TestOQSRefusedFaceFileShowsReason(t *testing.T) {
	testenv.Slow(t, slowWindow)
	r := newOQSRigWith(t, nil, fixtureConnector(handFixture(t, "drug.xml"), handFixture(t, "checkup.xml")))
	s := r.s
	r.dropFace(t, "face_seg2.xml")
	until(t, s, "the face refusal", func() bool { return s.status.Text == t2("state.faceFailed") })
	time.Sleep(300 * time.Millisecond) // a lookup, were one started, would now be under way
	onUI(s, func() {
		if !strings.Contains(s.hint.Text, "資格確認が正常終了していません") || !strings.Contains(s.hint.Text, "資格情報が存在しません") ||
			strings.Contains(s.hint.Text, "\n") {
			t.Errorf("hint %q: want the one-line reason", s.hint.Text)
		}
		if s.shown != nil || s.reason != nil || hasLabel(s.win.Content(), "秘密") {
			t.Error("a refused face file brought a patient")
		}
	})
	if es := r.entries(t); len(es) != 0 {
		t.Errorf("audit entries %+v for a refused face file", es)
	}
}
