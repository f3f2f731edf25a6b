package summary

import (
	"slices"
	"testing"
)

// Rows here are written by hand the way pharmacies and receipts write a
// supply (domain.md §4b), as the OQS parser reads them: a 注射 or 頓服 row
// is Qua1 a dose × Times (Dose is Qua1), a 内服 row Qua1 a day × Times
// days, a 外用 row Qua1 in all. None comes from our writer.

var notationOn = mustDate("2026-11-20")

// pharmacy is a dispensing row at a pharmacy for a prescriber.
func pharmacy(date, prescriber, code, drug, usage, dose string, amount float64, unit string, days int) Medication {
	return Medication{Date: mustDate(date), Setting: Pharmacy, Institution: "ひかり薬局", InstitutionCode: "1312345678",
		Prescriber: prescriber, Code: code, Drug: drug, Usage: usage, Dose: dose, Amount: amount, Unit: unit, Days: days}
}

// fromReceipt is the same row as the receipt-derived 薬剤情報 carries it.
func fromReceipt(m Medication) Medication { return m }

// want is what one drug of a case must show.
type want struct {
	kind     AlertKind // the alert, "" for none expected
	status   Status
	through  string // coveredThrough, "" for none
	severity Severity
	reasons  []Reason // must all be there
	current  bool     // in 現在服用中
	mgPerDay float64  // on the current line, when not 0
	mgWeek   float64  // on the current line and the alert, when not 0
}

func checkCase(t *testing.T, rec Record, mode Mode, ingredient string, w want) {
	t.Helper()
	v := Build(&rec, mode, notationOn)
	i := slices.IndexFunc(v.Alerts, func(a Alert) bool { return a.Ingredient == ingredient })
	if w.kind == "" {
		if i >= 0 {
			t.Errorf("alert %+v, want none", v.Alerts[i])
		}
	} else {
		if i < 0 {
			t.Fatalf("no alert for %s in %v", ingredient, kinds(v.Alerts))
		}
		a := v.Alerts[i]
		if a.Kind != w.kind || a.Status != w.status || a.CoveredThrough.String() != w.through || a.Severity != w.severity {
			t.Errorf("alert %s %s through %q %s, want %s %s through %q %s", a.Kind, a.Status, a.CoveredThrough, a.Severity,
				w.kind, w.status, w.through, w.severity)
		}
		for _, r := range w.reasons {
			if !slices.Contains(a.Reasons, r) {
				t.Errorf("reasons %v lack %s", a.Reasons, r)
			}
		}
		if w.mgWeek != 0 && a.MgPerWeek != w.mgWeek {
			t.Errorf("alert mg/week %v, want %v", a.MgPerWeek, w.mgWeek)
		}
	}
	j := slices.IndexFunc(v.Current, func(c CurrentMedication) bool { return c.Ingredient == ingredient })
	if (j >= 0) != w.current {
		t.Fatalf("in 現在服用中 %v, want %v: %+v", j >= 0, w.current, v.Current)
	}
	if j < 0 {
		return
	}
	c := v.Current[j]
	if c.Status != w.status {
		t.Errorf("current status %s, want %s", c.Status, w.status)
	}
	if w.mgPerDay != 0 && c.MgPerDay != w.mgPerDay {
		t.Errorf("current mg/day %v, want %v", c.MgPerDay, w.mgPerDay)
	}
	if w.mgWeek != 0 && (c.MgPerWeek != w.mgWeek || c.MgPerDay != 0) {
		t.Errorf("current mg/week %v mg/day %v, want %v mg/week", c.MgPerWeek, c.MgPerDay, w.mgWeek)
	}
}

type notationCase struct {
	name       string
	rec        Record
	mode       Mode
	ingredient string
	want       want
}

func runCases(t *testing.T, cases []notationCase) {
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) { checkCase(t, tt.rec, tt.mode, tt.ingredient, tt.want) })
	}
}

