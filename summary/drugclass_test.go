package summary

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"kyukyu/internal/sharedfiles"
	"kyukyu/internal/testenv"
)

func TestClassifyExamples(t *testing.T) {
	tests := []struct {
		code, name string
		class      Class
		subclass   string
		ingredient string
	}{
		// By name only, as rows arrive: full-width, half-width, brands.
		{"", "ワーファリン錠１ｍｇ", ClassAnticoagulant, SubVKA, "ワルファリンカリウム"},
		{"", "ﾜｰﾌｧﾘﾝ錠1mg", ClassAnticoagulant, SubVKA, "ワルファリンカリウム"},
		{"", "エリキュース錠2.5mg", ClassAnticoagulant, SubXa, "アピキサバン"},
		{"", "リクシアナＯＤ錠３０ｍｇ", ClassAnticoagulant, SubXa, "エドキサバン"},
		{"", "イグザレルト錠15mg", ClassAnticoagulant, SubXa, "リバーロキサバン"},
		{"", "プラザキサカプセル110mg", ClassAnticoagulant, SubThrombin, "ダビガトラン"},
		{"", "ノバスタンＨＩ注１０ｍｇ／２ｍＬ", ClassAnticoagulant, SubThrombin, "アルガトロバン"},
		{"", "クレキサン皮下注キット2000IU", ClassAnticoagulant, SubLMWH, "エノキサパリンナトリウム"},
		{"", "ダルテパリンナトリウム5,000低分子ヘパリン国際単位注射液", ClassAnticoagulant, SubLMWH, "ダルテパリンナトリウム"},
		{"", "ヘパリンＮａロック用１００単位／ｍＬシリンジ「オーツカ」１０ｍＬ", ClassAnticoagulant, SubFlush, "ヘパリンナトリウム"},
		{"", "ヘパフラッシュ10単位/mLシリンジ5mL", ClassAnticoagulant, SubFlush, "ヘパリンナトリウム"},
		{"", "ヘパリンNa透析用250単位/mLシリンジ20mL「ニプロ」", ClassAnticoagulant, SubHeparin, "ヘパリンナトリウム"},
		{"", "ヘパリンＣａ皮下注２万単位／０．８ｍＬ「サワイ」", ClassAnticoagulant, SubHeparin, "ヘパリンカルシウム"},
		{"", "【般】ワルファリンK錠1mg", ClassAnticoagulant, SubVKA, "ワルファリンカリウム"},
		{"", "バイアスピリン錠100mg", ClassAntiplatelet, "", "アスピリン"},
		{"", "アスピリン腸溶錠100mg「JG」", ClassAntiplatelet, "", "アスピリン"},
		{"", "コンプラビン配合錠", ClassAntiplatelet, "", "クロピドグレル・アスピリン"},
		{"", "クロピドグレル錠75mg「サワイ」", ClassAntiplatelet, "", "クロピドグレル"},
		{"", "マイスリー錠5mg", ClassHypnotic, "", "ゾルピデム"},
		{"", "ルネスタ錠2mg", ClassHypnotic, "", "エスゾピクロン"},
		{"", "エスゾピクロン錠2mg「サワイ」", ClassHypnotic, "", "エスゾピクロン"},
		{"", "アモバン錠7.5", ClassHypnotic, "", "ゾピクロン"},
		{"", "サイレース静注２ｍｇ", ClassNone, "", ""},
		// Traps.
		{"", "ヒルドイドソフト軟膏0.3%", ClassNone, "", "ヘパリン類似物質"},
		{"", "ヘパリン類似物質クリーム0.3%「日医工」", ClassNone, "", "ヘパリン類似物質"},
		{"", "アスピリン「ホエイ」", ClassNone, "", ""},
		{"", "プリズバインド静注液2.5g", ClassNone, "", "イダルシズマブ"},
		{"", "オンデキサ静注用200mg", ClassNone, "", "アンデキサネット アルファ"},
		{"", "ロキソニン錠60mg", ClassNone, "", ""},
		{"", "", ClassNone, "", ""},
		// By code: YJ, 一般名処方, full-width.
		{"3332001F1130", "", ClassAnticoagulant, SubVKA, "ワルファリンカリウム"},
		{"3339004F1ZZZ", "", ClassAnticoagulant, SubXa, "アピキサバン"},
		{"３３３９００１Ｍ２０２０", "", ClassAnticoagulant, SubThrombin, "ダビガトラン"},
		{"3334402G1048", "", ClassAnticoagulant, SubFlush, "ヘパリンナトリウム"},
		{"3334402P2028", "", ClassAnticoagulant, SubHeparin, "ヘパリンナトリウム"},
		{"3399008F2021", "", ClassAntiplatelet, "", "クロピドグレル"},
		{"1129009F1025", "", ClassHypnotic, "", "ゾルピデム"},
		{"3339950M1137", "ヒルドイドソフト軟膏", ClassNone, "", "ヘパリン類似物質"},
		{"2649950M1143", "", ClassNone, "", "ヘパリン類似物質"},
		{"1143001X1040", "アスピリン", ClassNone, "", "アスピリン"},
		{"3399412A1027", "", ClassNone, "", "イダルシズマブ"},
		{"3399414D1022", "", ClassNone, "", "アンデキサネット アルファ"},
		{"3399004M1026", "エパデールカプセル300", ClassNone, "", ""},
		// The code wins over a misleading name; an unlisted code leaves the name to decide.
		{"1143001X1040", "バイアスピリン", ClassNone, "", "アスピリン"},
		{"9999999F9999", "ワーファリン錠1mg", ClassAnticoagulant, SubVKA, "ワルファリンカリウム"},
		{"620000001", "エリキュース錠5mg", ClassAnticoagulant, SubXa, "アピキサバン"},
	}
	for _, tt := range tests {
		dc := Classify(tt.code, tt.name)
		if dc.Class != tt.class || dc.Subclass != tt.subclass || dc.Ingredient != tt.ingredient {
			t.Errorf("Classify(%q, %q) = %s/%s/%s, want %s/%s/%s", tt.code, tt.name,
				dc.Class, dc.Subclass, dc.Ingredient, tt.class, tt.subclass, tt.ingredient)
		}
	}
}

