package summary

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// The notation of a supply as pharmacies and receipts write it
// (domain.md §4b): the tables that read a row's 用法, 特別指示 and product
// name, kept here as data.

// prnTerms mark a 頓用 row by its 用法 or 特別指示; besides them, a word
// of kanji ending in 時 (発熱時, 便秘時; not 時点, 時間) other than the
// daily times and adverbs in notPRNTimes.
var (
	prnTerms    = []string{"頓用", "頓服", "必要時", "不眠時", "不安時", "疼痛時", "頭痛時", "発作時", "PRN"}
	notPRNTimes = []string{"就寝時", "起床時", "食事時", "入浴時", "透析時", "食時", "同時", "定時", "常時", "毎時", "当時"}
	prnTimeRe   = regexp.MustCompile(`\p{Han}時(?:$|[^点間刻期々計])`)
)

// dosingInterval is one row of the intermittent-dosing table: the words of
// a 用法 and how many calendar days one dosing day stands for.
type dosingInterval struct {
	re    *regexp.Regexp // on the folded 用法 + 特別指示
	every func(m []string) float64
}

func fixed(d float64) func([]string) float64 { return func([]string) float64 { return d } }

func perWeek(m []string) float64 {
	n, _ := strconv.Atoi(m[1])
	if n <= 0 {
		return 1
	}
	return 7 / float64(n)
}

func everyN(m []string) float64 {
	n, _ := strconv.Atoi(m[1])
	return float64(max(n, 1))
}

// dosingIntervals: first match wins. 日数 of such a row counts dosing days
// (メトトレキサート 週1回 "4日分" is four weeks).
var dosingIntervals = []dosingInterval{
	{regexp.MustCompile(`([0-9]+)週(?:に|ごとに|毎に)?1回`), func(m []string) float64 { return 7 * everyN(m) }},
	{regexp.MustCompile(`週([0-9]+)回`), perWeek},
	{regexp.MustCompile(`毎週`), fixed(7)},
	{regexp.MustCompile(`隔週`), fixed(14)},
	{regexp.MustCompile(`隔日`), fixed(2)},
	{regexp.MustCompile(`([0-9]+)日(?:毎|ごと|に1回)`), everyN},
	{regexp.MustCompile(`72時間(?:毎|ごと)`), fixed(3)},
	{regexp.MustCompile(`月([0-9]+)回`), func(m []string) float64 { return 30 / everyN(m) }},
	{regexp.MustCompile(`(?:1)?か?ヶ?月(?:に|毎に|ごとに)1回`), fixed(30)},
}

// weekdays named in a 用法 (月曜日・木曜日): so many dosing days a week.
var weekdayNames = []string{"月曜", "火曜", "水曜", "木曜", "金曜", "土曜", "日曜"}

// threeDayPatches are the 72-hour products (changed 3日毎) whose 用法 may
// not say so: the name alone tells (フェントステープ is a 1-day tape).
var threeDayPatches = foldAll([]string{"デュロテップMT", "3日用", "フェンタニルクエン酸塩3日", "フェンタニル3日"})

// penUnits is the 単位 in one pen or cartridge where the product name does
// not carry it (package inserts: 3 mL of 100 単位/mL; the XR pen 1.5 mL of
// 300 単位/mL). First match wins.
var penUnits = []struct {
	term  string
	units float64
}{
	{"XR注ソロスター", 450},
	{"ソロスター", 300},
	{"フレックスタッチ", 300},
	{"フレックスペン", 300},
	{"ミリオペン", 300},
	{"イノレット", 300},
	{"ペンフィル", 300},
	{"カート", 300},
	{"キット", 300},
}

var penUnitsFolded = func() []string {
	out := make([]string, len(penUnits))
	for i, p := range penUnits {
		out[i] = fold(p.term)
	}
	return out
}()

