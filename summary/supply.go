package summary

import (
	"cmp"
	"math"
	"regexp"
	"slices"
	"strconv"
	"time"
)

// regularGraceDays is how late a regular refill may come and still count
// as regular (issue 16: days supplied + 14).
const regularGraceDays = 14

// receiptLagMonths is how many months receipts may still be missing: a
// drug filled regularly up to then is likely still taken.
const receiptLagMonths = 2

// supply is one medication row as the alert arithmetic sees it.
type supply struct {
	m    *Medication // the record's row: read, never changed
	dc   *DrugClass
	read *rowRead // what was read of it, shared by rows alike
	// product numbers the code and product name; prescriber is
	// prescriberOf(m), one string for all rows of a reader (rowRead).
	product    int
	prescriber string
	receipt    bool // from the receipt-derived 薬剤情報 (months late)
	prn        bool // 頓用: doses, never a running supply
	// days is 日数 as the row counts it (dosing days for a weekly drug),
	// derived where the row gives none; span the calendar days it runs;
	// both 0 when unknown (日数不明).
	days, span int
	// start and end of the running supply after earlier supplies of the
	// same product from the same prescriber ran out (an early refill
	// extends, it does not double the dose), a taper's earlier steps ran,
	// or a dose change replaced it (then end may fall before start: it
	// never ran).
	start, end Date
	taper      bool    // a step of a taper (特別指示 1～7日目)
	step       [2]int  // the days its 特別指示 names (1～7日目), 0 when none
	mgPerDay   float64 // calendar average; 0 when the strength cannot be read
	doseMg     float64 // one dose, for 頓用 rows
}

// runs: a supply with known days that ran at all.
func (s supply) runs() bool { return !s.prn && s.span > 0 && !s.end.Before(s.start) }

// course is every supply of one drug (one table row, so one ingredient).
type course struct {
	dc       *DrugClass
	supplies []supply // oldest first
	changes  []DoseChange
	refills  *EarlyRefills
}

