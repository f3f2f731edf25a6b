package review

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"kyukyu/audit"
	"kyukyu/audit/reason"
	"kyukyu/summary"
)

// Kept is a Source that keeps counts as entries arrive (the central log,
// audit/centralrollup.go): a period of any length is reviewed from them,
// from the few entries a flag may name, and from one page of the
// emergency list, not from every entry of the period.
type Kept interface {
	Source
	Shifts(ctx context.Context) ([]int, error)
	ERWorkstations(ctx context.Context) ([]string, error)
	Tallies(ctx context.Context, from, to summary.Date) ([]audit.Tally, error)
	FlagEntries(ctx context.Context, from, to summary.Date, q audit.FlagQuery) ([]audit.CentralEntry, error)
	Emergency(ctx context.Context, from, to summary.Date, f audit.EmergencyFilter, offset, limit int) ([]audit.CentralEntry, error)
	EmergencyCount(ctx context.Context, from, to summary.Date, f audit.EmergencyFilter) (int, error)
	StationViews(ctx context.Context, from, to summary.Date, station string, limit int) ([]audit.CentralEntry, error)
}

// *audit.CentralReader keeps its counts.
var _ Kept = (*audit.CentralReader)(nil)

// outsideRows bounds the entries read for a flag of views outside the ER:
// a ward's year holds thousands; the page and the report show fewer.
const outsideRows = 20

func loadKept(ctx context.Context, src Kept, from, to summary.Date, s Settings, f Filter, l List) (*Review, error) {
	if s.Tolerance < audit.MinClockTolerance || s.ForwardGap < audit.MinForwardGap {
		return nil, fmt.Errorf("review: the clock tolerance must be at least %s and the forwarding gap at least %s: the central log keeps the entries beyond these",
			audit.MinClockTolerance, audit.MinForwardGap)
	}
	if s.ShiftStarts == nil { // the hospital's, for which the counts are kept
		sh, err := src.Shifts(ctx)
		if err != nil {
			return nil, err
		}
		s.ShiftStarts = sh
	}
	if s.ERFrom != ERFlag { // the hospital's list before the one of the machine the review runs on
		er, err := src.ERWorkstations(ctx)
		if err != nil {
			return nil, err
		}
		if len(er) > 0 {
			s.ER, s.ERFrom = er, ERCentral
		}
	}
	ts, err := src.Tallies(ctx, from, to)
	if err != nil {
		return nil, err
	}
	chains, err := src.Chains(ctx)
	if err != nil {
		return nil, err
	}
	r := &Review{From: from, To: to, Settings: s}
	ws, ops := map[string]*Count{}, map[string]*Count{}
	accounts := map[string]audit.Entry{} // an operator's words: the account and staff ID
	real := map[string]int{}             // views of a real patient per station
	reasons, results := map[reason.Key]bool{}, map[audit.Result]bool{}
	without := map[[2]string]int{} // emergency views per kind and name (operators by their words)
	for _, t := range ts {
		var c *Count
		name := t.Name
		switch t.Kind {
		case "station":
			c = tally(ws, t.Name)
			real[t.Name] += t.Real
			r.Views.merge(t)
		case "operator":
			e := audit.Entry{Operator: t.Name, Staff: t.Staff}
			name = Operator(e)
			c = tally(ops, name)
			accounts[name] = e
		case "hour":
			if h, err := strconv.Atoi(t.Name); err == nil && h >= 0 && h < 24 {
				r.Hours[h] += t.Total
			}
		case "reason":
			if k := reason.Parse(t.Name).Key; k != "" {
				reasons[k] = true
			}
		case "result":
			results[audit.Result(t.Name)] = true
		}
		if c != nil {
			c.merge(t)
		}
		without[[2]string{t.Kind, name}] += t.Without
	}
	q := audit.FlagQuery{MaxPatients: s.MaxPatients, Shifts: s.ShiftStarts, MaxStations: s.MaxStations}
	if len(q.Shifts) == 0 {
		q.Shifts = []int{0} // Shift's one shift a day
	}
	for _, ch := range chains {
		q.EndLogs, q.EndIDs = append(q.EndLogs, ch.LogID), append(q.EndIDs, 1)
		if ch.Entries > 1 {
			q.EndLogs, q.EndIDs = append(q.EndLogs, ch.LogID), append(q.EndIDs, ch.Entries)
		}
	}
	es, err := src.FlagEntries(ctx, from, to, q)
	if err != nil {
		return nil, err
	}
	var outside []Flag
	if len(s.ER) > 0 {
		for _, st := range slices.Sorted(maps.Keys(real)) {
			if real[st] == 0 || slices.Contains(s.ER, st) {
				continue
			}
			rows, err := src.StationViews(ctx, from, to, st, outsideRows)
			if err != nil {
				return nil, err
			}
			if len(rows) > 0 {
				outside = append(outside, Flag{Kind: OutsideER, At: rows[0].Time, Workstation: st, N: real[st], Rows: rows})
			}
		}
	}
	r.complete(es, chains, outside, ws, ops, reasons, results)

	ef := audit.EmergencyFilter{Station: f.Workstation, AnyOperator: f.Operator == "", Operator: f.Operator, Reason: string(f.Reason), Result: f.Result}
	if a, ok := accounts[f.Operator]; ok {
		ef.Operator, ef.Staff = a.Operator, a.Staff
	}
	// The list's count: kept, unless two filters are set.
	var set [][2]string
	for _, k := range [][2]string{{"station", f.Workstation}, {"operator", f.Operator}, {"reason", string(f.Reason)}, {"result", string(f.Result)}} {
		if k[1] != "" {
			set = append(set, k)
		}
	}
	switch len(set) {
	case 0:
		r.EmergencyCount = r.Views.ByMode[0]
	case 1:
		r.EmergencyCount = without[set[0]]
	default:
		if r.EmergencyCount, err = src.EmergencyCount(ctx, from, to, ef); err != nil {
			return nil, err
		}
	}
	r.EmergencyFirst = l.Offset
	if l.Limit > 0 {
		if r.Emergency, err = src.Emergency(ctx, from, to, ef, l.Offset, l.Limit); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// merge adds a kept tally's views.
func (c *Count) merge(t audit.Tally) {
	c.ByMode[0] += t.Without
	c.ByMode[1] += t.With
	c.ByMode[2] += t.Training
	c.Total += t.Total
}
