package summary

import (
	"cmp"
	"slices"
	"strings"
)

// lookbackMonths is how far back visits and hypnotic supplies count in
// normal mode: the last 12 calendar months, the creation month included.
const lookbackMonths = 12

// diazepamTotalMax is the class total, in diazepam-equivalent mg per day,
// above which the hypnotic alert is raised.
const diazepamTotalMax = 15

// elderlyAge is the age from which the elderly label maxima apply.
const elderlyAge = 65

// severityRank and kindRank are THE order of alerts on screen and paper:
// severity first, then the kind a doctor needs first.
var (
	severityRank = map[Severity]int{SeverityCritical: 0, SeverityWarning: 1, SeverityInfo: 2}
	kindRank     = map[AlertKind]int{
		AlertAnticoagulant: 0, AlertAntiplatelet: 1, AlertInteraction: 2, AlertHypoglycemic: 3, AlertSteroid: 4, AlertSGLT2: 5,
		AlertGLP1: 6, AlertDialysis: 7, AlertDevice: 8, AlertAntiepileptic: 9, AlertParkinson: 10, AlertNarrowIndex: 11,
		AlertClozapine: 12, AlertOpioid: 13, AlertImmunosuppressant: 14, AlertHypnotic: 15, AlertNSAID: 16, AlertRegularInstitution: 17,
	}
)

// InstitutionVisits is one line of the regular-institution ranking.
type InstitutionVisits struct {
	Institution string `json:"institution"`
	Months      int    `json:"months"` // months with a visit in the lookback
	Latest      Month  `json:"latest"`
}

// classifyRecord sets Class and Subclass on every medication row.
func classifyRecord(rec *Record, c Classifier) {
	for _, rows := range [][]Medication{rec.Dispensing, rec.Medications} {
		for i := range rows {
			c.Medication(&rows[i])
		}
	}
}

// scope is the part of a record alerts may use: in emergency mode the rows
// inside the emergency windows (nothing the doctor may not see leaks
// through an alert), in normal mode the whole record; never a row dated
// after the creation date.
type scope struct {
	on         Date
	mode       Mode
	receipts   []*Medication // the record's rows: not copied
	dispensing []*Medication
	visits     []Visit
	procedures []Procedure // procedures, surgeries and dialysis
	dialysis   []Procedure
}

func scopeOf(rec *Record, mode Mode, on Date) scope {
	win := map[Item]Window{}
	for _, r := range Rules {
		win[r.Item] = r.For(mode).WindowOn(on)
		if mode == Normal {
			win[r.Item] = Window{To: on} // everything up to the creation date
		}
	}
	meds := func(it Item, ms []Medication) []*Medication {
		out := make([]*Medication, 0, len(ms))
		for i := range ms {
			if win[it].Contains(ms[i].Date) {
				out = append(out, &ms[i])
			}
		}
		return out
	}
	procs := func(it Item, ps []Procedure) []Procedure {
		return filter(ps, func(p Procedure) bool { return win[it].Contains(p.Date) })
	}
	from := on.MonthOf().Add(-(lookbackMonths - 1)).First()
	if mode == Emergency {
		from = win[ItemVisits].From
	}
	return scope{
		on: on, mode: mode,
		receipts:   meds(ItemMedications, rec.Medications),
		dispensing: meds(ItemDispensing, rec.Dispensing),
		visits: filter(rec.Visits, func(v Visit) bool {
			return v.Month.Compare(from.MonthOf()) >= 0 && v.Month.Compare(on.MonthOf()) <= 0
		}),
		procedures: append(procs(ItemProcedures, rec.Procedures), procs(ItemSurgeries, rec.Surgeries)...),
		dialysis:   procs(ItemDialysis, rec.Dialysis),
	}
}

// Alerts computes the alerts of a record for a mode as of its creation
// date. The supply arithmetic runs forward from the rows in scope: a 90-day
// warfarin supply dispensed 44 days ago still covers the creation date.
// It classifies the medication rows it reads, as Build.
func Alerts(rec *Record, mode Mode, on Date) []Alert {
	as, _, _ := analyse(rec, mode, on, Classifier{})
	return as
}

