package training

import (
	_ "embed"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"

	"kyukyu/summary"
)

// The training patients are synthetic: invented names, institutions and
// numbers. Only the drug names and codes are real (drugs.tsv).

// Case is a training patient as the picker shows it.
type Case struct {
	ID      string
	Name    string
	Teaches string
}

type drug struct{ code, ingredient, name, unit string }

//go:embed drugs.tsv
var drugsTSV string

var drugs = parseDrugs(drugsTSV)

func parseDrugs(tsv string) map[string]drug {
	m := map[string]drug{}
	for _, line := range strings.Split(tsv, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			panic("training: drugs.tsv line has not 5 fields: " + line)
		}
		m[f[0]] = drug{f[1], f[2], f[3], f[4]}
	}
	return m
}

type visitDef struct {
	inst, month string
	setting     summary.Setting
}

type medDef struct {
	when, inst, prescriber, drug string
	setting                      summary.Setting
	usage, dose, instruction     string
	amount                       float64
	days                         int
	quantity                     string
}

type procDef struct {
	when, inst, name, code string
	setting                summary.Setting
}

type checkupDef struct {
	when, inst string
	results    []summary.CheckupResult
}

type patientDef struct {
	Case
	kana, birth string
	sex         summary.Sex
	ins         summary.Insurance
	visits      []visitDef
	dispensing  []medDef
	meds        []medDef
	surgeries   []procDef
	procedures  []procDef
	dialysis    []procDef
	checkups    []checkupDef
	// bulk adds rows too many to build just to list the patients (the
	// heavy patient's thousands); seeding and the dataset hash take them.
	bulk func(*patientDef)
}

// complete is p with its bulk rows.
func (p patientDef) complete() patientDef {
	if p.bulk != nil {
		p.bulk(&p)
		p.bulk = nil
	}
	return p
}

// oral is a per-day oral prescription: perDay units a day for days.
func oral(when, setting, inst, prescriber, key, usage string, perDose float64, perDay float64, days int) medDef {
	d := drugs[key]
	return medDef{
		when: when, setting: summary.Setting(setting), inst: inst, prescriber: prescriber, drug: key, usage: usage,
		dose: fmt.Sprintf("%s%s", num(perDose), d.unit), amount: perDay * float64(days), days: days,
		quantity: fmt.Sprintf("%s%s %d日分", num(perDose), d.unit, days),
	}
}

// once is a quantity supplied once (ointment, inhaler, injection).
func once(when, setting, inst, prescriber, key, usage, dose string, amount float64, quantity string) medDef {
	return medDef{when: when, setting: summary.Setting(setting), inst: inst, prescriber: prescriber, drug: key,
		usage: usage, dose: dose, amount: amount, quantity: quantity}
}

// taper is one step of a taper as pharmacies write it: the same drug on the
// same date, the 特別指示 naming the step's days, 7 days a step.
func taper(when, inst, prescriber, key string, perDay float64, days string) medDef {
	d := oral(when, rx, inst, prescriber, key, "1日1回朝食後", perDay, perDay, 7)
	d.instruction = days
	return d
}

func result(code, name, value, unit string) summary.CheckupResult {
	return summary.CheckupResult{Code: code, Name: name, Value: value, Unit: unit}
}

func num(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", f), "0"), ".")
}

// insurance makes a valid synthetic insurance identity from the body of a
// 保険者番号 (all digits but the check digit).
func insurance(body, symbol, number string) summary.Insurance {
	c, err := summary.InsurerCheckDigit(body)
	if err != nil {
		panic(err)
	}
	return summary.Insurance{InsurerNumber: fmt.Sprintf("%s%d", body, c), Symbol: symbol, Number: number, Branch: "00"}
}

const (
	in  = "入院"
	out = "外来"
	rx  = "院外"
)

// monthly repeats a visit over the last n months (0 = this month).
func monthly(inst string, from, n int) []visitDef {
	var v []visitDef
	for i := from; i < from+n; i++ {
		v = append(v, visitDef{inst, monthsAgo(i), summary.Outpatient})
	}
	return v
}

// definitions are the patients without their bulk rows, built once per
// process for the picker and the lists of IDs. Callers only read them.
var definitions = sync.OnceValue(func() []patientDef { return append(buildDefinitions(), alertPatients()...) })

// completeDefinitions are the patients with every row, for seeding and for
// the dataset hash: built when a store is checked, at most once.
var completeDefinitions = sync.OnceValue(func() []patientDef {
	var ps []patientDef
	for _, p := range definitions() {
		ps = append(ps, p.complete())
	}
	return ps
})

