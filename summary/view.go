package summary

import "slices"

// View is a record cut to the windows of a mode on a creation date: what the
// screen shows and the PDF prints. Both consume the same View.
type View struct {
	CreatedOn Date      `json:"createdOn"`
	Mode      Mode      `json:"mode"`
	Training  bool      `json:"training"`
	Patient   Patient   `json:"patient"`
	Age       int       `json:"age"`
	Warnings  []Warning `json:"warnings,omitempty"`
	Partial   []string  `json:"partial,omitempty"`  // Record.Partial: some rows are undated
	Withheld  []string  `json:"withheld,omitempty"` // Record.Withheld: received, not shown, and why
	Alerts    []Alert   `json:"alerts"`
	// Current lists the drugs likely taken on the creation date, most
	// dangerous class first (現在服用中の可能性がある薬).
	Current  []CurrentMedication `json:"current"`
	Sections []Section           `json:"sections"`

	drugs map[drugKey]drugState // what StatusOf reads
}

// Section is one item with its window and the rows inside it, newest first.
// Exactly one of the row slices is used, by Item; Rows is that one as Build
// set it, the JSON's rows. The JSON is written by reflection, not by a
// MarshalJSON: encoding/json would check and copy again every byte one
// returns, and a long record's rows are megabytes.
type Section struct {
	Item   Item   `json:"item"`
	Title  string `json:"title"`
	Window        // from and to
	// Header is the words of the window for people reading the JSON (the
	// paper's note): summary chooses no words, the writer of the JSON
	// fills it in its language (alerttext.Headers).
	Header      string       `json:"header"`
	Rows        any          `json:"rows"`
	Visits      []Visit      `json:"-"`
	Medications []Medication `json:"-"`
	Procedures  []Procedure  `json:"-"`
	Checkups    []Checkup    `json:"-"`
}

// Len is the number of rows.
func (s Section) Len() int {
	return len(s.Visits) + len(s.Medications) + len(s.Procedures) + len(s.Checkups)
}

// rows is the row slice used.
func (s Section) rows() any {
	switch {
	case s.Visits != nil:
		return s.Visits
	case s.Medications != nil:
		return s.Medications
	case s.Procedures != nil:
		return s.Procedures
	case s.Checkups != nil:
		return s.Checkups
	}
	return []struct{}{}
}

// Section returns the section of an item.
func (v *View) Section(it Item) *Section {
	for i := range v.Sections {
		if v.Sections[i].Item == it {
			return &v.Sections[i]
		}
	}
	return nil
}

// Build cuts rec to the windows of mode as of the creation date on (a Japan
// date: Today gives it for an instant). Entries dated after it are never
// shown. It classifies every medication row of rec and computes the alerts.
func Build(rec *Record, mode Mode, on Date) *View {
	classes := Classifier{}
	classifyRecord(rec, classes)
	v := &View{
		CreatedOn: on,
		Mode:      mode,
		Training:  rec.Training,
		Patient:   rec.Patient,
		Age:       rec.Patient.Birth.AgeOn(on),
		Warnings:  PatientWarnings(rec.Patient),
		Partial:   rec.Partial,
		Withheld:  rec.Withheld,
	}
	if len(rec.Partial) > 0 {
		v.Warnings = append([]Warning{{Kind: WarningUndated, Count: len(rec.Partial)}}, v.Warnings...)
	}
	if w, ok := futureDated(rec, on); ok {
		v.Warnings = append([]Warning{w}, v.Warnings...)
	}
	if len(rec.Withheld) > 0 { // on top: the view is incomplete
		v.Warnings = append([]Warning{{Kind: WarningWithheld, Count: len(rec.Withheld), Details: rec.Withheld}}, v.Warnings...)
	}
	v.Alerts, v.Current, v.drugs = analyse(rec, mode, on, classes)
	for _, r := range Rules {
		w := r.For(mode).WindowOn(on)
		s := Section{Item: r.Item, Title: r.Title, Window: w}
		switch r.Item {
		case ItemVisits:
			s.Visits = filter(rec.Visits, func(x Visit) bool { return w.ContainsMonth(x.Month) })
			slices.SortStableFunc(s.Visits, func(a, b Visit) int { return b.Month.Compare(a.Month) })
		case ItemDispensing:
			s.Medications = filterMeds(rec.Dispensing, w)
		case ItemMedications:
			s.Medications = filterMeds(rec.Medications, w)
		case ItemSurgeries:
			s.Procedures = filterProcs(rec.Surgeries, w)
		case ItemProcedures:
			s.Procedures = filterProcs(rec.Procedures, w)
		case ItemDialysis:
			s.Procedures = filterProcs(rec.Dialysis, w)
		case ItemCheckups:
			s.Checkups = filterCheckups(rec.Checkups, w)
		}
		s.Rows = s.rows()
		v.Sections = append(v.Sections, s)
	}
	return v
}

