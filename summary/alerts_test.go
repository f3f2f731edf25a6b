package summary

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// alertsOn is the fixed creation date of the hand-built records.
var alertsOn = mustDate("2026-09-21")

func mustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func mustMonth(s string) Month {
	m, err := ParseMonth(s)
	if err != nil {
		panic(err)
	}
	return m
}

// rx is a pharmacy dispensing row prescribed by an institution.
func rx(date, prescriber, drug string, amount float64, days int) Medication {
	return Medication{Date: mustDate(date), Setting: Pharmacy, Institution: "テスト薬局", Prescriber: prescriber,
		Drug: drug, Amount: amount, Unit: "錠", Days: days}
}

func kinds(as []Alert) []AlertKind {
	var ks []AlertKind
	for _, a := range as {
		ks = append(ks, a.Kind)
	}
	return ks
}

func TestAnticoagulantAlerts(t *testing.T) {
	tests := []struct {
		name           string
		rows           []Medication
		ingredient     string
		subclass       string
		latest         string
		days           int
		coveredThrough string
		current        bool
		severity       Severity
		reversal       string // the brand (or the agent) of a reversal agent
	}{
		{
			name:       "warfarin 90 days dispensed 60 days ago, outside the 45-day window, still covers today",
			rows:       []Medication{rx("2026-07-23", "テスト病院", "ワーファリン錠１ｍｇ", 270, 90)},
			ingredient: "ワルファリンカリウム", subclass: SubVKA, latest: "2026-07-23", days: 90,
			coveredThrough: "2026-10-20", current: true, severity: SeverityCritical, reversal: "ケイツーN",
		},
		{
			name:       "warfarin 28 days dispensed 60 days ago has run out",
			rows:       []Medication{rx("2026-07-23", "テスト病院", "ワルファリンK錠1mg「NIG」", 84, 28)},
			ingredient: "ワルファリンカリウム", subclass: SubVKA, latest: "2026-07-23", days: 28,
			coveredThrough: "2026-08-19", current: false, severity: SeverityWarning, reversal: "ケイセントラ",
		},
		{
			name: "the latest supply counts, not the longest",
			rows: []Medication{
				rx("2026-06-13", "テスト病院", "エリキュース錠5mg", 180, 90),
				rx("2026-09-11", "テスト病院", "エリキュース錠5mg", 60, 30),
			},
			ingredient: "アピキサバン", subclass: SubXa, latest: "2026-09-11", days: 30,
			coveredThrough: "2026-10-10", current: true, severity: SeverityCritical, reversal: "オンデキサ",
		},
		{
			name:       "dabigatran by code only",
			rows:       []Medication{{Date: mustDate("2026-09-01"), Code: "3339001M2020", Institution: "A病院", Amount: 60, Days: 30}},
			ingredient: "ダビガトラン", subclass: SubThrombin, latest: "2026-09-01", days: 30,
			coveredThrough: "2026-09-30", current: true, severity: SeverityCritical, reversal: "プリズバインド",
		},
		{
			name:       "edoxaban",
			rows:       []Medication{rx("2026-09-16", "B医院", "リクシアナOD錠30mg", 28, 28)},
			ingredient: "エドキサバン", subclass: SubXa, latest: "2026-09-16", days: 28,
			coveredThrough: "2026-10-13", current: true, severity: SeverityCritical, reversal: "オンデキサ",
		},
		{
			name:       "rivaroxaban",
			rows:       []Medication{rx("2026-09-18", "B医院", "イグザレルト錠15mg", 14, 14)},
			ingredient: "リバーロキサバン", subclass: SubXa, latest: "2026-09-18", days: 14,
			coveredThrough: "2026-10-01", current: true, severity: SeverityCritical, reversal: "オンデキサ",
		},
		{
			name:       "enoxaparin: protamine reverses it only partly",
			rows:       []Medication{{Date: mustDate("2026-09-20"), Setting: Inpatient, Institution: "C病院", Drug: "クレキサン皮下注キット2000IU", Amount: 2, Days: 1}},
			ingredient: "エノキサパリンナトリウム", subclass: SubLMWH, latest: "2026-09-20", days: 1,
			coveredThrough: "2026-09-20", current: false, severity: SeverityWarning, reversal: "プロタミン硫酸塩",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as := Alerts(&Record{Dispensing: tt.rows}, Normal, alertsOn)
			if len(as) != 1 || as[0].Kind != AlertAnticoagulant {
				t.Fatalf("alerts %v, want one anticoagulant alert", kinds(as))
			}
			a := as[0]
			if a.Ingredient != tt.ingredient || a.Subclass != tt.subclass || a.LatestDate.String() != tt.latest ||
				a.DaysSupplied != tt.days || a.CoveredThrough.String() != tt.coveredThrough || (a.Status == StatusCurrent) != tt.current || a.Severity != tt.severity {
				t.Errorf("got %s/%s latest %s days %d through %s current %v %s", a.Ingredient, a.Subclass, a.LatestDate,
					a.DaysSupplied, a.CoveredThrough, a.Status, a.Severity)
			}
			i := slices.IndexFunc(a.Reversal, func(r Reversal) bool { return cmp.Or(r.Brand, r.Agent) == tt.reversal })
			if i < 0 || a.NoReversal || a.Reversal[i].Partial != (tt.subclass == SubLMWH) {
				t.Errorf("reversal %+v no-reversal %v, want %q (partial for LMWH)", a.Reversal, a.NoReversal, tt.reversal)
			}
			if len(a.Rows) != len(tt.rows) {
				t.Errorf("alert based on %d rows, want %d", len(a.Rows), len(tt.rows))
			}
		})
	}
}

