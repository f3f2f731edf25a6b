package summary

import "slices"

// WarningKind is what is doubtful about a view's data. Warnings are shown
// above the alerts; the words are chosen where they are shown.
type WarningKind string

const (
	// WarningUndated: Count rows had a date that could not be read; they
	// are listed as 日付不明 at the end of their sections and may lie
	// outside the period.
	WarningUndated WarningKind = "undated"
	// WarningInsurerNumber: the delivered 保険者番号 fails its check
	// (Insurance says how); it is shown as delivered.
	WarningInsurerNumber WarningKind = "insurer-number"
	// WarningFutureDated: Count rows are dated after the creation date
	// (not shown): Items says where, Classes which drug classes among them
	// (an anticoagulant dated tomorrow is a clock to check).
	WarningFutureDated WarningKind = "future-dated"
	// WarningWithheld: Count things received are not shown; Details says
	// which and why (Record.Withheld). Shown first: the view is incomplete.
	WarningWithheld WarningKind = "withheld"
)

// Warning is one doubt about the data shown: its kind and its facts.
type Warning struct {
	Kind      WarningKind     `json:"kind"`
	Count     int             `json:"count,omitempty"`
	Insurance *InsuranceError `json:"insurance,omitempty"`
	Items     []Item          `json:"items,omitempty"`
	Classes   []Class         `json:"classes,omitempty"`
	Details   []string        `json:"details,omitempty"`
}

// futureDated counts the rows dated after the creation date, which no
// window shows: a clock set wrong here or at the source must not pass
// unseen.
func futureDated(rec *Record, on Date) (Warning, bool) {
	w := Warning{Kind: WarningFutureDated}
	add := func(it Item, n int) {
		if n > 0 {
			w.Count += n
			w.Items = append(w.Items, it)
		}
	}
	for _, set := range []struct {
		item Item
		rows []Medication
	}{{ItemDispensing, rec.Dispensing}, {ItemMedications, rec.Medications}} {
		n := 0
		for _, m := range set.rows {
			if on.Before(m.Date) {
				n++
				if m.Class != "" && m.Class != ClassNone && !slices.Contains(w.Classes, m.Class) {
					w.Classes = append(w.Classes, m.Class)
				}
			}
		}
		add(set.item, n)
	}
	for _, set := range []struct {
		item Item
		rows []Procedure
	}{{ItemSurgeries, rec.Surgeries}, {ItemProcedures, rec.Procedures}, {ItemDialysis, rec.Dialysis}} {
		add(set.item, len(filter(set.rows, func(p Procedure) bool { return on.Before(p.Date) })))
	}
	add(ItemVisits, len(filter(rec.Visits, func(v Visit) bool { return v.Month.Compare(on.MonthOf()) > 0 })))
	add(ItemCheckups, len(filter(rec.Checkups, func(c Checkup) bool { return on.Before(c.Date) })))
	return w, w.Count > 0
}
