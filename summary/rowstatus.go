package summary

import (
	"cmp"
	"slices"
)

// RowStatus is what the supply arithmetic says of the drug a medication
// row belongs to: the drug's status (as in the alerts and 現在服用中), until
// when its supplies ran, and whether the row is of its product's newest
// supply date (an older row was followed by a later supply of the same
// product; insulin glargine and aspart are one drug, two products).
type RowStatus struct {
	Status         Status
	CoveredThrough Date
	Latest         bool
}

// drugKey is what groups rows into one course (coursesOf): the table row
// of a highlighted drug, else the folded ingredient or product name.
type drugKey struct {
	dc   *DrugClass
	name string
}

func courseKey(dc *DrugClass) drugKey {
	if dc.Class == ClassNone {
		return drugKey{name: fold(dc.Ingredient)}
	}
	return drugKey{dc: dc}
}

// drugState is a course's RowStatus without the row: newest by product
// name as the rows spell it (folding each row would cost Build its speed;
// a twin row spelled otherwise counts as newest).
type drugState struct {
	status  Status
	through Date
	newest  map[string]Date
}

// drugStates is the state of every course as of on.
func drugStates(courses []*course, on Date) map[drugKey]drugState {
	out := make(map[drugKey]drugState, len(courses))
	for _, co := range courses {
		st, _ := co.status(on)
		through, _ := co.coveredThrough()
		// The last supply of each name, walking back a product at a time:
		// a course repeats a few products thousands of times.
		newest := map[string]Date{}
		var seen []int // products
		for i := len(co.supplies) - 1; i >= 0; i-- {
			s := &co.supplies[i]
			if slices.Contains(seen, s.product) {
				continue
			}
			seen = append(seen, s.product)
			if _, ok := newest[s.m.Drug]; !ok {
				newest[s.m.Drug] = s.m.Date
			}
		}
		out[courseKey(co.dc)] = drugState{status: st, through: through, newest: newest}
	}
	return out
}

// StatusOf is the RowStatus of a medication row of the view; ok is false
// for a row no supply arithmetic covers (a lock/flush syringe, a row
// outside the alerts' scope, a view decoded from JSON).
func (v *View) StatusOf(m Medication) (RowStatus, bool) {
	dc := Classify(m.Code, m.Drug, m.Ingredient)
	k := drugKey{dc: dc}
	if dc.Class == ClassNone {
		k = drugKey{name: fold(cmp.Or(m.Ingredient, m.Drug))}
	}
	d, ok := v.drugs[k]
	if !ok {
		return RowStatus{}, false
	}
	return RowStatus{Status: d.status, CoveredThrough: d.through, Latest: !m.Date.Before(d.newest[m.Drug])}, true
}