func buildDefinitions() []patientDef {
	return []patientDef{
		{
			Case: Case{"shinryo-taro", "診療 太郎", "国の表示イメージそのもの（作成日 2022-08-26 で見本どおりの行）"},
			kana: "シンリョウ タロウ", birth: "1962-05-21", sex: summary.SexMale,
			// The sample's dummy number: its check digit is wrong on purpose.
			ins: summary.Insurance{InsurerNumber: "12345678", Symbol: "1234567", Number: "12345", Branch: "00"},
			visits: []visitDef{
				{"資格クリニック", "2022-07", summary.Outpatient},
				{"資格医院", "2022-06", summary.Outpatient},
				{"資格医院", "2022-03", summary.Outpatient}, // outside 3 months: only in the normal view
			},
			dispensing: []medDef{
				once("2022-08-02", rx, "テスト薬局", "テスト病院", "flutiform", "1日2回朝夕食後・吸入", "1吸入", 42, "42吸引"),
			},
			meds: []medDef{
				once("2022-07-19", out, "資格クリニック", "", "gentamicin", "", "", 10, "10g 1処方分"),
				oral("2022-06-18", rx, "オンライン薬局", "資格医院", "myslee5", "1日1回就寝前服用", 1, 1, 14),
			},
		},
		{
			Case: Case{"warfarin-head-injury", "救急 一郎", "転倒して頭部外傷、ワルファリン90日分が45日の窓の外でも今日まで効いている"},
			kana: "キュウキュウ イチロウ", birth: born(81, "03-14"), sex: summary.SexMale,
			ins:    insurance("0613001", "港01", "4021"),
			visits: append(monthly("さくら内科クリニック", 0, 12), visitDef{"みなと総合病院", monthsAgo(7), summary.Outpatient}),
			// One 90-day dispensing, seen in the dispensing results and in the
			// receipts on the same day: counted once.
			dispensing: []medDef{
				oral(monthDay(2, "05"), rx, "ひかり薬局", "さくら内科クリニック", "warfarin1", "1日1回朝食後", 3, 3, 90),
				oral(monthDay(2, "05"), rx, "ひかり薬局", "さくら内科クリニック", "amlodin5", "1日1回朝食後", 1, 1, 90),
			},
			meds: []medDef{
				oral(monthDay(2, "05"), rx, "ひかり薬局", "さくら内科クリニック", "warfarin1", "1日1回朝食後", 3, 3, 90),
				oral(monthDay(2, "05"), rx, "ひかり薬局", "さくら内科クリニック", "amlodin5", "1日1回朝食後", 1, 1, 90),
				once(monthDay(1, "12"), out, "さくら内科クリニック", "", "hirudoid", "1日2回 患部に塗布", "", 25, "25g 1処方分"),
			},
			procedures: []procDef{{monthDay(1, "12"), "さくら内科クリニック", "プロトロンビン時間（PT）", "D006", summary.Outpatient}},
			checkups: []checkupDef{{monthDay(11, "20"), "みなと健診センター", []summary.CheckupResult{
				result("9A755000000000001", "収縮期血圧", "148", "mmHg"), result("3D046000001906202", "HbA1c（NGSP）", "6.1", "%"),
				result("3F077000002327101", "LDLコレステロール", "122", "mg/dL")}}},
		},
		{
			Case: Case{"dabigatran-af", "救急 二郎", "心房細動でダビガトラン。拮抗薬はイダルシズマブ"},
			kana: "キュウキュウ ジロウ", birth: born(74, "11-02"), sex: summary.SexMale,
			ins:    insurance("0627001", "浪02", "118"),
			visits: monthly("なにわ循環器クリニック", 0, 6),
			dispensing: []medDef{
				oral(daysAgo(20), rx, "なにわ薬局", "なにわ循環器クリニック", "prazaxa110", "1日2回朝夕食後", 1, 2, 28),
				oral(daysAgo(20), rx, "なにわ薬局", "なにわ循環器クリニック", "mainte25", "1日1回朝食後", 1, 1, 28),
			},
		},
		{
			Case: Case{"rivaroxaban-dvt", "救急 三恵", "深部静脈血栓症でリバーロキサバン。拮抗薬はアンデキサネット アルファ"},
			kana: "キュウキュウ ミエ", birth: born(58, "06-30"), sex: summary.SexFemale,
			ins:    insurance("0614001", "横03", "77"),
			visits: []visitDef{{"はまかぜ病院", monthsAgo(0), summary.Outpatient}, {"はまかぜ病院", monthsAgo(1), summary.Inpatient}},
			dispensing: []medDef{
				oral(daysAgo(10), rx, "みなとみらい薬局", "はまかぜ病院", "xarelto15", "1日2回朝夕食後", 1, 2, 21),
			},
			meds: []medDef{oral(monthDay(1, "03"), in, "はまかぜ病院", "", "xarelto15", "1日2回朝夕食後", 1, 2, 7)},
		},
		{
			Case: Case{"apixaban-stroke", "救急 四郎", "脳梗塞後にアピキサバン。受診歴からかかりつけに電話する"},
			kana: "キュウキュウ シロウ", birth: born(69, "01-21"), sex: summary.SexMale,
			ins:    insurance("0623001", "名04", "9001"),
			visits: append(monthly("ひまわり脳神経クリニック", 0, 10), monthly("ひまわり歯科", 3, 2)...),
			dispensing: []medDef{
				oral(daysAgo(40), rx, "ひまわり薬局", "ひまわり脳神経クリニック", "eliquis5", "1日2回朝夕食後", 1, 2, 56),
				oral(daysAgo(40), rx, "ひまわり薬局", "ひまわり脳神経クリニック", "atorvastatin10", "1日1回夕食後", 1, 1, 56),
			},
		},
		{
			Case: Case{"edoxaban-elderly", "救急 五子", "高齢でエドキサバン30mg。拮抗薬はアンデキサネット アルファ"},
			kana: "キュウキュウ イツコ", birth: born(88, "08-08"), sex: summary.SexFemale,
			ins:    insurance("3913001", "", "50012"),
			visits: monthly("もみじ内科医院", 0, 12),
			meds: []medDef{
				oral(monthDay(1, "10"), rx, "もみじ薬局", "もみじ内科医院", "lixiana30", "1日1回朝食後", 1, 1, 60),
				oral(monthDay(1, "10"), rx, "もみじ薬局", "もみじ内科医院", "candesartan8", "1日1回朝食後", 1, 1, 60),
			},
		},
		{
			Case: Case{"dapt-stent", "救急 六太", "冠動脈ステント後の抗血小板薬2剤併用（DAPT）"},
			kana: "キュウキュウ ロクタ", birth: born(63, "12-01"), sex: summary.SexMale,
			ins:    insurance("0601001", "札05", "3141"),
			visits: []visitDef{{"北斗ハートセンター", monthsAgo(2), summary.Inpatient}, {"北斗ハートセンター", monthsAgo(1), summary.Outpatient}, {"北斗ハートセンター", monthsAgo(0), summary.Outpatient}},
			dispensing: []medDef{
				oral(daysAgo(14), rx, "すずらん薬局", "北斗ハートセンター", "aspirin100", "1日1回朝食後", 1, 1, 30),
				oral(daysAgo(14), rx, "すずらん薬局", "北斗ハートセンター", "plavix75", "1日1回朝食後", 1, 1, 30),
				oral(daysAgo(14), rx, "すずらん薬局", "北斗ハートセンター", "lansoprazole15", "1日1回朝食後", 1, 1, 30),
			},
			surgeries: []procDef{{monthDay(2, "09"), "北斗ハートセンター", "経皮的冠動脈ステント留置術（その他のもの）", "K549-3", summary.Inpatient}},
		},
		{
			Case: Case{"zolpidem-many-clinics", "救急 七海", "6か所からゾルピデムが重複、1日量が上限10mgの12倍"},
			kana: "キュウキュウ ナナミ", birth: born(46, "04-04"), sex: summary.SexFemale,
			ins: insurance("0613002", "東07", "808"),
			visits: []visitDef{
				{"あおば心療内科", monthsAgo(0), summary.Outpatient}, {"いろは内科", monthsAgo(0), summary.Outpatient},
				{"うみべクリニック", monthsAgo(1), summary.Outpatient}, {"えきまえ医院", monthsAgo(0), summary.Outpatient},
				{"おおぞら診療所", monthsAgo(1), summary.Outpatient}, {"かえでメンタルクリニック", monthsAgo(0), summary.Outpatient},
			},
			dispensing: []medDef{
				oral(daysAgo(3), rx, "あおば薬局", "あおば心療内科", "myslee10", "1日1回就寝前", 2, 2, 30),
				oral(daysAgo(7), rx, "いろは薬局", "いろは内科", "zolpidem10afp", "1日1回就寝前", 2, 2, 30),
				oral(daysAgo(10), rx, "うみべ薬局", "うみべクリニック", "myslee10", "1日1回就寝前", 2, 2, 30),
				oral(daysAgo(15), rx, "えきまえ薬局", "えきまえ医院", "zolpidem10afp", "1日1回就寝前", 2, 2, 30),
				oral(daysAgo(20), rx, "おおぞら薬局", "おおぞら診療所", "myslee10", "1日1回就寝前", 2, 2, 30),
				oral(daysAgo(25), rx, "かえで薬局", "かえでメンタルクリニック", "zolpidem10afp", "1日1回就寝前", 2, 2, 30),
				oral(daysAgo(25), rx, "かえで薬局", "かえでメンタルクリニック", "lendormin", "1日1回就寝前", 1, 1, 30),
			},
		},
		{
			Case: Case{"dialysis-hd", "救急 八郎", "週3回の血液透析。透析時のヘパリンとシャント"},
			kana: "キュウキュウ ハチロウ", birth: born(67, "09-09"), sex: summary.SexMale,
			ins:       insurance("0640001", "福08", "2525"),
			visits:    monthly("ながれ透析クリニック", 0, 12),
			meds:      dialysisMeds(),
			dialysis:  dialysisSessions(),
			surgeries: []procDef{{monthDay(2, "15"), "ながれ透析クリニック", "経皮的シャント拡張術・血栓除去術（初回）", "K616-4", summary.Outpatient}},
		},
		{
			Case: Case{"surgery-history", "救急 九美", "手術歴 1年前・4年前・6年前（6年前は5年の窓の外）"},
			kana: "キュウキュウ クミ", birth: born(55, "02-28"), sex: summary.SexFemale,
			ins:    insurance("0611001", "埼09", "1234"),
			visits: []visitDef{{"けやき総合病院", monthsAgo(1), summary.Outpatient}},
			surgeries: []procDef{
				{monthDay(12, "15"), "けやき総合病院", "腹腔鏡下胆嚢摘出術", "K672-2", summary.Inpatient},
				{monthDay(48, "07"), "けやき総合病院", "人工関節置換術（股）", "K082", summary.Inpatient},
				{monthDay(72, "20"), "むさしの病院", "虫垂切除術（虫垂周囲膿瘍を伴わないもの）", "K718", summary.Inpatient},
			},
			meds: []medDef{oral(monthDay(1, "20"), rx, "けやき薬局", "けやき総合病院", "loxonin60", "1日3回毎食後", 1, 3, 7)},
		},
		{
			Case: Case{"child-asthma", "救急 とわ", "5歳の小児喘息。体重あたりの量に注意"},
			kana: "キュウキュウ トワ", birth: born(5, "07-07"), sex: summary.SexFemale,
			ins:    summary.Insurance{InsurerNumber: "138222", Symbol: "", Number: "770123", Branch: "03"},
			visits: []visitDef{{"こどもの森小児科", monthsAgo(0), summary.Outpatient}, {"こどもの森小児科", monthsAgo(2), summary.Outpatient}},
			dispensing: []medDef{
				oral(daysAgo(5), rx, "もり薬局", "こどもの森小児科", "singulair4", "1日1回就寝前", 1, 1, 14),
				oral(daysAgo(5), rx, "もり薬局", "こどもの森小児科", "flomox", "1日3回毎食後", 0.3, 0.9, 5),
				once(daysAgo(5), rx, "もり薬局", "こどもの森小児科", "calonal200", "発熱時（38.5℃以上）", "0.5錠", 2.5, "0.5錠 5回分"),
			},
		},
		heavyPatient(),
		rareKanjiPatient(),
		{
			Case: Case{"no-records", "救急 空", "記録がひとつもない患者（該当なしの表示）"},
			kana: "キュウキュウ ソラ", birth: born(30, "10-10"), sex: summary.SexNotApplicable,
			ins: insurance("0613003", "東10", "1"),
		},
		{
			Case: Case{"window-boundaries", "境界 確認", "すべての期間の初日と最終日は表示、その前日は非表示"},
			kana: "キョウカイ カクニン", birth: born(50, "01-01"), sex: summary.SexMale,
			ins: insurance("0613004", "境", "100"),
			visits: []visitDef{
				{"境界クリニック（3か月の初月）", monthsAgo(2), summary.Outpatient},
				{"境界クリニック（3か月の前月）", monthsAgo(3), summary.Outpatient},
				{"境界クリニック（5年の初月）", monthsAgo(59), summary.Outpatient},
				{"境界クリニック（5年の前月）", monthsAgo(60), summary.Outpatient},
			},
			dispensing: []medDef{
				oral(daysAgo(0), rx, "境界薬局（作成日）", "境界クリニック", "mucosta100", "1日3回毎食後", 1, 3, 7),
				oral(daysAgo(44), rx, "境界薬局（45日の初日）", "境界クリニック", "mucosta100", "1日3回毎食後", 1, 3, 7),
				oral(daysAgo(45), rx, "境界薬局（45日の前日）", "境界クリニック", "mucosta100", "1日3回毎食後", 1, 3, 7),
				oral(daysAgo(99), rx, "境界薬局（100日の初日）", "境界クリニック", "mucosta100", "1日3回毎食後", 1, 3, 7),
				oral(daysAgo(100), rx, "境界薬局（100日の前日）", "境界クリニック", "mucosta100", "1日3回毎食後", 1, 3, 7),
				oral(daysAgo(-1), rx, "境界薬局（作成日の翌日）", "境界クリニック", "mucosta100", "1日3回毎食後", 1, 3, 7),
			},
			meds: []medDef{
				oral(monthDay(2, "1"), out, "境界クリニック（3か月の初日）", "", "mucosta100", "1日3回毎食後", 1, 3, 7),
				oral(monthDay(3, "L"), out, "境界クリニック（3か月の前日）", "", "mucosta100", "1日3回毎食後", 1, 3, 7),
				oral(monthDay(59, "1"), out, "境界クリニック（5年の初日）", "", "mucosta100", "1日3回毎食後", 1, 3, 7),
				oral(monthDay(60, "L"), out, "境界クリニック（5年の前日）", "", "mucosta100", "1日3回毎食後", 1, 3, 7),
			},
			surgeries: []procDef{
				{monthDay(59, "1"), "境界病院（5年の初日）", "皮膚切開術", "K001", summary.Inpatient},
				{monthDay(60, "L"), "境界病院（5年の前日）", "皮膚切開術", "K001", summary.Inpatient},
			},
			procedures: []procDef{
				{monthDay(2, "1"), "境界クリニック（3か月の初日）", "創傷処置", "J000", summary.Outpatient},
				{monthDay(3, "L"), "境界クリニック（3か月の前日）", "創傷処置", "J000", summary.Outpatient},
			},
			dialysis: []procDef{
				{monthDay(2, "1"), "境界透析（3か月の初日）", "人工腎臓（慢性維持透析を行った場合１）（４時間未満）", "J038", summary.Outpatient},
				{monthDay(3, "L"), "境界透析（3か月の前日）", "人工腎臓（慢性維持透析を行った場合１）（４時間未満）", "J038", summary.Outpatient},
			},
			checkups: []checkupDef{
				{daysAgo(0), "境界健診（作成日）", []summary.CheckupResult{result("9A755000000000001", "収縮期血圧", "128", "mmHg")}},
				{monthDay(59, "1"), "境界健診（5年の初日）", nil},
				{monthDay(60, "L"), "境界健診（5年の前日）", nil},
			},
		},
	}
}

