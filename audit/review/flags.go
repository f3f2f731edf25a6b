package review

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"kyukyu/audit"
	"kyukyu/audit/reason"
	"kyukyu/summary"
)

// Kind is what a flag asks the officer to answer.
type Kind string

const (
	ChainBegan    Kind = "chain"     // a workstation began a new chain: its log restarted, was cut or restored
	ClockDisagree Kind = "clock"     // an entry's time and the server's received_at disagree beyond delay
	ForwardGap    Kind = "gap"       // entries waited on a workstation longer than Settings.ForwardGap
	OverThreshold Kind = "threshold" // an operator viewed more distinct patients in a shift than Settings.MaxPatients
	OutsideER     Kind = "outside"   // views at a workstation not in Settings.ER
	ManyStations  Kind = "stations"  // one patient viewed from Settings.MaxStations workstations or more
	OtherReason   Kind = "other"     // an emergency view with the reason "other": its text
)

// Kinds are the flags in the order they are shown.
var Kinds = []Kind{ChainBegan, ClockDisagree, ForwardGap, OverThreshold, OutsideER, ManyStations, OtherReason}

// Flag is one finding with the entries behind it.
type Flag struct {
	Kind        Kind
	At          time.Time // when it happened (its first entry, or the chain's beginning)
	Workstation string
	Operator    string
	Patient     string
	LogID       string
	N           int    // patients (threshold), workstations (stations) or entries (gap, outside, clock)
	Detail      string // chain: why it began (audit.ChainCreated, ChainAdopted, ChainRestored); other: the text written
	// Earlier is the chain the workstation wrote before (ChainBegan): its
	// length and last entry say where the old log stopped.
	Earlier *audit.Chain
	// Cut: entries of the earlier chain the workstation's anchor knew that
	// never reached the central log. NoAnchor: the anchor knew nothing of
	// the earlier chain: the log was deleted with its anchor.
	Cut      int64
	NoAnchor bool
	Archive  string // chain: the archive a restore came from
	Ahead    bool   // clock: the time is ahead of the server's, not behind the entry before
	Limit    int    // threshold, stations: the setting it passed
	Rows     []audit.CentralEntry
}

// Entries is how many entries are behind the flag: its Rows, or for
// OutsideER the views it counts, of which Rows may hold the first only.
func (f Flag) Entries() int {
	if f.Kind == OutsideER {
		return max(f.N, len(f.Rows))
	}
	return len(f.Rows)
}

// realView is a view of a real patient: training and unidentified views
// count for no patient.
func realView(e audit.CentralEntry) bool {
	return IsView(e.Entry) && e.Mode != audit.Training && e.Patient != "" && e.Patient != audit.TrainingRef
}

// flags finds every flag but OutsideER's (given) in es, which holds every
// entry of the period a flag may name.
func flags(from, to summary.Date, es []audit.CentralEntry, chains []audit.Chain, s Settings, outside []Flag) []Flag {
	// Pointers in chain order: an entry is large, and a copy of a month's
	// would cost more than the review itself.
	chain := make([]*audit.CentralEntry, len(es))
	for i := range es {
		chain[i] = &es[i]
	}
	slices.SortFunc(chain, byChain)
	var out []Flag
	out = append(out, chainFlags(from, to, es, chains)...)
	out = append(out, clockFlags(chain, s)...)
	out = append(out, gapFlags(chain, s)...)
	out = append(out, thresholdFlags(es, s)...)
	out = append(out, outside...)
	out = append(out, stationFlags(es, s)...)
	for _, e := range es {
		if r := reason.Parse(e.Reason); r.Key == reason.Other {
			out = append(out, Flag{Kind: OtherReason, At: e.Time, Workstation: Station(e), Operator: Operator(e.Entry),
				Patient: e.Patient, LogID: e.LogID, N: 1, Detail: r.Text, Rows: []audit.CentralEntry{e}})
		}
	}
	slices.SortStableFunc(out, func(a, b Flag) int {
		return cmp.Or(cmp.Compare(slices.Index(Kinds, a.Kind), slices.Index(Kinds, b.Kind)), a.At.Compare(b.At),
			strings.Compare(a.Workstation, b.Workstation))
	})
	return out
}

