package summary

import (
	"cmp"
	"slices"
	"strings"
)

// CurrentMedication is one line of 現在服用中の可能性がある薬: one drug
// likely taken on the creation date, whatever source showed it.
type CurrentMedication struct {
	Class          Class   `json:"class"`
	Subclass       string  `json:"subclass,omitempty"`
	Ingredient     string  `json:"ingredient"`
	Drug           string  `json:"drug"` // the latest product
	Code           string  `json:"code,omitempty"`
	Status         Status  `json:"status"`
	MgPerDay       float64 `json:"mgPerDay,omitempty"`
	MgPerWeek      float64 `json:"mgPerWeek,omitempty"` // weekly drugs (methotrexate): never an average per day
	Usage          string  `json:"usage,omitempty"`     // 用法 and 1回量 of the latest supply
	CoveredThrough Date    `json:"coveredThrough,omitzero"`
	Institution    string  `json:"institution"` // Medication.Where of the latest supply
	// Patch: a patch that may be on the skin (剥がす).
	Patch bool `json:"patch,omitempty"`
	// Prescribers whose supplies all run on the creation date, when more
	// than one: the line must not name one clinic for a dose four supply.
	Prescribers []string `json:"prescribers,omitempty"`
}

// currentOf lists the drugs whose status is current or likely-current.
func currentOf(courses []*course, on Date) []CurrentMedication {
	out := []CurrentMedication{}
	for _, co := range courses {
		st, _ := co.status(on)
		if !mayBeTaken(st) {
			continue
		}
		last := co.latest()
		c := CurrentMedication{
			Class: co.dc.Class, Subclass: co.dc.Subclass, Ingredient: co.dc.Ingredient,
			Drug: last.m.Drug, Code: last.m.Code, Status: st,
			Usage:       strings.TrimSpace(last.m.Usage + " " + last.m.Dose),
			Institution: last.m.Where(), Patch: isPatch(*last.m),
		}
		c.CoveredThrough, _ = co.coveredThrough()
		if _, ps := dailyAt(co.supplies, on); len(ps) > 1 {
			c.Prescribers = ps
		}
		mg := last.mgPerDay
		if st == StatusCurrent {
			mg, _ = dailyAt(co.supplies, on)
		}
		switch {
		case weeklyDose(co.dc, *last.m):
			// Methotrexate daily instead of weekly kills: say mg per week.
			c.MgPerWeek = round2(mg * 7)
		case perDayDose(*last.m):
			c.MgPerDay = round2(mg)
		}
		// Otherwise a patch or an inhaler: its 用法 says more than an average.
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b CurrentMedication) int {
		return cmp.Or(cmp.Compare(classRank(a.Class), classRank(b.Class)), strings.Compare(a.Ingredient, b.Ingredient))
	})
	return out
}

// classRank orders drug classes by danger, as the alerts of their kind;
// drugs of no class last.
func classRank(c Class) int {
	if r, ok := kindRank[AlertKind(c)]; ok {
		return r
	}
	return len(kindRank)
}

// isPatch: a product applied as a patch or tape (パッチ, テープ).
func isPatch(m Medication) bool { return containsAny(fold(m.Drug), patchWords) }

var patchWords = foldAll([]string{"パッチ", "テープ", "貼付"})

// weeklyDose: a drug taken by the week (its 用法 says 週, or the table
// knows it as weekly), taken whole, whose dose reads as mg per week.
func weeklyDose(dc *DrugClass, m Medication) bool {
	r := CodeOf(m.Code).Route()
	return (dc.MaxWeeklyMg > 0 || weeklyUsage(m.Usage)) && (r == RouteOral || r == RouteUnknown)
}

// weeklyUsage: the 用法 names a week or a weekday (週1回, 月曜日).
func weeklyUsage(usage string) bool { return containsAny(fold(usage), weeklyFolded) }

var weeklyFolded = foldAll([]string{"週", "曜"})

// perDayDose: a daily regimen (1日N回) of a drug taken whole, not a patch,
// an inhaler or an injection, whose mg per day means what it says.
func perDayDose(m Medication) bool {
	r := CodeOf(m.Code).Route()
	return timesPerDayRe.MatchString(fold(m.Usage)) && (r == RouteOral || r == RouteUnknown)
}