// dialysisSessions is three sessions a week for the last four months.
func dialysisSessions() []procDef {
	var p []procDef
	for d := 1; d <= 120; d++ {
		if d%7 == 1 || d%7 == 3 || d%7 == 5 {
			p = append(p, procDef{daysAgo(d), "ながれ透析クリニック", "人工腎臓（慢性維持透析を行った場合１）（４時間以上５時間未満）", "J038", summary.Outpatient})
		}
	}
	return p
}

func dialysisMeds() []medDef {
	var m []medDef
	for i := 0; i < 4; i++ {
		m = append(m,
			once(monthDay(i, "1"), out, "ながれ透析クリニック", "", "heparinHD", "透析時 回路内", "1管", 13, "13管"),
			oral(monthDay(i, "1"), rx, "ながれ薬局", "ながれ透析クリニック", "fosrenol", "1日3回毎食直後", 1, 3, 30))
	}
	return m
}

// heavyPatient is the load case: about 2,700 receipt drug rows over five
// years from a clinic, a hospital and two pharmacies, deterministic.
func heavyPatient() patientDef {
	return patientDef{
		Case: Case{"heavy-elderly-polypharmacy", "救急 百歳", "5年で2,000行を超える多剤併用（表示と印刷の負荷）"},
		kana: "キュウキュウ モモトセ", birth: born(92, "05-05"), sex: summary.SexFemale,
		ins: insurance("3913002", "", "90001"), bulk: heavyRows,
	}
}