func TestFondaparinuxSaysNoReversal(t *testing.T) {
	as := Alerts(&Record{Dispensing: []Medication{rx("2026-09-20", "C病院", "アリクストラ皮下注2.5mg", 10, 10)}}, Normal, alertsOn)
	if len(as) != 1 || !as[0].NoReversal || len(as[0].Reversal) != 0 {
		t.Fatalf("alerts %+v, want one anticoagulant alert with no reversal agent", as)
	}
}

func TestNoAlertForTrapsFlushAndFutureRows(t *testing.T) {
	rec := &Record{
		Dispensing: []Medication{
			rx("2026-09-01", "皮膚科", "ヒルドイドソフト軟膏0.3%", 50, 0),
			{Date: mustDate("2026-09-10"), Code: "3339950N1035", Drug: "ヒルドイドクリーム0.3%"},
			{Date: mustDate("2026-09-10"), Setting: Inpatient, Drug: "ヘパフラッシュ100単位/mLシリンジ10mL", Amount: 1, Days: 1},
			rx("2026-09-01", "整形外科", "アスピリン「ホエイ」", 3, 3),
			rx("2026-09-01", "整形外科", "ロキソニン錠60mg", 9, 3),
			rx("2026-09-22", "テスト病院", "ワーファリン錠1mg", 90, 30), // after the creation date
		},
	}
	if as := Alerts(rec, Normal, alertsOn); len(as) != 0 {
		t.Fatalf("alerts %v, want none: %+v", kinds(as), as)
	}
}

