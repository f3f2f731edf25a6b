package summary

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// Duplicates, from rows written by hand as pharmacies write them (alertsOn
// is 2026-09-21).
func TestDuplicates(t *testing.T) {
	apixabanA := pharm("2026-09-01", "さくら内科", "エリキュース錠５ｍｇ", "アピキサバン", "1日2回朝夕食後", "1錠", 56, "錠", 28)
	apixabanB := pharm("2026-09-10", "みどり循環器科", "アピキサバン錠5mg「サワイ」", "アピキサバン", "1日2回朝夕食後", "1錠", 60, "錠", 30)
	rivaroxaban := pharm("2026-09-10", "みどり循環器科", "イグザレルト錠１５ｍｇ", "リバーロキサバン", "1日1回朝食後", "1錠", 30, "錠", 30)
	warfarin := pharm("2026-09-05", "さくら内科", "ワーファリン錠1mg", "ワルファリンカリウム", "1日1回夕食後", "3錠", 84, "錠", 28)
	tramal := pharm("2026-09-08", "はな整形外科", "トラマールＯＤ錠５０ｍｇ", "トラマドール塩酸塩", "1日2回朝夕食後", "1錠", 56, "錠", 28)
	tramcet := pharm("2026-09-12", "つばき内科", "トラムセット配合錠", "トラマドール塩酸塩・アセトアミノフェン", "1日4回毎食後及び就寝前", "1錠", 56, "錠", 14)
	amaryl := pharm("2026-09-01", "さくら内科", "アマリール１ｍｇ錠", "グリメピリド", "1日1回朝食後", "1錠", 28, "錠", 28)
	glimicron := pharm("2026-09-03", "糖尿病クリニック", "グリミクロン錠４０ｍｇ", "グリクラジド", "1日2回朝夕食後", "1錠", 56, "錠", 28)
	tests := []struct {
		name        string
		rows        []Medication
		kind        AlertKind
		ingredient  string   // the alert that says duplicate
		mgPerDay    float64  // the total, 0 for drugs of different ingredients
		institution []string // the prescribers at once
		others      []string
		alerts      int // alerts of the kind
	}{
		{"apixaban 10 mg/day from two prescribers at once: 20 mg/day", []Medication{apixabanA, apixabanB},
			AlertAnticoagulant, "アピキサバン", 20, []string{"さくら内科", "みどり循環器科"}, nil, 1},
		{"two DOACs: each keeps its reversal, each names the other", []Medication{apixabanA, rivaroxaban},
			AlertAnticoagulant, "アピキサバン", 0, []string{"さくら内科", "みどり循環器科"}, []string{"リバーロキサバン"}, 2},
		{"a DOAC and warfarin from one clinic", []Medication{apixabanA, warfarin},
			AlertAnticoagulant, "ワルファリンカリウム", 0, []string{"さくら内科"}, []string{"アピキサバン"}, 2},
		{"tramadol from two products and two clinics: one alert, 250 mg/day", []Medication{tramal, tramcet},
			AlertOpioid, "トラマドール・トラマドール・アセトアミノフェン", 250, []string{"つばき内科", "はな整形外科"}, nil, 1},
		{"two sulfonylureas", []Medication{amaryl, glimicron},
			AlertHypoglycemic, "グリメピリド・グリクラジド", 0, []string{"さくら内科", "糖尿病クリニック"}, nil, 1},
		{"two NSAIDs: an alert of their own", []Medication{loxoprofen, pharm("2026-09-15", "内科クリニック", "セレコックス錠１００ｍｇ", "セレコキシブ", "1日2回朝夕食後", "1錠", 28, "錠", 14)},
			AlertNSAID, "ロキソプロフェンナトリウム水和物・セレコキシブ", 0, []string{"はな整形外科", "内科クリニック"}, nil, 1},
		{"loxoprofen from two clinics: 360 mg/day", []Medication{loxoprofen, pharm("2026-09-16", "内科クリニック", "ロキソプロフェンＮａ錠６０ｍｇ「サワイ」", "ロキソプロフェンナトリウム水和物", "1日3回毎食後", "1錠", 21, "錠", 7)},
			AlertNSAID, "ロキソプロフェンナトリウム水和物", 360, []string{"はな整形外科", "内科クリニック"}, nil, 1},
		{"one NSAID alone raises nothing", []Medication{loxoprofen}, AlertNSAID, "", 0, nil, nil, 0},
		// Not duplicates.
		{"warfarin 1 mg and 0.5 mg from one prescriber on one day are one dose", []Medication{warfarin,
			pharm("2026-09-05", "さくら内科", "ワーファリン錠0.5mg", "ワルファリンカリウム", "1日1回夕食後", "1錠", 28, "錠", 28)},
			AlertAnticoagulant, "", 0, nil, nil, 1},
		{"the same clinic's refill", []Medication{apixabanA, pharm("2026-09-20", "さくら内科", "エリキュース錠５ｍｇ", "アピキサバン", "1日2回朝夕食後", "1錠", 56, "錠", 28)},
			AlertAnticoagulant, "", 0, nil, nil, 1},
		{"apixaban from a second clinic after the first ended", []Medication{
			pharm("2026-06-01", "さくら内科", "エリキュース錠５ｍｇ", "アピキサバン", "1日2回朝夕食後", "1錠", 56, "錠", 28), apixabanB},
			AlertAnticoagulant, "", 0, nil, nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var of []Alert
			for _, a := range Alerts(&Record{Dispensing: tt.rows}, Normal, alertsOn) {
				if a.Kind == tt.kind {
					of = append(of, a)
				}
			}
			if len(of) != tt.alerts {
				t.Errorf("%d %s alerts, want %d: %+v", len(of), tt.kind, tt.alerts, of)
			}
			i := slices.IndexFunc(of, func(a Alert) bool { return slices.Contains(a.Reasons, ReasonDuplicate) })
			if tt.ingredient == "" {
				if i >= 0 {
					t.Errorf("duplicate %+v, want none", of[i])
				}
				return
			}
			if i < 0 {
				t.Fatalf("no duplicate among %+v", of)
			}
			a := of[i]
			if tt.alerts == 2 { // both drugs say it
				for _, b := range of {
					if !slices.Contains(b.Reasons, ReasonDuplicate) {
						t.Errorf("%s does not say duplicate", b.Ingredient)
					}
				}
				a = of[slices.IndexFunc(of, func(a Alert) bool { return a.Ingredient == tt.ingredient })]
			}
			if a.Ingredient != tt.ingredient || a.MgPerDay != tt.mgPerDay || !slices.Equal(a.Institutions, tt.institution) ||
				!slices.Equal(a.Concurrent, tt.others) || a.Severity == SeverityInfo {
				t.Errorf("got %s %v mg/day from %v with %v (%s), want %s %v mg/day from %v with %v",
					a.Ingredient, a.MgPerDay, a.Institutions, a.Concurrent, a.Severity, tt.ingredient, tt.mgPerDay, tt.institution, tt.others)
			}
		})
	}
}

// The JSON a consumer reads: an interaction names every drug, its effect
// and advice; a duplicate says so with the total per day.
func TestInteractionAndDuplicateJSON(t *testing.T) {
	rec := &Record{Dispensing: []Medication{edoxaban, aspirin100, clopidogrel,
		pharm("2026-09-15", "みどり循環器科", "リクシアナＯＤ錠６０ｍｇ", "エドキサバントシル酸塩水和物", "1日1回朝食後", "1錠", 28, "錠", 28)}}
	b, err := json.Marshal(Build(rec, Emergency, alertsOn).Alerts)
	if err != nil {
		t.Fatal(err)
	}
	for _, frag := range []string{`"kind":"interaction"`, `"ingredients":["エドキサバン","アスピリン","クロピドグレル"]`,
		`"effect":"bleeding"`, `"advice":"bleeding-triple"`, `"reasons":["duplicate"]`, `"mgPerDay":120`,
		`"institutions":["さくら内科","みどり循環器科"]`} {
		if !strings.Contains(string(b), frag) {
			t.Errorf("alerts JSON lacks %s:\n%s", frag, b)
		}
	}
}