// heavyRows are the heavy patient's rows, its bulk.
func heavyRows(p *patientDef) {
	rng := rand.New(rand.NewPCG(2026, 11))
	regular := []string{"amlodin5", "candesartan8", "atorvastatin10", "mucosta100", "donepezil3", "memary5", "edirol", "lansoprazole15", "metgluco250", "aspirin100"}
	for m := 0; m < 60; m++ {
		p.visits = append(p.visits, visitDef{"ふくじゅ内科クリニック", monthsAgo(m), summary.Outpatient})
		if m%3 == 0 {
			p.visits = append(p.visits, visitDef{"ふくじゅ総合病院", monthsAgo(m), summary.Outpatient})
		}
		p.procedures = append(p.procedures, procDef{daysAgo(30*m + 2), "ふくじゅ内科クリニック", "外来管理加算", "A001", summary.Outpatient})
	}
	// Weekly supplies for five years, never after the creation date.
	for w := 0; w < 260; w++ {
		when := daysAgo(7*w + 2)
		pharmacy := []string{"ことぶき薬局", "えがお薬局"}[w%2]
		for _, k := range regular {
			p.meds = append(p.meds, oral(when, rx, pharmacy, "ふくじゅ内科クリニック", k, "1日1回朝食後", 1, 1, 7))
		}
		if rng.IntN(3) == 0 {
			p.meds = append(p.meds, oral(when, rx, "ことぶき薬局", "ふくじゅ総合病院", "loxonin60", "1日3回毎食後", 1, 3, 5))
		}
	}
	p.dispensing = []medDef{oral(daysAgo(6), rx, "ことぶき薬局", "ふくじゅ内科クリニック", "amlodin5", "1日1回朝食後", 1, 1, 28)}
	for y := 0; y < 5; y++ {
		p.checkups = append(p.checkups, checkupDef{monthDay(12*y+4, "11"), "ふくじゅ健診センター", []summary.CheckupResult{
			result("9A755000000000001", "収縮期血圧", fmt.Sprint(130+3*y), "mmHg"), result("3D046000001906202", "HbA1c（NGSP）", "6.4", "%")}})
	}
}

