package audit

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"kyukyu/audit/audittest"
	"kyukyu/audit/reason"
	"kyukyu/buildinfo"
	"kyukyu/summary"
)

var testPatient = summary.Patient{
	Name: "診療 太郎", Kana: "シンリョウ タロウ", Birth: summary.NewDate(1962, 5, 21), Sex: summary.SexMale,
	Insurance: summary.Insurance{InsurerNumber: "33120015", Symbol: "1234567", Number: "12345", Branch: "00"},
}

func openTemp(t *testing.T, opt Options) (*Log, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), FileName)
	l, err := Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l, path
}

func realView(m summary.Mode) *summary.View {
	return &summary.View{Mode: m, Patient: testPatient}
}

func entry(l *Log, action Action, out string) Entry {
	e := l.About(realView(summary.Emergency))
	e.Operator, e.Reason, e.Action, e.Output = "dr-sato", reason.Reason{Key: reason.Unconscious, Text: "抗凝固薬確認"}.String(), action, out
	return e
}

func mustAppend(t *testing.T, l *Log, e Entry) Entry {
	t.Helper()
	got, err := l.Append(e)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestAppendChainsAndVerifies(t *testing.T) {
	at := time.Date(2026, 11, 25, 16, 30, 0, 0, time.UTC) // 01:30 next day in Japan
	l, _ := openTemp(t, Options{Now: func() time.Time { return at }})
	a := mustAppend(t, l, entry(l, Show, "画面表示"))
	b := mustAppend(t, l, entry(l, Print, "PDF 2ページ"))
	if a.ID != 1 || b.ID != 2 {
		t.Fatalf("ids %d, %d; want 1, 2", a.ID, b.ID)
	}
	if !bytes.Equal(a.Prev, make([]byte, 32)) || !bytes.Equal(b.Prev, a.Hash) {
		t.Fatal("second entry does not chain to the first")
	}
	if a.Time.Location() != summary.Tokyo || a.Time.Hour() != 1 || a.Time.Day() != 26 {
		t.Fatalf("time %v is not Japan time", a.Time)
	}
	if a.Workstation == "" || a.Mode != WithoutConsent || !strings.HasPrefix(a.Patient, refPrefix) || a.Insurer != "" {
		t.Fatalf("entry not completed as expected: %+v", a)
	}
	n, err := l.Verify()
	if err != nil || n != 2 {
		t.Fatalf("Verify = %d, %v; want 2, nil", n, err)
	}
	es, err := l.Entries(summary.NewDate(2026, 11, 26), summary.NewDate(2026, 11, 26))
	if err != nil || len(es) != 2 || es[1].Output != "PDF 2ページ" || !es[1].Time.Equal(at) {
		t.Fatalf("Entries = %+v, %v", es, err)
	}
	if es, _ := l.Entries(summary.NewDate(2026, 11, 25), summary.NewDate(2026, 11, 25)); len(es) != 0 {
		t.Fatalf("the UTC date leaked into the Japan-date range: %+v", es)
	}
}

func TestPatientRefIsSaltedPerInstallation(t *testing.T) {
	l1, path := openTemp(t, Options{})
	l2, _ := openTemp(t, Options{})
	r1 := l1.PatientRef(testPatient)
	if r1 == l2.PatientRef(testPatient) {
		t.Fatal("two installations give the same reference: the salt is not per installation")
	}
	if strings.Contains(r1, testPatient.Insurance.InsurerNumber) || strings.Contains(r1, testPatient.Insurance.Number) {
		t.Fatalf("reference %q shows the insurance numbers", r1)
	}
	other := testPatient
	other.Insurance.Branch = "01"
	if l1.PatientRef(other) == r1 {
		t.Fatal("a family member gets the same reference")
	}
	l1.Close()
	again, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if again.PatientRef(testPatient) != r1 {
		t.Fatal("reopening the log changed the salt")
	}
}

func TestInsurerInClearOnlyWhenEnabled(t *testing.T) {
	off, _ := openTemp(t, Options{})
	on, _ := openTemp(t, Options{InsurerInClear: true})
	if got := on.About(realView(summary.Normal)); got.Insurer != "33120015" || got.Mode != WithConsent {
		t.Fatalf("enabled: %+v", got)
	}
	e := entry(off, Show, "x")
	e.Insurer = "33120015"
	if _, err := off.Append(e); err == nil {
		t.Fatal("insurer in the clear accepted although not enabled")
	}
}

func TestTrainingNeverLooksReal(t *testing.T) {
	l, _ := openTemp(t, Options{InsurerInClear: true})
	tv := realView(summary.Emergency)
	tv.Training = true
	e := l.About(tv)
	if e.Mode != Training || e.Patient != TrainingRef || e.Insurer != "" {
		t.Fatalf("training view gives %+v", e)
	}
	e.Action, e.Operator = Show, "trainee"
	mustAppend(t, l, e)

	cases := map[string]Entry{
		"training with a real reference":  {Mode: Training, Patient: l.PatientRef(testPatient), Action: Show, Operator: "x"},
		"training with an insurer number": {Mode: Training, Patient: TrainingRef, Insurer: "33120015", Action: Show, Operator: "x"},
		"real access to a training ref":   {Mode: WithoutConsent, Patient: TrainingRef, Action: Show, Operator: "x"},
		"unsalted reference":              {Mode: WithConsent, Patient: "33120015", Action: Show, Operator: "x"},
		"unknown mode":                    {Mode: "demo", Action: Show, Operator: "x"},
		"unknown action":                  {Mode: Training, Action: "delete", Operator: "x"},
	}
	for name, bad := range cases {
		if _, err := l.Append(bad); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if n, err := l.Verify(); n != 1 || err != nil {
		t.Fatalf("Verify = %d, %v; refused entries must leave no trace", n, err)
	}
}

func TestTriggersRefuseChanges(t *testing.T) {
	l, _ := openTemp(t, Options{})
	mustAppend(t, l, entry(l, Show, "a"))
	mustAppend(t, l, entry(l, Show, "b"))
	for _, q := range []string{
		`UPDATE entries SET reason = 'x' WHERE id = 1`,
		`DELETE FROM entries WHERE id = 2`,
		`INSERT OR REPLACE INTO entries SELECT * FROM entries WHERE id = 1`,
		`INSERT INTO entries (id, time, workstation, operator, mode, reason, patient, insurer, action, result, output, prev, hash)
		 SELECT 7, time, workstation, operator, mode, reason, patient, insurer, action, result, output, prev, hash FROM entries WHERE id = 1`,
		`UPDATE meta SET value = x'00' WHERE key = 'salt'`,
		`INSERT OR REPLACE INTO meta (key, value) VALUES ('salt', x'00')`,
		`DELETE FROM meta`,
	} {
		_, err := l.db.Exec(q)
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err = %v; want append-only refusal", q, err)
		}
	}
	if n, err := l.Verify(); n != 2 || err != nil {
		t.Fatalf("Verify = %d, %v", n, err)
	}
}

func TestVerifyNamesTheChangedEntry(t *testing.T) {
	cases := []struct {
		name   string
		stmts  []string
		broken int64
	}{
		{"reason changed", []string{`UPDATE entries SET reason = '定期受診' WHERE id = 5`}, 5},
		{"patient changed", []string{`UPDATE entries SET patient = 'p1:00' WHERE id = 3`}, 3},
		{"hash recomputed by hand", []string{`UPDATE entries SET output = 'x', hash = zeroblob(32) WHERE id = 4`}, 4},
		{"entry removed", []string{`DELETE FROM entries WHERE id = 6`}, 6},
		{"chain relinked", []string{`UPDATE entries SET prev = (SELECT hash FROM entries WHERE id = 2) WHERE id = 4`}, 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l, path := openTemp(t, Options{})
			for i := range 8 {
				mustAppend(t, l, entry(l, Show, fmt.Sprint("entry ", i+1)))
			}
			audittest.Tamper(t, path, c.stmts...)
			_, err := l.Verify()
			if id, ok := IsBroken(err); !ok || id != c.broken {
				t.Fatalf("Verify = %v; want entry %d named", err, c.broken)
			}
			if !strings.Contains(err.Error(), fmt.Sprint("entry ", c.broken)) {
				t.Fatalf("message %q does not name entry %d", err, c.broken)
			}
		})
	}
}

