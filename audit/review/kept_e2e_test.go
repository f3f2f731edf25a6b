//go:build e2e

package review_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"kyukyu/audit"
	"kyukyu/audit/reason"
	"kyukyu/audit/review"
	"kyukyu/audit/review/reviewtest"
	"kyukyu/summary"
)

// describe is what a review shows, in one text to compare.
func describe(r *review.Review) string {
	var b strings.Builder
	fmt.Fprintf(&b, "views %+v\nworkstations %+v\noperators %+v\nhours %v\nreasons %v results %v\nemergency %d from %d:",
		r.Views, r.Workstations, r.Operators, r.Hours, r.Reasons, r.Results, r.EmergencyCount, r.EmergencyFirst)
	for _, e := range r.Emergency {
		fmt.Fprintf(&b, " %s/%d", e.LogID[:6], e.ID)
	}
	for _, f := range r.Flags {
		fmt.Fprintf(&b, "\nflag %s at %s ws %s op %s patient %s log %.6s n %d limit %d detail %q cut %d noanchor %v ahead %v archive %q entries %d:",
			f.Kind, f.At.Format(time.RFC3339), f.Workstation, f.Operator, f.Patient, f.LogID, f.N, f.Limit, f.Detail, f.Cut, f.NoAnchor, f.Ahead, f.Archive, f.Entries())
		if f.Earlier != nil {
			fmt.Fprintf(&b, " earlier %.6s/%d", f.Earlier.LogID, f.Earlier.Entries)
		}
		for _, e := range f.Rows {
			fmt.Fprintf(&b, " %s/%d", e.LogID[:6], e.ID)
		}
	}
	return b.String()
}