// alertPatients teach the alerts of issue 16: the whole sedative class,
// a drug seen only through late receipts, and one patient per other
// first-hour danger (hypoglycaemics, SGLT2, steroids, immunosuppressants,
// antiepileptics, narrow-index drugs, opioids, devices).
func alertPatients() []patientDef {
	insulin := medDef{when: daysAgo(10), setting: rx, inst: "みずき薬局", prescriber: "みずき糖尿病内科", drug: "lantus",
		usage: "1日1回朝食前 1回10単位", amount: 2, quantity: "2キット"} // as pharmacies write a pen: 2 × 300 単位 ÷ 10 単位 = 60 days
	return []patientDef{
		{
			Case: Case{"etizolam-four-clinics", "救急 十和子", "4か所からエチゾラム、1日9mg（上限3mg）・ジアゼパム換算30mg"},
			kana: "キュウキュウ トワコ", birth: born(52, "12-01"), sex: summary.SexFemale,
			ins: insurance("0616001", "東16", "1601"),
			visits: []visitDef{{"あさひ心療内科", monthsAgo(0), summary.Outpatient}, {"いずみ内科", monthsAgo(0), summary.Outpatient},
				{"うらら整形外科", monthsAgo(1), summary.Outpatient}, {"えのき医院", monthsAgo(0), summary.Outpatient}},
			dispensing: []medDef{
				oral(daysAgo(4), rx, "あさひ薬局", "あさひ心療内科", "depas1", "1日3回毎食後", 1, 3, 28),
				oral(daysAgo(9), rx, "いずみ薬局", "いずみ内科", "etizolam1emec", "1日2回朝夕食後", 1, 2, 28),
				oral(daysAgo(12), rx, "うらら薬局", "うらら整形外科", "depas0.5", "1日2回朝夕食後", 2, 4, 28),
				oral(daysAgo(15), rx, "えのき薬局", "えのき医院", "depas1", "1日2回朝夕食後", 1, 2, 28),
			},
		},
		{
			Case: Case{"apixaban-receipts-only", "救急 十郎", "アピキサバンを毎月処方、レセプトは遅れて届く（服用中の可能性が高い）"},
			kana: "キュウキュウ ジュウロウ", birth: born(79, "08-08"), sex: summary.SexMale,
			ins:    insurance("0616002", "東16", "1602"),
			visits: monthly("かしわ循環器内科", 1, 6),
			meds: []medDef{
				oral(daysAgo(57), rx, "かしわ薬局", "かしわ循環器内科", "eliquis5", "1日2回朝夕食後", 1, 2, 28),
				oral(daysAgo(29), rx, "かしわ薬局", "かしわ循環器内科", "eliquis5", "1日2回朝夕食後", 1, 2, 28),
			},
		},
		{
			Case: Case{"diabetes-insulin-sglt2", "救急 十一", "インスリン・SU薬（低血糖）とSGLT2阻害薬（正常血糖ケトアシドーシス）"},
			kana: "キュウキュウ ジュウイチ", birth: born(63, "02-11"), sex: summary.SexMale,
			ins:    insurance("0616003", "東16", "1603"),
			visits: monthly("みずき糖尿病内科", 0, 6),
			dispensing: []medDef{
				insulin,
				oral(daysAgo(10), rx, "みずき薬局", "みずき糖尿病内科", "amaryl1", "1日1回朝食後", 1, 1, 30),
				oral(daysAgo(10), rx, "みずき薬局", "みずき糖尿病内科", "forxiga10", "1日1回朝食後", 1, 1, 30),
			},
		},
		{
			Case: Case{"ra-steroid-methotrexate", "救急 十二美", "関節リウマチでプレドニゾロン長期（副腎不全）とメトトレキサート（感染）"},
			kana: "キュウキュウ トニミ", birth: born(68, "06-12"), sex: summary.SexFemale,
			ins:    insurance("0616004", "東16", "1604"),
			visits: monthly("さつき膠原病クリニック", 0, 6),
			dispensing: []medDef{
				oral(daysAgo(40), rx, "さつき薬局", "さつき膠原病クリニック", "prednisolone5", "1日1回朝食後", 2, 2, 28),
				oral(daysAgo(12), rx, "さつき薬局", "さつき膠原病クリニック", "prednisolone5", "1日1回朝食後", 2, 2, 28),
				{when: daysAgo(12), setting: rx, inst: "さつき薬局", prescriber: "さつき膠原病クリニック", drug: "rheumatrex2",
					usage: "週1回 月曜朝・夕、火曜朝（計3カプセル/週）", amount: 12, days: 4, quantity: "3カプセル 4日分"}, // 日数 counts the 4 weekly doses
			},
		},
		{
			Case: Case{"epilepsy-bipolar", "救急 十三", "バルプロ酸（怠薬で痙攣重積）と炭酸リチウム（中毒、血中濃度）"},
			kana: "キュウキュウ トミ", birth: born(34, "03-13"), sex: summary.SexMale,
			ins:    insurance("0616005", "東16", "1605"),
			visits: monthly("しらかば精神科クリニック", 0, 6),
			dispensing: []medDef{
				oral(daysAgo(14), rx, "しらかば薬局", "しらかば精神科クリニック", "depakeneR200", "1日2回朝夕食後", 2, 4, 30),
				oral(daysAgo(14), rx, "しらかば薬局", "しらかば精神科クリニック", "limas200", "1日2回朝夕食後", 1, 2, 30),
			},
		},
		{
			Case: Case{"cancer-pain-fentanyl", "救急 十四郎", "がん性疼痛でフェンタニル貼付剤（剥がす）とオキシコドン頓用"},
			kana: "キュウキュウ トシロウ", birth: born(71, "10-14"), sex: summary.SexMale,
			ins:    insurance("0616006", "東16", "1606"),
			visits: monthly("なごみ在宅クリニック", 0, 3),
			dispensing: []medDef{
				// A 72-hour patch: 5 patches changed 3日毎 last 15 days (外用: no 日数).
				once(daysAgo(7), rx, "なごみ薬局", "なごみ在宅クリニック", "durotep4.2", "3日毎に貼り替え", "", 5, "5枚 1処方分"),
				once(daysAgo(7), rx, "なごみ薬局", "なごみ在宅クリニック", "oxinorm2.5", "疼痛時 頓用", "1包", 10, "1包 10回分"),
			},
		},
		{
			Case: Case{"prednisolone-taper", "救急 十六子", "プレドニゾロン漸減（1～7日目 20mg から週ごとに減量）: 今日は何mgか、いつまでか"},
			kana: "キュウキュウ トムコ", birth: born(58, "08-16"), sex: summary.SexFemale,
			ins:    insurance("0616008", "東16", "1608"),
			visits: monthly("あおば呼吸器内科", 0, 2),
			dispensing: []medDef{
				taper(daysAgo(10), "あおば薬局", "あおば呼吸器内科", "prednisolone5", 4, "1～7日目"),
				taper(daysAgo(10), "あおば薬局", "あおば呼吸器内科", "prednisolone5", 3, "8～14日目"),
				taper(daysAgo(10), "あおば薬局", "あおば呼吸器内科", "prednisolone5", 2, "15～21日目"),
				taper(daysAgo(10), "あおば薬局", "あおば呼吸器内科", "prednisolone5", 1, "22～28日目"),
			},
		},
		{
			Case: Case{"levetiracetam-receipt-ended", "救急 十七", "レセプトのレベチラセタム28日分が2週間前に終了: レセプトは遅れて届く（最近終了、中止なら痙攣重積）"},
			kana: "キュウキュウ ジュウシチ", birth: born(29, "01-17"), sex: summary.SexMale,
			ins:    insurance("0616009", "東16", "1609"),
			visits: monthly("かえで脳神経内科", 1, 2),
			meds: []medDef{
				oral(monthDay(1, "10"), rx, "かえで薬局", "かえで脳神経内科", "keppra500", "1日2回朝夕食後", 1, 2, 28),
			},
		},
		{
			Case: Case{"triple-therapy-two-clinics", "救急 十八", "ステント後の抗血小板薬2剤にエドキサバン（3剤併用: 出血）、エドキサバンは2医療機関から重複（合計60mg/日）"},
			kana: "キュウキュウ ジュウハチ", birth: born(78, "08-18"), sex: summary.SexMale,
			ins:    insurance("0616010", "東16", "1610"),
			visits: append(monthly("あさひハートクリニック", 0, 3), monthly("こもれび内科", 0, 2)...),
			dispensing: []medDef{
				oral(daysAgo(20), rx, "あさひ薬局", "あさひハートクリニック", "lixiana30", "1日1回朝食後", 1, 1, 30),
				oral(daysAgo(20), rx, "あさひ薬局", "あさひハートクリニック", "aspirin100", "1日1回朝食後", 1, 1, 30),
				oral(daysAgo(20), rx, "あさひ薬局", "あさひハートクリニック", "plavix75", "1日1回朝食後", 1, 1, 30),
				oral(daysAgo(6), rx, "こもれび薬局", "こもれび内科", "lixiana30", "1日1回朝食後", 1, 1, 28),
			},
		},
		{
			Case: Case{"pacemaker-home-oxygen", "救急 十五", "ペースメーカー（MRI・電気メス）と在宅酸素"},
			kana: "キュウキュウ ジュウゴ", birth: born(84, "05-15"), sex: summary.SexFemale,
			ins:       insurance("0616007", "東16", "1607"),
			visits:    monthly("ひまわり呼吸器内科", 0, 6),
			surgeries: []procDef{{monthDay(38, "20"), "ひまわり総合病院", "ペースメーカー移植術（経静脈電極の場合）", "K597-2", summary.Inpatient}},
			procedures: []procDef{
				{daysAgo(3), "ひまわり呼吸器内科", "在宅酸素療法指導管理料（その他の場合）", "C103", summary.Outpatient},
				{daysAgo(33), "ひまわり呼吸器内科", "在宅酸素療法指導管理料（その他の場合）", "C103", summary.Outpatient},
			},
		},
	}
}

