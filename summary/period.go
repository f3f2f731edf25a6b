package summary

import (
	"fmt"
	"slices"
	"time"
)

// Mode chooses the period rules: emergency access without consent, or the
// normal view the patient consented to.
type Mode string

const (
	Emergency Mode = "emergency"
	Normal    Mode = "normal"
)

// Modes lists the accepted modes, for messages.
var Modes = []Mode{Emergency, Normal}

// ParseMode accepts emergency or normal.
func ParseMode(s string) (Mode, error) {
	if m := Mode(s); slices.Contains(Modes, m) {
		return m, nil
	}
	return "", fmt.Errorf("mode %q is not one of emergency, normal", s)
}

// Item is one of the seven items of the summary.
type Item string

const (
	ItemVisits      Item = "visits"
	ItemDispensing  Item = "dispensing"
	ItemMedications Item = "medications"
	ItemSurgeries   Item = "surgeries"
	ItemProcedures  Item = "procedures"
	ItemDialysis    Item = "dialysis"
	ItemCheckups    Item = "checkups"
)

// Unit is the granularity of a period.
type Unit int

const (
	Months     Unit = iota // N calendar months ending with the creation month
	Days                   // creation date − (N−1) … creation date
	LatestOnly             // only the latest entry, its date alone
)

// Period is one cell of the table below.
type Period struct {
	Unit Unit
	N    int
}

// Rule is one row of the period table.
type Rule struct {
	Item      Item
	Title     string // section heading of the sample
	Emergency Period
	Normal    Period
}

// Rules is THE period table (seed §5: 救急用サマリーの項目・期間), in display order.
var Rules = []Rule{
	{ItemVisits, "受診歴", Period{Months, 3}, Period{Months, 60}},
	{ItemDispensing, "調剤結果情報", Period{Days, 45}, Period{Days, 100}},
	{ItemMedications, "レセプトに基づく薬剤実績", Period{Months, 3}, Period{Months, 60}},
	{ItemSurgeries, "手術情報", Period{Months, 60}, Period{Months, 60}},
	{ItemProcedures, "診療情報", Period{Months, 3}, Period{Months, 60}},
	{ItemDialysis, "透析情報", Period{Months, 3}, Period{Months, 60}},
	{ItemCheckups, "健診情報", Period{LatestOnly, 1}, Period{Months, 60}},
}

// rulePeriod is the period of an item in a mode.
func rulePeriod(it Item, m Mode) Period {
	for _, r := range Rules {
		if r.Item == it {
			return r.For(m)
		}
	}
	panic("summary: no period rule for " + string(it))
}

// For returns the period of a mode.
func (r Rule) For(m Mode) Period {
	if m == Normal {
		return r.Normal
	}
	return r.Emergency
}

// Window is the span a period covers on a creation date. From is the first
// day kept (the first day of the first month for month windows), To the
// creation date.
type Window struct {
	Period Period `json:"-"`
	From   Date   `json:"from,omitzero"`
	To     Date   `json:"to"`
}

// WindowOn computes the window of p on the creation date on.
func (p Period) WindowOn(on Date) Window {
	w := Window{Period: p, To: on}
	switch p.Unit {
	case Months:
		w.From = on.MonthOf().Add(-(p.N - 1)).First()
	case Days:
		w.From = on.AddDays(-(p.N - 1))
	}
	return w
}

// Contains reports whether a dated entry is shown.
func (w Window) Contains(d Date) bool {
	return !w.To.Before(d) && (w.From.IsZero() || !d.Before(w.From))
}

// ContainsMonth reports whether a month-dated entry (a visit) is shown.
func (w Window) ContainsMonth(m Month) bool {
	return m.Compare(w.From.MonthOf()) >= 0 && m.Compare(w.To.MonthOf()) <= 0
}

// Today is the creation date for an instant: the Japan date.
func Today(now time.Time) Date { return DateOf(now) }

// The periods of the supply arithmetic (domain.md §4b; issue 19).
const (
	// recentlyEndedReceiptDays, recentlyEndedDispensingDays: how long after
	// its supply ended a chronic danger drug is still recently ended —
	// receipts lag 1–2 months, dispensing results days.
	recentlyEndedReceiptDays    = 60
	recentlyEndedDispensingDays = 14
	// unknownDurationDays: a supply whose days cannot be read is in use for
	// an unknown time when dispensed within these days.
	unknownDurationDays = 90
	// atHandDays: 頓用 doses dispensed within these days may be at hand.
	atHandDays = 30
	// refillWindowDays and refillOveruse: more than refillOveruse times the
	// need dispensed within the window means early refills (overuse).
	refillWindowDays = 60
	refillOveruse    = 1.5
)

// recentlyEndedDays is the lag of the tree a supply came from.
func recentlyEndedDays(receipt bool) int {
	if receipt {
		return recentlyEndedReceiptDays
	}
	return recentlyEndedDispensingDays
}