func TestVerifyNoticesRemovedTriggers(t *testing.T) {
	l, path := openTemp(t, Options{})
	mustAppend(t, l, entry(l, Show, "a"))
	audittest.Tamper(t, path)
	if _, err := l.Verify(); err == nil || !strings.Contains(err.Error(), "trigger") {
		t.Fatalf("Verify = %v; want removed triggers reported", err)
	}
}

func TestConcurrentHandlesSerialise(t *testing.T) {
	_, path := openTemp(t, Options{})
	const writers, each = 4, 15
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l, err := Open(path, Options{}) // a handle of its own, as the GUI and the CLI have
			if err != nil {
				errs <- err
				return
			}
			defer l.Close()
			for i := range each {
				if _, err := l.Append(entry(l, Show, fmt.Sprintf("w%d-%d", w, i))); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	l, _ := Open(path, Options{})
	defer l.Close()
	if n, err := l.Verify(); n != writers*each || err != nil {
		t.Fatalf("Verify = %d, %v; want %d, nil", n, err, writers*each)
	}
}

func TestWriteCSV(t *testing.T) {
	day := time.Date(2026, 11, 20, 3, 4, 5, 0, summary.Tokyo)
	now := day
	l, path := openTemp(t, Options{Now: func() time.Time { return now }})
	e := entry(l, Print, "PDF")
	e.Operator = "=HYPERLINK(\"http://x\")"
	mustAppend(t, l, e)
	e = entry(l, Show, "画面表示")
	e.Reason = reason.Reason{Key: reason.Other, Text: "家族の依頼で確認"}.String()
	mustAppend(t, l, e)
	e = entry(l, Show, "画面表示")
	e.Reason = string(reason.Consented)
	mustAppend(t, l, e)
	now = day.AddDate(0, 0, 3)
	mustAppend(t, l, entry(l, Show, "outside the range"))

	var buf bytes.Buffer
	n, err := l.WriteCSV(&buf, summary.NewDate(2026, 11, 19), summary.NewDate(2026, 11, 21))
	if err != nil || n != 3 {
		t.Fatalf("WriteCSV = %d, %v", n, err)
	}
	if !strings.HasPrefix(buf.String(), "\ufeff") {
		t.Fatal("no BOM: Excel would read mojibake")
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 || recs[0][0] != "番号" || recs[0][5] != "理由" {
		t.Fatalf("records %q", recs)
	}
	got := recs[1]
	want := map[int]string{0: "1", 1: "2026-11-20 03:04:05", 3: "'=HYPERLINK(\"http://x\")", 4: "救急(同意なし)",
		5: "意識障害などで本人の同意が得られない：抗凝固薬確認", 8: "印刷", 9: "成功", 10: "PDF"}
	for i, w := range want {
		if got[i] != w {
			t.Errorf("column %s = %q; want %q", recs[0][i], got[i], w)
		}
	}
	if recs[2][5] != "その他：家族の依頼で確認" || recs[3][5] != "本人の同意を得たため通常の表示期間に切り替え" {
		t.Errorf("reasons exported as %q and %q", recs[2][5], recs[3][5])
	}
	if _, err := l.WriteCSV(&buf, summary.NewDate(2026, 11, 21), summary.NewDate(2026, 11, 19)); err == nil {
		t.Fatal("a reversed period was accepted")
	}
	l.Close()

	// A log written before keys were stored holds the screen's words: they
	// are exported as they are, and the log still verifies.
	rechain(t, path, func(rs []row) []row {
		rs[0].reason = "意識障害などで本人の同意が得られない：救急外来"
		return rs
	})
	l, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	buf.Reset()
	if _, err := l.WriteCSV(&buf, summary.NewDate(2026, 11, 19), summary.NewDate(2026, 11, 21)); err != nil {
		t.Fatal(err)
	}
	recs, err = csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).ReadAll()
	if err != nil || len(recs) != 4 || recs[1][5] != "意識障害などで本人の同意が得られない：救急外来" {
		t.Errorf("an older entry's words exported as %q (%v)", recs, err)
	}
}

// The log stores the key and what the person wrote, never words of a
// language, and refuses words where a key belongs.
func TestReasonStoredAsKey(t *testing.T) {
	l, _ := openTemp(t, Options{})
	e := entry(l, Show, "画面表示")
	e.Reason = reason.Reason{Key: reason.Other, Text: "家族の依頼で確認"}.String()
	mustAppend(t, l, e)
	es, err := l.Entries(summary.NewDate(2000, 1, 1), summary.NewDate(2100, 1, 1))
	if err != nil || len(es) != 1 {
		t.Fatalf("%d entries, %v", len(es), err)
	}
	if es[0].Reason != "other:家族の依頼で確認" {
		t.Errorf("stored reason %q, want the key and the text", es[0].Reason)
	}
	for _, bad := range []string{"意識障害などで本人の同意が得られない", "other", "Unconscious or otherwise unable to consent"} {
		e.Reason = bad
		if _, err := l.Append(e); err == nil {
			t.Errorf("reason %q stored", bad)
		}
	}
	for _, k := range reason.Keys {
		if reasonLabels[k] == "" {
			t.Errorf("reason %q has no words in the export", k)
		}
	}
}

// Each entry carries the kyukyu that wrote it with the workstation, under
// the chain: an upgrade shows from the entry where it happened, entries an
// older kyukyu wrote (a host alone) keep verifying, and the export shows
// the version in its own column.
func TestVersionIsRecordedWithTheWorkstation(t *testing.T) {
	path := grownLog(t, 2) // entries as a kyukyu before versions wrote them
	v1, v2 := "kyukyu 0.1.0 (commit 1a2b3c4d5e6f, built 2026-11-01T00:00:00Z, go1.26.0)", "kyukyu 0.2.0 (commit 6f5e4d3c2b1a, built 2026-12-01T00:00:00Z, go1.26.1)"
	for _, v := range []string{v1, v2} {
		l, err := Open(path, Options{Version: v})
		if err != nil {
			t.Fatal(err)
		}
		e := entry(l, Show, "view")
		e.Workstation = "ER-PC-07"
		mustAppend(t, l, e)
		l.Close()
	}
	l, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if l.opt.Version != buildinfo.Get().String() {
		t.Fatalf("default version %q; want what `kyukyu version` prints, %q", l.opt.Version, buildinfo.Get())
	}
	es, err := l.Entries(summary.NewDate(2000, 1, 1), summary.NewDate(2100, 1, 1))
	if err != nil || len(es) != 4 {
		t.Fatalf("Entries = %d, %v", len(es), err)
	}
	for i, w := range [][2]string{{"er-1", ""}, {"er-1", ""}, {"ER-PC-07", v1}, {"ER-PC-07", v2}} {
		if es[i].Workstation != w[0] || es[i].Version != w[1] {
			t.Errorf("entry %d: workstation %q, version %q; want %q", i+1, es[i].Workstation, es[i].Version, w)
		}
	}
	if r, err := Check(path, DefaultAnchor(path)); err != nil || r.Entries != 4 {
		t.Fatalf("Check = %+v, %v", r, err)
	}
	var buf bytes.Buffer
	if _, err := l.WriteCSV(&buf, summary.NewDate(2000, 1, 1), summary.NewDate(2100, 1, 1)); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).ReadAll()
	if err != nil || len(recs) != 5 || recs[0][12] != "kyukyu版" || recs[1][12] != "" || recs[3][2] != "ER-PC-07" || recs[3][12] != v1 || recs[4][12] != v2 {
		t.Fatalf("export %q, %v", recs, err)
	}
	// The version is under the chain: rewriting it is caught.
	raw(t, path, `UPDATE entries SET workstation = replace(workstation, '0.1.0', '0.0.9') WHERE id = 3`)
	if _, err := Check(path, DefaultAnchor(path)); err == nil || !strings.Contains(err.Error(), "entry 3") {
		t.Fatalf("Check after the version was rewritten = %v", err)
	}
	if _, err := l.Append(Entry{Mode: Training, Action: Show, Operator: "x", Workstation: "a\tb"}); err == nil {
		t.Fatal("a workstation with a tab was accepted: it would read back as a version")
	}
}