// 1. Pens: pens × 単位 per pen ÷ 単位 a day; else 日数不明, never one day.
func TestPenSupplies(t *testing.T) {
	runCases(t, []notationCase{
		{"ランタス 3キット 1日1回 1回8単位: 3 × 300 ÷ 8 = 112 days",
			Record{Dispensing: []Medication{pharmacy("2026-10-10", "みずき糖尿病内科", "2492416G2024", "ランタス注ソロスター",
				"1日1回朝食前 1回8単位", "3キット", 3, "キット", 0)}}, Emergency, "インスリン",
			want{kind: AlertHypoglycemic, status: StatusCurrent, through: "2027-01-29", severity: SeverityWarning, current: true}},
		{"トレシーバ 2キット 朝10単位 夕6単位: 600 ÷ 16 = 37 days",
			Record{Dispensing: []Medication{pharmacy("2026-11-01", "みずき糖尿病内科", "", "トレシーバ注 フレックスタッチ",
				"1日2回 朝10単位 夕6単位", "2キット", 2, "キット", 0)}}, Emergency, "インスリン",
			want{kind: AlertHypoglycemic, status: StatusCurrent, through: "2026-12-07", severity: SeverityWarning, current: true}},
		{"a receipt pen row with 1 day and its 単位: 5 × 300 ÷ 12 = 125 days, not the 1",
			Record{Medications: []Medication{fromReceipt(pharmacy("2026-11-10", "みずき糖尿病内科", "", "ノボラピッド注 フレックスペン",
				"1日3回毎食直前 1回4単位", "", 5, "キット", 1))}}, Emergency, "インスリン",
			want{kind: AlertHypoglycemic, status: StatusCurrent, through: "2027-03-14", severity: SeverityWarning, current: true}},
		{"a pen whose dose is not written: 使用中の可能性（日数不明）, not 1 day, not dropped",
			Record{Dispensing: []Medication{pharmacy("2026-10-20", "みずき糖尿病内科", "", "ノボラピッド注 フレックスペン",
				"1日3回毎食直前 医師の指示通り", "5キット", 5, "キット", 0)}}, Emergency, "インスリン",
			want{kind: AlertHypoglycemic, status: StatusUnknownDuration, severity: SeverityWarning, reasons: []Reason{ReasonDaysUnknown}, current: true}},
		{"a heparin pen of unknown 単位 per pen: critical, in use for an unknown time",
			Record{Dispensing: []Medication{pharmacy("2026-11-15", "みなと病院", "", "ヘパリンカルシウム皮下注キット",
				"1日2回 1回5000単位", "4キット", 4, "キット", 0)}}, Emergency, "ヘパリンカルシウム",
			want{kind: AlertAnticoagulant, status: StatusUnknownDuration, severity: SeverityCritical, current: true}},
		{"a GLP-1 pen whose dose is in mg: 2 × 18 mg ÷ 0.9 mg = 40 days",
			Record{Dispensing: []Medication{pharmacy("2026-11-01", "みずき糖尿病内科", "", "ビクトーザ皮下注18mg",
				"1日1回朝 1回0.9mg", "2キット", 2, "キット", 0)}}, Emergency, "リラグルチド",
			want{kind: AlertGLP1, status: StatusCurrent, through: "2026-12-10", severity: SeverityWarning, current: true}},
		{"a multi-dose pen of no class, dose not written: in use for an unknown time",
			Record{Dispensing: []Medication{pharmacy("2026-11-01", "内分泌内科", "", "フォルテオ皮下注キット600μg",
				"1日1回 医師の指示通り", "1キット", 1, "キット", 0)}}, Emergency, "フォルテオ皮下注キット600μg",
			want{status: StatusUnknownDuration, current: true}},
		{"a self-injected heparin vial, 2万単位 each: 4 × 20000 ÷ 10000 = 8 days",
			Record{Dispensing: []Medication{pharmacy("2026-11-15", "みなと病院", "3334400A3049", "ヘパリンＣａ皮下注２万単位／０．８ｍＬ「サワイ」",
				"1日2回 1回5000単位", "1瓶", 4, "瓶", 0)}}, Emergency, "ヘパリンカルシウム",
			want{kind: AlertAnticoagulant, status: StatusCurrent, through: "2026-11-22", severity: SeverityCritical, current: true}},
		{"the same vial, dose not written: critical, in use for an unknown time",
			Record{Dispensing: []Medication{pharmacy("2026-11-15", "みなと病院", "3334400A3049", "ヘパリンＣａ皮下注２万単位／０．８ｍＬ「サワイ」",
				"1日2回 医師の指示通り", "1瓶", 4, "瓶", 0)}}, Emergency, "ヘパリンカルシウム",
			want{kind: AlertAnticoagulant, status: StatusUnknownDuration, severity: SeverityCritical, reasons: []Reason{ReasonDaysUnknown}, current: true}},
		{"heparin syringes of 5千単位: 28 × 5000 ÷ 10000 = 14 days",
			Record{Dispensing: []Medication{pharmacy("2026-11-15", "みなと病院", "", "ヘパリンカルシウム皮下注５千単位／０．２ｍＬシリンジ「モチダ」",
				"1日2回 1回5000単位", "1筒", 28, "筒", 0)}}, Emergency, "ヘパリンカルシウム",
			want{kind: AlertAnticoagulant, status: StatusCurrent, through: "2026-11-28", severity: SeverityCritical, current: true}},
		{"a biologic pen with no interval written: 使用中の可能性（日数不明）",
			Record{Dispensing: []Medication{pharmacy("2026-11-01", "膠原病内科", "3999426G5020", "ヒュミラ皮下注４０ｍｇペン０．４ｍＬ",
				"医師の指示通り", "1キット", 2, "キット", 0)}}, Emergency, "アダリムマブ",
			want{kind: AlertImmunosuppressant, status: StatusUnknownDuration, severity: SeverityWarning, reasons: []Reason{ReasonDaysUnknown}, current: true}},
		{"an ampoule given once at a visit is no running supply",
			Record{Medications: []Medication{{Date: mustDate("2026-11-01"), Setting: Outpatient, Institution: "あおば内科",
				Drug: "生理食塩液20mL", Amount: 1, Unit: "本", Dose: "1本"}}}, Emergency, "生理食塩液20mL",
			want{}},
		{"a biologic pen 2週に1回: 2 pens last 4 weeks",
			Record{Dispensing: []Medication{pharmacy("2026-11-01", "膠原病内科", "", "ヒュミラ皮下注40mgペン0.4mL",
				"2週に1回 1回1本", "2本", 2, "本", 0)}}, Emergency, "アダリムマブ",
			want{kind: AlertImmunosuppressant, status: StatusCurrent, through: "2026-11-28", severity: SeverityWarning, current: true}},
	})
}

