package summary

import (
	"slices"
	"strings"
	"testing"
)

// pharm is a dispensing row as a pharmacy writes it (domain.md §4b): the
// product, the ingredient (一般名), 用法, 1回量, the quantity in its unit and
// the days.
func pharm(date, prescriber, drug, ingredient, usage, dose string, amount float64, unit string, days int) Medication {
	return Medication{Date: mustDate(date), Setting: Pharmacy, Institution: "ひかり薬局", Prescriber: prescriber,
		Drug: drug, Ingredient: ingredient, Usage: usage, Dose: dose, Amount: amount, Unit: unit, Days: days}
}

// The rows below are written by hand in pharmacy notation; alertsOn is
// 2026-09-21.
var (
	edoxaban     = pharm("2026-09-07", "さくら内科", "リクシアナＯＤ錠６０ｍｇ", "エドキサバントシル酸塩水和物", "1日1回朝食後", "1錠", 28, "錠", 28)
	aspirin100   = pharm("2026-09-07", "さくら内科", "バイアスピリン錠１００ｍｇ", "アスピリン", "1日1回朝食後", "1錠", 28, "錠", 28)
	clopidogrel  = pharm("2026-09-10", "みどり循環器科", "クロピドグレル錠75mg「サワイ」", "クロピドグレル硫酸塩", "1日1回朝食後", "1錠", 30, "錠", 30)
	warfarin     = pharm("2026-08-31", "さくら内科", "ワーファリン錠1mg", "ワルファリンカリウム", "1日1回夕食後", "3錠", 90, "錠", 30)
	lithium      = pharm("2026-09-01", "こころクリニック", "リーマス錠２００", "炭酸リチウム", "1日3回毎食後", "1錠", 84, "錠", 28)
	loxoprofen   = pharm("2026-09-14", "はな整形外科", "ロキソニン錠６０ｍｇ", "ロキソプロフェンナトリウム水和物", "1日3回毎食後", "1錠", 42, "錠", 14)
	thiazide     = pharm("2026-09-01", "さくら内科", "フルイトラン錠２ｍｇ", "トリクロルメチアジド", "1日1回朝食後", "1錠", 28, "錠", 28)
	losartanHCTZ = pharm("2026-09-01", "さくら内科", "プレミネント配合錠ＬＤ", "ロサルタンカリウム・ヒドロクロロチアジド", "1日1回朝食後", "1錠", 28, "錠", 28)
	carbamazepne = pharm("2026-09-01", "あおば脳神経外科", "テグレトール錠２００ｍｇ", "カルバマゼピン", "1日2回朝夕食後", "1錠", 56, "錠", 28)
	clarithro    = pharm("2026-09-18", "耳鼻科クリニック", "クラリスロマイシン錠200mg「サワイ」", "クラリスロマイシン", "1日2回朝夕食後", "1錠", 14, "錠", 7)
	apixaban     = pharm("2026-09-01", "さくら内科", "エリキュース錠５ｍｇ", "アピキサバン", "1日2回朝夕食後", "1錠", 56, "錠", 28)
	rifampicin   = pharm("2026-09-05", "結核病院", "リファジンカプセル１５０ｍｇ", "リファンピシン", "1日1回朝食前", "3カプセル", 90, "カプセル", 30)
	tacrolimus   = pharm("2026-09-01", "大学病院", "プログラフカプセル１ｍｇ", "タクロリムス水和物", "1日2回朝夕食後", "2カプセル", 112, "カプセル", 28)
	voriconazole = pharm("2026-09-15", "大学病院", "ブイフェンド錠２００ｍｇ", "ボリコナゾール", "1日2回朝夕食間", "1錠", 28, "錠", 14)
	miconazole   = pharm("2026-09-16", "歯科医院", "フロリードゲル経口用２％", "ミコナゾール", "1日4回毎食後及び就寝前", "2.5g", 70, "g", 7)
	oxycodone    = pharm("2026-09-10", "がんセンター", "オキシコンチンＴＲ錠１０ｍｇ", "オキシコドン塩酸塩水和物", "1日2回12時間毎", "1錠", 28, "錠", 14)
	etizolam     = pharm("2026-09-08", "こころクリニック", "デパス錠０．５ｍｇ", "エチゾラム", "1日3回毎食後", "1錠", 84, "錠", 28)
	tramadol     = pharm("2026-09-12", "はな整形外科", "トラムセット配合錠", "トラマドール塩酸塩・アセトアミノフェン", "1日4回毎食後及び就寝前", "1錠", 56, "錠", 14)
	pregabalin   = pharm("2026-09-12", "はな整形外科", "リリカＯＤ錠７５ｍｇ", "プレガバリン", "1日2回朝夕食後", "1錠", 28, "錠", 14)
	methotrexate = pharm("2026-09-14", "リウマチ科", "リウマトレックスカプセル２ｍｇ", "メトトレキサート", "1日2回朝夕食後 週1回月曜日", "1カプセル", 8, "カプセル", 14)
	stTablet     = pharm("2026-09-17", "泌尿器科", "バクタ配合錠", "スルファメトキサゾール・トリメトプリム", "1日2回朝夕食後", "2錠", 28, "錠", 7)
	haloperidol  = pharm("2026-09-01", "こころクリニック", "セレネース錠１ｍｇ", "ハロペリドール", "1日2回朝夕食後", "1錠", 56, "錠", 28)
	sotalol      = pharm("2026-09-01", "みどり循環器科", "ソタコール錠４０ｍｇ", "ソタロール塩酸塩", "1日2回朝夕食後", "1錠", 56, "錠", 28)
)