func TestAntiplateletAlerts(t *testing.T) {
	tests := []struct {
		name       string
		rows       []Medication
		concurrent map[string][]string // ingredient → overlapping antiplatelets
		dual       bool
	}{
		{
			name: "dual therapy named",
			rows: []Medication{
				rx("2026-09-01", "循環器クリニック", "バイアスピリン錠100mg", 30, 30),
				rx("2026-09-01", "循環器クリニック", "クロピドグレル錠75mg「サワイ」", 30, 30),
			},
			concurrent: map[string][]string{"アスピリン": {"クロピドグレル"}, "クロピドグレル": {"アスピリン"}},
			dual:       true,
		},
		{
			name:       "single antiplatelet",
			rows:       []Medication{rx("2026-09-01", "循環器クリニック", "プラビックス錠75mg", 30, 30)},
			concurrent: map[string][]string{"クロピドグレル": nil},
		},
		{
			name: "supplies that do not overlap are not dual therapy",
			rows: []Medication{
				rx("2026-09-01", "循環器クリニック", "バイアスピリン錠100mg", 30, 30),
				rx("2026-03-01", "循環器クリニック", "エフィエント錠3.75mg", 30, 30),
			},
			concurrent: map[string][]string{"アスピリン": nil, "プラスグレル": nil},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as := Alerts(&Record{Medications: tt.rows}, Normal, alertsOn)
			if len(as) != len(tt.concurrent) {
				t.Fatalf("alerts %v, want %d antiplatelet alerts", kinds(as), len(tt.concurrent))
			}
			for _, a := range as {
				want, ok := tt.concurrent[a.Ingredient]
				if a.Kind != AlertAntiplatelet || !ok || !slices.Equal(a.Concurrent, want) {
					t.Errorf("%s %s concurrent %v, want %v", a.Kind, a.Ingredient, a.Concurrent, want)
				}
				current := a.Status == StatusCurrent
				if current && a.Severity != SeverityWarning || !current && a.Severity != SeverityInfo {
					t.Errorf("%s: status %v severity %s", a.Ingredient, a.Status, a.Severity)
				}
				if slices.Contains(a.Reasons, ReasonDualTherapy) != tt.dual {
					t.Errorf("%s reasons %v, dual therapy %v", a.Ingredient, a.Reasons, tt.dual)
				}
			}
		})
	}
	// The dual therapy case covers through 30 days from 2026-09-01.
	as := Alerts(&Record{Medications: tests[0].rows}, Normal, alertsOn)
	if as[0].CoveredThrough.String() != "2026-09-30" || as[0].Status != StatusCurrent {
		t.Errorf("covered through %s status %v, want 2026-09-30 current", as[0].CoveredThrough, as[0].Status)
	}
}

