package summary

import (
	"slices"
	"strings"
)

// groupMatchers folds the name words of every group of the tables once.
type groupMatcher struct{ terms, excludes []string }

var groupMatchers = map[*Group]groupMatcher{}

func init() {
	add := func(g *Group) { groupMatchers[g] = groupMatcher{foldAll(g.Terms), foldAll(g.Excludes)} }
	for i := range Interactions {
		for _, gs := range [][]Group{Interactions[i].Drug, Interactions[i].With} {
			for j := range gs {
				add(&gs[j])
			}
		}
	}
	for i := range Duplications {
		add(&Duplications[i].Group)
	}
}

// drugSeen is what the groups match a drug on: its row of the drug table,
// and for a drug the table does not highlight the code prefixes and the
// folded names of its rows (each read once).
type drugSeen struct {
	co       *course
	st       Status
	prefixes []string
	names    [][2]string // product and ingredient, folded
}

func seenOf(co *course, st Status) drugSeen {
	d := drugSeen{co: co, st: st}
	if co.dc.Class != ClassNone {
		return d
	}
	read := map[*rowRead]bool{} // a course repeats a few products thousands of times
	for _, s := range co.supplies {
		if read[s.read] {
			continue
		}
		read[s.read] = true
		if c := CodeOf(s.m.Code); c.Classifiable() && !slices.Contains(d.prefixes, string(c)[:7]) {
			d.prefixes = append(d.prefixes, string(c)[:7])
		}
		if n := [2]string{fold(s.m.Drug), fold(s.m.Ingredient)}; !slices.Contains(d.names, n) {
			d.names = append(d.names, n)
		}
	}
	return d
}

// has says whether a drug belongs to g: a drug of the table by its row,
// another by the code or a name of one of its rows, unless the product
// name excludes it (a tape whose ingredient is an NSAID).
func (g *Group) has(d drugSeen) bool {
	if d.co.dc.Class != ClassNone {
		return slices.Contains(g.Classes, d.co.dc.Class) || slices.Contains(g.Ingredients, d.co.dc.Ingredient)
	}
	for _, p := range d.prefixes {
		if slices.Contains(g.Prefixes, p) {
			return true
		}
	}
	gm, ok := groupMatchers[g]
	if !ok { // a group outside the tables
		gm = groupMatcher{foldAll(g.Terms), foldAll(g.Excludes)}
	}
	for _, n := range d.names {
		if (containsAny(n[0], gm.terms) || containsAny(n[1], gm.terms)) && !containsAny(n[0], gm.excludes) && !containsAny(n[1], gm.excludes) {
			return true
		}
	}
	return false
}

func anyHas(gs []Group, d drugSeen) bool {
	for i := range gs {
		if gs[i].has(d) {
			return true
		}
	}
	return false
}

// statusCertainty orders the statuses of drugs that may be taken today,
// most certain first: an interaction is only as sure as its least sure drug.
var statusCertainty = []Status{StatusCurrent, StatusLikelyCurrent, StatusRecentlyEnded, StatusUnknownDuration}

// interactionAlerts raises one alert per row of the table whose sides are
// both taken today, naming every drug that takes part.
func interactionAlerts(cos []*course, on Date) []Alert {
	var today []drugSeen
	for _, co := range cos {
		if st, _ := co.status(on); slices.Contains(statusCertainty, st) {
			today = append(today, seenOf(co, st))
		}
	}
	var as []Alert
	for i := range Interactions {
		in := &Interactions[i]
		var drug, with []drugSeen
		for _, t := range today {
			switch {
			case anyHas(in.Drug, t):
				drug = append(drug, t)
			case anyHas(in.With, t):
				with = append(with, t)
			}
		}
		if len(in.With) == 0 { // two different drugs of one group
			if len(drug) < 2 {
				continue
			}
		} else if len(drug) == 0 || len(with) == 0 {
			continue
		}
		involved := append(drug, with...)
		a := Alert{Kind: AlertInteraction, Severity: SeverityWarning, Effect: in.Effect, Advice: in.Advice, Status: StatusCurrent}
		var ss []supply
		for _, t := range involved {
			for _, c := range t.co.dc.components() {
				if !slices.Contains(a.Ingredients, c) {
					a.Ingredients = append(a.Ingredients, c)
				}
			}
			ss = append(ss, t.co.supplies...)
			if slices.Index(statusCertainty, t.st) > slices.Index(statusCertainty, a.Status) {
				a.Status = t.st
			}
			if end, ok := t.co.coveredThrough(); ok && t.st == StatusCurrent && (a.CoveredThrough.IsZero() || end.Before(a.CoveredThrough)) {
				a.CoveredThrough = end // the combination lasts as long as its shortest supply
			}
		}
		if in.AdviceMore != "" && len(a.Ingredients) > 2 {
			a.Advice = in.AdviceMore
		}
		if a.Status != StatusCurrent {
			a.CoveredThrough = Date{}
		}
		a.Drugs = drugsOf(ss)
		a.Ingredient = strings.Join(a.Ingredients, "＋")
		as = append(as, a)
	}
	return as
}
