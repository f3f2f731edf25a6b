package ips

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"kyukyu/summary"
	"kyukyu/training"
	"kyukyu/training/trainingtest"
)

var (
	created = summary.NewDate(2026, 11, 25)
	now     = time.Date(2026, 11, 25, 22, 15, 0, 0, summary.Tokyo)
)

func build(t *testing.T, v *summary.View) []byte {
	t.Helper()
	doc, err := Build(v, now)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func decode(t *testing.T, doc []byte) obj {
	t.Helper()
	var b obj
	if err := json.Unmarshal(doc, &b); err != nil {
		t.Fatal(err)
	}
	return b
}

// resources returns the bundle's resources of a type, in order.
func resources(b obj, typ string) []obj {
	var out []obj
	for _, e := range b["entry"].([]any) {
		if r := e.(obj)["resource"].(obj); r["resourceType"] == typ {
			out = append(out, r)
		}
	}
	return out
}

func sectionOf(b obj, code string) obj {
	comp := b["entry"].([]any)[0].(obj)["resource"].(obj)
	for _, s := range comp["section"].([]any) {
		if loincCode(s.(obj)["code"]) == code {
			return s.(obj)
		}
	}
	return nil
}

func TestEveryTrainingPatientIsAValidIPS(t *testing.T) {
	st := trainingtest.Open(t)
	meds := 0
	for _, id := range training.IDs() {
		rec, err := st.Record(context.Background(), id, created)
		if err != nil {
			t.Fatal(err)
		}
		for _, mode := range summary.Modes {
			v := summary.Build(rec, mode, created)
			b := decode(t, build(t, v))
			for _, p := range validate(build(t, v)) {
				t.Errorf("%s %s: %s", id, mode, p)
			}
			if sec := b["meta"].(obj)["security"].([]any)[0].(obj); sec["code"] != "HTEST" {
				t.Errorf("%s: training bundle not marked as test data", id)
			}
			title := b["entry"].([]any)[0].(obj)["resource"].(obj)["title"].(string)
			if !strings.Contains(title, "訓練用") {
				t.Errorf("%s: title %q lacks the 訓練用 mark", id, title)
			}
			meds += len(resources(b, "MedicationStatement"))
		}
	}
	if meds == 0 {
		t.Fatal("no training patient produced a MedicationStatement; the test checks nothing")
	}
}

func TestEmptySummaryStillHasTheRequiredSections(t *testing.T) {
	v := summary.Build(&summary.Record{Patient: summary.Patient{Name: "空 太郎", Birth: summary.NewDate(1970, 1, 2), Sex: summary.SexMale}}, summary.Emergency, created)
	doc := build(t, v)
	if p := validate(doc); len(p) > 0 {
		t.Fatal(p)
	}
	b := decode(t, doc)
	for code, want := range map[string]string{"11450-4": "no-problem-info", "48765-2": "no-allergy-info", "10160-0": "no-medication-info"} {
		s := sectionOf(b, code)
		ref := refOf(s["entry"].([]any)[0])
		var got obj
		for _, e := range b["entry"].([]any) {
			if e.(obj)["fullUrl"] == ref {
				got = e.(obj)["resource"].(obj)
			}
		}
		key := "code"
		if code == "10160-0" {
			key = "medicationCodeableConcept"
		}
		if !hasCoding(got[key], absentSystem, want) {
			t.Errorf("section %s: entry %v is not %s", code, got, want)
		}
	}
	for _, code := range []string{"47519-4", "30954-2"} {
		s := sectionOf(b, code)
		if s == nil || s["emptyReason"] == nil || s["entry"] != nil {
			t.Errorf("section %s: want present with an emptyReason, got %v", code, s)
		}
	}
	p := resources(b, "Patient")[0]
	if p["birthDate"] != "1970-01-02" || p["gender"] != "male" || p["name"].([]any)[0].(obj)["family"] != "空" {
		t.Errorf("patient %v", p)
	}
	if b["meta"] != nil {
		t.Error("a real patient's bundle is marked as training data")
	}
}

func medView(ms ...summary.Medication) *summary.View {
	return summary.Build(&summary.Record{Patient: summary.Patient{Name: "薬 花子"}, Dispensing: ms}, summary.Emergency, created)
}

func TestMedications(t *testing.T) {
	warfarin := summary.Medication{Date: created.AddDays(-10), Setting: summary.Pharmacy, Institution: "テスト薬局", Prescriber: "テスト病院",
		Drug: "ワーファリン錠1mg", Ingredient: "ワルファリンカリウム", Code: "3332001F1022", Usage: "1日1回朝食後", Dose: "2錠", Days: 28, Quantity: "56錠"}
	old := warfarin
	old.Date, old.Days = created.AddDays(-40), 28
	ointment := summary.Medication{Date: created.AddDays(-3), Setting: summary.Outpatient, Drug: "ゲンタマイシン硫酸塩軟膏0.1%", Code: "620000123"}
	b := decode(t, build(t, medView(warfarin, old, ointment)))
	ms := resources(b, "MedicationStatement")
	if len(ms) != 3 {
		t.Fatalf("%d MedicationStatements; want 3", len(ms))
	}
	// Newest first: ointment, warfarin, old warfarin.
	if !hasCoding(ms[1]["medicationCodeableConcept"], yjSystem, "3332001F1022") {
		t.Errorf("YJ code not coded with the JP Core YJ system: %v", ms[1]["medicationCodeableConcept"])
	}
	if c := codings(ms[0]["medicationCodeableConcept"]); len(c) != 0 {
		t.Errorf("a non-YJ code was given a coding: %v", c)
	}
	for i, want := range []string{"unknown", "active", "completed"} {
		if ms[i]["status"] != want {
			t.Errorf("statement %d status %v; want %s", i, ms[i]["status"], want)
		}
	}
	if d := ms[1]["dosage"].([]any)[0].(obj)["text"]; d != "1日1回朝食後 2錠 56錠" {
		t.Errorf("dosage %q", d)
	}
	if !hasCoding(ms[1]["category"], categorySys, "community") {
		t.Errorf("院外 not mapped to community: %v", ms[1]["category"])
	}
}

func TestIDsAreDeterministicAndDistinct(t *testing.T) {
	m := summary.Medication{Date: created, Drug: "A錠", Days: 7}
	v := medView(m, m) // the same row twice is two dispensings
	one, two := build(t, v), build(t, v)
	if !bytes.Equal(one, two) {
		t.Fatal("the same view gives different documents")
	}
	if p := validate(one); len(p) > 0 {
		t.Fatalf("duplicate rows: %v", p)
	}
	ms := resources(decode(t, one), "MedicationStatement")
	if len(ms) != 2 || ms[0]["id"] == ms[1]["id"] {
		t.Fatalf("two identical rows did not become two entries: %v", ms)
	}
	m.Drug = "B錠"
	other := resources(decode(t, build(t, medView(m))), "MedicationStatement")
	if other[0]["id"] == ms[0]["id"] {
		t.Fatal("different content got the same id")
	}
}

func TestProceduresAndCheckups(t *testing.T) {
	rec := &summary.Record{
		Surgeries:  []summary.Procedure{{Date: created.AddDays(-400), Name: "胃切除術", Code: "150253010", Institution: "みなと病院"}},
		Dialysis:   []summary.Procedure{{Date: created.AddDays(-2), Name: "人工腎臓", Code: "140007310"}},
		Procedures: []summary.Procedure{{Date: created.AddDays(-5), Name: "CT撮影", Code: "170011810"}},
		Checkups: []summary.Checkup{{Date: created.AddDays(-100), Institution: "健診センター", Results: []summary.CheckupResult{
			{Code: "9A755000000000001", Name: "収縮期血圧", Value: "128", Unit: "mmHg"},
			{Code: "x", Name: "尿蛋白", Value: "(-)"},
		}}},
	}
	for _, mode := range summary.Modes {
		doc := build(t, summary.Build(rec, mode, created))
		if p := validate(doc); len(p) > 0 {
			t.Fatalf("%s: %v", mode, p)
		}
		b := decode(t, doc)
		var cats []string
		for _, p := range resources(b, "Procedure") {
			cats = append(cats, p["category"].(obj)["text"].(string))
		}
		if strings.Join(cats, ",") != "手術,診療行為,透析" {
			t.Errorf("%s: procedure categories %v", mode, cats)
		}
		obs := resources(b, "Observation")
		switch mode {
		case summary.Normal:
			if len(obs) != 3 {
				t.Fatalf("normal: %d observations; want 2 items and a panel", len(obs))
			}
			if q := obs[0]["valueQuantity"].(obj); q["value"] != 128.0 || q["unit"] != "mmHg" {
				t.Errorf("numeric result %v", q)
			}
			if obs[1]["valueString"] != "(-)" || len(obs[2]["hasMember"].([]any)) != 2 {
				t.Errorf("text result or panel wrong: %v %v", obs[1], obs[2])
			}
		case summary.Emergency:
			if len(obs) != 1 || obs[0]["hasMember"] != nil || obs[0]["effectiveDateTime"] != created.AddDays(-100).String() {
				t.Errorf("emergency: want the checkup date alone, got %v", obs)
			}
		}
	}
}

// TestValidatorRejects proves the checker above can fail.
func TestValidatorRejects(t *testing.T) {
	good := build(t, medView(summary.Medication{Date: created, Drug: "A錠", Code: "3332001F1022", Days: 7}))
	cases := map[string]struct {
		edit func(b obj)
		want string
	}{
		"Composition not first": {func(b obj) {
			es := b["entry"].([]any)
			es[0], es[1] = es[1], es[0]
		}, "first entry is not the Composition"},
		"dangling reference": {func(b obj) {
			sectionOf(b, "10160-0")["entry"].([]any)[0].(obj)["reference"] = "urn:uuid:00000000-0000-8000-8000-000000000000"
		}, "does not resolve"},
		"allergies missing": {func(b obj) {
			comp := b["entry"].([]any)[0].(obj)["resource"].(obj)
			var keep []any
			for _, s := range comp["section"].([]any) {
				if loincCode(s.(obj)["code"]) != "48765-2" {
					keep = append(keep, s)
				}
			}
			comp["section"] = keep
		}, "required section 48765-2 missing"},
		"fullUrl missing": {func(b obj) { delete(b["entry"].([]any)[2].(obj), "fullUrl") }, "is not a urn:uuid"},
		"subject not the patient": {func(b obj) {
			resources(b, "MedicationStatement")[0]["subject"] = obj{"reference": b["entry"].([]any)[0].(obj)["fullUrl"]}
		}, "is not the Patient"},
		"bad YJ code": {func(b obj) {
			codings(resources(b, "MedicationStatement")[0]["medicationCodeableConcept"])[0]["code"] = "12345"
		}, "not a YJ code"},
		"entries and emptyReason": {func(b obj) {
			sectionOf(b, "10160-0")["emptyReason"] = obj{"text": "x"}
		}, "entries and an emptyReason"},
	}
	for name, c := range cases {
		b := decode(t, good)
		c.edit(b)
		doc, _ := json.Marshal(b)
		problems := strings.Join(validate(doc), "; ")
		if !strings.Contains(problems, c.want) {
			t.Errorf("%s: problems %q; want %q", name, problems, c.want)
		}
	}
}

// The alerts travel as Flags in the Alert section, in the screen's order and
// words, with the end of the supply.
func TestAlertsAsFlags(t *testing.T) {
	st := trainingtest.Open(t)
	rec, err := st.Record(context.Background(), "warfarin-head-injury", created)
	if err != nil {
		t.Fatal(err)
	}
	v := summary.Build(rec, summary.Emergency, created)
	b := decode(t, build(t, v))
	flags := resources(b, "Flag")
	if len(flags) != len(v.Alerts) || len(flags) == 0 {
		t.Fatalf("%d flags for %d alerts", len(flags), len(v.Alerts))
	}
	text := flags[0]["code"].(obj)["text"].(string)
	if !strings.HasPrefix(text, "［抗凝固］抗凝固薬: ワルファリンカリウム") || flags[0]["period"].(obj)["end"] != v.Alerts[0].CoveredThrough.String() {
		t.Errorf("first flag %v, want the warfarin alert with its covered-through date", flags[0])
	}
	sec := sectionOf(b, "104605-1")
	if sec == nil || len(sec["entry"].([]any)) != len(flags) || !strings.Contains(sec["text"].(obj)["div"].(string), "拮抗薬") {
		t.Errorf("alert section %v", sec)
	}
}

// Each MedicationStatement's status is the summary's reading of the drug
// (pens, weekly drugs, receipt lag), not the row's own 日数. Rows written
// by hand in pharmacy notation (domain.md §4b).
func TestMedicationStatusFollowsTheSummary(t *testing.T) {
	pharm := func(daysAgo int, code, drug, usage string, amount float64, unit string, days int) summary.Medication {
		return summary.Medication{Date: created.AddDays(-daysAgo), Setting: summary.Pharmacy, Institution: "ひかり薬局", Prescriber: "みずき内科",
			Code: code, Drug: drug, Usage: usage, Amount: amount, Unit: unit, Days: days}
	}
	apixaban := pharm(50, "3339004F2020", "エリキュース錠5mg", "1日2回朝夕食後", 56, "錠", 28)
	apixaban.Setting = summary.Outpatient
	rec := &summary.Record{
		Dispensing: []summary.Medication{
			// 3 × 300 単位 ÷ 8 a day = 112 days: active, though the row has no 日数.
			pharm(30, "2492416G2024", "ランタス注ソロスター", "1日1回朝食前 1回8単位", 3, "キット", 0),
			// 週1回 "4日分" is four weeks: active, though 4 days passed long ago.
			pharm(20, "3999016M1020", "リウマトレックスカプセル2mg", "週1回 月曜日朝食後", 12, "カプセル", 4),
			// A multi-dose pen whose dose is not written: in use for an unknown time.
			pharm(10, "", "オゼンピック皮下注2mg", "週1回 医師の指示通り", 1, "キット", 0),
			// An older warfarin supply followed by a later one, which runs.
			pharm(40, "3332001F1022", "ワーファリン錠1mg", "1日1回朝食後", 56, "錠", 28),
			pharm(12, "3332001F1022", "ワーファリン錠1mg", "1日1回朝食後", 56, "錠", 28),
			// A drug of no class that ran out: completed.
			pharm(40, "", "ムコスタ錠100mg", "1日3回毎食後", 21, "錠", 7),
			// A lock/flush syringe anticoagulates nobody: no arithmetic covers it.
			pharm(5, "3334402G1048", "ヘパフラッシュ10単位/mLシリンジ5mL", "", 10, "筒", 0),
		},
		// A receipt whose 28 days ended 22 days ago: receipts lag.
		Medications: []summary.Medication{apixaban},
	}
	b := decode(t, build(t, summary.Build(rec, summary.Emergency, created)))
	type got struct{ status, note string }
	byDrug := map[string][]got{}
	for _, ms := range resources(b, "MedicationStatement") {
		var notes []string
		for _, n := range ms["note"].([]any) {
			notes = append(notes, n.(obj)["text"].(string))
		}
		drug := ms["medicationCodeableConcept"].(obj)["text"].(string)
		byDrug[drug] = append(byDrug[drug], got{ms["status"].(string), strings.Join(notes, " / ")})
	}
	for _, tt := range []struct {
		drug   string
		status []string // newest row first
		note   string   // in the newest row's notes; "" for none beyond the section's
	}{
		{"ランタス注ソロスター", []string{"active"}, "2027年2月14日まで処方あり"},
		{"リウマトレックスカプセル2mg", []string{"active"}, "まで処方あり"},
		{"オゼンピック皮下注2mg", []string{"active"}, "使用中の可能性（日数不明）"},
		{"ワーファリン錠1mg", []string{"active", "completed"}, "まで処方あり"},
		{"ムコスタ錠100mg", []string{"completed"}, ""},
		{"ヘパフラッシュ10単位/mLシリンジ5mL", []string{"unknown"}, ""},
		{"エリキュース錠5mg", []string{"unknown"}, "最近終了（2026年11月2日まで）— 継続中の可能性"},
	} {
		rows := byDrug[tt.drug]
		if len(rows) != len(tt.status) {
			t.Errorf("%s: %d statements, want %d", tt.drug, len(rows), len(tt.status))
			continue
		}
		for i, want := range tt.status {
			if rows[i].status != want {
				t.Errorf("%s row %d: status %s, want %s", tt.drug, i, rows[i].status, want)
			}
		}
		notes := strings.SplitN(rows[0].note, " / ", 2)
		switch {
		case tt.note == "" && len(notes) > 1:
			t.Errorf("%s: note %q, want none beyond the section's", tt.drug, notes[1])
		case tt.note != "" && (len(notes) < 2 || !strings.Contains(notes[1], tt.note)):
			t.Errorf("%s: notes %q lack %q", tt.drug, rows[0].note, tt.note)
		}
	}
	// Every status of the summary has its FHIR status.
	for _, st := range []summary.Status{summary.StatusCurrent, summary.StatusLikelyCurrent, summary.StatusUnknownDuration,
		summary.StatusRecentlyEnded, summary.StatusEnded, summary.StatusUnknown} {
		if medStatuses[st].fhir == "" {
			t.Errorf("status %s has no FHIR status", st)
		}
	}
}