func TestInteractions(t *testing.T) {
	tests := []struct {
		name        string
		rows        []Medication
		effect      Effect // "" = no interaction alert
		ingredients []string
		advice      string
	}{
		{"edoxaban, aspirin and clopidogrel: triple therapy",
			[]Medication{edoxaban, aspirin100, clopidogrel}, EffectBleeding, []string{"エドキサバン", "アスピリン", "クロピドグレル"}, "bleeding-triple"},
		{"warfarin and clopidogrel: dual therapy",
			[]Medication{warfarin, clopidogrel}, EffectBleeding, []string{"ワルファリンカリウム", "クロピドグレル"}, "bleeding-dual"},
		{"lithium with loxoprofen and a thiazide",
			[]Medication{lithium, loxoprofen, thiazide}, EffectLithiumToxicity, []string{"炭酸リチウム", "ロキソプロフェンナトリウム水和物", "トリクロルメチアジド"}, "lithium"},
		{"lithium with an ARB and thiazide combination",
			[]Medication{lithium, losartanHCTZ}, EffectLithiumToxicity, []string{"炭酸リチウム", "ロサルタンカリウム・ヒドロクロロチアジド"}, "lithium"},
		{"carbamazepine with clarithromycin",
			[]Medication{carbamazepne, clarithro}, EffectLevelChange, []string{"カルバマゼピン", "クラリスロマイシン"}, "level-antiepileptic"},
		{"apixaban with rifampicin",
			[]Medication{apixaban, rifampicin}, EffectLevelChange, []string{"アピキサバン", "リファンピシン"}, "level-doac"},
		{"tacrolimus with voriconazole",
			[]Medication{tacrolimus, voriconazole}, EffectLevelChange, []string{"タクロリムス", "ボリコナゾール"}, "level-calcineurin"},
		{"warfarin with miconazole oral gel",
			[]Medication{warfarin, miconazole}, EffectLevelChange, []string{"ワルファリンカリウム", "ミコナゾール"}, "level-warfarin"},
		{"oxycodone with etizolam",
			[]Medication{oxycodone, etizolam}, EffectRespiratoryDepression, []string{"オキシコドン", "エチゾラム"}, "respiratory"},
		{"tramadol combination with pregabalin",
			[]Medication{tramadol, pregabalin}, EffectRespiratoryDepression, []string{"トラマドール・アセトアミノフェン", "プレガバリン"}, "respiratory"},
		{"methotrexate with loxoprofen",
			[]Medication{methotrexate, loxoprofen}, EffectMTXToxicity, []string{"メトトレキサート", "ロキソプロフェンナトリウム水和物"}, "mtx"},
		{"methotrexate with trimethoprim",
			[]Medication{methotrexate, stTablet}, EffectMTXToxicity, []string{"メトトレキサート", "スルファメトキサゾール・トリメトプリム"}, "mtx"},
		{"haloperidol and sotalol: two QT drugs",
			[]Medication{haloperidol, sotalol}, EffectQT, []string{"ハロペリドール", "ソタロール塩酸塩"}, "qt"},
		// None.
		{"one QT drug alone", []Medication{haloperidol}, "", nil, ""},
		{"a loxoprofen patch acts locally",
			[]Medication{lithium, pharm("2026-09-14", "はな整形外科", "ロキソニンテープ１００ｍｇ", "ロキソプロフェンナトリウム水和物", "1日1回", "1枚", 14, "枚", 14)}, "", nil, ""},
		{"loxoprofen ended in July",
			[]Medication{lithium, pharm("2026-07-01", "はな整形外科", "ロキソニン錠６０ｍｇ", "ロキソプロフェンナトリウム水和物", "1日3回毎食後", "1錠", 21, "錠", 7)}, "", nil, ""},
		{"an orexin antagonist is no benzodiazepine",
			[]Medication{oxycodone, pharm("2026-09-08", "こころクリニック", "デエビゴ錠５ｍｇ", "レンボレキサント", "1日1回就寝前", "1錠", 28, "錠", 28)}, "", nil, ""},
	}
	effects := map[Effect]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as := Alerts(&Record{Dispensing: tt.rows}, Normal, alertsOn)
			var got []Alert
			for _, a := range as {
				if a.Kind == AlertInteraction {
					got = append(got, a)
				}
			}
			if tt.effect == "" {
				if len(got) > 0 {
					t.Fatalf("interaction alerts %+v, want none", got)
				}
				return
			}
			effects[tt.effect] = true
			i := slices.IndexFunc(got, func(a Alert) bool { return a.Effect == tt.effect })
			if i < 0 {
				t.Fatalf("no %s alert in %v", tt.effect, got)
			}
			a := got[i]
			if !slices.Equal(a.Ingredients, tt.ingredients) || a.Advice != tt.advice || a.Severity != SeverityWarning {
				t.Errorf("got %v advice %s severity %s, want %v advice %s warning", a.Ingredients, a.Advice, a.Severity, tt.ingredients, tt.advice)
			}
			if len(a.Drugs) != len(tt.rows) || a.Status != StatusCurrent || a.CoveredThrough.IsZero() {
				t.Errorf("drugs %v status %s through %v: want every product, current, and when the shortest supply ends", a.Drugs, a.Status, a.CoveredThrough)
			}
		})
	}
	for _, in := range Interactions {
		if !effects[in.Effect] {
			t.Errorf("no case raises %s", in.Effect)
		}
	}
}