// analyse computes the alerts, the list of drugs likely taken today and
// the state of every drug, from the same rows in scope.
func analyse(rec *Record, mode Mode, on Date, c Classifier) ([]Alert, []CurrentMedication, map[drugKey]drugState) {
	sc := scopeOf(rec, mode, on)
	all := coursesOf(sc, c)
	current := currentOf(all, on)
	drugs := drugStates(all, on)
	courses := filter(all, func(co *course) bool { return co.dc.Class != ClassNone })
	age := -1 // unknown: the adult maxima apply
	if !rec.Patient.Birth.IsZero() {
		age = rec.Patient.Birth.AgeOn(on)
	}
	var as []Alert
	var antiplatelets, hypnotics []*course
	for _, co := range courses {
		switch co.dc.Class {
		case ClassAnticoagulant:
			as = append(as, anticoagulantAlert(co, on))
		case ClassAntiplatelet:
			antiplatelets = append(antiplatelets, co)
		case ClassHypnotic:
			hypnotics = append(hypnotics, co)
		case ClassSteroid:
			if a, ok := steroidAlert(co, on); ok {
				as = append(as, a)
			}
		default:
			if a, ok := dangerAlert(co, on); ok {
				as = append(as, a)
			}
		}
	}
	as = append(as, antiplateletAlerts(antiplatelets, on)...)
	as = append(as, interactionAlerts(all, on)...)
	as = append(as, hypnoticAlerts(hypnotics, sc, age)...)
	as = duplicates(as, all, on)
	as = append(as, procedureAlerts(sc)...)
	if a, ok := regularInstitutionAlert(sc); ok {
		as = append(as, a)
	}
	sortAlerts(as)
	if as == nil {
		as = []Alert{}
	}
	return as, current, drugs
}

// sortAlerts is THE order of alerts: severity, then kind, then ingredient.
func sortAlerts(as []Alert) {
	slices.SortStableFunc(as, func(a, b Alert) int {
		return cmp.Or(cmp.Compare(severityRank[a.Severity], severityRank[b.Severity]),
			cmp.Compare(kindRank[a.Kind], kindRank[b.Kind]), strings.Compare(a.Ingredient, b.Ingredient))
	})
}

// coursesOf groups the rows in scope by drug, one dispensing counted once
// across the receipt and dispensing trees, in the order the drugs are
// first seen (output never depends on map order). A drug the table does
// not name is grouped by its ingredient (or product) name.
func coursesOf(sc scope, c Classifier) []*course {
	rd := newReader(c)
	read := func(out []supply, ms []*Medication, receipt bool) []supply {
		for _, m := range ms {
			rr := rd.read(m)
			if rr.class.Subclass == SubFlush {
				continue // a lock/flush syringe does not anticoagulate the patient
			}
			out = append(out, rr.supply(m, receipt))
		}
		return out
	}
	all := read(make([]supply, 0, len(sc.receipts)+len(sc.dispensing)), sc.receipts, true)
	all = rd.dedupe(read(all, sc.dispensing, false), len(all))
	// Counted first, then filled: each course's supplies are allocated once.
	byDrug := map[*DrugClass]int{}
	var order []*course
	var counts []int
	of := make([]int, len(all)) // the course of each supply
	for i, s := range all {
		k, ok := byDrug[s.dc]
		if !ok {
			k = len(order)
			byDrug[s.dc] = k
			order = append(order, &course{dc: s.dc})
			counts = append(counts, 0)
		}
		of[i] = k
		counts[k]++
	}
	for k, co := range order {
		co.supplies = make([]supply, 0, counts[k])
	}
	for i, s := range all {
		co := order[of[i]]
		co.supplies = append(co.supplies, s)
	}
	for _, co := range order {
		co.chain(sc.on)
	}
	return order
}

