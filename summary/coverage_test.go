package summary

import (
	"slices"
	"testing"
)

// receipt is a receipt-derived row (薬剤情報) of a pharmacy dispensing.
func receipt(date, prescriber, drug string, amount float64, days int) Medication {
	m := rx(date, prescriber, drug, amount, days)
	return m
}

func find(as []Alert, kind AlertKind) (Alert, bool) {
	i := slices.IndexFunc(as, func(a Alert) bool { return a.Kind == kind })
	if i < 0 {
		return Alert{}, false
	}
	return as[i], true
}

// The failures named in issue 16, each on a record built here.
func TestCoverageFromEverySupply(t *testing.T) {
	on := mustDate("2026-11-20")
	tests := []struct {
		name     string
		rec      Record
		mode     Mode
		through  string
		status   Status
		severity Severity
		reasons  []Reason
	}{
		{
			name: "a later dose from the same prescriber replaces the running 90-day warfarin supply (issue 19)",
			rec: Record{Dispensing: []Medication{
				rx("2026-10-01", "さくら内科", "ワーファリン錠1mg", 90, 90),
				rx("2026-11-10", "さくら内科", "ワーファリン錠0.5mg", 14, 14),
			}},
			mode: Normal, through: "2026-11-23", status: StatusCurrent, severity: SeverityCritical, reasons: []Reason{ReasonDoseChange},
		},
		{
			name: "apixaban every 28 days seen through late receipts is likely current",
			rec: Record{Medications: []Medication{
				receipt("2026-08-03", "さくら内科", "エリキュース錠5mg", 56, 28), // outside the 3 receipt months
				receipt("2026-09-01", "さくら内科", "エリキュース錠5mg", 56, 28),
				receipt("2026-09-29", "さくら内科", "エリキュース錠5mg", 56, 28),
			}},
			mode: Emergency, through: "2026-10-26", status: StatusLikelyCurrent, severity: SeverityCritical,
			reasons: []Reason{ReasonRegularFills},
		},
		{
			name: "a single receipt fill ended 25 days ago is recently ended, receipts lag (issue 19)",
			rec: Record{Medications: []Medication{
				receipt("2026-09-29", "さくら内科", "エリキュース錠5mg", 56, 28),
			}},
			mode: Emergency, through: "2026-10-26", status: StatusRecentlyEnded, severity: SeverityCritical,
		},
		{
			name: "a single receipt fill ended 61 days ago has ended: a warning",
			rec: Record{Medications: []Medication{
				receipt("2026-08-23", "さくら内科", "エリキュース錠5mg", 56, 28),
			}},
			mode: Normal, through: "2026-09-19", status: StatusEnded, severity: SeverityWarning,
		},
		{
			name: "home heparin: 28 syringes at 1日2回 last 14 days, not one",
			rec: Record{Dispensing: []Medication{{Date: mustDate("2026-11-10"), Setting: Pharmacy, Institution: "ひかり薬局",
				Prescriber: "みなと病院", Drug: "ヘパリンカルシウム皮下注5千単位/0.2mLシリンジ「モチダ」", Usage: "1日2回 皮下注射",
				Dose: "1筒", Amount: 28, Unit: "筒", Quantity: "28筒"}}},
			mode: Emergency, through: "2026-11-23", status: StatusCurrent, severity: SeverityCritical,
		},
		{
			name: "an injection whose days cannot be read says 日数不明",
			rec: Record{Dispensing: []Medication{{Date: mustDate("2026-11-10"), Setting: Pharmacy, Institution: "ひかり薬局",
				Drug: "ヘパリンカルシウム皮下注5千単位/0.2mLシリンジ「モチダ」", Amount: 28, Unit: "筒", Quantity: "28筒"}}},
			mode: Emergency, through: "", status: StatusUnknownDuration, severity: SeverityCritical, reasons: []Reason{ReasonDaysUnknown},
		},
		{
			name: "an anticoagulant of 2023 stays out of the emergency scope",
			rec: Record{Dispensing: []Medication{rx("2023-05-01", "さくら内科", "ワーファリン錠1mg", 90, 90)},
				Medications: []Medication{receipt("2023-05-01", "さくら内科", "ワーファリン錠1mg", 90, 90)}},
			mode: Emergency,
		},
		{
			name: "a 90-day supply dispensed 44 days ago still covers today in emergency mode",
			rec:  Record{Dispensing: []Medication{rx("2026-10-07", "さくら内科", "ワーファリン錠1mg", 90, 90)}},
			mode: Emergency, through: "2027-01-04", status: StatusCurrent, severity: SeverityCritical,
		},
		{
			name: "the same 90-day supply dispensed 46 days ago is outside the 45-day window",
			rec:  Record{Dispensing: []Medication{rx("2026-10-05", "さくら内科", "ワーファリン錠1mg", 90, 90)}},
			mode: Emergency,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, ok := find(Alerts(&tt.rec, tt.mode, on), AlertAnticoagulant)
			if tt.status == "" {
				if ok {
					t.Fatalf("alert %+v, want none", a)
				}
				return
			}
			if !ok {
				t.Fatal("no anticoagulant alert")
			}
			through := ""
			if !a.CoveredThrough.IsZero() {
				through = a.CoveredThrough.String()
			}
			if through != tt.through || a.Status != tt.status || a.Severity != tt.severity || !slices.Equal(a.Reasons, tt.reasons) {
				t.Errorf("through %q %s %s %v, want %q %s %s %v", through, a.Status, a.Severity, a.Reasons,
					tt.through, tt.status, tt.severity, tt.reasons)
			}
			if tt.status == StatusLikelyCurrent && (a.RegularSince.String() != "2026-09" || a.LastSeen.String() != "2026-09") {
				t.Errorf("regular since %s last seen %s, want 2026-09 and 2026-09", a.RegularSince, a.LastSeen)
			}
		})
	}
}