// chainFlags: every chain that began in the period after another chain of
// the same workstation (the one it says it replaced, else the one before
// it). The first chain a workstation writes is its enrolment, not a
// finding.
func chainFlags(from, to summary.Date, es []audit.CentralEntry, chains []audit.Chain) []Flag {
	var out []Flag
	chains = slices.Clone(chains)
	slices.SortStableFunc(chains, func(a, b audit.Chain) int { return a.Began.Compare(b.Began) })
	last := map[string]*audit.Chain{}
	byID := map[string]*audit.Chain{}
	for i := range chains {
		ch := &chains[i]
		prev := last[ch.Workstation]
		if p, ok := byID[ch.Previous]; ok {
			prev = p
		}
		last[ch.Workstation], byID[ch.LogID] = ch, ch
		d := summary.DateOf(ch.Began)
		if prev == nil || d.Before(from) || to.Before(d) {
			continue
		}
		f := Flag{Kind: ChainBegan, At: ch.Began, Workstation: ch.Workstation, LogID: ch.LogID, N: int(ch.Entries),
			Detail: cmp.Or(ch.Reason, audit.ChainCreated), Earlier: prev,
			Cut: max(0, ch.PreviousKnown-prev.Entries), NoAnchor: ch.Reason != "" && ch.PreviousKnown < 0, Archive: ch.Detail}
		for _, e := range es {
			if (e.LogID == ch.LogID && e.ID == 1) || (e.LogID == prev.LogID && e.ID == prev.Entries) {
				f.Rows = append(f.Rows, e)
			}
		}
		slices.SortFunc(f.Rows, byTime)
		out = append(out, f)
	}
	return out
}

// clockFlags: an entry whose time is ahead of the server's receipt, or
// behind the entry before it in its chain, by more than the tolerance.
// Forwarding delay explains neither: it makes received_at later, and a
// chain is written in order.
func clockFlags(chain []*audit.CentralEntry, s Settings) []Flag {
	var out []Flag
	for i, e := range chain {
		ahead := e.Time.Sub(e.Received) > s.Tolerance
		back := i > 0 && chain[i-1].LogID == e.LogID && chain[i-1].ID == e.ID-1 && chain[i-1].Time.Sub(e.Time) > s.Tolerance
		if !ahead && !back {
			continue
		}
		rows := []audit.CentralEntry{*e}
		if back {
			rows = []audit.CentralEntry{*chain[i-1], *e}
		}
		out = append(out, Flag{Kind: ClockDisagree, At: e.Time, Workstation: Station(*e), Operator: Operator(e.Entry),
			LogID: e.LogID, N: 1, Ahead: ahead, Rows: rows})
	}
	return out
}

// gapFlags: runs of entries of one chain that reached the server more than
// ForwardGap after they were written, one flag per run.
func gapFlags(chain []*audit.CentralEntry, s Settings) []Flag {
	var out []Flag
	for i, e := range chain {
		if e.Received.Sub(e.Time) <= s.ForwardGap {
			continue
		}
		if n := len(out); n > 0 && out[n-1].LogID == e.LogID && i > 0 && chain[i-1].ID == e.ID-1 &&
			chain[i-1].Received.Sub(chain[i-1].Time) > s.ForwardGap {
			out[n-1].Rows = append(out[n-1].Rows, *e)
			out[n-1].N++
			continue
		}
		out = append(out, Flag{Kind: ForwardGap, At: e.Time, Workstation: Station(*e), LogID: e.LogID, N: 1,
			Rows: []audit.CentralEntry{*e}})
	}
	return out
}

// Shift is the start of the shift t falls in (Japan time).
func (s Settings) Shift(t time.Time) time.Time {
	t = t.In(summary.Tokyo)
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, summary.Tokyo)
	starts := s.ShiftStarts
	if len(starts) == 0 {
		starts = []int{0}
	}
	// The last start at or before t; before the first start of the day, the
	// previous day's last shift.
	for i := len(starts) - 1; i >= 0; i-- {
		if st := day.Add(time.Duration(starts[i]) * time.Hour); !t.Before(st) {
			return st
		}
	}
	return day.AddDate(0, 0, -1).Add(time.Duration(starts[len(starts)-1]) * time.Hour)
}