// medicationAlert fills what every drug alert shares: the drug, its latest
// supply, its coverage and status, the evidence rows.
func medicationAlert(kind AlertKind, co *course, on Date) Alert {
	last := co.latest()
	st, reasons := co.status(on)
	a := Alert{
		Kind:         kind,
		Severity:     SeverityInfo,
		Status:       st,
		Reasons:      reasons,
		Ingredient:   co.dc.Ingredient,
		Ingredients:  co.dc.components(),
		Subclass:     co.dc.Subclass,
		Drugs:        drugsOf(co.supplies),
		LatestDate:   last.m.Date,
		DaysSupplied: last.days,
		Rows:         evidence(co, on),
	}
	if end, ok := co.coveredThrough(); ok {
		a.CoveredThrough = end
	}
	if st == StatusLikelyCurrent {
		a.RegularSince, a.LastSeen, _ = co.regular()
	}
	from := on.MonthOf().Add(-(lookbackMonths - 1)).First()
	a.DoseChanges = filter(co.changes, func(c DoseChange) bool { return !c.Date.Before(from) })
	if len(a.DoseChanges) == 0 {
		a.DoseChanges = nil
	} else {
		a.Reasons = append(a.Reasons, ReasonDoseChange)
	}
	if co.refills != nil {
		a.EarlyRefills = co.refills
		a.Reasons = append(a.Reasons, ReasonEarlyRefills)
	}
	return a
}

// evidence is the rows of the last 12 months an alert rests on (years of
// weekly supplies would bury the page), or its latest row when older.
// Newest first, as the sections; counted first, each row copied once.
func evidence(co *course, on Date) []Medication {
	from := on.MonthOf().Add(-(lookbackMonths - 1)).First()
	recent := func(s *supply) bool { return !cmp.Or(s.end, s.m.Date).Before(from) }
	n := 0
	for i := range co.supplies {
		if recent(&co.supplies[i]) {
			n++
		}
	}
	if n == 0 {
		return []Medication{*co.latest().m}
	}
	rows := make([]Medication, 0, n)
	for i := len(co.supplies) - 1; i >= 0; i-- {
		if recent(&co.supplies[i]) {
			rows = append(rows, *co.supplies[i].m)
		}
	}
	return rows
}

// likelyTaken: only these statuses make a drug alert critical. A recently
// ended supply of a chronic drug and a pen of unknown days may well go on.
func (a Alert) likelyTaken() bool { return mayBeTaken(a.Status) }

func mayBeTaken(st Status) bool {
	switch st {
	case StatusCurrent, StatusLikelyCurrent, StatusRecentlyEnded, StatusUnknownDuration:
		return true
	}
	return false
}

func anticoagulantAlert(co *course, on Date) Alert {
	a := medicationAlert(AlertAnticoagulant, co, on)
	a.Severity = SeverityWarning
	if a.likelyTaken() {
		a.Severity = SeverityCritical
	}
	a.Reversal = co.dc.Reversal
	a.NoReversal = len(a.Reversal) == 0
	return a
}

// antiplateletAlerts names dual therapy by ingredient: コンプラビン alone is
// clopidogrel and aspirin; コンプラビン with a separate aspirin is aspirin
// twice, not a third antiplatelet.
func antiplateletAlerts(cos []*course, on Date) []Alert {
	as := make([]Alert, len(cos))
	for i, co := range cos {
		as[i] = medicationAlert(AlertAntiplatelet, co, on)
	}
	for i := range as {
		a := &as[i]
		seen := map[string]int{}
		for _, c := range a.Ingredients {
			seen[c]++
		}
		for j, b := range as {
			if j == i || !spansOverlap(*a, b) {
				continue
			}
			for _, c := range b.Ingredients {
				seen[c]++
			}
		}
		for c, n := range seen {
			if !slices.Contains(a.Ingredients, c) {
				a.Concurrent = append(a.Concurrent, c)
			}
			if n > 1 && slices.Contains(a.Ingredients, c) && !slices.Contains(a.Reasons, ReasonDuplicatedIngredient) {
				a.Reasons = append(a.Reasons, ReasonDuplicatedIngredient)
			}
		}
		slices.Sort(a.Concurrent)
		if len(seen) > 1 {
			a.Reasons = append(a.Reasons, ReasonDualTherapy)
		}
		if a.likelyTaken() {
			a.Severity = SeverityWarning
		}
	}
	return as
}

// spansOverlap: the supplies of two alerts, from the latest fill to the
// covered-through date, overlap in time.
func spansOverlap(a, b Alert) bool {
	endA, endB := cmp.Or(a.CoveredThrough, a.LatestDate), cmp.Or(b.CoveredThrough, b.LatestDate)
	return !endB.Before(a.LatestDate) && !endA.Before(b.LatestDate)
}