// An early refill and one dispensing seen in two trees are not a double dose.
func TestOneSupplyCountedOnce(t *testing.T) {
	on := mustDate("2026-11-20")
	tests := []struct {
		name string
		rec  Record
	}{
		{"refill 4 days early from the same clinic", Record{Dispensing: []Medication{
			rx("2026-10-01", "Aクリニック", "マイスリー錠10mg", 30, 30),
			rx("2026-10-27", "Aクリニック", "マイスリー錠10mg", 30, 30),
		}}},
		{"the same dispensing in the receipt and the dispensing results", Record{
			Dispensing:  []Medication{rx("2026-11-01", "Aクリニック", "マイスリー錠10mg", 30, 30)},
			Medications: []Medication{receipt("2026-11-01", "Aクリニック", "マイスリー錠10mg", 30, 30)},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if as := Alerts(&tt.rec, Normal, on); len(as) != 0 {
				t.Errorf("alerts %+v, want none for a compliant 10 mg/day", as)
			}
		})
	}
	// The early refill extends the coverage.
	rec := Record{Dispensing: []Medication{
		rx("2026-10-01", "さくら内科", "エリキュース錠5mg", 56, 28),
		rx("2026-10-25", "さくら内科", "エリキュース錠5mg", 56, 28),
	}}
	a, _ := find(Alerts(&rec, Normal, on), AlertAnticoagulant)
	if a.CoveredThrough.String() != "2026-11-25" || len(a.Rows) != 2 {
		t.Errorf("covered through %s with %d rows, want 2026-11-25 (28 + 28 days from 10-01) and 2 rows", a.CoveredThrough, len(a.Rows))
	}
	// Deduplicated: one row of evidence.
	rec = Record{
		Dispensing:  []Medication{rx("2026-11-01", "さくら内科", "エリキュース錠5mg", 56, 28)},
		Medications: []Medication{receipt("2026-11-01", "さくら内科", "エリキュース錠5mg", 56, 28)},
	}
	if a, _ := find(Alerts(&rec, Normal, on), AlertAnticoagulant); len(a.Rows) != 1 {
		t.Errorf("%d evidence rows for one dispensing, want 1", len(a.Rows))
	}
}

