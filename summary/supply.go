package summary

import (
	"cmp"
	"math"
	"regexp"
	"slices"
	"strconv"
)

// regularGraceDays is how late a regular refill may come and still count
// as regular (issue 16: days supplied + 14).
const regularGraceDays = 14

// receiptLagMonths is how many months receipts may still be missing: a
// drug filled regularly up to then is likely still taken.
const receiptLagMonths = 2

// supply is one medication row as the alert arithmetic sees it.
type supply struct {
	m       Medication
	dc      *DrugClass
	receipt bool // from the receipt-derived 薬剤情報 (months late)
	prn     bool // 頓用: doses, never a running supply
	days    int  // days supplied, derived where the row gives none; 0 unknown
	// start and end of the running supply after earlier supplies of the
	// same product from the same prescriber ran out (an early refill
	// extends, it does not double the dose).
	start, end Date
	mgPerDay   float64 // 0 when the strength cannot be read
	doseMg     float64 // one dose, for 頓用 rows
}

// course is every supply of one drug (one table row, so one ingredient).
type course struct {
	dc       *DrugClass
	supplies []supply // oldest first
}

// prnTerms mark a 頓用 row by its 用法.
var prnTerms = []string{"頓用", "頓服", "必要時", "不眠時", "疼痛時", "発作時", "PRN"}