func TestStaffIsRecordedWithTheOperator(t *testing.T) {
	path := grownLog(t, 1) // an entry as a kyukyu before staff sign-in wrote it
	l, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	e := entry(l, Show, "view")
	e.Operator, e.Staff = `HOSP\er-pc1`, "S01234"
	mustAppend(t, l, e)
	es, err := l.Entries(summary.NewDate(2000, 1, 1), summary.NewDate(2100, 1, 1))
	if err != nil || len(es) != 2 {
		t.Fatalf("Entries = %d, %v", len(es), err)
	}
	if es[0].Staff != "" || es[1].Operator != `HOSP\er-pc1` || es[1].Staff != "S01234" {
		t.Fatalf("read back operator/staff %q/%q and %q/%q", es[0].Operator, es[0].Staff, es[1].Operator, es[1].Staff)
	}
	if r, err := Check(path, DefaultAnchor(path)); err != nil || r.Entries != 2 {
		t.Fatalf("Check = %+v, %v", r, err)
	}
	var buf bytes.Buffer
	if _, err := l.WriteCSV(&buf, summary.NewDate(2000, 1, 1), summary.NewDate(2100, 1, 1)); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).ReadAll()
	if err != nil || recs[0][13] != "職員ID" || recs[2][3] != `HOSP\er-pc1` || recs[2][13] != "S01234" {
		t.Fatalf("export %q, %v", recs, err)
	}
	raw(t, path, `UPDATE entries SET operator = replace(operator, 'S01234', 'S09999') WHERE id = 2`)
	if _, err := Check(path, DefaultAnchor(path)); err == nil || !strings.Contains(err.Error(), "entry 2") {
		t.Fatalf("Check after the staff ID was rewritten = %v", err)
	}
	if _, err := l.Append(Entry{Mode: Training, Action: Show, Operator: "x", Staff: "a\tb"}); err == nil {
		t.Fatal("a staff ID with a tab was accepted")
	}
}

// A clean close leaves every committed entry in audit.db itself, even
// while another process keeps the log open (SQLite alone checkpoints only
// when the last connection closes).
func TestCloseCheckpointsTheWAL(t *testing.T) {
	l, path := openTemp(t, Options{})
	other, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	for i := range 3 {
		mustAppend(t, l, entry(l, Show, fmt.Sprint(i)))
	}
	l.Close()
	db, err := sql.Open("sqlite3", "file:"+path+"?immutable=1") // the file alone, no WAL
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM entries`).Scan(&n); err != nil || n != 3 {
		t.Fatalf("audit.db alone holds %d entries, %v; want 3", n, err)
	}
}
