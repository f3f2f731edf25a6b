package summary_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"kyukyu/summary"
	"kyukyu/summary/alerttext"
	"kyukyu/training"
	"kyukyu/training/trainingtest"
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
	textHas        string // in its words: the reversal agent, the partner drug, the overdose
}

// trainingAlerts are the drug alerts each training patient must raise as of
// trainingOn; every other patient must raise none.
var trainingAlerts = map[string][]wantAlert{
	// Emergency scope: the 90-day dispensing of 60 days ago is outside the
	// 45-day window; the receipt of 2 months ago (07-05, 90 days) is inside.
	"warfarin-head-injury": {{summary.AlertAnticoagulant, "ワルファリンカリウム", summary.SubVKA, "2026-10-02", true, summary.SeverityCritical, "ケイツーN"}},
	"dabigatran-af":        {{summary.AlertAnticoagulant, "ダビガトラン", summary.SubThrombin, "2026-09-28", true, summary.SeverityCritical, "イダルシズマブ"}},
	"rivaroxaban-dvt":      {{summary.AlertAnticoagulant, "リバーロキサバン", summary.SubXa, "2026-10-01", true, summary.SeverityCritical, "アンデキサネット"}},
	"apixaban-stroke":      {{summary.AlertAnticoagulant, "アピキサバン", summary.SubXa, "2026-10-06", true, summary.SeverityCritical, "アンデキサネット"}},
	"edoxaban-elderly":     {{summary.AlertAnticoagulant, "エドキサバン", summary.SubXa, "2026-10-08", true, summary.SeverityCritical, "アンデキサネット"}},
	// Triple therapy (an interaction) and edoxaban from two clinics (a duplicate).
	"triple-therapy-two-clinics": {
		{summary.AlertAnticoagulant, "エドキサバン", summary.SubXa, "2026-10-12", true, summary.SeverityCritical, "重複: 2医療機関から同時に 合計60mg/日"},
		{summary.AlertAntiplatelet, "アスピリン", "", "2026-09-30", true, summary.SeverityWarning, "2剤併用"},
		{summary.AlertAntiplatelet, "クロピドグレル", "", "2026-09-30", true, summary.SeverityWarning, "2剤併用"},
		{summary.AlertInteraction, "エドキサバン＋アスピリン＋クロピドグレル", "", "2026-09-30", true, summary.SeverityWarning, "3剤併用（トリプルセラピー）"},
	},
	"dapt-stent": {
		{summary.AlertAntiplatelet, "アスピリン", "", "2026-10-06", true, summary.SeverityWarning, "2剤併用"},
		{summary.AlertAntiplatelet, "クロピドグレル", "", "2026-10-06", true, summary.SeverityWarning, "2剤併用"},
		{summary.AlertDevice, "", "", "", false, summary.SeverityWarning, "冠動脈ステント"},
	},
	"zolpidem-many-clinics": {
		{summary.AlertHypnotic, "ゾルピデム", "", "2026-10-17", true, summary.SeverityWarning, "上限10mg/日の12.0倍"},
		{summary.AlertHypnotic, "ゾルピデム・ブロチゾラム", "", "2026-10-17", true, summary.SeverityWarning, "6医療機関から同時期に処方"},
	},
	// Heparin given at each monthly dialysis: its days cannot be read (13 ampoules), so 日数不明.
	"dialysis-hd": {
		{summary.AlertAnticoagulant, "ヘパリンナトリウム", summary.SubHeparin, "", false, summary.SeverityWarning, "日数不明"},
		{summary.AlertDialysis, "", "", "", false, summary.SeverityWarning, "透析（血液透析） — 最終 2026年9月20日"},
		{summary.AlertDevice, "", "", "", false, summary.SeverityWarning, "シャント"},
	},
	"rare-kanji-yoshida": {
		{summary.AlertAnticoagulant, "アピキサバン", summary.SubXa, "2026-09-26", true, summary.SeverityCritical, "オンデキサ"},
		{summary.AlertDevice, "", "", "", false, summary.SeverityWarning, "冠動脈ステント"},
	},
	"etizolam-four-clinics": {{summary.AlertHypnotic, "エチゾラム", "", "2026-10-14", true, summary.SeverityWarning,
		"9mg/日（上限3mg/日の3.0倍）、ジアゼパム換算 合計30mg/日（15mg/日超）、4医療機関から同時期に処方"}},
	// Receipts only: filled every 28 days, the last supply ran out 2 days ago.
	"apixaban-receipts-only": {{summary.AlertAnticoagulant, "アピキサバン", summary.SubXa, "2026-09-19", false, summary.SeverityCritical,
		"服用中の可能性が高い（2026年7月から定期処方 — 最終確認 2026年8月）"}},
	"diabetes-insulin-sglt2": {
		{summary.AlertHypoglycemic, "インスリン", "", "2026-11-09", true, summary.SeverityWarning, "低血糖"},
		{summary.AlertHypoglycemic, "グリメピリド", "", "2026-10-10", true, summary.SeverityWarning, "アマリール1mg錠"},
		{summary.AlertSGLT2, "ダパグリフロジン", "", "2026-10-10", true, summary.SeverityWarning, "ケトアシドーシス"},
	},
	"ra-steroid-methotrexate": {
		{summary.AlertSteroid, "プレドニゾロン", "", "2026-10-06", true, summary.SeverityWarning, "直近12週のうち3週以上"},
		{summary.AlertImmunosuppressant, "メトトレキサート", "", "2026-10-06", true, summary.SeverityWarning, "メトトレキサート 6mg/週"},
	},
	"epilepsy-bipolar": {
		{summary.AlertAntiepileptic, "バルプロ酸ナトリウム", "", "2026-10-06", true, summary.SeverityWarning, "痙攣重積"},
		{summary.AlertNarrowIndex, "炭酸リチウム", "", "2026-10-06", true, summary.SeverityWarning, "血中濃度"},
	},
	// Four lines of one date, 1～7日目 … 22～28日目: run in turn, 15 mg today.
	"prednisolone-taper": {
		{summary.AlertSteroid, "プレドニゾロン", "", "2026-10-08", true, summary.SeverityWarning, "プレドニゾロン換算20mg/日"},
	},
	// One receipt supply ended 15 days ago: receipts lag, recently ended.
	"levetiracetam-receipt-ended": {
		{summary.AlertAntiepileptic, "レベチラセタム", "", "2026-09-06", false, summary.SeverityWarning, "中止していれば痙攣重積"},
	},
	"cancer-pain-fentanyl": {
		{summary.AlertOpioid, "フェンタニル", "", "2026-09-28", true, summary.SeverityWarning, "剥がす"}, // 5 patches × 3 days
		{summary.AlertOpioid, "オキシコドン", "", "", false, summary.SeverityInfo, "頓用"},
	},
	// By danger, not date: the pacemaker (implanted 2023) before home oxygen.
	"pacemaker-home-oxygen": {
		{summary.AlertDevice, "", "", "", false, summary.SeverityWarning, "（ペースメーカー） — 実施 2023年7月20日"},
		{summary.AlertDevice, "", "", "", false, summary.SeverityWarning, "（在宅酸素） — 管理中・最終算定 2026年9月18日"},
	},
	// The session on the first day of the 3-month window is inside it.
	"window-boundaries":          {{summary.AlertDialysis, "", "", "", false, summary.SeverityWarning, "最終 2026年7月1日"}},
	"heavy-elderly-polypharmacy": {{summary.AlertAntiplatelet, "アスピリン", "", "2026-09-25", true, summary.SeverityWarning, "抗血小板薬: アスピリン"}},
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
	s := trainingtest.Open(t)
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
				x := alerttext.Render(a, alerttext.Japanese)
				words := x.Title + strings.Join(x.Lines, "") + x.Reversal + x.Why
				if a.Kind != w.kind || a.Ingredient != w.ingredient || a.Subclass != w.subclass || a.CoveredThrough.String() != w.coveredThrough ||
					(a.Status == summary.StatusCurrent) != w.current || a.Severity != w.severity || !strings.Contains(words, w.textHas) {
					t.Errorf("alert %d: %s %s/%s through %s %s %s %q, want %+v", i, a.Kind, a.Ingredient, a.Subclass,
						a.CoveredThrough, a.Status, a.Severity, words, w)
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
	rec := trainingRecord(t, trainingtest.Open(t), "zolpidem-many-clinics")
	as := summary.Alerts(rec, summary.Emergency, trainingOn)
	if len(as) == 0 || as[0].Kind != summary.AlertHypnotic {
		t.Fatalf("alerts %+v, want a hypnotic alert first", as)
	}
	a := as[0]
	if !slices.Contains(a.Reasons, summary.ReasonOverMax) || len(a.Institutions) != 6 || a.MgPerDay != 120 || a.MaxMgPerDay != 10 {
		t.Errorf("reasons %v institutions %v mg/day %v max %v", a.Reasons, a.Institutions, a.MgPerDay, a.MaxMgPerDay)
	}
	// The class as a whole: zolpidem 120 mg (60 mg diazepam-eq) + brotizolam 0.25 mg (5 mg).
	c := as[1]
	if !slices.Contains(c.Reasons, summary.ReasonConcurrentInstitutions) || !slices.Contains(c.Reasons, summary.ReasonDiazepamTotal) ||
		c.DiazepamEqMgPerDay != 65 || len(c.Institutions) != 6 {
		t.Errorf("class alert reasons %v diazepam-eq %v institutions %v", c.Reasons, c.DiazepamEqMgPerDay, c.Institutions)
	}
}

// The warfarin patient's supply is outside the 45-day dispensing window of
// the emergency view, yet the alert is there.
func TestTrainingWarfarinOutsideWindow(t *testing.T) {
	rec := trainingRecord(t, trainingtest.Open(t), "warfarin-head-injury")
	v := summary.Build(rec, summary.Emergency, trainingOn)
	for _, m := range v.Section(summary.ItemDispensing).Medications {
		if m.Class == summary.ClassAnticoagulant {
			t.Errorf("warfarin row %s inside the 45-day window; the case needs it outside", m.Date)
		}
	}
	if len(v.Alerts) == 0 || v.Alerts[0].Kind != summary.AlertAnticoagulant || v.Alerts[0].Status != summary.StatusCurrent {
		t.Errorf("alerts %+v, want a current anticoagulant first", v.Alerts)
	}
}