// thresholdFlags: an operator who viewed more distinct real patients in one
// shift than MaxPatients.
func thresholdFlags(es []audit.CentralEntry, s Settings) []Flag {
	// The operator's two parts and the shift's Unix seconds: a key hashed
	// without building a string or hashing a time.Time per entry.
	type key struct {
		op, staff string
		shift     int64
	}
	of := func(e *audit.CentralEntry) (key, bool) {
		if !realView(*e) {
			return key{}, false
		}
		return key{e.Operator, e.Staff, s.Shift(e.Time).Unix()}, true
	}
	patients := distinct(es, of, func(e *audit.CentralEntry) string { return e.Patient })
	return grouped(es, of, func(k key) bool { return patients[k] > s.MaxPatients }, func(k key, e *audit.CentralEntry) Flag {
		return Flag{Kind: OverThreshold, At: time.Unix(k.shift, 0).In(summary.Tokyo), Operator: Operator(e.Entry), N: patients[k], Limit: s.MaxPatients}
	})
}

// outsideFlags: real views at workstations outside the ER list, one flag
// per workstation.
func outsideFlags(es []audit.CentralEntry, s Settings) []Flag {
	if len(s.ER) == 0 {
		return nil
	}
	of := func(e *audit.CentralEntry) (string, bool) { return Station(*e), realView(*e) }
	out := grouped(es, of, func(ws string) bool { return !slices.Contains(s.ER, ws) }, func(ws string, e *audit.CentralEntry) Flag {
		return Flag{Kind: OutsideER, At: e.Time, Workstation: ws}
	})
	for i := range out {
		out[i].N, out[i].At = len(out[i].Rows), out[i].Rows[0].Time
	}
	return out
}

// stationFlags: a real patient viewed from MaxStations workstations or more
// in the period.
func stationFlags(es []audit.CentralEntry, s Settings) []Flag {
	of := func(e *audit.CentralEntry) (string, bool) { return e.Patient, realView(*e) }
	stations := distinct(es, of, func(e *audit.CentralEntry) string { return Station(*e) })
	out := grouped(es, of, func(p string) bool { return stations[p] >= s.MaxStations }, func(p string, _ *audit.CentralEntry) Flag {
		return Flag{Kind: ManyStations, Patient: p, N: stations[p], Limit: s.MaxStations}
	})
	for i := range out {
		out[i].At = out[i].Rows[0].Time
	}
	return out
}

// byTime orders a flag's entries by time, then by chain and place: es
// comes in no particular order.
func byTime(a, b audit.CentralEntry) int {
	return cmp.Or(a.Time.Compare(b.Time), strings.Compare(a.LogID, b.LogID), cmp.Compare(a.ID, b.ID))
}

// distinct counts, per group, the distinct values among the entries of es
// that of puts in a group.
func distinct[K comparable](es []audit.CentralEntry, of func(*audit.CentralEntry) (K, bool), value func(*audit.CentralEntry) string) map[K]int {
	type seen struct {
		k K
		v string
	}
	n := map[K]int{}
	once := make(map[seen]bool, len(es)) // sized once: growing it cost more than filling it
	for i := range es {
		e := &es[i]
		if k, ok := of(e); ok && !once[seen{k, value(e)}] {
			once[seen{k, value(e)}] = true
			n[k]++
		}
	}
	return n
}

// grouped is one flag per group that keep accepts, made by flag from the
// group and its first entry in es, holding the group's entries by time.
func grouped[K comparable](es []audit.CentralEntry, of func(*audit.CentralEntry) (K, bool), keep func(K) bool,
	flag func(K, *audit.CentralEntry) Flag) []Flag {
	var out []Flag
	at := map[K]int{}
	for i := range es {
		e := &es[i]
		k, ok := of(e)
		if !ok || !keep(k) {
			continue
		}
		j, seen := at[k]
		if !seen {
			j = len(out)
			at[k] = j
			out = append(out, flag(k, e))
		}
		out[j].Rows = append(out[j].Rows, *e)
	}
	for i := range out {
		slices.SortFunc(out[i].Rows, byTime)
	}
	return out
}