func TestHypnoticAlerts(t *testing.T) {
	tests := []struct {
		name         string
		rows         []Medication
		alert        bool
		duplicate    bool // ≥ 2 institutions at once
		overdose     bool
		institutions int
		mgPerDay     float64 // single-drug excess only
	}{
		{
			name: "one institution within the label dose",
			rows: []Medication{rx("2026-09-10", "Aクリニック", "マイスリー錠5mg", 28, 28)},
		},
		{
			name:  "one institution over the label dose: 10 mg × 60 tablets / 30 days",
			rows:  []Medication{rx("2026-09-10", "Aクリニック", "ゾルピデム酒石酸塩錠10mg「サワイ」", 60, 30)},
			alert: true, overdose: true, institutions: 1, mgPerDay: 20,
		},
		{
			name: "three institutions overlapping, 10 mg each",
			rows: []Medication{
				rx("2026-09-01", "Aクリニック", "マイスリー錠10mg", 30, 30),
				rx("2026-09-05", "B医院", "ゾルピデム酒石酸塩錠10mg「トーワ」", 30, 30),
				rx("2026-09-10", "C診療所", "ﾏｲｽﾘｰ錠10mg", 14, 14),
			},
			alert: true, duplicate: true, overdose: true, institutions: 3, mgPerDay: 30,
		},
		{
			name: "two institutions overlapping within the dose: duplication only",
			rows: []Medication{
				rx("2026-09-01", "Aクリニック", "マイスリー錠5mg", 14, 14),
				rx("2026-09-05", "B医院", "マイスリー錠5mg", 14, 14),
			},
			alert: true, duplicate: true, institutions: 2,
		},
		{
			name: "two institutions one after the other",
			rows: []Medication{
				rx("2026-08-01", "Aクリニック", "マイスリー錠5mg", 14, 14),
				rx("2026-09-01", "B医院", "マイスリー錠5mg", 14, 14),
			},
		},
		{
			name: "eszopiclone and zopiclone from two institutions at once: the class is supplied twice",
			rows: []Medication{
				rx("2026-09-01", "Aクリニック", "ルネスタ錠2mg", 14, 14),
				rx("2026-09-05", "B医院", "アモバン錠7.5", 14, 14),
			},
			alert: true, duplicate: true, institutions: 2,
		},
		{
			name: "eszopiclone is not zopiclone: one institution, two drugs within their maxima",
			rows: []Medication{
				rx("2026-09-01", "Aクリニック", "ルネスタ錠2mg", 14, 14),
				rx("2026-09-05", "Aクリニック", "アモバン錠7.5", 14, 14),
			},
		},
		{
			name: "duplication older than 12 months",
			rows: []Medication{
				rx("2024-09-01", "Aクリニック", "マイスリー錠10mg", 30, 30),
				rx("2024-09-05", "B医院", "マイスリー錠10mg", 30, 30),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as := Alerts(&Record{Dispensing: tt.rows}, Normal, alertsOn)
			if !tt.alert {
				if len(as) != 0 {
					t.Fatalf("alerts %+v, want none", as)
				}
				return
			}
			if len(as) != 1 || as[0].Kind != AlertHypnotic {
				t.Fatalf("alerts %v, want one hypnotic alert", kinds(as))
			}
			a := as[0]
			duplicate, overdose := slices.Contains(a.Reasons, ReasonConcurrentInstitutions), slices.Contains(a.Reasons, ReasonOverMax)
			if duplicate != tt.duplicate || overdose != tt.overdose || len(a.Institutions) != tt.institutions ||
				a.MgPerDay != tt.mgPerDay || overdose && a.MaxMgPerDay != 10 || a.Severity != SeverityWarning {
				t.Errorf("reasons %v institutions %v mg/day %v max %v %s", a.Reasons,
					a.Institutions, a.MgPerDay, a.MaxMgPerDay, a.Severity)
			}
		})
	}
}

func TestRegularInstitutionAlert(t *testing.T) {
	var visits []Visit
	add := func(inst string, s Setting, months ...string) {
		for _, m := range months {
			visits = append(visits, Visit{Institution: inst, Month: mustMonth(m), Setting: s})
		}
	}
	add("資格クリニック", Outpatient, "2025-10", "2025-12", "2026-02", "2026-04", "2026-06", "2026-07")
	add("資格医院", Outpatient, "2026-08", "2026-09")
	add("資格医院", Inpatient, "2026-09") // the same month twice counts once
	add("テスト薬局", Pharmacy, "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08")
	add("昔の病院", Outpatient, "2024-01", "2024-02", "2024-03", "2025-09") // 2025-09 is 13 months back
	as := Alerts(&Record{Visits: visits}, Normal, alertsOn)
	if len(as) != 1 || as[0].Kind != AlertRegularInstitution || as[0].Severity != SeverityInfo {
		t.Fatalf("alerts %+v, want one info regular-institution alert", as)
	}
	want := []InstitutionVisits{
		{"資格クリニック", 6, mustMonth("2026-07")},
		{"資格医院", 2, mustMonth("2026-09")},
	}
	if !slices.Equal(as[0].Ranking, want) {
		t.Errorf("ranking %+v, want %+v", as[0].Ranking, want)
	}
	if as[0].SpanMonths != 12 {
		t.Errorf("ranking over %d months, want the 12 of normal mode", as[0].SpanMonths)
	}
}