// GLP-1 and GIP/GLP-1 receptor agonist pens, weekly and daily: one
// injection a single-use pen (アテオス), pens × mg ÷ 1回量 for a multi-dose
// one, 日数不明 where the 1回量 of a multi-dose pen is not written.
func TestGLP1Pens(t *testing.T) {
	glp1 := func(date, code, drug, usage string, pens float64) Record {
		return Record{Dispensing: []Medication{pharmacy(date, "みずき糖尿病内科", code, drug, usage, "1キット", pens, "キット", 0)}}
	}
	runCases(t, []notationCase{
		{"オゼンピック皮下注2mg 1キット 週1回 1回0.5mg: 4 injections, 4 weeks",
			glp1("2026-11-09", "2499418G4027", "オゼンピック皮下注２ｍｇ", "週1回 月曜日 1回0.5mg", 1), Emergency, "セマグルチド",
			want{kind: AlertGLP1, status: StatusCurrent, through: "2026-12-06", severity: SeverityWarning, current: true}},
		{"トルリシティ 4キット 週1回: one injection a pen, 4 weeks",
			glp1("2026-11-02", "2499416G2025", "トルリシティ皮下注1.5mgアテオス", "週1回", 4), Emergency, "デュラグルチド",
			want{kind: AlertGLP1, status: StatusCurrent, through: "2026-11-29", severity: SeverityWarning, current: true}},
		{"マンジャロ 2キット 週1回 1回5mg: 2 weeks",
			glp1("2026-11-10", "2499422G2020", "マンジャロ皮下注5mgアテオス", "週1回 火曜日 1回5mg", 2), Emergency, "チルゼパチド",
			want{kind: AlertGLP1, status: StatusCurrent, through: "2026-11-23", severity: SeverityWarning, current: true}},
		{"ウゴービ…ペン 1.0MD 週1回 1回0.25mg: the pen holds 1.0 mg, 4 weeks",
			glp1("2026-11-05", "", "ウゴービ皮下注0.25mgペン 1.0MD", "週1回 1回0.25mg", 1), Emergency, "セマグルチド",
			want{kind: AlertGLP1, status: StatusCurrent, through: "2026-12-02", severity: SeverityWarning, current: true}},
		{"オゼンピック 1キット 週1回, 1回量 not written: 使用中の可能性（日数不明）, never one week",
			glp1("2026-11-01", "", "オゼンピック皮下注2mg", "週1回 医師の指示通り", 1), Emergency, "セマグルチド",
			want{kind: AlertGLP1, status: StatusUnknownDuration, severity: SeverityWarning, reasons: []Reason{ReasonDaysUnknown}, current: true}},
		{"ビクトーザ 2キット 1日1回, 1回量 not written: 日数不明",
			glp1("2026-11-01", "2499410G1021", "ビクトーザ皮下注18mg", "1日1回朝", 2), Emergency, "リラグルチド",
			want{kind: AlertGLP1, status: StatusUnknownDuration, severity: SeverityWarning, reasons: []Reason{ReasonDaysUnknown}, current: true}},
		{"オゼンピック 1キット 週1回 1回0.5mg ended 8 days ago: 最近終了, its stomach effect outlasts the last pen",
			glp1("2026-10-16", "2499418G4027", "オゼンピック皮下注２ｍｇ", "週1回 1回0.5mg", 1), Emergency, "セマグルチド",
			want{kind: AlertGLP1, status: StatusRecentlyEnded, through: "2026-11-12", severity: SeverityWarning, current: true}},
		{"リベルサス錠 28日分 ended three weeks ago: beyond the dispensing lag, no alert, not current",
			Record{Dispensing: []Medication{pharmacy("2026-10-03", "みずき糖尿病内科", "2499014F2028", "リベルサス錠7mg", "1日1回起床時", "", 28, "錠", 28)}},
			Emergency, "セマグルチド", want{}},
	})
	// The span of each pen row by itself.
	for _, tt := range []struct {
		drug, usage string
		pens        float64
		days, span  int
	}{
		{"オゼンピック皮下注2mg", "週1回 1回1mg", 2, 4, 28},
		{"トルリシティ皮下注0.75mgアテオス", "週1回", 4, 4, 28},
		{"トルリシティ皮下注0.75mgアテオス", "週1回 1回0.75mg", 4, 4, 28},
		{"ヒュミラ皮下注40mgペン0.4mL", "2週に1回 1回40mg", 2, 2, 28},
		{"オゼンピック皮下注2mg", "週1回", 1, 0, 0},
		{"ビクトーザ皮下注18mg", "1日1回 1回1.8mg", 1, 10, 10},
		{"ビクトーザ皮下注18mg", "1日2回 1回0.6mg", 1, 15, 15},
		{"ヒュミラ皮下注40mgペン0.4mL", "1回40mg", 2, 0, 0}, // no interval written
	} {
		m := pharmacy("2026-11-01", "x", "", tt.drug, tt.usage, "1キット", tt.pens, "キット", 0)
		if d, s := supplySpan(m, intervalOf(m)); d != tt.days || s != tt.span {
			t.Errorf("%s %v キット %s: days %d span %d, want %d %d", tt.drug, tt.pens, tt.usage, d, s, tt.days, tt.span)
		}
	}
}