// hypnoticAlerts flags each drug over its label maximum (the elderly one
// from 65), and the class as a whole when its diazepam-equivalent total
// exceeds 15 mg/day or two or more institutions supply it at once. In
// normal mode the supplies of the last 12 months count.
func hypnoticAlerts(cos []*course, sc scope, age int) []Alert {
	var as []Alert
	var all []supply
	from := sc.on.MonthOf().Add(-(lookbackMonths - 1)).First()
	for _, co := range cos {
		co.supplies = filter(co.supplies, func(s supply) bool { return !cmp.Or(s.end, s.m.Date).Before(from) })
		if len(co.supplies) == 0 {
			continue
		}
		all = append(all, co.supplies...)
		max, reason := co.dc.MaxDailyMg, ReasonOverMax
		if age >= elderlyAge && co.dc.ElderlyMaxMg > 0 {
			max, reason = co.dc.ElderlyMaxMg, ReasonOverElderlyMax
		}
		day, peak := peakOf(co.supplies, mgOf)
		_, prescribers := dailyAt(co.supplies, day)
		over := max > 0 && peak > max+1e-9
		if over || co.refills != nil {
			a := medicationAlert(AlertHypnotic, co, sc.on)
			a.Severity = SeverityWarning
			if over {
				a.Reasons = append(a.Reasons, reason)
				a.MgPerDay, a.MaxMgPerDay = round2(peak), max
				a.Institutions = sortedUnique(prescribers)
			}
			as = append(as, a)
		} else if a, ok := atHandAlert(co, sc.on); ok {
			as = append(as, a)
		}
	}
	if a, ok := hypnoticClassAlert(cos, all, sc.on); ok {
		// One drug over its maximum and over the total: one alert.
		if i := slices.IndexFunc(as, func(b Alert) bool { return b.Ingredient == a.Ingredient }); i >= 0 {
			as[i].Reasons = append(as[i].Reasons, a.Reasons...)
			as[i].DiazepamEqMgPerDay, as[i].Institutions = a.DiazepamEqMgPerDay, a.Institutions
			return as
		}
		as = append(as, a)
	}
	return as
}

// hypnoticClassAlert looks at all hypnotics together, on the day their
// diazepam-equivalent total or the number of institutions peaks.
func hypnoticClassAlert(cos []*course, all []supply, on Date) (Alert, bool) {
	eqDay, peakEq := peakOf(all, func(s supply) float64 {
		if s.dc.DiazepamEq5 > 0 {
			return mgOf(s) * 5 / s.dc.DiazepamEq5
		}
		return 0
	})
	instDay, _ := peakPrescribers(all)
	var peakInst, ingredients []string
	for _, s := range all {
		if covers(s, instDay) {
			peakInst = append(peakInst, s.prescriber)
			ingredients = append(ingredients, s.dc.Ingredient)
		}
		if peakEq > diazepamTotalMax+1e-9 && covers(s, eqDay) {
			ingredients = append(ingredients, s.dc.Ingredient)
		}
	}
	peakInst, ingredients = sortedUnique(peakInst), sortedUnique(ingredients)
	var reasons []Reason
	if peakEq > diazepamTotalMax+1e-9 {
		reasons = append(reasons, ReasonDiazepamTotal)
	}
	if len(peakInst) >= 2 {
		reasons = append(reasons, ReasonConcurrentInstitutions)
	}
	if len(reasons) == 0 {
		return Alert{}, false
	}
	var involved []supply
	for _, co := range cos {
		if slices.Contains(ingredients, co.dc.Ingredient) {
			involved = append(involved, co.supplies...)
		}
	}
	co := &course{dc: &DrugClass{Class: ClassHypnotic, Ingredient: strings.Join(ingredients, "・"), Components: ingredients}, supplies: involved}
	sortByDate(co.supplies)
	a := medicationAlert(AlertHypnotic, co, on)
	a.Severity = SeverityWarning
	a.Reasons = append(a.Reasons, reasons...)
	a.DiazepamEqMgPerDay = round2(peakEq)
	a.Institutions = peakInst
	return a, true
}