// 頓用 rows add doses to the day they are dispensed, never a running supply.
func TestPRNIsNeverARunningSupply(t *testing.T) {
	on := mustDate("2026-11-20")
	prn := rx("2026-11-01", "さくら内科", "ワーファリン錠1mg", 10, 0)
	prn.Usage = "頓用 不眠時"
	rec := Record{Dispensing: []Medication{prn}}
	a, ok := find(Alerts(&rec, Normal, on), AlertAnticoagulant)
	if !ok || a.Status != StatusUnknown || !a.CoveredThrough.IsZero() {
		t.Errorf("PRN-only: %+v, want status unknown without coverage", a)
	}
}

func TestAntiplateletCombinations(t *testing.T) {
	on := mustDate("2026-11-20")
	tests := []struct {
		name    string
		rows    []Medication
		reasons map[string][]Reason // by ingredient
	}{
		{"コンプラビン alone is dual therapy", []Medication{rx("2026-11-01", "循環器", "コンプラビン配合錠", 30, 30)},
			map[string][]Reason{"クロピドグレル・アスピリン": {ReasonDualTherapy}}},
		{"コンプラビン and aspirin: aspirin twice, still two antiplatelets", []Medication{
			rx("2026-11-01", "循環器", "コンプラビン配合錠", 30, 30),
			rx("2026-11-01", "内科", "バイアスピリン錠100mg", 30, 30),
		}, map[string][]Reason{
			"クロピドグレル・アスピリン": {ReasonDuplicatedIngredient, ReasonDualTherapy},
			"アスピリン":         {ReasonDuplicatedIngredient, ReasonDualTherapy},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as := Alerts(&Record{Dispensing: tt.rows}, Normal, on)
			if len(as) != len(tt.reasons) {
				t.Fatalf("%d alerts, want %d: %+v", len(as), len(tt.reasons), as)
			}
			for _, a := range as {
				if !slices.Equal(a.Reasons, tt.reasons[a.Ingredient]) {
					t.Errorf("%s reasons %v, want %v", a.Ingredient, a.Reasons, tt.reasons[a.Ingredient])
				}
			}
		})
	}
}

// Emergency mode ranks regular institutions from the 3-month visit window.
func TestRegularInstitutionInEmergencyScope(t *testing.T) {
	var visits []Visit
	for _, m := range []string{"2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05"} {
		visits = append(visits, Visit{Institution: "昔の主治医", Month: mustMonth(m), Setting: Outpatient})
	}
	visits = append(visits, Visit{Institution: "今の医院", Month: mustMonth("2026-09"), Setting: Outpatient})
	as := Alerts(&Record{Visits: visits}, Emergency, alertsOn)
	if len(as) != 1 || len(as[0].Ranking) != 1 || as[0].Ranking[0].Institution != "今の医院" || as[0].SpanMonths != 3 {
		t.Errorf("alerts %+v, want 今の医院 alone over 3 months", as)
	}
}