// 6. A chronic danger drug that ended within the receipt lag is an alert.
func TestRecentlyEnded(t *testing.T) {
	rcpt := func(date, code, drug, usage string, perDay float64, days int) Record {
		m := pharmacy(date, "あおば内科", code, drug, usage, "", perDay*float64(days), "錠", days)
		return Record{Medications: []Medication{m}}
	}
	runCases(t, []notationCase{
		{"gliclazide 28 days, ended 5 days ago in the receipts",
			rcpt("2026-10-19", "3961007F1020", "グリミクロン錠40mg", "1日2回朝夕食後", 2, 28), Emergency, "グリクラジド",
			want{kind: AlertHypoglycemic, status: StatusRecentlyEnded, through: "2026-11-15", severity: SeverityWarning, current: true}},
		{"levetiracetam: stopped is itself a danger",
			rcpt("2026-10-19", "1139010F1020", "イーケプラ錠500mg", "1日2回朝夕食後", 2, 28), Emergency, "レベチラセタム",
			want{kind: AlertAntiepileptic, status: StatusRecentlyEnded, through: "2026-11-15", severity: SeverityWarning, current: true}},
		{"lithium",
			rcpt("2026-10-19", "1179017F1020", "リーマス錠200", "1日3回毎食後", 3, 28), Emergency, "炭酸リチウム",
			want{kind: AlertNarrowIndex, status: StatusRecentlyEnded, through: "2026-11-15", severity: SeverityWarning, current: true}},
		{"a receipt supply ended 61 days ago has ended",
			rcpt("2026-08-23", "1139010F1020", "イーケプラ錠500mg", "1日2回朝夕食後", 2, 28), Normal, "レベチラセタム",
			want{}},
		{"a dispensing result ended 10 days ago is recently ended",
			Record{Dispensing: []Medication{pharmacy("2026-10-14", "あおば内科", "", "イーケプラ錠500mg", "1日2回朝夕食後", "", 56, "錠", 28)}},
			Emergency, "レベチラセタム",
			want{kind: AlertAntiepileptic, status: StatusRecentlyEnded, through: "2026-11-10", severity: SeverityWarning, current: true}},
		{"a dispensing result ended 20 days ago has ended (dispensing results do not lag)",
			Record{Dispensing: []Medication{pharmacy("2026-10-04", "あおば内科", "", "イーケプラ錠500mg", "1日2回朝夕食後", "", 56, "錠", 28)}},
			Emergency, "レベチラセタム", want{}},
		{"an anticoagulant recently ended stays critical",
			rcpt("2026-10-01", "3339004F2020", "エリキュース錠5mg", "1日2回朝夕食後", 2, 28), Emergency, "アピキサバン",
			want{kind: AlertAnticoagulant, status: StatusRecentlyEnded, through: "2026-10-28", severity: SeverityCritical, current: true}},
	})
}