// Every row of the table says where it comes from.
func TestInteractionsCiteTheirSource(t *testing.T) {
	for _, in := range Interactions {
		if !strings.Contains(in.Source, "添付文書") && !strings.Contains(in.Source, "ガイドライン") && !strings.Contains(in.Source, "CredibleMeds") {
			t.Errorf("%s (%s): source %q names no package insert or guideline", in.Effect, in.Advice, in.Source)
		}
	}
}

// In emergency mode only rows inside the emergency windows count: a
// loxoprofen supply dispensed 60 days ago (outside the 45 days of
// dispensing results) that still runs today raises nothing there.
func TestInteractionsInEmergencyScope(t *testing.T) {
	rec := &Record{Dispensing: []Medication{
		lithium,
		pharm("2026-07-23", "はな整形外科", "ロキソニン錠６０ｍｇ", "ロキソプロフェンナトリウム水和物", "1日3回毎食後", "1錠", 270, "錠", 90),
	}}
	count := func(mode Mode) int {
		n := 0
		for _, a := range Alerts(rec, mode, alertsOn) {
			if a.Kind == AlertInteraction && a.Effect == EffectLithiumToxicity {
				n++
			}
		}
		return n
	}
	if n := count(Normal); n != 1 {
		t.Errorf("normal mode: %d lithium alerts, want 1", n)
	}
	if n := count(Emergency); n != 0 {
		t.Errorf("emergency mode: %d lithium alerts, want 0 (the NSAID row is outside the window)", n)
	}
}