func TestClassifyMedicationUsesIngredient(t *testing.T) {
	m := Medication{Drug: "院内製剤A", Ingredient: "ワルファリンカリウム"}
	Classifier{}.Medication(&m)
	if m.Class != ClassAnticoagulant || m.Subclass != SubVKA {
		t.Fatalf("class %s/%s, want anticoagulant/vka from the ingredient", m.Class, m.Subclass)
	}
}

func TestCheckCode(t *testing.T) {
	for _, ok := range []string{"", "3332001F1130", "3332001F1ZZZ", "620000001", "1234567890123", "３３３２００１Ｆ１１３０"} {
		if err := CheckCode(ok); err != nil {
			t.Errorf("CheckCode(%q) = %v, want nil", ok, err)
		}
	}
	for _, bad := range []string{"3332001", "333200111130", "3332001F113", "ABC", "62000000X", "3332001F1130X"} {
		if err := CheckCode(bad); err == nil {
			t.Errorf("CheckCode(%q) = nil, want an error", bad)
		}
	}
}

// expectedByPrefix is the oracle of the real-list test, written from
// domain.md §2 independently of DrugClasses: the class every product of a
// 7-character YJ prefix must get.
var expectedByPrefix = map[string]Class{
	"3332001": ClassAnticoagulant, "3339001": ClassAnticoagulant, "3339002": ClassAnticoagulant,
	"3339003": ClassAnticoagulant, "3339004": ClassAnticoagulant, "3334400": ClassAnticoagulant,
	"3334401": ClassAnticoagulant, "3334402": ClassAnticoagulant, "3334403": ClassAnticoagulant,
	"3334404": ClassAnticoagulant, "3334406": ClassAnticoagulant, "3339400": ClassAnticoagulant,
	"2190408": ClassAnticoagulant,
	"3399007": ClassAntiplatelet, "3399100": ClassAntiplatelet, "3399008": ClassAntiplatelet,
	"3399009": ClassAntiplatelet, "3399011": ClassAntiplatelet, "3399002": ClassAntiplatelet,
	"3399001": ClassAntiplatelet, "3399101": ClassAntiplatelet, "3399102": ClassAntiplatelet,
	"3399103": ClassAntiplatelet,
	"1129009": ClassHypnotic, "1129010": ClassHypnotic, "1129007": ClassHypnotic,
	"1124007": ClassHypnotic, "1124009": ClassHypnotic, "1124008": ClassHypnotic,
	"1124030": ClassHypnotic, "1190023": ClassHypnotic, "1190027": ClassHypnotic,
}