// penContainers are the units a pen row is counted in; multiDosePens
// those that hold many doses (a 筒 or 本 is one prefilled syringe). A vial
// (瓶) counts as a pen where the product is for injection under the skin
// at home (ヘパリンCa皮下注2万単位/0.8mL); 皮下注用 is a powder a clinic
// dissolves and gives.
var (
	penContainers = foldAll([]string{"キット", "本", "筒", "カートリッジ"})
	multiDosePens = foldAll([]string{"キット", "カートリッジ"})
	vial          = fold("瓶")
	selfInjectRe  = regexp.MustCompile(`皮下注(?:[^用]|$)`)
)

var (
	// 300単位, 5千単位/0.2mL, 2万単位/0.8mL: a pen's or a vial's content,
	// never a concentration (100単位/mL).
	unitsInNameRe  = regexp.MustCompile(`([0-9]+)(千|万)?単位(?:[^/]|/[0-9]|$)`)
	perDoseUnitsRe = regexp.MustCompile(`1回([0-9]+(?:\.[0-9]+)?)単位`)
	unitsRe        = regexp.MustCompile(`([0-9]+(?:\.[0-9]+)?)単位`)
	dayRangeRe     = regexp.MustCompile(`([0-9]+)[～〜~\-ー−]([0-9]+)日目`)
)

// Pens dosed in mg (GLP-1 receptor agonists, biologics): the mg in one pen
// from its name (オゼンピック皮下注2mg; ウゴービ…ペン 1.0MD holds 1.0 mg of
// 0.25 mg doses), never a concentration (10mg/mL); the mg of one
// injection from the 用法 (1回0.5mg).
var (
	penMgRe     = regexp.MustCompile(`([0-9]+(?:\.[0-9]+)?)MG(?:[^/]|$)`)
	penMDRe     = regexp.MustCompile(`([0-9]+(?:\.[0-9]+)?)MD`)
	perDoseMgRe = regexp.MustCompile(`1回([0-9]+(?:\.[0-9]+)?)MG`)
)

// multiDoseMgPens hold several injections of a dose set on the pen: their
// days cannot be read without the 1回量. Other mg pens (アテオス, SD,
// ヒュミラ…ペン) are one injection each.
var multiDoseMgPens = foldAll([]string{"オゼンピック", "ビクトーザ", "サクセンダ"})

// isPen: a row counted in pens, cartridges or prefilled syringes, or in
// vials injected at home.
func isPen(m Medication) bool { return containsAny(fold(m.Unit), penContainers) || selfInjectedVial(m) }

// isMultiDosePen: a pen, cartridge or home vial, which holds many doses.
func isMultiDosePen(m Medication) bool {
	return containsAny(fold(m.Unit), multiDosePens) || selfInjectedVial(m)
}

func selfInjectedVial(m Medication) bool {
	return fold(m.Unit) == vial && selfInjectRe.MatchString(fold(m.Drug))
}

// isPRN: the 用法 or 特別指示 says 頓用 or names an occasion (〜時).
func isPRN(m Medication) bool {
	u := fold(m.Usage + " " + m.Instruction)
	if containsAny(u, prnFolded) {
		return true
	}
	for _, t := range notPRNFolded {
		u = strings.ReplaceAll(u, t, "")
	}
	return prnTimeRe.MatchString(u)
}

var (
	prnFolded    = foldAll(prnTerms)
	notPRNFolded = foldAll(notPRNTimes)
)

// intervalOf is the calendar days one dosing day stands for: 1 for daily
// use, 7 for 週1回, 3.5 for 週2回, 2 for 隔日, 3 for a 72-hour patch.
func intervalOf(m Medication) float64 {
	u := fold(m.Usage + " " + m.Instruction)
	for _, d := range dosingIntervals {
		if s := d.re.FindStringSubmatch(u); s != nil {
			return d.every(s)
		}
	}
	n := 0
	for _, w := range weekdayNames {
		if strings.Contains(u, w) {
			n++
		}
	}
	if n > 0 {
		return 7 / float64(n)
	}
	if containsAny(fold(m.Drug), threeDayPatches) {
		return 3
	}
	return 1
}