// 2. Weekly and other intermittent drugs: 日数 counts dosing days.
func TestIntermittentDosing(t *testing.T) {
	mtx := func(usage string, caps float64, days int) Record {
		return Record{Dispensing: []Medication{pharmacy("2026-11-10", "膠原病内科", "3999016M1020", "リウマトレックスカプセル2mg",
			usage, "", caps, "カプセル", days)}}
	}
	runCases(t, []notationCase{
		{"methotrexate 週1回 4日分 of 3 capsules is 6 mg/week for 4 weeks, no daily-dosing alarm",
			mtx("週1回 月曜日朝食後", 12, 4), Emergency, "メトトレキサート",
			want{kind: AlertImmunosuppressant, status: StatusCurrent, through: "2026-12-07", severity: SeverityWarning, current: true, mgWeek: 6}},
		{"methotrexate 1日1回 with no weekly word is daily dosing (4 days, recently ended)",
			mtx("1日1回朝食後", 12, 4), Emergency, "メトトレキサート",
			want{kind: AlertImmunosuppressant, status: StatusRecentlyEnded, through: "2026-11-13", severity: SeverityCritical,
				reasons: []Reason{ReasonDailyDosing}, current: true, mgWeek: 42}},
		{"alendronate 週1回 4日分 covers 4 weeks",
			Record{Dispensing: []Medication{pharmacy("2026-11-10", "整形外科", "", "ボナロン錠35mg", "週1回起床時", "", 4, "錠", 4)}},
			Emergency, "ボナロン錠35mg", want{current: true, status: StatusCurrent, mgWeek: 35}},
		{"隔日 14日分 spans 28 days",
			Record{Dispensing: []Medication{pharmacy("2026-11-01", "あおば内科", "", "ラシックス錠20mg", "隔日 朝食後", "", 14, "錠", 14)}},
			Emergency, "ラシックス錠20mg", want{current: true, status: StatusCurrent}},
		{"named weekdays (月・木曜日) 8日分 span 4 weeks",
			Record{Dispensing: []Medication{pharmacy("2026-10-26", "あおば内科", "", "ラシックス錠20mg", "月曜日・木曜日 朝食後", "", 8, "錠", 8)}},
			Emergency, "ラシックス錠20mg", want{current: true, status: StatusCurrent}},
	})
	// The spans themselves.
	for _, tt := range []struct {
		usage      string
		days, span int
	}{{"隔日 朝食後", 14, 28}, {"月曜日・木曜日 朝食後", 8, 28}, {"週2回", 8, 28}, {"月1回 起床時", 3, 90}, {"2週に1回", 2, 28}, {"隔週", 2, 28}} {
		m := pharmacy("2026-11-01", "x", "", "ラシックス錠20mg", tt.usage, "", float64(tt.days), "錠", tt.days)
		if d, s := supplySpan(m, intervalOf(m)); d != tt.days || s != tt.span {
			t.Errorf("%s %d日分: days %d span %d, want %d %d", tt.usage, tt.days, d, s, tt.days, tt.span)
		}
	}
}

