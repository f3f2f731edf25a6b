package auditlog

import (
	"bytes"
	"context"
	"encoding/csv"
	"os/user"
	"path/filepath"
	"strings"
	"testing"

	"kyukyu/audit"
	"kyukyu/audit/reason"
	"kyukyu/summary"
	"kyukyu/ui/report"
)

// The screen's events land in the real hash-chained log with the action,
// ground and result the audit package decides, card reads without any
// patient reference, training views never as real ones.
func TestScreenEventsInTheRealLog(t *testing.T) {
	l, err := audit.Open(filepath.Join(t.TempDir(), audit.FileName), audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	a := Log{l}
	ctx := context.Background()
	real := &summary.View{Mode: summary.Emergency, Patient: summary.Patient{Name: "試験 花子", Insurance: summary.Insurance{InsurerNumber: "06130017"}}}
	consented := &summary.View{Mode: summary.Normal, Patient: real.Patient}
	drill := &summary.View{Mode: summary.Emergency, Training: true, Patient: real.Patient}
	for _, e := range []report.Event{
		{Action: report.CardRead, Output: "Virtual PCD 00 00"},
		{Action: report.CardRead, Training: true, Result: report.Failed, Output: "not a My Number card"},
		{Action: report.View, Reason: reason.Reason{Key: reason.Unconscious}, View: real},
		{Action: report.Print, Reason: reason.Reason{Key: reason.Consented}, View: consented, Output: "default printer"},
		{Action: report.Save, Training: true, View: drill, Output: "kyukyu-2022-08-26-training.pdf"},
		{Action: report.View, Result: report.Failed, Mode: summary.Normal, Output: "answer is for another patient"},
		{Action: report.Print, Result: report.Viewer, View: real, Output: "default printer: lp: no default destination"},
		{Action: report.Print, Result: report.Cancelled, View: real, Output: "default printer"},
	} {
		if err := a.Record(ctx, e); err != nil {
			t.Fatalf("%+v: %v", e, err)
		}
	}
	if err := a.Record(ctx, report.Event{Action: "paint"}); err == nil {
		t.Error("an action the log does not know was recorded")
	}
	es, err := l.Entries(summary.NewDate(2000, 1, 1), summary.NewDate(2100, 1, 1))
	if err != nil || len(es) != 8 {
		t.Fatalf("%d entries, %v", len(es), err)
	}
	want := []struct {
		action  audit.Action
		mode    audit.Mode
		result  audit.Result
		patient string // "ref": a salted reference
	}{
		{audit.CardRead, audit.WithoutConsent, audit.OK, ""},
		{audit.CardRead, audit.Training, audit.Failed, ""},
		{audit.Show, audit.WithoutConsent, audit.OK, "ref"},
		{audit.Print, audit.WithConsent, audit.OK, "ref"},
		{audit.Export, audit.Training, audit.OK, audit.TrainingRef},
		{audit.Show, audit.WithConsent, audit.Failed, ""}, // a refused normal-mode view names nobody
		{audit.Print, audit.WithoutConsent, audit.Viewer, "ref"},
		{audit.Print, audit.WithoutConsent, audit.Cancelled, "ref"},
	}
	for i, w := range want {
		e := es[i]
		patient := e.Patient
		if patient == l.PatientRef(real.Patient) {
			patient = "ref"
		}
		if e.Action != w.action || e.Mode != w.mode || e.Result != w.result || patient != w.patient {
			t.Errorf("entry %d: %+v, want %+v", i+1, e, w)
		}
	}
	if es[4].Output != "file "+l.FileRef("kyukyu-2022-08-26-training.pdf") {
		t.Errorf("a saved file is logged as %q, not by its reference", es[4].Output)
	}
	if _, err := l.Verify(); err != nil {
		t.Error(err)
	}
}

// The operator is always the OS account, whatever name was typed in the
// settings; the signed-in staff ID stands beside it; a refused view is
// denied; a confirmed consent is logged under the ground it opens.
func TestWhoIsInTheRealLog(t *testing.T) {
	l, err := audit.Open(filepath.Join(t.TempDir(), audit.FileName), audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	a := Log{l}
	u, err := user.Current()
	if err != nil {
		t.Fatal(err)
	}
	real := &summary.View{Mode: summary.Emergency, Patient: summary.Patient{Name: "試験 花子", Insurance: summary.Insurance{InsurerNumber: "06130017"}}}
	for _, e := range []report.Event{
		{Action: report.SignIn, Staff: "S0042", Output: "staff card 012E4CD35A190B07"},
		{Action: report.View, Result: report.Denied, Mode: summary.Normal, Staff: "S0042", Output: "access: S0042 may not view"},
		{Action: report.ConsentConfirmed, View: real, Staff: "S0042", Output: "consent oral, confirmed by 山田"},
		{Action: report.SignOut, Staff: "S0042", Output: "idle clear"},
	} {
		if err := a.Record(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
	es, err := l.Entries(summary.NewDate(2000, 1, 1), summary.NewDate(2100, 1, 1))
	if err != nil || len(es) != 4 {
		t.Fatalf("%d entries, %v", len(es), err)
	}
	for _, e := range es {
		if e.Operator != u.Username || e.Staff != "S0042" {
			t.Errorf("%s by %q / %q, want %q / S0042", e.Action, e.Operator, e.Staff, u.Username)
		}
	}
	if e := es[1]; e.Result != audit.Denied || e.Mode != audit.WithConsent || e.Patient != "" {
		t.Errorf("denied entry %+v", e)
	}
	if e := es[2]; e.Action != audit.ConsentConfirmed || e.Mode != audit.WithConsent || e.Patient != l.PatientRef(real.Patient) {
		t.Errorf("consent entry %+v", e)
	}
	// The officer's export: the account as 操作者, the staff ID as 職員ID.
	var buf bytes.Buffer
	if _, err := l.WriteCSV(&buf, summary.NewDate(2000, 1, 1), summary.NewDate(2100, 1, 1)); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).ReadAll()
	if err != nil || len(rows) != 5 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, r := range rows[1:] {
		if r[col["操作者"]] != u.Username || r[col["職員ID"]] != "S0042" {
			t.Errorf("export row names %q / %q", r[col["操作者"]], r[col["職員ID"]])
		}
	}
}