// rareKanjiPatient has a name beyond the Basic Multilingual Plane (𠮷 is in
// no JIS set; 𩸽 is JIS X 0213 plane 2), IBM/NEC extension characters in
// institution names, and enough rows for a second page: the printout must
// name her on every page with every character.
func rareKanjiPatient() patientDef {
	p := patientDef{
		Case: Case{"rare-kanji-yoshida", "𠮷田 𩸽子", "氏名に𠮷・𩸽、医療機関名に髙﨑①㈱𡈽。印刷の全ページに氏名が出るか"},
		kana: "ヨシダ ホッケコ", birth: born(77, "03-03"), sex: summary.SexFemale,
		ins:    insurance("0613005", "髙﨑南部地域第二事業所", "20240229"),
		visits: append(monthly("医療法人社団髙﨑会 髙﨑①内科・循環器内科クリニック", 0, 6), visitDef{"𡈽浦市立病院", monthsAgo(1), summary.Inpatient}),
	}
	for w := 0; w < 6; w++ {
		when := daysAgo(7*w + 1)
		p.dispensing = append(p.dispensing,
			oral(when, rx, "㈱𡈽屋ファーマシー 髙﨑駅前店", "医療法人社団髙﨑会 髙﨑①内科・循環器内科クリニック", "eliquis5",
				"1日2回朝夕食後（飲み忘れた場合は気付いた時点で1回分を服用し、次回からは通常どおり。2回分を一度に服用しないこと）", 1, 2, 7),
			oral(when, rx, "㈱𡈽屋ファーマシー 髙﨑駅前店", "医療法人社団髙﨑会 髙﨑①内科・循環器内科クリニック", "atorvastatin10", "1日1回夕食後", 1, 1, 7),
			oral(when, rx, "㈱𡈽屋ファーマシー 髙﨑駅前店", "医療法人社団髙﨑会 髙﨑①内科・循環器内科クリニック", "mucosta100", "1日3回毎食後", 1, 3, 7))
	}
	p.surgeries = []procDef{{monthDay(30, "10"), "𡈽浦市立病院", "経皮的冠動脈ステント留置術（その他のもの）", "K549-3", summary.Inpatient}}
	return p
}
