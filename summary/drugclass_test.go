package summary

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
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
}

// hypnoticPrefixes is domain.md §2's whole hypnotic/sedative/anxiolytic
// class, oral and rectal; injections (1124400 …) stay out.
var hypnoticPrefixes = strings.Fields(`1121001 1123001 1123700 1129004 1125001 1125002 1125003 1125004 1125006
	1125700 1124001 1124002 1124003 1124005 1124007 1124008 1124009 1124010 1124013 1124014 1124015 1124017
	1124020 1124021 1124022 1124023 1124025 1124028 1124029 1124030 1124700 1124701 1129006 1129007 1129009
	1129010 1179012 1179025 1190016 1190023 1190027 1190028 1190033`)

// The other first-hour dangers (issue 16), written from the MHLW list's
// 成分名 and 区分 column: the prefixes of every product of the class.
var otherPrefixes = map[Class]string{
	ClassHypoglycemic: `2492403 2492413 2492414 2492415 2492416 2492417 2492418 2492419 2492420 2492421 2492422 2492423
		2492424 2492500 3961003 3961004 3961006 3961007 3961008 3969006 3969008 3969013 3969101 3969102 3969500 3969501`,
	// GLP-1 and GIP/GLP-1 receptor agonists: pens and the oral semaglutide.
	ClassGLP1:  `2499014 2499410 2499416 2499418 2499422`,
	ClassSGLT2: `3969018 3969019 3969020 3969021 3969022 3969023 3969106 3969107 3969108`,
	// Systemic: oral, injected, the betamethasone suppository; not the enemas,
	// eye, mouth or skin forms.
	ClassSteroid: `2452001 2452002 2452003 2452400 2452402 2454002 2454003 2454004 2454402 2454404 2454405 2454407
		2454408 2454700 2456001 2456002 2456003 2456400 2456402 2456405 2459100`,
	// Oral forms only; oral anticancer agents are every oral product of
	// 薬効分類 42 but the endocrine therapies 4291003 4291005 4291007 4291009
	// 4291010 4291012 4291015 4291031 4291033 4291059 4291063.
	ClassImmunosuppressant: `3999002 3999004 3999005 3999014 3999016 3999017 3999020 3999022 3999034 3999043 3999046
		3999048 3999053 4211002 4221001 4222001 4223005 4229001 4229100 4229101 4291023 4291035 4490037
		4213002 4219002 4219003 4219004 4223004 4224001 4229002 4240001 4291002 4291004 4291006 4291011
		4291013 4291014 4291016 4291017 4291018 4291019 4291020 4291021 4291022 4291024 4291025 4291026
		4291027 4291028 4291029 4291030 4291032 4291034 4291036 4291037 4291038 4291039 4291041 4291042
		4291043 4291044 4291045 4291046 4291047 4291048 4291049 4291050 4291051 4291052 4291053 4291054
		4291055 4291056 4291057 4291058 4291060 4291061 4291062 4291064 4291065 4291066 4291067 4291068
		4291069 4291070 4291071 4291072 4291073 4291074 4291075 4291076 4291077 4291078 4291079 4291080
		4291081 4291082 4291083 4291084 4291085 4291086 4291087 4291088 4291089 4291090 4291091 4291092
		4291093 4299002 4299003 4299004 4299100
		3999424 3999448 3999451 3999426 3999457 3999459 3999463 3999472 3999433 3999437 2399402 2399403 2399404
		2399406 6399421 3999444 3999429 3999439 3999442 3999441 3999464 3999431 3999473 3999474 3999475 3999446
		3999450 2399407`,
	// Levodopa (alone and combined) and dopamine agonists, every route.
	ClassParkinson: `1164001 1164400 1169100 1169101 1169102 1169500 1169012 1169013 1169701 1169700 1169005 1169008
		1169011 1169400`,
	ClassClozapine: `1179049`,
	ClassAntiepileptic: `1131001 1132001 1132002 1133002 1135002 1137001 1139001 1139002 1139003 1139004 1139005
		1139006 1139007 1139008 1139009 1139010 1139011 1139012 1139013 1139014 1139015 1139016 1139017
		1139100 1139103 1139104 1139105`,
	ClassNarrowIndex: `1179017 2113003 2113004 2113005 2115001 2115002 2129010 2251001`,
	// Every route (patches, suppositories, home infusion); not apomorphine.
	ClassOpioid: `1149034 1149038 1149117 1149400 1149401 1149403 1149703 1149704 2229114 2242001 2242002 8114002
		8114003 8114004 8114005 8114401 8114402 8114700 8115001 8115002 8115003 8115004 8119002 8119003
		8119400 8119401 8119500 8119504 8119505 8211001 8211400 8219001 8219002 8219400 8219401 8219501
		8219502 8219700 8219701`,
}

func init() {
	for _, p := range hypnoticPrefixes {
		expectedByPrefix[p] = ClassHypnotic
	}
	for c, ps := range otherPrefixes {
		for _, p := range strings.Fields(ps) {
			expectedByPrefix[p] = c
		}
		classesUnderTest = append(classesUnderTest, c)
	}
}

type product struct{ code, ingredient, strength, name string }

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
		ps = append(ps, product{code: r[1], ingredient: r[2], strength: r[3], name: r[7]})
	}
	return ps
}

// classesUnderTest are the classes whose recall and precision on the real
// list must be 1.
var classesUnderTest = []Class{ClassAnticoagulant, ClassAntiplatelet, ClassHypnotic}

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
			for _, c := range classesUnderTest {
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

// specRe reads the list's 規格 column: 5mg1錠, 1%1g, 10%1mL, 5mg1mL1包, 1g.
var specRe = regexp.MustCompile(`^(?:([0-9.]+)MG|([0-9.]+)%)?(?:[0-9.]+ML)?1(錠|カプセル|G|ML|個|筒|包)$`)

// Every product whose dose is counted (hypnotics; oral and rectal systemic
// steroids), read as a row would carry it (product name, code and the unit
// of its quantity), has the strength per unit of the 規格 column.
func TestDoseStrengthsFromTheRealList(t *testing.T) {
	n := 0
	for _, p := range realList(t) {
		dc := Classify(p.code)
		if dc.Class != ClassHypnotic && !(dc.Class == ClassSteroid && CodeOf(p.code).Route() != RouteInjection) {
			continue
		}
		s := specRe.FindStringSubmatch(fold(p.strength))
		if s == nil {
			t.Errorf("%s %s: 規格 %q not understood", p.code, p.name, p.strength)
			continue
		}
		got := unitMg(Medication{Code: p.code, Drug: p.name, Unit: s[3]}, dc)
		if s[1] == "" && s[2] == "" && s[3] != "G" {
			// A combination (セレスタミン配合錠 1錠): 規格 gives no strength; the
			// table must know the counted ingredient's.
			if got <= 0 {
				t.Errorf("%s %s: no strength for the combination", p.code, p.name)
			}
			continue
		}
		want := 1000.0 // 1g of bulk substance
		switch {
		case s[1] != "":
			want, _ = strconv.ParseFloat(s[1], 64)
		case s[2] != "":
			pct, _ := strconv.ParseFloat(s[2], 64)
			want = pct * 10
		}
		n++
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s %s (%s): %v mg per %s, want %v", p.code, p.name, p.strength, got, s[3], want)
		}
	}
	if n < 200 {
		t.Errorf("only %d hypnotic products checked", n)
	}
}
