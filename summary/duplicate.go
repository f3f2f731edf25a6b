package summary

import (
	"cmp"
	"slices"
	"strings"
)

// Duplication is a set of drugs two of which at once are a danger in
// themselves (one anticoagulant too many, two opioids, two sulfonylureas).
// The same ingredient from two prescribers at once is a duplicate for
// every highlighted drug, without a row here.
type Duplication struct {
	Kind  AlertKind // the alerts it concerns
	Group Group
	// Merge: one alert for all the drugs (two opioids are one overdose);
	// otherwise each drug keeps its own alert (each anticoagulant its
	// reversal agents), naming the others.
	Merge bool
	// Raise: drugs with no alert of their own (NSAIDs) get one, merged,
	// when they are duplicated, the same one from two prescribers too.
	Raise bool
}

// sulfonylureas, alone or combined.
var sulfonylureas = []string{"グリベンクラミド", "クロルプロパミド", "トルブタミド", "グリクラジド", "グリメピリド", "ピオグリタゾン・グリメピリド"}

// Duplications is THE table of class duplicates. Hypnotics (institutions
// at once, the diazepam-equivalent total) and antiplatelets (dual therapy,
// the same ingredient twice) have rules of their own: they take no part.
var Duplications = []Duplication{
	{Kind: AlertAnticoagulant, Group: Group{Ingredients: []string{"ワルファリンカリウム", "ダビガトラン", "エドキサバン", "リバーロキサバン", "アピキサバン"}}},
	{Kind: AlertOpioid, Group: Group{Classes: []Class{ClassOpioid}}, Merge: true},
	{Kind: AlertHypoglycemic, Group: Group{Ingredients: sulfonylureas}, Merge: true},
	{Kind: AlertNSAID, Group: nsaids, Merge: true, Raise: true},
}

// duplicateAt finds, over the supplies of some drugs, the day two of them
// run at once from two prescribers or as two drugs, with the most mg per
// day: that total (0 when the drugs do not count one ingredient), the
// prescribers and the drugs of that day.
func duplicateAt(cos []*course) (mg float64, prescribers []string, drugs []*course, ok bool) {
	n := 0
	for _, co := range cos {
		n += len(co.supplies)
	}
	ss := make([]supply, 0, n)
	owner := map[*DrugClass]*course{}
	counted := map[string]bool{}
	for _, co := range cos {
		ss = append(ss, co.supplies...)
		owner[co.dc] = co
		counted[co.dc.counted()] = true
	}
	byPrescriber, byDrug := map[string]int{}, map[*DrugClass]int{}
	cur := 0.0
	best := -1.0
	sweep(ss, func(s supply) {
		byPrescriber[s.prescriber]++
		byDrug[s.dc]++
		cur += mgOf(s)
	}, func(s supply) {
		if byPrescriber[s.prescriber]--; byPrescriber[s.prescriber] == 0 {
			delete(byPrescriber, s.prescriber)
		}
		if byDrug[s.dc]--; byDrug[s.dc] == 0 {
			delete(byDrug, s.dc)
		}
		cur -= mgOf(s)
	}, func(Date) {
		if (len(byPrescriber) < 2 && len(byDrug) < 2) || cur <= best+1e-9 {
			return
		}
		best, ok = cur, true
		prescribers = sortedUnique(mapKeys(byPrescriber))
		drugs = drugs[:0]
		for _, co := range cos { // in the order of the record
			if byDrug[co.dc] > 0 {
				drugs = append(drugs, co)
			}
		}
	})
	if ok && len(counted) == 1 {
		mg = round2(best)
	}
	return mg, prescribers, drugs, ok
}

func mapKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// counted is the ingredient whose mg a row's strength measures.
func (dc *DrugClass) counted() string { return cmp.Or(dc.Counts, dc.Ingredient) }

// duplicates marks the alerts of drugs supplied twice at once: the same
// ingredient from two prescribers, or two drugs of a Duplications row. The
// alert gets reason duplicate, the total mg per day (one ingredient), the
// prescribers and the other drugs; a Merge row's drugs become one alert.
// Only drugs that may be taken today count.
func duplicates(as []Alert, cos []*course, on Date) []Alert {
	var today []*course
	for _, co := range cos {
		if st, _ := co.status(on); slices.Contains(statusCertainty, st) && co.dc.Class != ClassHypnotic && co.dc.Class != ClassAntiplatelet {
			today = append(today, co)
		}
	}
	alertOf := func(co *course) int {
		return slices.IndexFunc(as, func(a Alert) bool {
			return a.Kind == AlertKind(co.dc.Class) && a.Ingredient == co.dc.Ingredient && !slices.Contains(a.Reasons, ReasonDuplicate)
		})
	}
	mark := func(a *Alert, mg float64, prescribers []string, others []string) {
		a.Reasons = append(a.Reasons, ReasonDuplicate)
		a.MgPerDay, a.Institutions = mg, prescribers
		a.Concurrent = others
		if severityRank[a.Severity] > severityRank[SeverityWarning] {
			a.Severity = SeverityWarning
		}
	}
	grouped := map[*course]bool{}
	for i := range Duplications {
		d := &Duplications[i]
		var group []*course
		for _, co := range today {
			if d.Group.has(seenOf(co, "")) {
				group = append(group, co)
			}
		}
		mg, ps, drugs, ok := duplicateAt(group)
		if !ok || len(drugs) < 2 && !d.Raise {
			continue // one drug from two prescribers: below
		}
		for _, co := range drugs {
			grouped[co] = true
		}
		if !d.Merge {
			for _, co := range drugs {
				if j := alertOf(co); j >= 0 {
					mark(&as[j], mg, ps, othersOf(drugs, co))
				}
			}
			continue
		}
		// One alert for the drugs, as sure and as severe as the surest.
		var ss []supply
		var ings []string
		sev := SeverityInfo
		for _, co := range drugs {
			ss = append(ss, co.supplies...)
			ings = append(ings, co.dc.components()...)
			if j := alertOf(co); j >= 0 {
				if severityRank[as[j].Severity] < severityRank[sev] {
					sev = as[j].Severity
				}
				as = slices.Delete(as, j, j+1)
			}
		}
		sortByDate(ss)
		names := make([]string, len(drugs))
		for k, co := range drugs {
			names[k] = co.dc.Ingredient
		}
		co := &course{dc: &DrugClass{Class: drugs[0].dc.Class, Ingredient: strings.Join(names, "・"), Components: sortedUnique(ings)}, supplies: ss}
		a := medicationAlert(d.Kind, co, on)
		a.Severity = sev
		mark(&a, mg, ps, nil)
		as = append(as, a)
	}
	for _, co := range today {
		if grouped[co] || co.dc.Class == ClassNone {
			continue
		}
		if mg, ps, _, ok := duplicateAt([]*course{co}); ok {
			if j := alertOf(co); j >= 0 {
				mark(&as[j], mg, ps, nil)
			}
		}
	}
	return as
}

// othersOf names the drugs other than co.
func othersOf(drugs []*course, co *course) []string {
	var out []string
	for _, d := range drugs {
		if d != co {
			out = append(out, d.dc.Ingredient)
		}
	}
	return out
}