// filter counts first: a long record's rows are allocated once.
func filter[T any](in []T, keep func(T) bool) []T {
	n := 0
	for _, x := range in {
		if keep(x) {
			n++
		}
	}
	out := make([]T, 0, n)
	for _, x := range in {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

// newestFirst is the rows in kept, by date, newest first, the same day in
// their order. Rows are large and a record has thousands: they are
// copied once, in their final place. A record delivered oldest first (as
// result files are) takes one pass.
func newestFirst[T any](in []T, keep func(*T) bool, date func(*T) Date) []T {
	n := 0
	for i := range in {
		if keep(&in[i]) {
			n++
		}
	}
	idx, dates := make([]int, 0, n), make([]Date, 0, n)
	ascending, descending := true, true
	for i := range in {
		if !keep(&in[i]) {
			continue
		}
		d := date(&in[i])
		if n := len(dates); n > 0 {
			c := d.Compare(dates[n-1])
			ascending = ascending && c >= 0
			descending = descending && c <= 0
		}
		idx, dates = append(idx, i), append(dates, d)
	}
	switch {
	case descending:
	case ascending: // runs of one day, last run first
		rev := make([]int, 0, len(idx))
		for end := len(idx); end > 0; {
			start := end - 1
			for start > 0 && dates[start-1] == dates[end-1] {
				start--
			}
			rev = append(rev, idx[start:end]...)
			end = start
		}
		idx = rev
	default:
		order := make([]int, len(idx))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return dates[b].Compare(dates[a]) })
		for i, o := range order {
			order[i] = idx[o]
		}
		idx = order
	}
	out := make([]T, len(idx))
	for i, j := range idx {
		out[i] = in[j]
	}
	return out
}

// filterMeds and filterProcs keep undated rows (a source's unreadable
// date) whose month is inside the window, or unknown: shown last under
// 日付不明 rather than dropped in an emergency.
func filterMeds(in []Medication, w Window) []Medication {
	return newestFirst(in, func(m *Medication) bool { return inWindow(w, m.Date, m.Month) }, func(m *Medication) Date { return m.Date })
}

func inWindow(w Window, d Date, undatedMonth Month) bool {
	if d.IsZero() {
		return undatedMonth.Year == 0 || w.ContainsMonth(undatedMonth)
	}
	return w.Contains(d)
}

func filterProcs(in []Procedure, w Window) []Procedure {
	return newestFirst(in, func(p *Procedure) bool { return inWindow(w, p.Date, p.Month) }, func(p *Procedure) Date { return p.Date })
}

func filterCheckups(in []Checkup, w Window) []Checkup {
	out := newestFirst(in, func(c *Checkup) bool { return w.Contains(c.Date) }, func(c *Checkup) Date { return c.Date })
	if w.Period.Unit == LatestOnly && len(out) > 0 {
		// The emergency view shows when the latest checkup was, not its results.
		out = []Checkup{{Date: out[0].Date, Institution: out[0].Institution}}
	}
	return out
}