// The review read from the kept counts is the review of every entry: the
// same overview, list and flags, on entries forwarded by workstations
// through the server's check and its counting trigger, with every flag
// raised, for the server's shifts and for others.
func TestKeptCountsReviewAsEveryEntry(t *testing.T) {
	h := reviewtest.NewHospital(t)
	now := time.Now()
	em := audit.WithoutConsent
	// ER-1: written in the middle of a day shift more than a day ago and
	// forwarded only now (a forwarding gap); yamada views 6 patients.
	d := summary.DateOf(now.Add(-48 * time.Hour))
	er1 := h.Workstation(t, "ER-1", time.Date(d.Year, d.Month, d.Day, 14, 0, 0, 0, summary.Tokyo))
	p1 := er1.Patient(1)
	er1.View(t, audit.Entry{Operator: "sato", Mode: em, Reason: "unconscious", Patient: p1}, time.Minute)
	for i := range 6 {
		er1.View(t, audit.Entry{Operator: "yamada", Staff: "S-0101", Mode: em, Reason: "cannot-understand", Patient: er1.Patient(10 + i)}, time.Minute)
	}
	er1.View(t, audit.Entry{Operator: "yamada", Staff: "S-0101", Mode: em, Reason: "urgent-decision", Patient: er1.Patient(10), Result: audit.Denied}, time.Minute)
	er1.View(t, audit.Entry{Operator: "yamada", Staff: "S-0101", Mode: audit.WithConsent, Reason: "consented", Patient: er1.Patient(10)}, time.Minute)
	er1.Forward(t)

	// ER-2: two hours late (kept as a possible gap, not one by the
	// settings); its clock ahead, then set back; a reason "other".
	er2 := h.Workstation(t, "ER-2", now.Add(-2*time.Hour))
	er2.View(t, audit.Entry{Operator: "ito", Mode: em, Reason: "unconscious", Patient: p1}, time.Minute)
	er2.View(t, audit.Entry{Operator: "ito", Mode: em, Reason: "other:救急隊の依頼", Patient: er2.Patient(3)}, time.Minute)
	er2.View(t, audit.Entry{Operator: "ito", Action: audit.CardRead, Mode: em, Result: audit.Failed}, time.Minute)
	er2.Clock = now.Add(40 * time.Minute)
	er2.View(t, audit.Entry{Operator: "ito", Mode: em, Reason: "unconscious", Patient: er2.Patient(4)}, time.Minute)
	er2.Clock = now.Add(-30 * time.Minute)
	er2.View(t, audit.Entry{Operator: "ito", Mode: em, Reason: "unconscious", Patient: er2.Patient(5)}, time.Minute)
	er2.Forward(t)

	// ER-3: its log deleted with its anchor, a new one begun.
	er3 := h.Workstation(t, "ER-3", now.Add(-3*time.Hour))
	er3.View(t, audit.Entry{Operator: "kato", Mode: audit.Training, Reason: "training-start", Patient: audit.TrainingRef}, time.Minute)
	er3.Forward(t)
	er3.Restart(t, false)
	er3.View(t, audit.Entry{Operator: "kato", Mode: em, Reason: "unconscious", Patient: er3.Patient(6)}, time.Minute)
	er3.Forward(t)

	// WARD-7, not an ER workstation, views patient 1 too.
	ward := h.Workstation(t, "WARD-7", now.Add(-time.Hour))
	ward.View(t, audit.Entry{Operator: "mori", Mode: audit.WithConsent, Reason: "consented", Patient: p1}, time.Minute)
	ward.View(t, audit.Entry{Operator: "mori", Mode: audit.WithConsent, Reason: "consented", Patient: ward.Patient(7)}, time.Minute)
	ward.Forward(t)

	ctx := context.Background()
	src := audit.NewCentralReader(h.AuditorURL)
	defer src.Close()
	today := summary.DateOf(now)
	from, to := today.AddDays(-3), today.AddDays(1)
	es, err := audit.CentralEntries(ctx, h.AuditorURL, from, to)
	if err != nil {
		t.Fatal(err)
	}
	chains, err := src.Chains(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s := review.Defaults
	s.MaxPatients, s.ER = 5, []string{"ER-1", "ER-2", "ER-3"}
	other := s
	other.ShiftStarts = []int{3} // not the central log's: every real view is read
	for _, c := range []struct {
		name string
		s    review.Settings
		f    review.Filter
		l    review.List
	}{
		{"all", s, review.Filter{}, review.All},
		{"other shifts", other, review.Filter{}, review.All},
		{"a page", s, review.Filter{}, review.List{Offset: 2, Limit: 3}},
		{"one workstation", s, review.Filter{Workstation: "ER-2"}, review.All},
		{"one operator", s, review.Filter{Operator: "yamada / S-0101"}, review.All},
		{"reason other", s, review.Filter{Reason: reason.Other}, review.All},
		{"denied", s, review.Filter{Result: audit.Denied}, review.All},
		{"two filters", s, review.Filter{Workstation: "ER-1", Operator: "yamada / S-0101"}, review.List{Offset: 1, Limit: 4}},
		{"nothing passes", s, review.Filter{Workstation: "ER-1", Result: audit.Failed}, review.All},
	} {
		want := review.Build(from, to, es, chains, c.s, c.f)
		want.EmergencyFirst = min(c.l.Offset, len(want.Emergency))
		want.Emergency = want.Emergency[want.EmergencyFirst:min(len(want.Emergency), want.EmergencyFirst+c.l.Limit)]
		got, err := review.Load(ctx, src, from, to, c.s, c.f, c.l)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := describe(got), describe(want); g != w {
			t.Errorf("%s: from the kept counts:\n%s\nfrom every entry:\n%s", c.name, g, w)
		}
		if c.name == "all" {
			kinds := map[review.Kind]bool{}
			for _, f := range got.Flags {
				kinds[f.Kind] = true
			}
			for _, k := range review.Kinds {
				if !kinds[k] {
					t.Errorf("no flag %s: the comparison does not cover it\n%s", k, describe(got))
				}
			}
		}
	}

	// The hospital's own shifts, set by central-init: the counts per shift
	// are made again for them, and a review that names no shifts takes
	// them.
	if err := audit.CentralInit(ctx, h.Srv.AdminURL, "", audit.Hospital{Shifts: []int{3, 15}}); err != nil {
		t.Fatal(err)
	}
	if err := audit.CentralInit(ctx, h.Srv.AdminURL, "", audit.Hospital{Shifts: []int{15, 3}}); err == nil {
		t.Error("central-init took shifts 15,3")
	}
	hospital := s
	hospital.ShiftStarts = nil
	got, err := review.Load(ctx, src, from, to, hospital, review.Filter{}, review.All)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got.Settings.ShiftStarts) != "[3 15]" {
		t.Errorf("the review's shifts = %v; want the hospital's [3 15]", got.Settings.ShiftStarts)
	}
	hospital.ShiftStarts = []int{3, 15}
	if g, w := describe(got), describe(review.Build(from, to, es, chains, hospital, review.Filter{})); g != w {
		t.Errorf("the hospital's shifts: from the kept counts:\n%s\nfrom every entry:\n%s", g, w)
	}
}