// penDays is the days a pen or cartridge row lasts: pens × 単位 per pen ÷
// 単位 per day from the 用法 (1日1回 1回8単位; 朝10単位 夕6単位). ok is
// false where the 用法 names no 単位; days is 0 where any of the three is
// unknown (日数不明: never one day).
func penDays(m Medication) (days int, ok bool) {
	u := fold(m.Usage + " " + m.Instruction + " " + m.Dose)
	if !strings.Contains(u, "単位") || !isPen(m) {
		return 0, false
	}
	perDay := 0.0
	if s := perDoseUnitsRe.FindStringSubmatch(u); s != nil {
		per, _ := strconv.ParseFloat(s[1], 64)
		times := 1
		if t := timesPerDayRe.FindStringSubmatch(u); t != nil {
			times, _ = strconv.Atoi(t[1])
		}
		perDay = per * float64(times)
	} else {
		for _, s := range unitsRe.FindAllStringSubmatch(u, -1) {
			f, _ := strconv.ParseFloat(s[1], 64)
			perDay += f
		}
	}
	pen := unitsPerPen(m.Drug)
	if perDay <= 0 || pen <= 0 || m.Amount <= 0 {
		return 0, true
	}
	return int(math.Floor(m.Amount * pen / perDay)), true
}

// penMgDays is the dosing days of a pen row dosed in mg: pens × mg per pen
// ÷ mg per injection, one dosing day an injection of an intermittent 用法
// (週1回), 1日N回 injections a day of a daily one. ok is false for a
// single-use pen whose 1回量 is not written (one injection a pen: dosesOf
// counts them); days is 0 where they cannot be read (a multi-dose pen
// without its 1回量, a 用法 that names no interval: 日数不明).
func penMgDays(m Medication, every float64) (days int, ok bool) {
	if !isPen(m) {
		return 0, false
	}
	name := fold(m.Drug)
	pen := penMDRe.FindStringSubmatch(name)
	multi := pen != nil || containsAny(name, multiDoseMgPens)
	if pen == nil {
		pen = penMgRe.FindStringSubmatch(name)
	}
	u := fold(m.Usage + " " + m.Instruction + " " + m.Dose)
	d := perDoseMgRe.FindStringSubmatch(u)
	switch {
	case d == nil:
		return 0, multi
	case pen == nil || m.Amount <= 0:
		return 0, true
	}
	per, _ := strconv.ParseFloat(d[1], 64)
	mg, _ := strconv.ParseFloat(pen[1], 64)
	if per <= 0 || mg <= 0 {
		return 0, true
	}
	doses := math.Floor(m.Amount*mg/per + 1e-9)
	if every != 1 {
		return int(doses), true
	}
	times := 0
	if t := timesPerDayRe.FindStringSubmatch(u); t != nil {
		times, _ = strconv.Atoi(t[1])
	}
	if times <= 0 {
		return 0, true
	}
	return int(doses) / times, true
}

// thousands are the multipliers of a number written 5千, 2万.
var thousands = map[string]float64{"": 1, "千": 1000, "万": 10000}

// unitsPerPen reads the 単位 of one pen from its name (300単位, 5千単位/0.2mL,
// not a concentration such as 100単位/mL), else from penUnits; 0 when unknown.
func unitsPerPen(drug string) float64 {
	n := fold(drug)
	if s := unitsInNameRe.FindStringSubmatch(n); s != nil {
		f, _ := strconv.ParseFloat(s[1], 64)
		return f * thousands[s[2]]
	}
	for i, t := range penUnitsFolded {
		if strings.Contains(n, t) {
			return penUnits[i].units
		}
	}
	return 0
}

// taperStep reads a 特別指示 naming the days of a step (1～7日目): its
// first and last day.
func taperStep(m Medication) (first, last int, ok bool) {
	s := dayRangeRe.FindStringSubmatch(fold(m.Instruction + " " + m.Usage))
	if s == nil {
		return 0, 0, false
	}
	first, _ = strconv.Atoi(s[1])
	last, _ = strconv.Atoi(s[2])
	return first, last, first >= 1 && last >= first
}