// 3. A taper: one date, several lines naming their days, run in turn.
func TestTaper(t *testing.T) {
	step := func(tabs float64, days string) Medication {
		m := pharmacy("2026-10-27", "膠原病内科", "2456001F1310", "プレドニゾロン錠5mg「タケダ」", "1日1回朝食後", "", tabs*7, "錠", 7)
		m.Instruction = days
		return m
	}
	rec := Record{Dispensing: []Medication{step(4, "1～7日目"), step(3, "8～14日目"), step(2, "15～21日目"), step(1, "22～28日目")}}
	checkCase(t, rec, Emergency, "プレドニゾロン",
		want{kind: AlertSteroid, status: StatusCurrent, through: "2026-11-23", severity: SeverityWarning,
			reasons: []Reason{ReasonLongCourse, ReasonHighDose}, current: true, mgPerDay: 5})
	v := Build(&rec, Emergency, notationOn)
	if a, _ := find(v.Alerts, AlertSteroid); a.MgPerDay != 5 || a.PrednisoloneEqMgPerDay != 20 {
		t.Errorf("steroid today %v mg/day, peak %v PSL; want 5 today and the 20 mg/day first step", a.MgPerDay, a.PrednisoloneEqMgPerDay)
	}
	// A short taper begun a week ago counts as a course of 3 weeks or more;
	// today is the first day of its second step.
	short := Record{Dispensing: []Medication{step(2, "1～7日目"), step(1, "8～21日目")}}
	short.Dispensing[1].Amount, short.Dispensing[1].Days = 14, 14
	for i := range short.Dispensing {
		short.Dispensing[i].Date = mustDate("2026-11-13")
	}
	checkCase(t, short, Emergency, "プレドニゾロン",
		want{kind: AlertSteroid, status: StatusCurrent, through: "2026-12-03", severity: SeverityWarning, reasons: []Reason{ReasonLongCourse}, current: true, mgPerDay: 5})
}

// 4. Two strengths on one date are summed; a later dose replaces.
func TestDoseChanges(t *testing.T) {
	warf := func(date, drug string, tabs float64) Medication {
		return pharmacy(date, "さくら内科", "", drug, "1日1回夕食後", "", tabs*28, "錠", 28)
	}
	rec := Record{Dispensing: []Medication{warf("2026-11-10", "ワーファリン錠1mg", 2), warf("2026-11-10", "ワーファリン錠0.5mg", 1)}}
	checkCase(t, rec, Emergency, "ワルファリンカリウム",
		want{kind: AlertAnticoagulant, status: StatusCurrent, through: "2026-12-07", severity: SeverityCritical, current: true, mgPerDay: 2.5})

	doac := func(date, drug string) Medication {
		return pharmacy(date, "さくら内科", "", drug, "1日2回朝夕食後", "", 56, "錠", 28)
	}
	rec = Record{Dispensing: []Medication{doac("2026-10-30", "エリキュース錠5mg"), doac("2026-11-10", "エリキュース錠2.5mg")}}
	checkCase(t, rec, Emergency, "アピキサバン",
		want{kind: AlertAnticoagulant, status: StatusCurrent, through: "2026-12-07", severity: SeverityCritical,
			reasons: []Reason{ReasonDoseChange}, current: true, mgPerDay: 5})
	a, _ := find(Build(&rec, Emergency, notationOn).Alerts, AlertAnticoagulant)
	if len(a.DoseChanges) != 1 || a.DoseChanges[0].Date.String() != "2026-11-10" || a.DoseChanges[0].FromMgPerDay != 10 || a.DoseChanges[0].ToMgPerDay != 5 {
		t.Errorf("dose changes %+v, want 2026-11-10 10 → 5 mg/day", a.DoseChanges)
	}
	// The same dose again is a refill: it runs on after the first.
	rec = Record{Dispensing: []Medication{doac("2026-10-30", "エリキュース錠5mg"), doac("2026-11-10", "エリキュース錠5mg")}}
	checkCase(t, rec, Emergency, "アピキサバン",
		want{kind: AlertAnticoagulant, status: StatusCurrent, through: "2026-12-24", severity: SeverityCritical, current: true, mgPerDay: 10})
}