func TestAlertOrderAndBuildOn(t *testing.T) {
	rec := &Record{
		Visits: []Visit{{Institution: "テスト病院", Month: mustMonth("2026-09"), Setting: Outpatient}},
		Dispensing: []Medication{
			rx("2026-09-01", "Aクリニック", "マイスリー錠10mg", 60, 30),
			rx("2026-09-01", "テスト病院", "バイアスピリン錠100mg", 30, 30),
			rx("2026-07-23", "テスト病院", "ワーファリン錠1mg", 270, 90),
			rx("2026-09-10", "テスト病院", "ロキソニン錠60mg", 9, 3),
		},
	}
	v := Build(rec, Normal, alertsOn)
	got := kinds(v.Alerts)
	// Warfarin with aspirin is also an interaction (bleeding), after the drugs.
	want := []AlertKind{AlertAnticoagulant, AlertAntiplatelet, AlertInteraction, AlertHypnotic, AlertRegularInstitution}
	if !slices.Equal(got, want) {
		t.Fatalf("alert order %v, want %v", got, want)
	}
	s := v.Section(ItemDispensing)
	classes := map[string]Class{}
	for _, m := range s.Medications {
		classes[m.Drug] = m.Class
	}
	if classes["バイアスピリン錠100mg"] != ClassAntiplatelet || classes["ロキソニン錠60mg"] != ClassNone {
		t.Errorf("section rows not classified: %v", classes)
	}
	b, err := json.Marshal(v.Alerts[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, frag := range []string{`"kind":"anticoagulant"`, `"severity":"critical"`, `"coveredThrough":"2026-10-20"`,
		`"latestDate":"2026-07-23"`, `"status":"current"`, `"ingredient":"ワルファリンカリウム"`, `"class":"anticoagulant"`, `"subclass":"vka"`} {
		if !strings.Contains(string(b), frag) {
			t.Errorf("alert JSON lacks %s: %s", frag, b)
		}
	}
}

// An alert carries the rows of the last 12 months it rests on, or the
// latest row when the supply is older.
func TestAlertRowsAreThoseOfTheLookback(t *testing.T) {
	old := rx("2024-05-01", "テスト病院", "ワーファリン錠1mg", 90, 30)
	recent := rx("2026-09-01", "テスト病院", "ワーファリン錠1mg", 90, 30)
	for _, tt := range []struct {
		rows []Medication
		want []Date
	}{
		{[]Medication{old}, []Date{old.Date}},
		{[]Medication{old, recent}, []Date{recent.Date}},
	} {
		as := Alerts(&Record{Dispensing: tt.rows}, Normal, alertsOn)
		if len(as) != 1 {
			t.Fatalf("alerts %v, want one", kinds(as))
		}
		var got []Date
		for _, m := range as[0].Rows {
			got = append(got, m.Date)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("rows dated %v, want %v", got, tt.want)
		}
	}
}

// Institutions with as many visit months as the first are a tie: the
// alert names them all, and names none as tied when one leads.
func TestRegularInstitutionTie(t *testing.T) {
	tests := []struct {
		name   string
		visits map[string][]string
		tied   []string
	}{
		{"three months each at two clinics", map[string][]string{"あおい内科": {"2026-07", "2026-08", "2026-09"},
			"いずみ整形外科": {"2026-06", "2026-07", "2026-08"}, "うらら眼科": {"2026-09"}}, []string{"あおい内科", "いずみ整形外科"}},
		{"one clinic leads", map[string][]string{"あおい内科": {"2026-07", "2026-08", "2026-09"}, "いずみ整形外科": {"2026-08", "2026-09"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rec Record
			for inst, ms := range tt.visits {
				for _, m := range ms {
					rec.Visits = append(rec.Visits, Visit{Institution: inst, Month: mustMonth(m), Setting: Outpatient})
				}
			}
			as := Alerts(&rec, Normal, alertsOn)
			if len(as) != 1 || !slices.Equal(as[0].Tied, tt.tied) {
				t.Errorf("alerts %+v, want tied %v", as, tt.tied)
			}
		})
	}
}
