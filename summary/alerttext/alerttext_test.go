package alerttext

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template"

	"kyukyu/summary"
)

func table(t *testing.T, lang string) map[string]string {
	t.Helper()
	raw, err := Files.ReadFile(Dir + "/" + lang + ".json")
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%s.json: %v", lang, err)
	}
	return m
}

// Every alert kind, status and reason renders in Japanese with no key left
// untranslated, and English has the same keys.
func TestEveryAlertRenders(t *testing.T) {
	ja, en := table(t, "ja"), table(t, "en")
	for k := range ja {
		if _, ok := en[k]; !ok {
			t.Errorf("en.json lacks %q", k)
		}
	}
	for k := range en {
		if _, ok := ja[k]; !ok {
			t.Errorf("ja.json lacks %q", k)
		}
	}
	d := summary.NewDate(2026, 9, 21)
	row := summary.Medication{Date: d, Institution: "ひかり薬局", Prescriber: "さくら内科", Drug: "ワーファリン錠1mg"}
	kinds := []summary.AlertKind{summary.AlertAnticoagulant, summary.AlertAntiplatelet, summary.AlertHypnotic,
		summary.AlertHypoglycemic, summary.AlertSGLT2, summary.AlertGLP1, summary.AlertSteroid, summary.AlertImmunosuppressant,
		summary.AlertAntiepileptic, summary.AlertNarrowIndex, summary.AlertOpioid}
	statuses := []summary.Status{summary.StatusCurrent, summary.StatusLikelyCurrent, summary.StatusEnded, summary.StatusUnknown,
		summary.StatusUnknownDuration, summary.StatusRecentlyEnded}
	reasons := []summary.Reason{summary.ReasonConcurrentInstitutions, summary.ReasonOverMax, summary.ReasonOverElderlyMax,
		summary.ReasonDiazepamTotal, summary.ReasonDualTherapy, summary.ReasonDuplicatedIngredient, summary.ReasonLongCourse, summary.ReasonHighDose,
		summary.ReasonDaysUnknown, summary.ReasonAsNeeded, summary.ReasonRegularFills, summary.ReasonDailyDosing, summary.ReasonOverWeeklyMax,
		summary.ReasonDoseChange, summary.ReasonEarlyRefills}
	var as []summary.Alert
	for i, k := range kinds {
		as = append(as, summary.Alert{Kind: k, Status: statuses[i%len(statuses)], Reasons: reasons, Ingredient: "X",
			Subclass: summary.SubVKA, CoveredThrough: d, LatestDate: d, DaysSupplied: 28, Rows: []summary.Medication{row},
			Institutions: []string{"A", "B"}, MgPerDay: 20, MaxMgPerDay: 10, MgPerWeek: 18, MaxMgPerWeek: 16,
			DoseChanges:  []summary.DoseChange{{Date: d, FromMgPerDay: 1, ToMgPerDay: 0.5}},
			EarlyRefills: &summary.EarlyRefills{WindowDays: 60, DispensedMg: 1500, NeededMg: 600, Dates: []summary.Date{d, d}},
			AtHand:       &summary.AtHand{Amount: 40, Unit: "錠", Days: 30},
			Reversal:     []summary.Reversal{{Agent: "プロタミン硫酸塩", Partial: true}}})
	}
	for _, m := range []string{"HD", "PD", "pacemaker", "icd", "valve", "stent", "shunt", "csf-shunt", "oxygen", "ventilation"} {
		as = append(as, summary.Alert{Kind: summary.AlertDevice, Modality: m, DateIs: summary.DateDone, Procedure: &summary.Procedure{Date: d, Name: "n"}})
	}
	as = append(as, summary.Alert{Kind: summary.AlertRegularInstitution, SpanMonths: 3,
		Ranking: []summary.InstitutionVisits{{Institution: "さくら内科", Months: 3, Latest: d.MonthOf()}}})
	for _, a := range as {
		x := Render(a, Japanese)
		all := x.Tag + x.Title + strings.Join(x.Lines, "") + x.Reversal + x.Why
		if strings.Contains(all, "alert.") || x.Title == "" || x.Tag == "" || x.Why == "" {
			t.Errorf("%s/%s: untranslated or empty: %+v", a.Kind, a.Modality, x)
		}
	}
	// Insulin, heparin and a fentanyl patch are used (使用), not swallowed (服用).
	for code, want := range map[string]string{"2492416G2024": "— 使用中（", "8219701S1025": "— 使用中（", "3332001F1020": "— 服用中（"} {
		a := summary.Alert{Kind: summary.AlertOpioid, Status: summary.StatusCurrent, Ingredient: "X", CoveredThrough: d,
			Rows: []summary.Medication{{Date: d, Code: code, Drug: "X"}}}
		if got := Render(a, Japanese).Title; !strings.Contains(got, want) {
			t.Errorf("code %s: title %q lacks %q", code, got, want)
		}
	}
	if got := Render(summary.Alert{Kind: summary.AlertAnticoagulant, Status: summary.StatusUnknown, Ingredient: "ヘパリン",
		Rows: []summary.Medication{{Date: d, Code: "3334402A1037", Drug: "ヘパリンNa透析用"}}}, Japanese).Title; !strings.Contains(got, "現在の使用は不明") {
		t.Errorf("heparin for dialysis: title %q lacks 現在の使用は不明", got)
	}
	// A long steroid course says its dose; a high dose says it once.
	steroid := summary.Alert{Kind: summary.AlertSteroid, Status: summary.StatusCurrent, Ingredient: "プレドニゾロン", CoveredThrough: d,
		Reasons: []summary.Reason{summary.ReasonLongCourse}, PrednisoloneEqMgPerDay: 10}
	if got := Render(steroid, Japanese).Title; !strings.Contains(got, "直近12週のうち3週以上の全身投与（プレドニゾロン換算10mg/日）") {
		t.Errorf("long steroid course %q lacks its dose", got)
	}
	steroid.Reasons, steroid.PrednisoloneEqMgPerDay = []summary.Reason{summary.ReasonLongCourse, summary.ReasonHighDose}, 30
	if got := Render(steroid, Japanese).Title; strings.Count(got, "プレドニゾロン換算30mg/日") != 1 {
		t.Errorf("high-dose long course %q: want the dose once", got)
	}
	// A device's line names its own danger, not every device's.
	for m, want := range map[string]string{"pacemaker": "MRI", "shunt": "シャント肢", "oxygen": "CO2ナルコーシス", "stent": "ステント血栓症"} {
		w := Render(summary.Alert{Kind: summary.AlertDevice, Modality: m, Procedure: &summary.Procedure{Date: d, Name: "n"}}, Japanese).Why
		if !strings.Contains(w, want) {
			t.Errorf("device %s: why %q lacks %q", m, w, want)
		}
		if m != "pacemaker" && strings.Contains(w, "MRI") {
			t.Errorf("device %s: why %q speaks of MRI", m, w)
		}
	}
	if w := Render(summary.Alert{Kind: summary.AlertDevice, Modality: "new-device"}, Japanese).Why; w != Japanese("alert.why.device", nil) {
		t.Errorf("a device without its own line: why %q, want the kind's", w)
	}
	x := Render(as[0], Japanese)
	for _, want := range []string{"［抗凝固］", "服用中（2026年9月21日まで処方）", "上限10mg/日の2.0倍", "ひかり薬局（さくら内科）", "プロタミン硫酸塩（部分的に中和）"} {
		if !strings.Contains(x.Tag+x.Title+strings.Join(x.Lines, "")+x.Reversal, want) {
			t.Errorf("anticoagulant words %+v lack %q", x, want)
		}
	}
}

