package audit

import (
	"bytes"
	"strings"
	"testing"

	"kyukyu/summary"
)

// Two workstations' logs give a patient different references until both
// take the hospital's salt; from the announcement on they give the same
// one, entries written before keep theirs, an entry made before the switch
// and appended after it is salted anew, and the log proves it all.
func TestHospitalSaltMakesReferencesComparable(t *testing.T) {
	a, pathA := openTemp(t, Options{})
	b, _ := openTemp(t, Options{})
	before := mustAppend(t, a, entry(a, Show, "画面表示"))
	if !strings.HasPrefix(before.Patient, refPrefix) || before.Patient == b.PatientRef(testPatient) {
		t.Fatalf("own salts: %s at A and %s at B; want different p1: references", before.Patient, b.PatientRef(testPatient))
	}
	pending := entry(a, Show, "made before the switch")
	salt := bytes.Repeat([]byte{7}, 32)
	for _, l := range []*Log{a, b, a} { // the second time at A changes nothing
		if err := l.useHospitalSalt(salt); err != nil {
			t.Fatal(err)
		}
	}
	after := mustAppend(t, a, pending)
	if !HospitalWide(after.Patient) || after.Patient != b.PatientRef(testPatient) || after.Patient != a.PatientRef(testPatient) {
		t.Fatalf("hospital salt: %s at A, %s at B; want the same h1: reference", after.Patient, b.PatientRef(testPatient))
	}
	stale := entry(b, Show, "x")
	stale.who, stale.Patient = nil, before.Patient
	if _, err := a.Append(stale); err == nil || !strings.Contains(err.Error(), "another salt") {
		t.Errorf("a reference under the old salt after the switch: %v", err)
	}
	es, err := a.Entries(summary.NewDate(2000, 1, 1), summary.NewDate(2100, 1, 1))
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 3 || es[0].Patient != before.Patient || es[1].Action != HospitalRefs || es[1].Patient != "" ||
		!strings.Contains(es[1].Output, "hospital salt "+saltPrint(salt)) || es[2].Patient != after.Patient {
		t.Fatalf("A's log: %+v", es)
	}
	if _, err := a.Verify(); err != nil {
		t.Fatal(err)
	}
	// The salt in use is the log's: closed and opened again, it stays.
	a.Close()
	var again *Log
	again, err = Open(pathA, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if got := again.PatientRef(testPatient); got != after.Patient {
		t.Errorf("reopened: %s; want %s", got, after.Patient)
	}
	if r, err := Check(pathA, AnchorFor(pathA)); err != nil || r.Entries != 3 || len(r.Notes) != 1 ||
		!strings.Contains(r.Notes[0], "entry 2 (") || !strings.Contains(r.Notes[0], "hospital-wide from the next entry on") {
		t.Errorf("Check = %+v, %v", r, err)
	}
}

// Verify names a reference of the wrong kind for its place in the chain.
func TestVerifyNamesReferencesOfTheWrongSalt(t *testing.T) {
	for _, c := range []struct {
		rows []row
		want string
	}{
		{[]row{{patient: "h1:00"}}, "no switch to the hospital's salt was announced"},
		{[]row{{action: string(HospitalRefs)}, {patient: "p1:00"}}, "after the log switched"},
		{[]row{{patient: "p1:00"}, {action: string(HospitalRefs)}, {patient: "h1:00"}, {patient: TrainingRef}}, ""},
	} {
		hospital, got := false, ""
		for i, r := range c.rows {
			var err error
			if hospital, err = r.refKind(int64(i+1), hospital); err != nil {
				got = err.Error()
				break
			}
		}
		if c.want == "" && got != "" || !strings.Contains(got, c.want) {
			t.Errorf("%+v: %q; want %q", c.rows, got, c.want)
		}
	}
}
