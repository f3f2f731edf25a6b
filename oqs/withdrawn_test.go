package oqs

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Results an earlier process withdrew are removed when they come, with the
// Late line; a name that is not a result's (another file, a path out of
// res) is never taken, so nothing else can be removed through the list.
func TestWithdrawnOfAnEarlierRun(t *testing.T) {
	dir := t.TempDir()
	req, res := filepath.Join(dir, "req"), filepath.Join(dir, "res")
	for _, d := range []string{req, res} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	late := "YZKsiquc01res_26112510180012345678.xml"
	kept := []string{"notes.xml", "TKKsiquc01req_26112510180012345678.xml"}
	for _, n := range append([]string{late}, kept...) {
		if err := os.WriteFile(filepath.Join(res, n), []byte("<XmlMsg/>"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	outside := filepath.Join(dir, "outside.xml")
	if err := os.WriteFile(outside, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(-time.Minute)
	var heard []string
	c, err := NewClient(Settings{ReqDir: req, ResDir: res, InstitutionCode: "1312345678", Late: func(f string) { heard = append(heard, f) },
		Withdrawn: map[string]time.Time{late: at, kept[0]: at, kept[1]: at, "../outside.xml": at}})
	if err != nil {
		t.Fatal(err)
	}
	if w := c.Withdrawn(); len(w) != 1 || !w[late].Equal(at) {
		t.Fatalf("withdrawn %v: want only the result name", w)
	}
	c.sweepLate()
	if len(heard) != 1 || heard[0] != late {
		t.Errorf("late lines %v", heard)
	}
	if _, err := os.Lstat(filepath.Join(res, late)); err == nil {
		t.Error("the late result is still in res")
	}
	for _, p := range []string{filepath.Join(res, kept[0]), filepath.Join(res, kept[1]), outside} {
		if _, err := os.Lstat(p); err != nil {
			t.Errorf("%s was removed: %v", p, err)
		}
	}
	if w := c.Withdrawn(); len(w) != 0 {
		t.Errorf("still awaited after removal: %v", w)
	}
}