// The likely-current line says the last supply (最終処方分) lasts until
// the date; 最終処方は…まで read as "prescribed until", i.e. stopped.
func TestCurrentLine(t *testing.T) {
	c := summary.CurrentMedication{Class: summary.ClassAnticoagulant, Ingredient: "ワルファリンカリウム", Drug: "ワーファリン錠1mg",
		Status: summary.StatusCurrent, MgPerDay: 3, CoveredThrough: summary.NewDate(2026, 11, 28), Institution: "ひかり薬局（さくら内科）"}
	want := "［抗凝固］ワーファリン錠1mg（ワルファリンカリウム） 3mg/日 — 2026年11月28日まで処方あり — ひかり薬局（さくら内科）"
	if got := CurrentLine(c, Japanese); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	c = summary.CurrentMedication{Class: summary.ClassNone, Ingredient: "アムロジン錠5mg", Drug: "アムロジン錠5mg", Usage: "1日1回 1錠",
		Status: summary.StatusLikelyCurrent, CoveredThrough: summary.NewDate(2026, 10, 28), Institution: "内科"}
	want = "アムロジン錠5mg 1日1回 1錠 — 継続中の可能性が高い（定期処方、最終処方分は2026年10月28日まで） — 内科"
	if got := CurrentLine(c, Japanese); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	c = summary.CurrentMedication{Class: summary.ClassHypnotic, Ingredient: "エチゾラム", Drug: "デパス錠1mg", Status: summary.StatusCurrent,
		MgPerDay: 9, CoveredThrough: summary.NewDate(2026, 12, 23), Institution: "あさひ薬局（あさひ心療内科）",
		Prescribers: []string{"あさひ心療内科", "いずみ内科", "うらら整形外科", "えのき医院"}}
	want = "［睡眠薬・抗不安薬］デパス錠1mg（エチゾラム） 9mg/日 — 2026年12月23日まで処方あり — あさひ薬局（あさひ心療内科） ほか3医療機関"
	if got := CurrentLine(c, Japanese); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// English: every template parses and every alert renders without a raw key.
func TestEnglishRenders(t *testing.T) {
	en := table(t, "en")
	tmpl := map[string]*template.Template{}
	for k, v := range en {
		p, err := template.New(k).Parse(v)
		if err != nil {
			t.Fatalf("en.json %s: %v", k, err)
		}
		tmpl[k] = p
	}
	tr := func(key string, data map[string]any) string {
		var b strings.Builder
		p, ok := tmpl[key]
		if !ok {
			return key
		}
		if err := p.Execute(&b, data); err != nil {
			t.Errorf("%s: %v", key, err)
		}
		return b.String()
	}
	d := summary.NewDate(2026, 9, 1)
	a := summary.Alert{Kind: summary.AlertAnticoagulant, Status: summary.StatusCurrent, Ingredient: "apixaban", Subclass: summary.SubXa,
		CoveredThrough: d, LatestDate: d, Reversal: []summary.Reversal{{Agent: "andexanet alfa", Brand: "Ondexxya"}}}
	x := Render(a, tr)
	if got, want := x.Title, "Anticoagulant: apixaban (factor Xa inhibitor) — covers today (supply until 2026-09-01)"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	// The tag is a separate word before the title and the drug, as the
	// full-width brackets make it in Japanese ("[Anticoagulant]Anticoagulant" was one).
	if got, want := x.Tag+x.Title, "[Anticoagulant] Anticoagulant: apixaban"; !strings.HasPrefix(got, want) {
		t.Errorf("tag and title %q, want it to begin %q", got, want)
	}
	c := summary.CurrentMedication{Class: summary.ClassAnticoagulant, Ingredient: "apixaban", Drug: "Eliquis 5 mg",
		Status: summary.StatusCurrent, MgPerDay: 10, CoveredThrough: d, Institution: "pharmacy"}
	if got, want := CurrentLine(c, tr), "[Anticoagulant] Eliquis 5 mg (apixaban)"; !strings.HasPrefix(got, want) {
		t.Errorf("current line %q, want it to begin %q", got, want)
	}
	// One month is singular ("いずみ内科 1 months" was shown).
	reg := summary.Alert{Kind: summary.AlertRegularInstitution, SpanMonths: 3, Ranking: []summary.InstitutionVisits{
		{Institution: "A", Months: 2, Latest: d.MonthOf()}, {Institution: "B", Months: 1, Latest: d.MonthOf()}}}
	if got := strings.Join(Render(reg, tr).Lines, ""); !strings.Contains(got, "A 2 months (last") || !strings.Contains(got, "B 1 month (last") {
		t.Errorf("regular institution ranking %q: want 2 months and 1 month", got)
	}
	// The hypnotic kind covers anxiolytics too (etizolam): its tag says so.
	if got, want := ClassTag(summary.ClassHypnotic, tr), "[Hypnotic/anxiolytic] "; got != want {
		t.Errorf("hypnotic tag %q, want %q", got, want)
	}
	if strings.Contains(x.Title+x.Reversal+x.Why+x.Tag, "alert.") {
		t.Errorf("raw key in %+v", x)
	}
}

// Methotrexate says its dose per week in the alert and the current line,
// and a daily schedule says so, in both languages.
func TestMethotrexateWeeklyWords(t *testing.T) {
	en := table(t, "en")
	tr := func(key string, data map[string]any) string {
		var b strings.Builder
		if err := template.Must(template.New(key).Parse(en[key])).Execute(&b, data); err != nil {
			t.Errorf("%s: %v", key, err)
		}
		return b.String()
	}
	d := summary.NewDate(2026, 10, 6)
	weekly := summary.Alert{Kind: summary.AlertImmunosuppressant, Status: summary.StatusCurrent, Severity: summary.SeverityWarning,
		Ingredient: "メトトレキサート", CoveredThrough: d, MgPerWeek: 6, MaxMgPerWeek: 16}
	daily := weekly
	daily.MgPerWeek, daily.Severity, daily.Reasons = 28, summary.SeverityCritical, []summary.Reason{summary.ReasonDailyDosing}
	c := summary.CurrentMedication{Class: summary.ClassImmunosuppressant, Ingredient: "メトトレキサート", Drug: "リウマトレックスカプセル2mg",
		Status: summary.StatusCurrent, MgPerWeek: 6, Usage: "週1回 月曜朝・夕、火曜朝（計3カプセル/週） 1カプセル", CoveredThrough: d, Institution: "さつき薬局"}
	for _, tt := range []struct {
		lang string
		got  string
		want string
	}{
		{"ja", Render(weekly, Japanese).Title, "免疫抑制薬・抗がん剤: メトトレキサート 6mg/週 — 服用中（2026年10月6日まで処方）"},
		{"ja", Render(daily, Japanese).Title, "メトトレキサート 28mg/週 — 服用中（2026年10月6日まで処方） — 連日投与の疑い（週1回の薬、上限16mg/週）: 処方と服薬を直ちに確認"},
		{"ja", CurrentLine(c, Japanese), "［免疫抑制］リウマトレックスカプセル2mg（メトトレキサート） 6mg/週（週1回 月曜朝・夕、火曜朝（計3カプセル/週） 1カプセル） — 2026年10月6日まで処方あり — さつき薬局"},
		{"en", Render(weekly, tr).Title, "Immunosuppressant/anticancer: メトトレキサート 6 mg/week — "},
		{"en", Render(daily, tr).Title, "28 mg/week"},
		{"en", Render(daily, tr).Title, "possible daily dosing of a weekly drug (maximum 16 mg/week): check the prescription and intake now"},
		{"en", CurrentLine(c, tr), "6 mg/week ("},
	} {
		if !strings.Contains(tt.got, tt.want) {
			t.Errorf("%s: %q lacks %q", tt.lang, tt.got, tt.want)
		}
	}
}

// An implant says when it was done (植込み/実施), not 最終; a dialysis
// session or a home-care fee says the last.
func TestProcedureDateWords(t *testing.T) {
	d := summary.NewDate(2023, 9, 20)
	for _, tt := range []struct {
		a    summary.Alert
		want string
	}{
		{summary.Alert{Kind: summary.AlertDevice, Modality: "pacemaker", DateIs: summary.DateDone, Procedure: &summary.Procedure{Date: d, Name: "ペースメーカー移植術"}},
			"植込み機器・在宅医療（ペースメーカー） — 実施 2023年9月20日"},
		{summary.Alert{Kind: summary.AlertDevice, Modality: "oxygen", DateIs: summary.DateLast, Procedure: &summary.Procedure{Date: d, Name: "在宅酸素療法指導管理料"}},
			"植込み機器・在宅医療（在宅酸素） — 最終 2023年9月20日"},
		{summary.Alert{Kind: summary.AlertDialysis, Modality: "HD", DateIs: summary.DateLast, Procedure: &summary.Procedure{Date: d, Name: "人工腎臓"}},
			"透析（血液透析） — 最終 2023年9月20日"},
	} {
		if got := Render(tt.a, Japanese).Title; got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

// A tie for the regular institution says so rather than naming one.
func TestRegularInstitutionTieWords(t *testing.T) {
	m := summary.NewDate(2026, 9, 1).MonthOf()
	a := summary.Alert{Kind: summary.AlertRegularInstitution, SpanMonths: 3, Tied: []string{"あおい内科", "いずみ整形外科"},
		Ranking: []summary.InstitutionVisits{{Institution: "あおい内科", Months: 3, Latest: m}, {Institution: "いずみ整形外科", Months: 3, Latest: m}}}
	if got, want := Render(a, Japanese).Title, "かかりつけ候補: 同数: あおい内科、いずみ整形外科 — 直近3か月中各3か月受診"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// japaneseRe finds kana and kanji: English words must hold none.
var japaneseRe = regexp.MustCompile(`[\p{Hiragana}\p{Katakana}\p{Han}]`)

// Every alert kind, with every status, every interaction effect and advice
// and every reversal agent of the drug table, renders in both languages
// with no key left; the English words hold no Japanese (the drug names,
// which are data, are "X" here).
func TestBothLanguagesWalkEveryKindAndStatus(t *testing.T) {
	d := summary.NewDate(2027, 1, 2)
	statuses := []summary.Status{summary.StatusCurrent, summary.StatusLikelyCurrent, summary.StatusRecentlyEnded, summary.StatusUnknownDuration,
		summary.StatusEnded, summary.StatusUnknown}
	var as []summary.Alert
	for _, k := range alertKinds {
		for _, st := range statuses {
			as = append(as, summary.Alert{Kind: k, Status: st, Ingredient: "X", Ingredients: []string{"X", "Y"}, CoveredThrough: d, LatestDate: d,
				RegularSince: d.MonthOf(), LastSeen: d.MonthOf(), Effect: summary.EffectQT, Advice: "qt",
				Procedure: &summary.Procedure{Date: d, Name: "X"}, DateIs: summary.DateLast, SpanMonths: 3,
				Ranking: []summary.InstitutionVisits{{Institution: "X", Months: 3, Latest: d.MonthOf()}}})
		}
	}
	for _, in := range summary.Interactions {
		for _, adv := range []string{in.Advice, in.AdviceMore} {
			if adv != "" {
				as = append(as, summary.Alert{Kind: summary.AlertInteraction, Status: summary.StatusCurrent, Ingredients: []string{"X", "Y", "Z"},
					CoveredThrough: d, Effect: in.Effect, Advice: adv})
			}
		}
	}
	for _, dc := range summary.DrugClasses {
		if len(dc.Reversal) > 0 {
			as = append(as, summary.Alert{Kind: summary.AlertAnticoagulant, Status: summary.StatusCurrent, Ingredient: "X", CoveredThrough: d, Reversal: dc.Reversal})
		}
	}
	for _, lang := range []string{"ja", "en"} {
		tr := Language(lang)
		for _, a := range as {
			x := Render(a, tr)
			all := x.Tag + x.Title + strings.Join(x.Lines, "") + x.Reversal + x.Why
			if strings.Contains(all, "alert.") || x.Title == "" || x.Tag == "" || x.Why == "" {
				t.Errorf("%s %s/%s/%s: untranslated or empty: %+v", lang, a.Kind, a.Status, a.Advice, x)
			}
			// A kind whose stop is a danger says so when recently ended,
			// and only then; no other kind has such a line.
			stopped := tr("alert.stopped."+string(a.Kind), nil)
			want := a.Status == summary.StatusRecentlyEnded && a.Kind.StoppingIsDanger()
			if got := slices.Contains(x.Lines, stopped); got != want {
				t.Errorf("%s %s/%s: the line of a stop %q shown %v, want %v", lang, a.Kind, a.Status, stopped, got, want)
			}
			if !a.Kind.StoppingIsDanger() && stopped != "alert.stopped."+string(a.Kind) {
				t.Errorf("%s %s: words for a stop the kind does not say: %q", lang, a.Kind, stopped)
			}
			if lang == "en" && japaneseRe.MatchString(all) {
				t.Errorf("en %s/%s/%s: Japanese in the English words: %q", a.Kind, a.Status, a.Advice, all)
			}
		}
	}
	// The statuses say how sure they are, in the same order in both
	// languages: a supply that covers today, regular refills, ended
	// recently; none reads as permission ("may be taken until").
	for _, tt := range []struct {
		st     summary.Status
		ja, en string
	}{
		{summary.StatusCurrent, "服用中（2027年1月2日まで処方）", "covers today (supply until 2027-01-02)"},
		{summary.StatusLikelyCurrent, "服用中の可能性が高い（", "likely still taken (regular refills"},
		{summary.StatusRecentlyEnded, "最近終了 — 継続中の可能性（2027年1月2日までの処方", "possibly still taken (ended recently"},
		{summary.StatusUnknownDuration, "服用中の可能性（日数不明）", "possibly in use (days not known)"},
	} {
		a := summary.Alert{Kind: summary.AlertOpioid, Status: tt.st, Ingredient: "X", CoveredThrough: d}
		for lang, want := range map[string]string{"ja": tt.ja, "en": tt.en} {
			if got := Render(a, Language(lang)).Title; !strings.Contains(got, want) || strings.Contains(got, "may be") {
				t.Errorf("%s %s: %q lacks %q", lang, tt.st, got, want)
			}
		}
	}
	en := Language("en")
	x := Render(summary.Alert{Kind: summary.AlertAnticoagulant, Status: summary.StatusCurrent, Ingredient: "X", CoveredThrough: d,
		Reversal: summary.DrugClasses[slices.IndexFunc(summary.DrugClasses, func(dc summary.DrugClass) bool { return dc.Subclass == summary.SubVKA })].Reversal}, en)
	if want := "Reversal: vitamin K (menatetrenone) (Kaytwo N), 4-factor prothrombin complex concentrate (Kcentra)"; x.Reversal != want {
		t.Errorf("warfarin reversal %q, want %q", x.Reversal, want)
	}
}

// alertKinds is every kind summary raises.
var alertKinds = []summary.AlertKind{summary.AlertAnticoagulant, summary.AlertAntiplatelet, summary.AlertInteraction, summary.AlertHypnotic, summary.AlertNSAID,
	summary.AlertHypoglycemic, summary.AlertSGLT2, summary.AlertGLP1, summary.AlertSteroid, summary.AlertImmunosuppressant, summary.AlertAntiepileptic,
	summary.AlertNarrowIndex, summary.AlertOpioid, summary.AlertParkinson, summary.AlertClozapine, summary.AlertDialysis, summary.AlertDevice, summary.AlertRegularInstitution}

// A self-injected biologic and a JAK inhibitor say what differs from other
// immunosuppressants (live vaccines, surgery); the others keep the kind's line.
func TestImmunosuppressantSubclassWhy(t *testing.T) {
	for sub, want := range map[string]string{summary.SubBiologic: "生ワクチン", summary.SubJAK: "帯状疱疹", "": "好中球減少"} {
		x := Render(summary.Alert{Kind: summary.AlertImmunosuppressant, Status: summary.StatusCurrent, Ingredient: "X", Subclass: sub}, Japanese)
		if !strings.Contains(x.Why, want) {
			t.Errorf("subclass %q: why %q lacks %q", sub, x.Why, want)
		}
	}
}

// The shunt-arm advice belongs to haemodialysis access only: never to a
// peritoneal-dialysis patient or a CSF shunt; a management fee is worded
// as followed (管理中), not as an implant.
func TestProcedureWords(t *testing.T) {
	d := summary.NewDate(2027, 1, 2)
	for _, tt := range []struct {
		a         summary.Alert
		want, not string
	}{
		{summary.Alert{Kind: summary.AlertDialysis, Modality: "HD", DateIs: summary.DateLast, Procedure: &summary.Procedure{Date: d}}, "シャント肢", "腹膜炎"},
		{summary.Alert{Kind: summary.AlertDialysis, Modality: "PD", DateIs: summary.DateLast, Procedure: &summary.Procedure{Date: d}}, "腹膜炎", "シャント肢"},
		{summary.Alert{Kind: summary.AlertDevice, Modality: "csf-shunt", DateIs: summary.DateDone, Procedure: &summary.Procedure{Date: d}}, "脳神経外科", "シャント肢"},
		{summary.Alert{Kind: summary.AlertDevice, Modality: "shunt", DateIs: summary.DateDone, Procedure: &summary.Procedure{Date: d}}, "シャント肢", "脳神経外科"},
		{summary.Alert{Kind: summary.AlertDevice, Modality: "pacemaker", DateIs: summary.DateManaged, Procedure: &summary.Procedure{Date: d}}, "管理中・最終算定 2027年1月2日", "実施"},
	} {
		x := Render(tt.a, Japanese)
		all := x.Title + x.Why
		if !strings.Contains(all, tt.want) || strings.Contains(all, tt.not) {
			t.Errorf("%s/%s: %q, want %q and never %q", tt.a.Kind, tt.a.Modality, all, tt.want, tt.not)
		}
	}
}

// A duplicate says from how many institutions and the total per day, in
// both languages.
func TestDuplicateWords(t *testing.T) {
	a := summary.Alert{Kind: summary.AlertAnticoagulant, Status: summary.StatusCurrent, Ingredient: "アピキサバン", CoveredThrough: summary.NewDate(2027, 1, 2),
		Reasons: []summary.Reason{summary.ReasonDuplicate}, MgPerDay: 20, Institutions: []string{"さくら内科", "みどり循環器科"}}
	for lang, want := range map[string]string{"ja": "重複: 2医療機関から同時に 合計20mg/日", "en": "duplicate: from 2 institutions at once, 20 mg/day in all"} {
		if got := Render(a, Language(lang)).Title; !strings.Contains(got, want) {
			t.Errorf("%s: %q lacks %q", lang, got, want)
		}
	}
	a.MgPerDay, a.Institutions, a.Concurrent = 0, []string{"さくら内科"}, []string{"ワルファリンカリウム"}
	if got, want := Render(a, Japanese).Title, "重複: 同時に処方（ワルファリンカリウムと）"; !strings.Contains(got, want) {
		t.Errorf("%q lacks %q", got, want)
	}
}

// An interaction with a patch is in use (使用), not swallowed.
func TestInteractionUseVerb(t *testing.T) {
	a := summary.Alert{Kind: summary.AlertInteraction, Status: summary.StatusCurrent, CoveredThrough: summary.NewDate(2027, 1, 2),
		Ingredients: []string{"フェンタニル", "エチゾラム"}, Effect: summary.EffectRespiratoryDepression, Advice: "respiratory",
		Drugs: []summary.AlertDrug{{Code: "8219701S1025", Name: "デュロテップMTパッチ"}, {Code: "1179025F1020", Name: "デパス錠0.5mg"}}}
	if got := Render(a, Japanese).Title; !strings.Contains(got, "使用中（2027年1月2日まで処方）") {
		t.Errorf("%q: want 使用中", got)
	}
	a.Drugs = a.Drugs[1:]
	if got := Render(a, Japanese).Title; !strings.Contains(got, "— 服用中（") {
		t.Errorf("%q: want 服用中", got)
	}
}