func TestWholeHypnoticClass(t *testing.T) {
	on := mustDate("2026-11-20")
	old := Patient{Birth: mustDate("1950-01-01")}
	tests := []struct {
		name       string
		patient    Patient
		rows       []Medication
		reasons    map[string][]Reason // by alert ingredient
		mgPerDay   float64
		diazepamEq float64
	}{
		{
			name: "etizolam 9 mg/day from four clinics",
			rows: []Medication{
				rx("2026-11-01", "Aクリニック", "デパス錠1mg", 90, 30),
				rx("2026-11-03", "B医院", "エチゾラム錠1mg「EMEC」", 60, 30),
				rx("2026-11-05", "C診療所", "エチゾラム0.5mg錠", 120, 30),
				rx("2026-11-07", "D内科", "デパス錠1mg", 60, 30),
			},
			// 3 + 2 + 2 + 2 = 9 mg/day; diazepam-eq 9 × 5 / 1.5 = 30.
			reasons:  map[string][]Reason{"エチゾラム": {ReasonOverMax, ReasonDiazepamTotal, ReasonConcurrentInstitutions}},
			mgPerDay: 9, diazepamEq: 30,
		},
		{
			name:    "triazolam 0.5 mg is the adult maximum but twice the elderly one",
			patient: old,
			rows:    []Medication{rx("2026-11-01", "Aクリニック", "ハルシオン0.25mg錠", 60, 30)},
			reasons: map[string][]Reason{"トリアゾラム": {ReasonOverElderlyMax}}, mgPerDay: 0.5,
		},
		{
			name: "three drugs from one clinic, each within its maximum, over 15 mg diazepam-eq together",
			rows: []Medication{
				rx("2026-11-01", "Aクリニック", "ワイパックス錠1.0", 60, 30),    // 2 mg lorazepam: 8.33 mg eq
				rx("2026-11-01", "Aクリニック", "レンドルミン錠0.25mg", 30, 30), // 0.25 mg brotizolam: 5 mg eq
				rx("2026-11-01", "Aクリニック", "セルシン錠5mg", 30, 30),      // 5 mg diazepam
				rx("2026-11-01", "Aクリニック", "ベルソムラ錠20mg", 30, 30),    // no equivalence
			},
			reasons:    map[string][]Reason{"ジアゼパム・スボレキサント・ブロチゾラム・ロラゼパム": {ReasonDiazepamTotal}},
			diazepamEq: 18.33,
		},
		{
			name: "the injection サイレース静注 is not a hypnotic, by name or by code",
			rows: []Medication{
				{Date: mustDate("2026-11-10"), Setting: Inpatient, Institution: "A病院", Drug: "サイレース静注2mg", Ingredient: "フルニトラゼパム", Amount: 5, Days: 1},
				{Date: mustDate("2026-11-10"), Setting: Inpatient, Institution: "B病院", Code: "1124400A1026", Drug: "院内注射", Ingredient: "フルニトラゼパム", Amount: 5, Days: 1},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as := Alerts(&Record{Patient: tt.patient, Dispensing: tt.rows}, Normal, on)
			if len(as) != len(tt.reasons) {
				t.Fatalf("%d alerts, want %d: %+v", len(as), len(tt.reasons), as)
			}
			for _, a := range as {
				want, ok := tt.reasons[a.Ingredient]
				if a.Kind != AlertHypnotic || !ok || !slices.Equal(a.Reasons, want) || a.MgPerDay != tt.mgPerDay || a.DiazepamEqMgPerDay != tt.diazepamEq {
					t.Errorf("%s %s reasons %v mg/day %v diazepam-eq %v, want %v %v %v", a.Kind, a.Ingredient, a.Reasons,
						a.MgPerDay, a.DiazepamEqMgPerDay, want, tt.mgPerDay, tt.diazepamEq)
				}
			}
		})
	}
}