// 5. One dispensing in 調剤 and 薬剤情報 counts once, by the institution
// code, though the two trees spell the pharmacy's name differently.
func TestOneDispensingOnce(t *testing.T) {
	d := pharmacy("2026-11-10", "さくら内科", "1129009F1025", "マイスリー錠10mg", "1日1回就寝前", "", 28, "錠", 28)
	r := d
	r.Institution = "株式会社ひかり ひかり薬局本店"
	rec := Record{Dispensing: []Medication{d}, Medications: []Medication{r}}
	v := Build(&rec, Emergency, notationOn)
	if len(v.Alerts) != 0 {
		t.Errorf("alerts %+v, want none: one 10 mg/day supply is not over the maximum", v.Alerts)
	}
	if len(v.Current) != 1 || v.Current[0].MgPerDay != 10 || v.Current[0].CoveredThrough.String() != "2026-12-07" {
		t.Errorf("current %+v, want zolpidem 10 mg/day until 2026-12-07", v.Current)
	}
	// Another pharmacy's code is another dispensing.
	r.InstitutionCode = "1399999999"
	rec = Record{Dispensing: []Medication{d}, Medications: []Medication{r}}
	if a, ok := find(Build(&rec, Emergency, notationOn).Alerts, AlertHypnotic); !ok || a.MgPerDay != 20 {
		t.Errorf("two pharmacies: alert %+v, want 20 mg/day over the maximum", a)
	}
}

// 7. A 72-hour patch lasts patches × 3 days; 頓用 is doses at hand.
func TestPatchesAndPRN(t *testing.T) {
	patch := pharmacy("2026-11-01", "緩和ケア科", "8219700S6022", "デュロテップMTパッチ4.2mg", "3日毎に貼り替え", "", 10, "枚", 0)
	checkCase(t, Record{Dispensing: []Medication{patch}}, Emergency, "フェンタニル",
		want{kind: AlertOpioid, status: StatusCurrent, through: "2026-11-30", severity: SeverityWarning, current: true})
	plain := patch
	plain.Usage = "1回1枚 貼付"
	checkCase(t, Record{Dispensing: []Medication{plain}}, Emergency, "フェンタニル",
		want{kind: AlertOpioid, status: StatusCurrent, through: "2026-11-30", severity: SeverityWarning, current: true})
	if c := Build(&Record{Dispensing: []Medication{patch}}, Emergency, notationOn).Current; len(c) != 1 || !c[0].Patch {
		t.Errorf("current %+v, want the patch marked to be removed", c)
	}
	for _, usage := range []string{"不眠時", "不安時 1回1錠", "頭痛時", "発熱時", "痛い時 頓用"} {
		if !isPRN(Medication{Usage: usage}) {
			t.Errorf("%q is 頓用", usage)
		}
	}
	for _, usage := range []string{"1日1回就寝時", "1日2回朝夕食後（飲み忘れた時点で1回分）", "1日1回 他の薬と同時に", "1日3回 定時", "1日3回 朝食時・昼食時・夕食時"} {
		if isPRN(Medication{Usage: usage}) {
			t.Errorf("%q is not 頓用", usage)
		}
	}
	prn := pharmacy("2026-11-05", "あさひ心療内科", "1129009F1025", "マイスリー錠10mg", "不眠時", "1錠", 20, "錠", 0)
	prn2 := prn
	prn2.Date, prn2.Amount = mustDate("2026-11-15"), 20
	old := prn
	old.Date = mustDate("2026-09-01")
	v := Build(&Record{Dispensing: []Medication{old, prn, prn2}}, Normal, notationOn)
	a, ok := find(v.Alerts, AlertHypnotic)
	if !ok || a.AtHand == nil || a.AtHand.Amount != 40 || a.AtHand.Unit != "錠" || a.Severity != SeverityInfo || !a.CoveredThrough.IsZero() {
		t.Errorf("zolpidem 不眠時: alert %+v, want an info note of 40錠 at hand and no running supply", a)
	}
	if len(v.Current) != 0 {
		t.Errorf("current %+v, want none: 頓用 is no running supply", v.Current)
	}
}