// dangerAlert: a drug of the other first-hour classes (hypoglycaemic,
// SGLT2, GLP-1, immunosuppressant, antiepileptic, narrow index, opioid) that may
// be taken today; an ended supply says nothing about the first hour,
// unless a weekly drug was given daily (its toxicity comes days later).
func dangerAlert(co *course, on Date) (Alert, bool) {
	a := medicationAlert(AlertKind(co.dc.Class), co, on)
	if co.dc.MaxWeeklyMg > 0 && weeklyAlert(&a, co) {
		return a, true
	}
	switch {
	case a.Status == StatusEnded && co.refills == nil:
		return atHandAlert(co, on)
	case a.likelyTaken() || co.refills != nil:
		a.Severity = SeverityWarning
	default:
		a.Severity = SeverityInfo
	}
	return a, true
}

// atHandAlert: the 頓用 doses of an overdose-relevant drug dispensed in
// the last atHandDays days, as a note (手元にある可能性: 40錠).
func atHandAlert(co *course, on Date) (Alert, bool) {
	if !overdoseRelevant[co.dc.Class] {
		return Alert{}, false
	}
	since := on.AddDays(-(atHandDays - 1))
	h := &AtHand{Days: atHandDays, Since: since}
	var rows []supply
	for _, s := range co.supplies {
		if s.prn && !s.m.Date.Before(since) && !on.Before(s.m.Date) && (h.Unit == "" || h.Unit == s.m.Unit) {
			h.Amount += s.m.Amount
			h.Unit = s.m.Unit
			rows = append(rows, s)
		}
	}
	if h.Amount <= 0 {
		return Alert{}, false
	}
	a := medicationAlert(AlertKind(co.dc.Class), &course{dc: co.dc, supplies: rows}, on)
	a.Severity = SeverityInfo
	a.AtHand = h
	return a, true
}

// weeklyAlert sets the peak dose per week of a weekly drug and, when a
// supply runs over the weekly maximum or is scheduled 1日N回 (daily dosing),
// makes the alert critical and says so.
func weeklyAlert(a *Alert, co *course) bool {
	_, peak := peakOf(co.supplies, mgOf)
	peak *= 7
	a.MgPerWeek, a.MaxMgPerWeek = round2(peak), co.dc.MaxWeeklyMg
	// Daily dosing only where the 用法 says so (1日N回 and no weekly
	// word): 日数 of a weekly drug counts doses, a small one is no alarm.
	daily := slices.ContainsFunc(co.supplies, func(s supply) bool {
		return timesPerDayRe.MatchString(fold(s.m.Usage)) && intervalOf(*s.m) == 1
	})
	over := peak > co.dc.MaxWeeklyMg+1e-9
	if daily {
		a.Reasons = append(a.Reasons, ReasonDailyDosing)
	}
	if over {
		a.Reasons = append(a.Reasons, ReasonOverWeeklyMax)
	}
	if daily || over {
		a.Severity = SeverityCritical
	}
	return daily || over
}

// Steroid thresholds (issue 16): systemic use on 3 or more weeks of the
// last 12, or 20 mg/day prednisolone-equivalent or more.
const (
	steroidWeeks      = 12
	steroidMinDays    = 21
	steroidHighDoseMg = 20
)

// steroidAlert: a systemic corticosteroid long or high enough to suppress
// the adrenal glands.
func steroidAlert(co *course, on Date) (Alert, bool) {
	from := on.AddDays(-(steroidWeeks*7 - 1))
	_, peak := peakOf(co.supplies, mgOf)
	var reasons []Reason
	to := on
	if end, ok := co.coveredThrough(); ok && on.Before(end) {
		to = end // the whole course prescribed, a taper's later steps too
	}
	if coveredDays(co.running(), from, to) >= steroidMinDays {
		reasons = append(reasons, ReasonLongCourse)
	}
	psl := 0.0
	if co.dc.PrednisoloneEq > 0 {
		psl = peak * 5 / co.dc.PrednisoloneEq
	}
	if psl >= steroidHighDoseMg-1e-9 {
		reasons = append(reasons, ReasonHighDose)
	}
	if len(reasons) == 0 {
		return Alert{}, false
	}
	a := medicationAlert(AlertSteroid, co, on)
	a.Severity = SeverityWarning
	a.Reasons = append(a.Reasons, reasons...)
	// The dose today where a supply runs (a taper's step), else the peak.
	a.MgPerDay, a.PrednisoloneEqMgPerDay = round2(peak), round2(psl)
	if today, _ := dailyAt(co.supplies, on); today > 0 {
		a.MgPerDay = round2(today)
	}
	return a, true
}