var (
	timesPerDayRe = regexp.MustCompile(`1日([0-9]+)回`)
	leadingNumRe  = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)`)
)

// supplyDays is the days a row supplies: its own, else the quantity
// divided by the doses a day its 用法 gives (28 syringes at 1日2回 → 14).
// 0 when neither can be read (日数不明), never a guessed one day.
func supplyDays(m Medication) int {
	if m.Days > 0 {
		return m.Days
	}
	times := timesPerDayRe.FindStringSubmatch(fold(m.Usage))
	if times == nil || m.Amount <= 0 {
		return 0
	}
	n, _ := strconv.Atoi(times[1])
	perDose := 1.0
	if d := leadingNumRe.FindStringSubmatch(fold(m.Dose)); d != nil {
		perDose, _ = strconv.ParseFloat(d[1], 64)
	}
	if n <= 0 || perDose <= 0 {
		return 0
	}
	return int(math.Ceil(m.Amount / (float64(n) * perDose)))
}

func isPRN(m Medication) bool { return containsAny(fold(m.Usage+m.Instruction), prnFolded) }

var prnFolded = foldAll(prnTerms)

// Strength in the product name: 5mg, 0.25mg, or a bare number after the
// form where the name carries no unit (アモバン錠7.5, ドラール錠15,
// エスクレ坐剤「250」); a percentage for powders and liquids.
var (
	strengthMgRe   = regexp.MustCompile(`([0-9]+(?:\.[0-9]+)?)MG`)
	strengthBareRe = regexp.MustCompile(`(?:錠|カプセル|坐剤|キット)「?([0-9]+(?:\.[0-9]+)?)(?:$|[^0-9.%GΜ])`)
	percentRe      = regexp.MustCompile(`([0-9]+(?:\.[0-9]+)?)%`)
)

// unitMg is the mg in one unit of a row (a tablet, a gram, a mL), or 0:
// from the unit itself, the name, the YJ strength digit the table lists,
// a percentage (1% is 10 mg per g or mL), or 1000 mg for a gram of bulk
// substance (ブロモバレリル尿素 1g); 0 for a powder of unknown strength.
func unitMg(m Medication, dc *DrugClass) float64 {
	unit, name := fold(m.Unit), fold(m.Drug)
	if unit == "MG" {
		return 1
	}
	for _, re := range []*regexp.Regexp{strengthMgRe, strengthBareRe} {
		if s := re.FindStringSubmatch(name); s != nil {
			f, _ := strconv.ParseFloat(s[1], 64)
			return f
		}
	}
	if c := CodeOf(m.Code); c.Classifiable() {
		if mg, ok := dc.Strengths[string(c)[:9]]; ok {
			return mg
		}
	}
	if unit != "G" && unit != "ML" {
		return 0
	}
	if s := percentRe.FindStringSubmatch(name); s != nil {
		f, _ := strconv.ParseFloat(s[1], 64)
		return f * 10
	}
	if unit == "G" && !containsAny(name, formWords) {
		return 1000
	}
	return 0
}

// formWords mark a preparation; a name without one is the bulk substance.
var formWords = foldAll([]string{"散", "細粒", "顆粒", "シロップ", "液", "ドライシロップ"})

// reader remembers what it read of names and 用法: a record repeats a few
// products, usages and institutions over thousands of rows, and each
// reading is NFKC work.
type reader struct {
	strengths map[[3]string]float64
	prn       map[[2]string]bool
	folded    map[string]string
}

func newReader() *reader {
	return &reader{strengths: map[[3]string]float64{}, prn: map[[2]string]bool{}, folded: map[string]string{}}
}

func (r *reader) fold(s string) string {
	f, ok := r.folded[s]
	if !ok {
		f = fold(s)
		r.folded[s] = f
	}
	return f
}

// supply reads what the arithmetic needs from a row.
func (r *reader) supply(m Medication, dc *DrugClass, receipt bool) supply {
	pk := [2]string{m.Usage, m.Instruction}
	prn, ok := r.prn[pk]
	if !ok {
		prn = isPRN(m)
		r.prn[pk] = prn
	}
	sk := [3]string{m.Code, m.Drug, m.Unit}
	mg, ok := r.strengths[sk]
	if !ok {
		mg = unitMg(m, dc)
		r.strengths[sk] = mg
	}
	s := supply{m: m, dc: dc, receipt: receipt, prn: prn}
	if s.prn {
		perDose := 1.0
		if d := leadingNumRe.FindStringSubmatch(fold(m.Dose)); d != nil {
			perDose, _ = strconv.ParseFloat(d[1], 64)
		}
		s.doseMg = mg * perDose
		return s
	}
	s.days = supplyDays(m)
	if s.days > 0 && m.Amount > 0 {
		s.mgPerDay = mg * m.Amount / float64(s.days)
	}
	return s
}

// dedupe drops a dispensing-result row that is the same dispensing as a
// receipt row (same drug, date and institution; domain.md §4a): the
// receipt row is kept, as OQSDrug2 does. Rows are matched one to one, so
// two real dispensings of a day both stay.
func (r *reader) dedupe(receipts, dispensing []supply) []supply {
	type key struct {
		dc   *DrugClass
		date Date
		inst string
	}
	keyOf := func(s supply) key { return key{s.dc, s.m.Date, r.fold(s.m.Institution)} }
	seen := map[key]int{}
	for _, s := range receipts {
		seen[keyOf(s)]++
	}
	out := slices.Clone(receipts)
	for _, s := range dispensing {
		if k := keyOf(s); seen[k] > 0 {
			seen[k]--
			continue
		}
		out = append(out, s)
	}
	return out
}

// chain sets start and end of the running supplies: a refill of the same
// product from the same prescriber starts when the previous one runs out;
// supplies of the same day, of another product or another prescriber run
// side by side.
func (c *course) chain() {
	byDate := func(a, b supply) int { return a.m.Date.Compare(b.m.Date) }
	if !slices.IsSortedFunc(c.supplies, byDate) {
		slices.SortStableFunc(c.supplies, byDate)
	}
	// Same product and prescriber as the rows carry them: one source
	// spells a product one way.
	type key struct{ product, prescriber string }
	last := map[key]supply{}
	for i := range c.supplies {
		s := &c.supplies[i]
		if s.prn || s.days == 0 {
			continue
		}
		s.start = s.m.Date
		k := key{s.m.Code + s.m.Drug, prescriberOf(s.m)}
		if p, ok := last[k]; ok && p.m.Date.Before(s.m.Date) && !p.end.Before(s.start) {
			s.start = p.end.AddDays(1)
		}
		s.end = s.start.AddDays(s.days - 1)
		last[k] = *s
	}
}

// running is the supplies with known days (not 頓用).
func (c *course) running() []supply {
	return filter(c.supplies, func(s supply) bool { return !s.prn && s.days > 0 })
}

// coveredThrough is the latest end of any running supply.
func (c *course) coveredThrough() (Date, bool) {
	var end Date
	ok := false
	for _, s := range c.running() {
		if !ok || end.Before(s.end) {
			end, ok = s.end, true
		}
	}
	return end, ok
}

// latest is the newest row; on the same day the longest supply.
func (c *course) latest() supply {
	best := c.supplies[len(c.supplies)-1]
	for _, s := range c.supplies {
		if s.m.Date == best.m.Date && s.days > best.days {
			best = s
		}
	}
	return best
}

// regular finds the run of fills that ends with the newest supply, when
// its gaps are no longer than the days supplied plus the grace: the months
// it started and was last seen. ok needs two fills or more.
func (c *course) regular() (since, last Month, ok bool) {
	r := c.running()
	if len(r) < 2 {
		return Month{}, Month{}, false
	}
	i := len(r) - 1
	for i > 0 && !r[i-1].m.Date.AddDays(r[i-1].days+regularGraceDays).Before(r[i].m.Date) {
		i--
	}
	if i == len(r)-1 {
		return Month{}, Month{}, false
	}
	return r[i].m.Date.MonthOf(), r[len(r)-1].m.Date.MonthOf(), true
}

// status says whether the drug is likely taken on the creation date. A
// drug seen through late receipts and filled regularly is likely current
// while the receipts of its last months may still be missing.
func (c *course) status(on Date) (Status, []Reason) {
	end, ok := c.coveredThrough()
	switch {
	case ok && !end.Before(on):
		return StatusCurrent, nil
	case !ok && !slices.ContainsFunc(c.supplies, func(s supply) bool { return !s.prn }):
		return StatusUnknown, []Reason{ReasonAsNeeded} // 頓用 only: doses, no running supply
	case !ok:
		return StatusUnknown, []Reason{ReasonDaysUnknown}
	}
	if newest := c.latest(); !newest.receipt {
		return c.endedOrUnknown(end)
	}
	if _, last, reg := c.regular(); reg && last.Compare(on.MonthOf().Add(-receiptLagMonths)) >= 0 {
		return StatusLikelyCurrent, []Reason{ReasonRegularFills}
	}
	return c.endedOrUnknown(end)
}

// endedOrUnknown: a newer row without days (an injection whose days cannot
// be read) makes the end unknown.
func (c *course) endedOrUnknown(end Date) (Status, []Reason) {
	for _, s := range c.supplies {
		if !s.prn && s.days == 0 && end.Before(s.m.Date) {
			return StatusUnknown, []Reason{ReasonDaysUnknown}
		}
	}
	return StatusEnded, nil
}

// dailyAt is the mg per day of the running supplies covering a day, plus
// the 頓用 doses dispensed that day; and the prescribers supplying it.
func dailyAt(ss []supply, day Date) (mg float64, prescribers []string) {
	for _, s := range ss {
		switch {
		case s.prn && s.m.Date == day:
			mg += s.doseMg
		case !s.prn && s.days > 0 && !day.Before(s.start) && !s.end.Before(day):
			mg += s.mgPerDay
		default:
			continue
		}
		if p := prescriberOf(s.m); !slices.Contains(prescribers, p) {
			prescribers = append(prescribers, p)
		}
	}
	return mg, prescribers
}

// days when a daily total can peak: the start of a supply or a 頓用 day.
func changeDays(ss []supply) []Date {
	var ds []Date
	for _, s := range ss {
		if s.prn {
			ds = append(ds, s.m.Date)
		} else if s.days > 0 {
			ds = append(ds, s.start)
		}
	}
	return ds
}

func prescriberOf(m Medication) string { return cmp.Or(m.Prescriber, m.Institution) }

// drugsOf lists the products of supplies once each.
func drugsOf(ss []supply) []AlertDrug {
	var out []AlertDrug
	for _, s := range ss {
		d := AlertDrug{Code: s.m.Code, Name: s.m.Drug, Ingredient: s.dc.Ingredient}
		if !slices.ContainsFunc(out, func(o AlertDrug) bool { return o.Name == d.Name && o.Code == d.Code }) {
			out = append(out, d)
		}
	}
	return out
}

func rowsOf(ss []supply) []Medication {
	out := make([]Medication, len(ss))
	for i, s := range ss {
		out[len(ss)-1-i] = s.m // newest first, as the sections
	}
	return out
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

func sortedUnique(ss []string) []string {
	out := slices.Clone(ss)
	slices.Sort(out)
	return slices.Compact(out)
}