// 8. 30-day supplies every 14 days are overuse, not coverage into February.
func TestEarlyRefills(t *testing.T) {
	var rows []Medication
	for _, d := range []string{"2026-09-25", "2026-10-09", "2026-10-23", "2026-11-06", "2026-11-20"} {
		rows = append(rows, pharmacy(d, "あさひ心療内科", "1129009F1025", "マイスリー錠10mg", "1日1回就寝前", "", 30, "錠", 30))
	}
	v := Build(&Record{Dispensing: rows}, Normal, notationOn)
	a, ok := find(v.Alerts, AlertHypnotic)
	if !ok || !slices.Contains(a.Reasons, ReasonEarlyRefills) || a.EarlyRefills == nil ||
		a.EarlyRefills.DispensedMg != 1500 || a.EarlyRefills.NeededMg != 600 || len(a.EarlyRefills.Dates) != 5 {
		t.Fatalf("alert %+v, want early refills: 1500 mg dispensed against 600 mg needed, 5 dates", a)
	}
	if a.CoveredThrough.String() != "2026-12-19" {
		t.Errorf("covered through %s, want 2026-12-19: the last supply, not the supplies end to end", a.CoveredThrough)
	}
	// Every 28 days is as prescribed.
	rows = nil
	for _, d := range []string{"2026-09-25", "2026-10-23", "2026-11-20"} {
		rows = append(rows, pharmacy(d, "あさひ心療内科", "1129009F1025", "マイスリー錠10mg", "1日1回就寝前", "", 28, "錠", 28))
	}
	if as := Build(&Record{Dispensing: rows}, Emergency, notationOn).Alerts; len(as) != 0 {
		t.Errorf("alerts %+v, want none for refills every 28 days", as)
	}
}

// 9. An undated row keeps its month node's month: the windows apply to it.
// A row dated after the creation date is not shown, and a warning says how
// many and which kinds.
func TestUndatedMonthsAndFutureRows(t *testing.T) {
	undated := func(month string) Medication {
		m := pharmacy("2026-11-01", "さくら内科", "", "ワーファリン錠1mg", "1日1回夕食後", "", 28, "錠", 28)
		m.Date, m.Month = Date{}, mustMonth(month)
		return m
	}
	rec := Record{Medications: []Medication{undated("2026-10"), undated("2026-03")}, Partial: []string{"line 1", "line 9"}}
	v := Build(&rec, Emergency, notationOn)
	if rows := v.Section(ItemMedications).Medications; len(rows) != 1 || rows[0].Month != mustMonth("2026-10") {
		t.Errorf("emergency receipt rows %+v, want only the undated row of 2026-10 (the window is 2026-09 … 2026-11)", rows)
	}
	if rows := Build(&rec, Normal, notationOn).Section(ItemMedications).Medications; len(rows) != 2 {
		t.Errorf("normal receipt rows %+v, want both undated rows", rows)
	}

	tomorrow := pharmacy("2026-11-21", "さくら内科", "", "ワーファリン錠1mg", "1日1回夕食後", "", 28, "錠", 28)
	rec = Record{Dispensing: []Medication{tomorrow}, Visits: []Visit{{Institution: "さくら内科", Month: mustMonth("2026-12"), Setting: Outpatient}}}
	v = Build(&rec, Emergency, notationOn)
	if len(v.Warnings) == 0 || v.Warnings[0].Kind != WarningFutureDated || v.Warnings[0].Count != 2 ||
		!slices.Equal(v.Warnings[0].Items, []Item{ItemDispensing, ItemVisits}) || !slices.Equal(v.Warnings[0].Classes, []Class{ClassAnticoagulant}) {
		t.Errorf("warnings %+v, want 2 future-dated rows: dispensing (an anticoagulant) and a visit", v.Warnings)
	}
	if len(v.Section(ItemDispensing).Medications) != 0 || len(v.Alerts) != 0 {
		t.Errorf("a row dated tomorrow is shown or alerts: %+v %+v", v.Section(ItemDispensing).Medications, v.Alerts)
	}
}