// coveredDays counts the days from … to that running supplies cover, each
// day once: the union of their spans, sorted (a taper's steps follow one
// another, a course counts whole).
func coveredDays(rs []supply, from, to Date) int {
	slices.SortFunc(rs, func(a, b supply) int { return a.start.Compare(b.start) })
	n := 0
	next := from // the first day not yet counted
	for _, s := range rs {
		start, end := s.start, s.end
		if start.Before(next) {
			start = next
		}
		if to.Before(end) {
			end = to
		}
		if end.Before(start) {
			continue
		}
		n += start.DaysUntil(end) + 1
		next = end.AddDays(1)
	}
	return n
}

// procedureAlerts: dialysis (the last session and its kind) and devices
// (pacemaker, ICD, valve, stent, shunt, home oxygen or ventilation), one
// alert per kind and modality, from the latest procedure or surgery.
func procedureAlerts(sc scope) []Alert {
	latest := map[int]Procedure{} // by row of ProcedureKinds
	type kind struct {
		i  int
		ok bool
	}
	kinds := map[[2]string]kind{} // a long record repeats a few procedures thousands of times
	for _, p := range append(slices.Clone(sc.dialysis), sc.procedures...) {
		k, seen := kinds[[2]string{p.Name, p.Code}]
		if !seen {
			k.i, k.ok = procedureKind(p)
			kinds[[2]string{p.Name, p.Code}] = k
		}
		i, ok := k.i, k.ok
		if !ok {
			continue
		}
		if old, seen := latest[i]; !seen || old.Date.Before(p.Date) {
			latest[i] = p
		}
	}
	var as []Alert
	for i, k := range ProcedureKinds { // the table's order is the danger order
		p, ok := latest[i]
		if !ok {
			continue
		}
		a := Alert{Kind: k.Kind, Severity: SeverityWarning, Modality: k.Modality, Procedure: &p, LatestDate: p.Date, DateIs: cmp.Or(k.DateIs, DateDone)}
		as = append(as, a)
	}
	return as
}

// regularInstitutionAlert ranks the institutions (pharmacies aside: they
// dispense, they do not follow the patient) by months with a visit in
// scope, then by the latest visit.
func regularInstitutionAlert(sc scope) (Alert, bool) {
	months := map[string]map[Month]bool{}
	for _, v := range sc.visits {
		if v.Setting == Pharmacy {
			continue
		}
		if months[v.Institution] == nil {
			months[v.Institution] = map[Month]bool{}
		}
		months[v.Institution][v.Month] = true
	}
	if len(months) == 0 {
		return Alert{}, false
	}
	var rank []InstitutionVisits
	for inst, ms := range months {
		iv := InstitutionVisits{Institution: inst, Months: len(ms)}
		for m := range ms {
			if m.Compare(iv.Latest) > 0 {
				iv.Latest = m
			}
		}
		rank = append(rank, iv)
	}
	slices.SortFunc(rank, func(a, b InstitutionVisits) int {
		return cmp.Or(cmp.Compare(b.Months, a.Months), b.Latest.Compare(a.Latest), strings.Compare(a.Institution, b.Institution))
	})
	span := lookbackMonths
	if sc.mode == Emergency {
		span = rulePeriod(ItemVisits, Emergency).N
	}
	a := Alert{Kind: AlertRegularInstitution, Severity: SeverityInfo, Ranking: rank, SpanMonths: span}
	for _, r := range rank {
		if r.Months == rank[0].Months {
			a.Tied = append(a.Tied, r.Institution)
		}
	}
	if len(a.Tied) < 2 {
		a.Tied = nil
	}
	return a, true
}