// The first-hour classes of issue 20, from rows written by hand as a
// pharmacy writes them: self-injected biologics and JAK inhibitors under
// immunosuppressant, levodopa and dopamine agonists, clozapine; and names
// that only look like them.
func TestNewFirstHourClasses(t *testing.T) {
	tests := []struct {
		row      Medication
		kind     AlertKind // "" = no alert
		subclass string
	}{
		{pharm("2026-09-07", "リウマチ科", "エンブレル皮下注５０ｍｇペン１．０ｍＬ", "エタネルセプト（遺伝子組換え）", "週1回 皮下注射", "1キット", 4, "キット", 0), AlertImmunosuppressant, SubBiologic},
		{pharm("2026-09-07", "消化器内科", "ヒュミラ皮下注４０ｍｇペン０．４ｍＬ", "アダリムマブ（遺伝子組換え）", "2週に1回 皮下注射", "1キット", 2, "キット", 0), AlertImmunosuppressant, SubBiologic},
		{pharm("2026-09-07", "リウマチ科", "アクテムラ皮下注１６２ｍｇオートインジェクター", "トシリズマブ（遺伝子組換え）", "2週に1回 皮下注射", "1本", 2, "本", 0), AlertImmunosuppressant, SubBiologic},
		{pharm("2026-09-07", "リウマチ科", "オルミエント錠４ｍｇ", "バリシチニブ", "1日1回朝食後", "1錠", 28, "錠", 28), AlertImmunosuppressant, SubJAK},
		{pharm("2026-09-07", "脳神経内科", "ネオドパストン配合錠Ｌ１００", "レボドパ・カルビドパ水和物", "1日3回毎食後", "1錠", 84, "錠", 28), AlertParkinson, ""},
		{pharm("2026-09-07", "脳神経内科", "ミラペックスＬＡ錠１．５ｍｇ", "プラミペキソール塩酸塩水和物", "1日1回朝食後", "1錠", 28, "錠", 28), AlertParkinson, ""},
		{pharm("2026-09-07", "脳神経内科", "ニュープロパッチ４．５ｍｇ", "ロチゴチン", "1日1回 貼付", "1枚", 28, "枚", 28), AlertParkinson, ""},
		{pharm("2026-09-07", "精神科病院", "クロザリル錠１００ｍｇ", "クロザピン", "1日2回朝夕食後", "1錠", 56, "錠", 28), AlertClozapine, ""},
		// Look-alikes: methyldopa (an antihypertensive), droxidopa, dopamine.
		{pharm("2026-09-07", "内科", "メチルドパ錠２５０ｍｇ「ツルハラ」", "メチルドパ水和物", "1日3回毎食後", "1錠", 84, "錠", 28), "", ""},
		{pharm("2026-09-07", "脳神経内科", "ドプスＯＤ錠１００ｍｇ", "ドロキシドパ", "1日3回毎食後", "1錠", 84, "錠", 28), "", ""},
	}
	for _, tt := range tests {
		as := Alerts(&Record{Dispensing: []Medication{tt.row}}, Normal, alertsOn)
		if tt.kind == "" {
			if len(as) > 0 {
				t.Errorf("%s: alerts %v, want none", tt.row.Drug, kinds(as))
			}
			continue
		}
		if len(as) != 1 || as[0].Kind != tt.kind || as[0].Subclass != tt.subclass {
			t.Errorf("%s: alerts %v (subclass %q), want one %s/%s", tt.row.Drug, kinds(as), subclassOf(as), tt.kind, tt.subclass)
		}
	}
}

func subclassOf(as []Alert) string {
	if len(as) == 0 {
		return ""
	}
	return as[0].Subclass
}