type product struct{ code, ingredient, name string }

// realList reads the MHLW list from the shared folder, or skips.
func realList(tb testing.TB) []product {
	tb.Helper()
	dir, ok := sharedfiles.Dir()
	if !ok {
		testenv.Unavailable(tb, "shared folder (../shared beside the module, or $KYUKYU_SHARED) is absent: the real MHLW list test needs it")
	}
	f, err := os.Open(filepath.Join(dir, "data", "mhlw-yakka-list-2025-07-16.csv"))
	if err != nil {
		tb.Fatalf("shared folder present but the MHLW list is not readable: %v", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatalf("MHLW list: %v", err)
	}
	var ps []product
	for _, r := range rows[1:] { // header: 区分,薬価基準収載医薬品コード,成分名,規格,…,品名
		ps = append(ps, product{code: r[1], ingredient: r[2], name: r[7]})
	}
	return ps
}

func TestRealListByCodeAndByName(t *testing.T) {
	ps := realList(t)
	if len(ps) != 12434 {
		t.Fatalf("MHLW list has %d products, want 12434", len(ps))
	}
	ways := []struct {
		name     string
		classify func(product) *DrugClass
	}{
		{"code", func(p product) *DrugClass { return Classify(p.code) }},
		{"product name", func(p product) *DrugClass { return Classify("", p.name) }},
	}
	for _, way := range ways {
		t.Run(way.name, func(t *testing.T) {
			type counts struct{ expected, got, right int }
			per := map[Class]*counts{}
			for _, c := range []Class{ClassAnticoagulant, ClassAntiplatelet, ClassHypnotic} {
				per[c] = &counts{}
			}
			wrong := 0
			for _, p := range ps {
				want, ok := expectedByPrefix[p.code[:7]]
				if !ok {
					want = ClassNone
				}
				got := way.classify(p).Class
				if c := per[want]; c != nil {
					c.expected++
					if got == want {
						c.right++
					}
				}
				if c := per[got]; c != nil {
					c.got++
				}
				if got != want && wrong < 20 {
					wrong++
					t.Errorf("%s %s (%s): %s, want %s", p.code, p.name, p.ingredient, got, want)
				}
			}
			for c, n := range per {
				if n.expected == 0 {
					t.Errorf("%s: the list has no product of this class; the oracle is wrong", c)
					continue
				}
				recall := float64(n.right) / float64(n.expected)
				precision := float64(n.right) / float64(max(n.got, 1))
				t.Logf("by %s: %-13s %4d products, recall %.4f precision %.4f", way.name, c, n.expected, recall, precision)
				if n.right != n.expected || n.got != n.expected {
					t.Errorf("by %s: %s recall %.4f precision %.4f, want 1 and 1", way.name, c, recall, precision)
				}
			}
		})
	}
	// Code and name must agree on the row, so on subclass and ingredient too
	// (lock/flush syringes against dialysis heparin, each DOAC's reversal).
	for _, p := range ps {
		byCode, byName := Classify(p.code), Classify("", p.name)
		if byCode.Class != ClassNone && byCode != byName {
			t.Errorf("%s %s: by code %s/%s, by name %s/%s", p.code, p.name,
				byCode.Ingredient, byCode.Subclass, byName.Ingredient, byName.Subclass)
		}
	}
}