var (
	timesPerDayRe = regexp.MustCompile(`1日([0-9]+)回`)
	leadingNumRe  = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)`)
	patchesRe     = regexp.MustCompile(`1回([0-9]+(?:\.[0-9]+)?)枚`)
)

// supplySpan is the days a row supplies and the calendar days they span.
// A pen: from its 単位 (penDays) or its mg (penMgDays). Otherwise its own days, else the
// quantity divided by the doses a day its 用法 gives (28 syringes at 1日2回
// → 14), or for an intermittent row the doses in it (10 patches 3日毎 → 10
// dosing days, 30 calendar days). 0 when none can be read (日数不明), never
// a guessed one day.
func supplySpan(m Medication, every float64) (days, span int) {
	if d, ok := penDays(m); ok {
		return d, d
	}
	if d, ok := penMgDays(m, every); ok {
		return d, int(math.Ceil(float64(d) * every))
	}
	days = m.Days
	if days <= 0 {
		days = dosesOf(m, every)
	}
	switch {
	case days <= 0:
		return 0, 0
	case every == 1:
		return days, days
	case m.Days > 0 && !wholeDoses(m.Amount/float64(m.Days)):
		// 12 capsules "28日分" 週1回 is 28 calendar days, not 28 weeks:
		// a dosing day is never a fraction of a half tablet.
		return days, days
	}
	return days, int(math.Ceil(float64(days) * every))
}

// dosesOf reads the dosing days of a row without 日数: quantity ÷ doses a
// day for a daily 用法, quantity ÷ 1回量 (1回1枚, else one) for an
// intermittent one.
func dosesOf(m Medication, every float64) int {
	if m.Amount <= 0 {
		return 0
	}
	if every != 1 {
		per := 1.0
		if s := patchesRe.FindStringSubmatch(fold(m.Usage)); s != nil {
			per, _ = strconv.ParseFloat(s[1], 64)
		}
		return int(math.Ceil(m.Amount / max(per, 1e-9)))
	}
	times := timesPerDayRe.FindStringSubmatch(fold(m.Usage))
	if times == nil || isMultiDosePen(m) {
		return 0 // a pen holds many doses: its 単位 say how many (penDays)
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

// wholeDoses: an amount a dosing day that is a whole or half unit.
func wholeDoses(perDay float64) bool {
	return perDay >= 0.5 && math.Abs(perDay*2-math.Round(perDay*2)) < 1e-6
}

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
	if dc.UnitMg > 0 {
		return dc.UnitMg
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

// reader remembers what it read of rows: a record repeats a few products,
// usages and institutions over thousands of rows, and each reading is
// NFKC and regexp work. A row is looked up once, by all it is read for.
type reader struct {
	c        Classifier
	rows     map[Medication]*rowRead // by rowKey
	others   map[string]*DrugClass   // drugs the table does not name, by folded name
	products map[[2]string]int       // code and product name
	folded   map[string]string
}

// rowKey is a row with what the arithmetic does not read blanked: its date,
// setting, displayed quantity, class and dispensing place (the prescriber
// stays). A field Medication gains is in the key unless blanked here, so a
// new field can only make the cache miss, never answer for another row.
func rowKey(m *Medication) Medication {
	k := *m
	k.Date, k.Month, k.Setting, k.Quantity, k.Class, k.Subclass = Date{}, Month{}, "", "", "", ""
	k.Prescriber, k.Institution, k.InstitutionCode = prescriberOf(m), "", ""
	return k
}

// rowRead is what a rowKey says. prescriber is the key's own string: the
// rows' copies of it lie all over memory, one copy is hashed and compared
// fast by every pass that groups by prescriber.
type rowRead struct {
	class      *DrugClass // the table's row: the row's Class and Subclass
	dc         *DrugClass // what it counts as (by name for a drug the table does not name)
	prn        bool
	step       [2]int
	days, span int
	mgPerDay   float64
	doseMg     float64
	product    int
	prescriber string
}

func newReader(c Classifier) *reader {
	return &reader{c: c, rows: map[Medication]*rowRead{}, others: map[string]*DrugClass{}, products: map[[2]string]int{}, folded: map[string]string{}}
}

func (r *reader) fold(s string) string {
	f, ok := r.folded[s]
	if !ok {
		f = fold(s)
		r.folded[s] = f
	}
	return f
}

// read classifies a row (it sets Class and Subclass) and reads it.
func (r *reader) read(m *Medication) *rowRead {
	k := rowKey(m)
	rr, ok := r.rows[k]
	if !ok {
		rr = r.readNew(m, k.Prescriber)
		r.rows[k] = rr
	}
	m.Class, m.Subclass = rr.class.Class, rr.class.Subclass
	return rr
}

func (r *reader) readNew(m *Medication, prescriber string) *rowRead {
	rr := &rowRead{class: r.c.Medication(m), prescriber: prescriber}
	rr.dc = rr.class
	if rr.dc.Class == ClassNone {
		name := cmp.Or(m.Ingredient, m.Drug)
		key := r.fold(name)
		if r.others[key] == nil {
			r.others[key] = &DrugClass{Class: ClassNone, Ingredient: name}
		}
		rr.dc = r.others[key]
	}
	pk := [2]string{m.Code, m.Drug}
	p, ok := r.products[pk]
	if !ok {
		p = len(r.products)
		r.products[pk] = p
	}
	rr.product = p
	rr.prn = isPRN(*m)
	if first, last, ok := taperStep(*m); ok {
		rr.step = [2]int{first, last}
	}
	mg := unitMg(*m, rr.dc)
	if rr.prn {
		perDose := 1.0
		if d := leadingNumRe.FindStringSubmatch(fold(m.Dose)); d != nil {
			perDose, _ = strconv.ParseFloat(d[1], 64)
		}
		rr.doseMg = mg * perDose
		return rr
	}
	rr.days, rr.span = supplySpan(*m, intervalOf(*m))
	if rr.span > 0 && m.Amount > 0 {
		rr.mgPerDay = mg * m.Amount / float64(rr.span)
	}
	return rr
}

// supply is a row as the arithmetic sees it.
func (rr *rowRead) supply(m *Medication, receipt bool) supply {
	return supply{m: m, read: rr, dc: rr.dc, receipt: receipt, prn: rr.prn, step: rr.step, days: rr.days, span: rr.span,
		mgPerDay: rr.mgPerDay, doseMg: rr.doseMg, product: rr.product, prescriber: rr.prescriber}
}

// dedupe drops a dispensing-result row that is the same dispensing as a
// receipt row (domain.md §4a–4b): same drug, date and quantity at the same
// institution, known by its code (MeTrDiHCd, CzMeTrDiHCd: the two trees
// spell its name differently), by its name where a row has no code. The
// receipt row is kept, as OQSDrug2 does. Rows are matched one to one, so
// two real dispensings of a day both stay. The dispensing rows kept are
// moved up behind the receipt rows: all is receipts then dispensing, the
// first n of it receipts.
func (r *reader) dedupe(all []supply, n int) []supply {
	if n == 0 || n == len(all) {
		return all // one tree: nothing to match
	}
	type key struct {
		dc     *DrugClass
		date   Date
		amount float64
		coded  bool // inst is the institution code, else its folded name
		inst   string
	}
	keyOf := func(s *supply) key {
		if s.m.InstitutionCode != "" {
			return key{s.dc, s.m.Date, s.m.Amount, true, s.m.InstitutionCode}
		}
		return key{s.dc, s.m.Date, s.m.Amount, false, r.fold(s.m.Institution)}
	}
	seen := make(map[key]int, n)
	for i := range all[:n] {
		seen[keyOf(&all[i])]++
	}
	out := all[:n]
	for i := n; i < len(all); i++ {
		if k := keyOf(&all[i]); seen[k] > 0 {
			seen[k]--
			continue
		}
		out = append(out, all[i])
	}
	return out
}

// chain sets start and end of the running supplies. The steps of a taper
// (one date, several lines naming their days) run one after another. A
// later supply of another daily dose from the same prescriber replaces
// what still ran from its date (a dose change); a refill of the same
// product and dose starts when the previous one runs out, unless the
// refills come so early that they mean overuse (refillWatch). Supplies of
// the same day, of another prescriber run side by side.
func (c *course) chain(on Date) {
	sortByDate(c.supplies)
	c.refills = c.earlyRefills(on)
	// Same product and prescriber as the rows carry them: one source
	// spells a product one way. Each key's supplies run one after another,
	// oldest first; those that ended before the date at hand are dropped,
	// so a record of years costs its rows, not their square.
	type key struct {
		product    int
		prescriber string
	}
	index := map[key]int{} // a key's place in keys and queues
	var keys []key         // in first-seen order: output never depends on map order
	var queues [][]int
	for i := 0; i < len(c.supplies); {
		j := i
		for j < len(c.supplies) && c.supplies[j].m.Date == c.supplies[i].m.Date {
			j++
		}
		day := c.supplies[i:j:j]
		date := day[0].m.Date
		taper := markTaper(day)
		for k, q := range queues {
			for len(q) > 0 && c.supplies[q[0]].end.Before(date) {
				q = q[1:]
			}
			queues[k] = q
		}
		for _, p := range prescribersOf(day) {
			before, after := 0.0, 0.0
			for k, q := range queues {
				if keys[k].prescriber != p {
					continue
				}
				for _, x := range q {
					if date.Before(c.supplies[x].start) {
						break
					}
					before += c.supplies[x].mgPerDay
				}
			}
			for _, s := range day {
				if s.prescriber == p && s.span > 0 && !s.prn && !s.taper {
					after += s.mgPerDay
				}
			}
			if taper || c.refills != nil || before <= 0 || after <= 0 || math.Abs(before-after) < 1e-9 {
				continue
			}
			// A dose change: what ran or was to run ends the day before.
			for k, q := range queues {
				if keys[k].prescriber != p {
					continue
				}
				for _, x := range q {
					c.supplies[x].end = date.AddDays(-1)
				}
				queues[k] = nil
			}
			c.changes = append(c.changes, DoseChange{Date: date, Prescriber: p, FromMgPerDay: round2(before), ToMgPerDay: round2(after)})
		}
		for x := i; x < j; x++ {
			s := &c.supplies[x]
			if s.prn || s.span == 0 {
				continue
			}
			if s.taper {
				s.end = s.start.AddDays(s.span - 1)
				continue
			}
			s.start = s.m.Date
			pk := key{s.product, s.prescriber}
			k, seen := index[pk]
			if !seen {
				k = len(keys)
				index[pk] = k
				keys, queues = append(keys, pk), append(queues, nil)
			}
			q := queues[k]
			if n := len(q); n > 0 && c.refills == nil {
				if prev := &c.supplies[q[n-1]]; prev.m.Date.Before(s.m.Date) && !prev.end.Before(s.start) {
					s.start = prev.end.AddDays(1)
				}
			}
			s.end = s.start.AddDays(s.span - 1)
			queues[k] = append(q, x)
		}
		i = j
	}
}

// sortByDate sorts supplies by date, those of one day in their order. A
// stable sort moves its elements many times, and a long record's are many
// and large: this sorts (date, place) pairs and moves each supply once.
func sortByDate(ss []supply) {
	if slices.IsSortedFunc(ss, func(a, b supply) int { return a.m.Date.Compare(b.m.Date) }) {
		return
	}
	type place struct {
		date Date
		i    int
	}
	order := make([]place, len(ss))
	for i := range ss {
		order[i] = place{ss[i].m.Date, i}
	}
	slices.SortFunc(order, func(a, b place) int { return cmp.Or(a.date.Compare(b.date), cmp.Compare(a.i, b.i)) })
	sorted := make([]supply, len(ss))
	for k, p := range order {
		sorted[k] = ss[p.i]
	}
	copy(ss, sorted)
}

// markTaper sets the steps of a taper among one date's supplies: two lines
// or more of which at least one names its days (1～7日目). Each step runs
// from its first day; a line without days follows the step before.
func markTaper(day []supply) bool {
	n, named := 0, false
	for _, s := range day {
		if !s.prn && s.span > 0 {
			n++
			if s.step[0] > 0 {
				named = true
			}
		}
	}
	if n < 2 || !named {
		return false
	}
	next := day[0].m.Date
	for i := range day {
		s := &day[i]
		if s.prn || s.span == 0 {
			continue
		}
		s.taper = true
		s.start = next
		if first, last := s.step[0], s.step[1]; first > 0 {
			s.start = s.m.Date.AddDays(first - 1)
			if d := last - first + 1; d > 0 && s.m.Amount > 0 {
				s.mgPerDay *= float64(s.span) / float64(d)
				s.span = d
			}
		}
		next = s.start.AddDays(s.span)
	}
	return true
}

// prescribersOf lists the prescribers of supplies once each, in order.
func prescribersOf(ss []supply) []string {
	var out []string
	for _, s := range ss {
		if p := s.prescriber; !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// running is the supplies with known days that ran (not 頓用, not
// replaced before they started).
func (c *course) running() []supply { return filter(c.supplies, supply.runs) }

// coveredThrough is the latest end of any running supply.
func (c *course) coveredThrough() (Date, bool) {
	s, ok := c.lastEnding()
	return s.end, ok
}

// lastEnding is the running supply that ends last.
func (c *course) lastEnding() (supply, bool) {
	var best supply
	ok := false
	for _, s := range c.supplies {
		if s.runs() && (!ok || best.end.Before(s.end)) {
			best, ok = s, true
		}
	}
	return best, ok
}

// latest is the newest row; on the same day the longest supply.
func (c *course) latest() supply {
	best := &c.supplies[len(c.supplies)-1]
	for i := range c.supplies {
		if s := &c.supplies[i]; s.m.Date == best.m.Date && s.days > best.days {
			best = s
		}
	}
	return *best
}

// regular finds the run of fills that ends with the newest supply, when
// its gaps are no longer than the days supplied plus the grace: the months
// it started and was last seen. ok needs two fills or more.
func (c *course) regular() (since, last Month, ok bool) {
	var newest, first *supply // of the run, walking back from the newest
	for i := len(c.supplies) - 1; i >= 0; i-- {
		s := &c.supplies[i]
		if !s.runs() {
			continue
		}
		if first != nil && s.m.Date.AddDays(s.span+regularGraceDays).Before(first.m.Date) {
			break
		}
		if newest == nil {
			newest = s
		}
		first = s
	}
	if first == newest {
		return Month{}, Month{}, false
	}
	return first.m.Date.MonthOf(), newest.m.Date.MonthOf(), true
}

// status says whether the drug is likely taken on the creation date. A
// drug seen through late receipts and filled regularly is likely current
// while the receipts of its last months may still be missing; a chronic
// danger drug whose supply ended within the receipt lag is recently ended,
// not silence; a recent row whose days cannot be read (a pen) is in use
// for an unknown time.
func (c *course) status(on Date) (Status, []Reason) {
	last, ok := c.lastEnding()
	switch {
	case ok && !last.end.Before(on):
		return StatusCurrent, nil
	case !slices.ContainsFunc(c.supplies, func(s supply) bool { return !s.prn }):
		return StatusUnknown, []Reason{ReasonAsNeeded} // 頓用 only: doses, no running supply
	}
	for _, s := range slices.Backward(c.supplies) {
		if !s.prn && s.span == 0 && (!ok || last.end.Before(s.m.Date)) {
			// A pen of a highlighted drug, or any multi-dose pen (GLP-1):
			// not an ampoule given once at a visit.
			pen := isPen(*s.m) && (c.dc.Class != ClassNone || isMultiDosePen(*s.m))
			if pen && !s.m.Date.Before(on.AddDays(-(unknownDurationDays - 1))) {
				return StatusUnknownDuration, []Reason{ReasonDaysUnknown}
			}
			return StatusUnknown, []Reason{ReasonDaysUnknown}
		}
	}
	if !ok {
		return StatusUnknown, []Reason{ReasonDaysUnknown}
	}
	if newest := c.latest(); newest.receipt {
		if _, seen, reg := c.regular(); reg && seen.Compare(on.MonthOf().Add(-receiptLagMonths)) >= 0 {
			return StatusLikelyCurrent, []Reason{ReasonRegularFills}
		}
	}
	// Not a drug given on a ward: it does not go on after discharge.
	if chronicDanger[c.dc.Class] && last.m.Setting != Inpatient && !last.end.Before(on.AddDays(-recentlyEndedDays(last.receipt))) {
		return StatusRecentlyEnded, nil
	}
	return StatusEnded, nil
}

// dailyAt is the mg per day of the running supplies covering a day, plus
// the 頓用 doses dispensed that day; and the prescribers supplying it.
func dailyAt(ss []supply, day Date) (mg float64, prescribers []string) {
	for _, s := range ss {
		if !covers(s, day) {
			continue
		}
		mg += mgOf(s)
		if p := s.prescriber; !slices.Contains(prescribers, p) {
			prescribers = append(prescribers, p)
		}
	}
	return mg, prescribers
}

// covers: a running supply covers the day, or a 頓用 row was dispensed on it.
func covers(s supply, day Date) bool {
	if s.prn {
		return s.m.Date == day
	}
	return s.runs() && !day.Before(s.start) && !s.end.Before(day)
}

// mgOf is what a supply adds to a day: its mg per day, or one 頓用 dose.
func mgOf(s supply) float64 {
	if s.prn {
		return s.doseMg
	}
	return s.mgPerDay
}

// event is a supply starting (in) or ending for a sweep over the days,
// packed for sorting: the day (year offset so that the day before an
// undated row's zero date still sorts first), the supply, in.
type event uint64

const eventYearOffset = 1 << 16

func eventOf(d Date, supply int, in bool) event {
	day := uint64(d.Year+eventYearOffset)<<9 | uint64(d.Month)<<5 | uint64(d.Day)
	e := event(day<<32 | uint64(supply)<<1)
	if in {
		e |= 1
	}
	return e
}

func (e event) day() Date {
	day := int(e >> 32)
	return Date{day>>9 - eventYearOffset, time.Month(day >> 5 & 15), day & 31}
}

func (e event) supply() int { return int(e>>1) & (1<<31 - 1) }
func (e event) in() bool    { return e&1 == 1 }

// sweep calls at with the supplies covering each day where that changes,
// in date order: n log n, not a walk of every supply for every day.
// The events are sorted as integers: the day, then the supply.
func sweep(ss []supply, enter, leave func(supply), at func(Date)) {
	ev := make([]event, 0, 2*len(ss))
	for i := range ss {
		switch s := &ss[i]; {
		case s.prn:
			ev = append(ev, eventOf(s.m.Date, i, true), eventOf(s.m.Date.AddDays(1), i, false))
		case s.runs():
			ev = append(ev, eventOf(s.start, i, true), eventOf(s.end.AddDays(1), i, false))
		}
	}
	slices.Sort(ev)
	for i := 0; i < len(ev); {
		day := ev[i].day()
		j := i
		for ; j < len(ev) && ev[j].day() == day; j++ {
			if s := ss[ev[j].supply()]; ev[j].in() {
				enter(s)
			} else {
				leave(s)
			}
		}
		at(day)
		i = j
	}
}

// peakOf is the first day a weighted daily total of supplies peaks, and
// that total.
func peakOf(ss []supply, weight func(supply) float64) (day Date, total float64) {
	cur := 0.0
	sweep(ss, func(s supply) { cur += weight(s) }, func(s supply) { cur -= weight(s) }, func(d Date) {
		if cur > total+1e-9 {
			day, total = d, cur
		}
	})
	return day, total
}

// peakPrescribers is the first day the most prescribers supply at once.
func peakPrescribers(ss []supply) (day Date, n int) {
	count := map[string]int{}
	sweep(ss, func(s supply) { count[s.prescriber]++ }, func(s supply) {
		p := s.prescriber
		if count[p]--; count[p] == 0 {
			delete(count, p)
		}
	}, func(d Date) {
		if len(count) > n {
			day, n = d, len(count)
		}
	})
	return day, n
}

func prescriberOf(m *Medication) string { return cmp.Or(m.Prescriber, m.Institution) }

// drugsOf lists the products of supplies once each.
func drugsOf(ss []supply) []AlertDrug {
	var out []AlertDrug
	var seen []int // products
	for i := range ss {
		s := &ss[i]
		if !slices.Contains(seen, s.product) {
			seen = append(seen, s.product)
			out = append(out, AlertDrug{Code: s.m.Code, Name: s.m.Drug, Ingredient: s.dc.Ingredient})
		}
	}
	return out
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

func sortedUnique(ss []string) []string {
	out := slices.Clone(ss)
	slices.Sort(out)
	return slices.Compact(out)
}

// earlyRefills: for a drug whose early refills mean overuse (refillWatch),
// what the supplies dispensed in the last refillWindowDays hold against
// what their daily dose needs over the window; nil unless over
// refillOveruse times the need (two 30-day supplies every 14 days).
func (c *course) earlyRefills(on Date) *EarlyRefills {
	if !refillWatch(c.dc) {
		return nil
	}
	from := on.AddDays(-(refillWindowDays - 1))
	var got, perDay float64
	var dates []Date
	for _, s := range c.supplies {
		if s.prn || s.span == 0 || s.m.Date.Before(from) || on.Before(s.m.Date) {
			continue
		}
		got += s.mgPerDay * float64(s.span)
		perDay = max(perDay, s.mgPerDay)
		dates = append(dates, s.m.Date)
	}
	need := perDay * refillWindowDays
	if len(dates) < 2 || need <= 0 || got <= need*refillOveruse+1e-9 {
		return nil
	}
	return &EarlyRefills{WindowDays: refillWindowDays, DispensedMg: round2(got), NeededMg: round2(need), Dates: dates}
}
