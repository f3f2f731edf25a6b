package ui

import (
	"context"
	"path/filepath"
	"testing"

	"kyukyu/audit"
	"kyukyu/summary"
)

// The screen's events land in the real hash-chained log with the right
// action, ground and result, card reads without any patient reference.
func TestAuditLogAdapter(t *testing.T) {
	l, err := audit.Open(filepath.Join(t.TempDir(), audit.FileName), audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	a := auditLog{l}
	ctx := context.Background()
	v := &summary.View{Mode: summary.Emergency, Patient: summary.Patient{Name: "試験 花子", Insurance: summary.Insurance{InsurerNumber: "06130017"}}}
	for _, e := range []AuditEvent{
		{Action: ActionCardRead, Access: AccessEmergency, Operator: "山田", Output: "Virtual PCD 00 00"},
		{Action: ActionCardRead, Access: AccessTraining, Operator: "山田", Failed: true, Output: "not a My Number card"},
		{Action: ActionView, Access: AccessEmergency, Operator: "山田", Reason: "意識障害", View: v},
	} {
		if err := a.Record(ctx, e); err != nil {
			t.Fatalf("%+v: %v", e, err)
		}
	}
	es, err := l.Entries(summary.NewDate(2000, 1, 1), summary.NewDate(2100, 1, 1))
	if err != nil || len(es) != 3 {
		t.Fatalf("%d entries, %v", len(es), err)
	}
	want := []struct {
		action  audit.Action
		mode    audit.Mode
		result  audit.Result
		patient bool
	}{{audit.CardRead, audit.WithoutConsent, audit.OK, false}, {audit.CardRead, audit.Training, audit.Failed, false}, {audit.Show, audit.WithoutConsent, audit.OK, true}}
	for i, w := range want {
		e := es[i]
		if e.Action != w.action || e.Mode != w.mode || e.Result != w.result || (e.Patient != "") != w.patient {
			t.Errorf("entry %d: %+v, want %+v", i+1, e, w)
		}
	}
	if _, err := l.Verify(); err != nil {
		t.Error(err)
	}
}
