package summary_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"kyukyu/summary"
	"kyukyu/training"
)

// trainingOn is the creation date the training patients are resolved
// against (their dates are relative to it).
var trainingOn = summary.NewDate(2026, 9, 21)

type wantAlert struct {
	kind           summary.AlertKind
	ingredient     string
	subclass       string
	coveredThrough string
	current        bool
	severity       summary.Severity
	titleHas       string // the reversal agent, the partner drug, the overdose
}

// trainingAlerts are the drug alerts each training patient must raise as of
// trainingOn; every other patient must raise none.
var trainingAlerts = map[string][]wantAlert{
	"warfarin-head-injury": {{summary.AlertAnticoagulant, "ワルファリンカリウム", summary.SubVKA, "2026-10-20", true, summary.SeverityCritical, "ケイツーN"}},
	"dabigatran-af":        {{summary.AlertAnticoagulant, "ダビガトラン", summary.SubThrombin, "2026-09-28", true, summary.SeverityCritical, "イダルシズマブ"}},
	"rivaroxaban-dvt":      {{summary.AlertAnticoagulant, "リバーロキサバン", summary.SubXa, "2026-10-01", true, summary.SeverityCritical, "アンデキサネット"}},
	"apixaban-stroke":      {{summary.AlertAnticoagulant, "アピキサバン", summary.SubXa, "2026-10-06", true, summary.SeverityCritical, "アンデキサネット"}},
	"edoxaban-elderly":     {{summary.AlertAnticoagulant, "エドキサバン", summary.SubXa, "2026-10-08", true, summary.SeverityCritical, "アンデキサネット"}},
	"dapt-stent": {
		{summary.AlertAntiplatelet, "アスピリン", "", "2026-10-06", true, summary.SeverityWarning, "2剤併用"},
		{summary.AlertAntiplatelet, "クロピドグレル", "", "2026-10-06", true, summary.SeverityWarning, "2剤併用"},
	},
	"zolpidem-many-clinics": {{summary.AlertHypnotic, "ゾルピデム", "", "2026-10-17", true, summary.SeverityWarning, "6医療機関"}},
	// Heparin given at each monthly dialysis: systemic while it lasts, not a current supply.
	"dialysis-hd":                {{summary.AlertAnticoagulant, "ヘパリンナトリウム", summary.SubHeparin, "2026-09-01", false, summary.SeverityWarning, "プロタミン"}},
	"heavy-elderly-polypharmacy": {{summary.AlertAntiplatelet, "アスピリン", "", "2026-09-25", true, summary.SeverityWarning, "抗血小板薬: アスピリン"}},
}

func openTraining(t *testing.T) *training.Store {
	t.Helper()
	s, err := training.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func trainingRecord(t *testing.T, s *training.Store, id string) *summary.Record {
	t.Helper()
	rec, err := s.Record(context.Background(), id, trainingOn)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func TestTrainingPatientsAlerts(t *testing.T) {
	s := openTraining(t)
	ids := training.IDs()
	for id := range trainingAlerts {
		if !slices.Contains(ids, id) {
			t.Errorf("training patient %q is gone; its alerts are untested", id)
		}
	}
	for _, id := range ids {
		t.Run(id, func(t *testing.T) {
			rec := trainingRecord(t, s, id)
			v := summary.Build(rec, summary.Emergency, trainingOn)
			var drugAlerts []summary.Alert
			for _, a := range v.Alerts {
				if a.Kind != summary.AlertRegularInstitution {
					drugAlerts = append(drugAlerts, a)
				}
			}
			want := trainingAlerts[id]
			if len(drugAlerts) != len(want) {
				t.Fatalf("%d drug alerts, want %d: %+v", len(drugAlerts), len(want), drugAlerts)
			}
			for i, w := range want {
				a := drugAlerts[i]
				if a.Kind != w.kind || a.Ingredient != w.ingredient || a.Subclass != w.subclass || a.CoveredThrough.String() != w.coveredThrough ||
					a.LikelyCurrent != w.current || a.Severity != w.severity || !strings.Contains(a.Title, w.titleHas) {
					t.Errorf("alert %d: %s %s/%s through %s current %v %s %q, want %+v", i, a.Kind, a.Ingredient, a.Subclass,
						a.CoveredThrough, a.LikelyCurrent, a.Severity, a.Title, w)
				}
			}
			hasVisits := false
			for _, vis := range rec.Visits {
				hasVisits = hasVisits || vis.Month.Compare(trainingOn.MonthOf().Add(-11)) >= 0 && vis.Setting != summary.Pharmacy
			}
			last := len(v.Alerts) - 1
			if hasVisits != (last >= 0 && v.Alerts[last].Kind == summary.AlertRegularInstitution) {
				t.Errorf("visits in the last 12 months: %v, but alerts end with %v", hasVisits, v.Alerts)
			}
		})
	}
}

// The zolpidem patient: six clinics each giving 20 mg/day overlap into 120 mg/day.
func TestTrainingZolpidemOverdose(t *testing.T) {
	rec := trainingRecord(t, openTraining(t), "zolpidem-many-clinics")
	as := summary.Alerts(rec, trainingOn)
	if len(as) == 0 || as[0].Kind != summary.AlertHypnotic {
		t.Fatalf("alerts %+v, want a hypnotic alert first", as)
	}
	a := as[0]
	if !a.Duplicate || !a.Overdose || len(a.Institutions) != 6 || a.MgPerDay != 120 || a.MaxMgPerDay != 10 {
		t.Errorf("duplicate %v overdose %v institutions %v mg/day %v max %v", a.Duplicate, a.Overdose, a.Institutions, a.MgPerDay, a.MaxMgPerDay)
	}
}

// The warfarin patient's supply is outside the 45-day dispensing window of
// the emergency view, yet the alert is there.
func TestTrainingWarfarinOutsideWindow(t *testing.T) {
	rec := trainingRecord(t, openTraining(t), "warfarin-head-injury")
	v := summary.Build(rec, summary.Emergency, trainingOn)
	for _, m := range v.Section(summary.ItemDispensing).Medications {
		if m.Class == summary.ClassAnticoagulant {
			t.Errorf("warfarin row %s inside the 45-day window; the case needs it outside", m.Date)
		}
	}
	if len(v.Alerts) == 0 || v.Alerts[0].Kind != summary.AlertAnticoagulant || !v.Alerts[0].LikelyCurrent {
		t.Errorf("alerts %+v, want a current anticoagulant first", v.Alerts)
	}
}