func TestFirstHourDangers(t *testing.T) {
	on := mustDate("2026-11-20")
	psl := func(date string, tablets float64, days int) Medication {
		return rx(date, "内科", "プレドニゾロン錠5mg「タケダ」", tablets, days)
	}
	tests := []struct {
		name    string
		rec     Record
		kind    AlertKind
		reasons []Reason
		none    bool
	}{
		{name: "insulin being used", kind: AlertHypoglycemic, rec: Record{Dispensing: []Medication{{Date: mustDate("2026-11-10"),
			Setting: Pharmacy, Institution: "薬局", Drug: "ランタス注ソロスター", Usage: "1日1回 朝", Dose: "1キット", Amount: 5, Unit: "キット", Days: 30}}}},
		{name: "an SGLT2 inhibitor", kind: AlertSGLT2, rec: Record{Dispensing: []Medication{rx("2026-11-01", "内科", "フォシーガ錠10mg", 30, 30)}}},
		{name: "an ended sulfonylurea says nothing", none: true, rec: Record{Dispensing: []Medication{rx("2026-09-01", "内科", "アマリール1mg錠", 30, 30)}}},
		{name: "prednisolone 5 mg since 10-20: 32 days of the last 12 weeks", kind: AlertSteroid, reasons: []Reason{ReasonLongCourse},
			rec: Record{Dispensing: []Medication{psl("2026-10-20", 35, 35)}}},
		{name: "prednisolone 30 mg for 5 days", kind: AlertSteroid, reasons: []Reason{ReasonHighDose},
			rec: Record{Dispensing: []Medication{psl("2026-11-16", 30, 5)}}},
		{name: "prednisolone 5 mg for 2 weeks is neither", none: true, rec: Record{Dispensing: []Medication{psl("2026-11-10", 14, 14)}}},
		{name: "a skin steroid is not systemic", none: true, rec: Record{Dispensing: []Medication{rx("2026-11-10", "皮膚科", "リンデロン－Ｖ軟膏0.12%", 1, 0)}}},
		{name: "tacrolimus", kind: AlertImmunosuppressant, rec: Record{Dispensing: []Medication{rx("2026-11-01", "腎臓内科", "プログラフカプセル1mg", 60, 30)}}},
		{name: "levetiracetam", kind: AlertAntiepileptic, rec: Record{Dispensing: []Medication{rx("2026-11-01", "脳神経内科", "イーケプラ錠500mg", 60, 30)}}},
		{name: "lithium", kind: AlertNarrowIndex, rec: Record{Dispensing: []Medication{rx("2026-11-01", "心療内科", "リーマス錠200", 60, 30)}}},
		{name: "a fentanyl patch", kind: AlertOpioid, rec: Record{Dispensing: []Medication{{Date: mustDate("2026-11-10"),
			Setting: Pharmacy, Institution: "薬局", Drug: "フェントステープ1mg", Usage: "1日1回 貼付", Dose: "1枚", Amount: 14, Unit: "枚"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as := Alerts(&tt.rec, Emergency, on)
			if tt.none {
				if len(as) != 0 {
					t.Fatalf("alerts %+v, want none", as)
				}
				return
			}
			if len(as) != 1 || as[0].Kind != tt.kind || as[0].Status != StatusCurrent || !slices.Equal(as[0].Reasons, tt.reasons) {
				t.Fatalf("alerts %+v, want one current %s with reasons %v", as, tt.kind, tt.reasons)
			}
		})
	}
}

func TestDialysisAndDeviceAlerts(t *testing.T) {
	on := mustDate("2026-11-20")
	proc := func(date, name, code string) Procedure {
		return Procedure{Date: mustDate(date), Institution: "病院", Name: name, Code: code}
	}
	rec := Record{
		Dialysis: []Procedure{
			proc("2026-11-01", "腹膜透析（導入期）", "J042"),
			proc("2026-11-18", "連続携行式腹膜灌流", "J042"),
		},
		Surgeries: []Procedure{
			proc("2023-02-01", "ペースメーカー移植術（経静脈電極の場合）", "K597-2"),
			proc("2019-05-01", "経皮的冠動脈ステント留置術", "K549"), // more than 5 years: out of scope
		},
		Procedures: []Procedure{
			proc("2026-10-05", "在宅酸素療法指導管理料（その他の場合）", "C103"),
			proc("2026-10-05", "一時的ペースメーカー", "150000000"),
			proc("2026-10-06", "処置", "K599"), // the code alone says ICD
		},
	}
	got := map[string]string{}
	var order []string
	for _, a := range Alerts(&rec, Emergency, on) {
		k := string(a.Kind) + "/" + a.Modality
		got[k] = a.Procedure.Date.String() + "/" + string(a.DateIs)
		order = append(order, k)
	}
	// By danger, not by date: the ICD and the pacemaker before home oxygen.
	if w := []string{"dialysis/PD", "device/icd", "device/pacemaker", "device/oxygen"}; !slices.Equal(order, w) {
		t.Errorf("order %v, want %v", order, w)
	}
	// An implant's date is when it was done; a session or a monthly
	// home-care fee's is the last.
	want := map[string]string{"dialysis/PD": "2026-11-18/last", "device/pacemaker": "2023-02-01/done", "device/oxygen": "2026-10-05/managed", "device/icd": "2026-10-06/done"}
	if len(got) != len(want) {
		t.Errorf("alerts %v, want %v", got, want)
	}
	for k, d := range want {
		if got[k] != d {
			t.Errorf("%s: %q, want %s", k, got[k], d)
		}
	}
}

// 現在服用中の可能性がある薬: one line per drug likely taken today, across
// sources, most dangerous class first.
func TestCurrentMedications(t *testing.T) {
	on := mustDate("2026-11-20")
	warfarin := rx("2026-11-01", "内科", "ワーファリン錠1mg", 84, 28)
	warfarin.Usage = "1日1回朝食後"
	rec := &Record{
		Dispensing: []Medication{
			rx("2026-11-01", "内科", "アムロジン錠5mg", 28, 28),
			warfarin,
			rx("2026-11-10", "整形外科", "ロキソニン錠60mg", 9, 3), // ended 11-12
		},
		Medications: []Medication{
			receipt("2026-11-01", "内科", "アムロジン錠5mg", 28, 28), // the same dispensing
			receipt("2026-11-01", "内科", "プラビックス錠75mg", 28, 28),
		},
	}
	v := Build(rec, Emergency, on)
	var got []string
	for _, c := range v.Current {
		got = append(got, c.Ingredient+"/"+string(c.Status)+"/"+c.CoveredThrough.String())
	}
	want := []string{"ワルファリンカリウム/current/2026-11-28", "クロピドグレル/current/2026-11-28", "アムロジン錠5mg/current/2026-11-28"}
	if !slices.Equal(got, want) {
		t.Errorf("current %v, want %v", got, want)
	}
	if v.Current[0].MgPerDay != 3 || v.Current[0].Institution != "テスト薬局（内科）" {
		t.Errorf("warfarin line %+v, want 3 mg/day from テスト薬局（内科）", v.Current[0])
	}
	if v.Current[0].Prescribers != nil {
		t.Errorf("warfarin from one clinic lists prescribers %v", v.Current[0].Prescribers)
	}
	// One drug from two clinics at once is one line naming both: the
	// dose is theirs together, not the latest clinic's.
	a, b := rx("2026-11-15", "心療内科", "デパス錠1mg", 84, 28), rx("2026-11-18", "整形外科", "デパス錠1mg", 56, 28)
	a.Usage, b.Usage = "1日3回毎食後", "1日2回朝夕食後"
	if c := Build(&Record{Dispensing: []Medication{a, b}}, Emergency, on).Current; len(c) != 1 || c[0].MgPerDay != 5 ||
		!slices.Equal(c[0].Prescribers, []string{"心療内科", "整形外科"}) {
		t.Errorf("etizolam from two clinics %+v, want one line of 5 mg/day naming both", c)
	}
	// A weekly drug is shown by its 用法, not as an average per day.
	mtx := rx("2026-11-10", "膠原病内科", "リウマトレックスカプセル2mg", 12, 28)
	mtx.Usage = "週1回"
	if c := Build(&Record{Dispensing: []Medication{mtx}}, Emergency, on).Current; len(c) != 1 || c[0].MgPerDay != 0 || c[0].Usage != "週1回" {
		t.Errorf("methotrexate line %+v, want its 用法 and no mg/day", c)
	}
}

// Methotrexate is weekly: its alert and current line carry mg per week
// (from the strength, the quantity and the days), and a schedule that
// implies daily dosing (over 16 mg/week, or a 1日N回 usage) is critical.
func TestMethotrexateWeekly(t *testing.T) {
	on := mustDate("2026-11-20")
	tests := []struct {
		name     string
		usage    string
		amount   float64
		days     int
		perWeek  float64
		severity Severity
		daily    bool
	}{
		{"weekly as prescribed: 12 capsules of 2 mg for 28 days", "週1回 月曜朝・夕、火曜朝（計3カプセル/週）", 12, 28, 6, SeverityWarning, false},
		{"weekly usage but 36 capsules for 28 days is 18 mg/week: over the maximum, not daily dosing", "週1回 月曜朝・夕、火曜朝", 36, 28, 18, SeverityCritical, false},
		{"16 mg/week is the label maximum, not over it", "週1回 月曜朝・夕、火曜朝", 32, 28, 16, SeverityWarning, false},
		{"a 1日2回 usage on methotrexate is daily dosing", "1日2回朝夕食後", 56, 28, 28, SeverityCritical, true},
		{"1日2回 on a named weekday is weekly", "1日2回朝夕食後（月曜日）", 8, 28, 4, SeverityWarning, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := rx("2026-11-10", "膠原病内科", "リウマトレックスカプセル2mg", tt.amount, tt.days)
			m.Usage = tt.usage
			v := Build(&Record{Dispensing: []Medication{m}}, Emergency, on)
			a, ok := find(v.Alerts, AlertImmunosuppressant)
			if !ok {
				t.Fatalf("no immunosuppressant alert in %+v", v.Alerts)
			}
			if a.MgPerWeek != tt.perWeek || a.Severity != tt.severity || slices.Contains(a.Reasons, ReasonDailyDosing) != tt.daily {
				t.Errorf("mg/week %v severity %s reasons %v, want %v %s daily=%v", a.MgPerWeek, a.Severity, a.Reasons, tt.perWeek, tt.severity, tt.daily)
			}
			if len(v.Current) != 1 || v.Current[0].MgPerWeek != tt.perWeek || v.Current[0].MgPerDay != 0 {
				t.Errorf("current %+v, want %v mg/week and no mg/day", v.Current, tt.perWeek)
			}
		})
	}
	// Another weekly oral drug (alendronate 35 mg, 4 tablets for 28 days)
	// shows mg per week on its current line too.
	m := rx("2026-11-10", "整形外科", "ボナロン錠35mg", 4, 28)
	m.Usage = "週1回起床時"
	if c := Build(&Record{Dispensing: []Medication{m}}, Emergency, on).Current; len(c) != 1 || c[0].MgPerWeek != 35 {
		t.Errorf("alendronate %+v, want 35 mg/week", c)
	}
}

// Procedures read right, from names and codes as receipts write them: a
// CSF shunt is no dialysis access, a management fee is no implant.
func TestProcedureMeanings(t *testing.T) {
	tests := []struct {
		name, code string
		kind       AlertKind // "" = no alert
		modality   string
		dateIs     DateIs
	}{
		{"水頭症手術（シャント手術）", "K174", AlertDevice, "csf-shunt", DateDone},
		{"脳室腹腔シャント術", "", AlertDevice, "csf-shunt", DateDone},
		{"髄液シャント抜去術", "K174-2", AlertDevice, "csf-shunt", DateDone},
		{"内シャント造設術（単純なもの）", "K610-3", AlertDevice, "shunt", DateDone},
		{"経皮的シャント拡張術・血栓除去術（初回）", "K616-4", AlertDevice, "shunt", DateDone},
		{"連続携行式腹膜灌流", "J042", AlertDialysis, "PD", DateLast},
		{"在宅自己腹膜灌流指導管理料", "C102", AlertDialysis, "PD", DateLast},
		{"人工腎臓（慢性維持透析を行った場合１）（４時間未満）", "J038", AlertDialysis, "HD", DateLast},
		{"心臓ペースメーカー指導管理料（遠隔モニタリングによる場合）", "B001-12", AlertDevice, "pacemaker", DateManaged},
		{"ペースメーカー移植術（経静脈電極の場合）", "K597-2", AlertDevice, "pacemaker", DateDone},
		{"植込型除細動器移植術（経静脈リードを用いるもの）", "K599", AlertDevice, "icd", DateDone},
		{"在宅酸素療法指導管理料（その他の場合）", "C103", AlertDevice, "oxygen", DateManaged},
		{"在宅人工呼吸指導管理料", "C107", AlertDevice, "ventilation", DateManaged},
		{"体外ペースメーキング術", "J044", "", "", ""},
		{"門脈体循環シャント", "", "", "", ""},
	}
	for _, tt := range tests {
		rec := Record{Procedures: []Procedure{{Date: mustDate("2026-09-01"), Institution: "病院", Name: tt.name, Code: tt.code}}}
		as := Alerts(&rec, Emergency, alertsOn)
		if tt.kind == "" {
			if len(as) != 0 {
				t.Errorf("%s: %v, want no alert", tt.name, kinds(as))
			}
			continue
		}
		if len(as) != 1 || as[0].Kind != tt.kind || as[0].Modality != tt.modality || as[0].DateIs != tt.dateIs {
			t.Errorf("%s %s: %+v, want one %s/%s/%s", tt.name, tt.code, as, tt.kind, tt.modality, tt.dateIs)
		}
	}
}
