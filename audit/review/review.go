// Package review is the security officer's review of the central access
// log (MHLW's guideline asks for a regular one): the overview of a period
// by legal ground, workstation, operator and hour; the emergency views
// without consent, filtered; and the flags that need an answer. It is
// plain Go over entries and chains, read through Source; the page
// (review/web) and the monthly report (pdf/auditreport) show what it
// computes, in words they choose (lang/*.json).
package review

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"time"

	"kyukyu/audit"
	"kyukyu/audit/reason"
	"kyukyu/summary"
)

// Source is what the review reads: the central log as the read-only
// auditor sees it (the SQL is in audit/central_read.go).
type Source interface {
	Entries(ctx context.Context, from, to summary.Date) ([]audit.CentralEntry, error)
	Around(ctx context.Context, logID string, id, n int64) ([]audit.CentralEntry, error)
	Chains(ctx context.Context) ([]audit.Chain, error)
}

// *audit.CentralReader is the Source of the central log.
var _ Source = (*audit.CentralReader)(nil)

// Settings are the hospital's thresholds; Defaults holds the usual ones.
type Settings struct {
	Tolerance   time.Duration // an entry's time may differ from received_at by this much in a way delay cannot explain
	ForwardGap  time.Duration // an entry received this long after it was written: forwarding stopped
	MaxPatients int           // distinct patients one operator may view per shift before it is flagged
	ShiftStarts []int         // the hours (Japan time) at which shifts begin, ascending; nil: the central log's (Kept)
	ER          []string      // the ER's workstations; empty: views elsewhere are not flagged
	ERFrom      ERSource      // where ER came from; not ERFlag: the central log's list comes first (Kept)
	MaxStations int           // workstations one patient may be viewed from in the period before it is flagged
}

// ERSource is where the review's list of ER workstations came from: the
// page and the report say it.
type ERSource string

const (
	ERFlag    ERSource = "flag"    // -er of audit serve or audit report
	ERCentral ERSource = "central" // the hospital's, in the central log (central-init -er-workstations)
	ERMachine ERSource = "machine" // er_workstations of the machine-wide file of the machine the review runs on
)

// Defaults: 10 minutes of clock tolerance (as `audit verify`), one day of
// forwarding, 20 patients per 12-hour shift, 3 workstations per patient.
var Defaults = Settings{Tolerance: 10 * time.Minute, ForwardGap: 24 * time.Hour, MaxPatients: 20,
	ShiftStarts: []int{8, 20}, MaxStations: 3}

// Filter narrows the list of emergency views; an empty field keeps all.
type Filter struct {
	Workstation string
	Operator    string // as Operator() words it
	Reason      reason.Key
	Result      audit.Result
}

// Match reports whether e passes the filter.
func (f Filter) Match(e audit.CentralEntry) bool {
	return (f.Workstation == "" || Station(e) == f.Workstation) &&
		(f.Operator == "" || Operator(e.Entry) == f.Operator) &&
		(f.Reason == "" || reason.Parse(e.Reason).Key == f.Reason) &&
		(f.Result == "" || e.Result == f.Result)
}

// Operator names who acted: the OS account, and the staff ID when one was
// signed in.
func Operator(e audit.Entry) string {
	if e.Staff == "" {
		return e.Operator
	}
	return e.Operator + " / " + e.Staff
}

// Station names where an entry was written: the enrolled workstation the
// server saw send it, else (before enrolment) the host it names itself.
func Station(e audit.CentralEntry) string {
	if e.Station != "" {
		return e.Station
	}
	return e.Workstation
}

// Grounds are the legal grounds in the order the overview shows them.
var Grounds = []audit.Mode{audit.WithoutConsent, audit.WithConsent, audit.Training}

// Count is a number of views per legal ground (Grounds' order) and in all.
type Count struct {
	Name    string
	ByMode  [3]int
	Total   int
	Flagged bool // a flag names it (a workstation or an operator)
}

func (c *Count) add(m audit.Mode) {
	if i := slices.Index(Grounds, m); i >= 0 {
		c.ByMode[i]++
	}
	c.Total++
}

// Review is what the page and the report show for one period.
type Review struct {
	From, To     summary.Date
	Settings     Settings
	Views        Count                // every view in the period
	Workstations []Count              // by name
	Operators    []Count              // by name
	Hours        [24]int              // views by hour of day, Japan time
	Emergency    []audit.CentralEntry // emergency views without consent passing the filter, by time: the part Load's List asks
	// EmergencyCount is how many pass the filter in all, EmergencyFirst
	// the place of Emergency[0] among them (from 0).
	EmergencyCount, EmergencyFirst int
	Flags                          []Flag
	// Refs says, for each workstation, from when its patient references
	// compare with other workstations' (the same-patient flag needs that).
	Refs []RefScope
	// Choices for the filters: what the period holds.
	Reasons []reason.Key
	Results []audit.Result
}

// IsView tells the entries that gave someone patient data (or tried to):
// shown, printed, exported.
func IsView(e audit.Entry) bool {
	return e.Action == audit.Show || e.Action == audit.Print || e.Action == audit.Export
}

// Build reviews the entries of [from, to] (as Source.Entries returns
// them) with every chain of the central log.
func Build(from, to summary.Date, es []audit.CentralEntry, chains []audit.Chain, s Settings, f Filter) *Review {
	r := &Review{From: from, To: to, Settings: s}
	ws, ops := map[string]*Count{}, map[string]*Count{}
	reasons, results := map[reason.Key]bool{}, map[audit.Result]bool{}
	var emergency []int // indices into es: an entry is large, sorted by index
	for i := range es {
		e := &es[i]
		if !IsView(e.Entry) {
			continue
		}
		r.Views.add(e.Mode)
		tally(ws, Station(*e)).add(e.Mode)
		tally(ops, Operator(e.Entry)).add(e.Mode)
		r.Hours[e.Time.In(summary.Tokyo).Hour()]++
		if e.Mode != audit.WithoutConsent {
			continue
		}
		if k := reason.Parse(e.Reason).Key; k != "" {
			reasons[k] = true
		}
		results[e.Result] = true
		if f.Match(*e) {
			emergency = append(emergency, i)
		}
	}
	slices.SortFunc(emergency, func(i, j int) int { return byTime(es[i], es[j]) })
	r.Emergency = make([]audit.CentralEntry, len(emergency))
	for i, j := range emergency {
		r.Emergency[i] = es[j]
	}
	r.EmergencyCount = len(r.Emergency)
	r.complete(es, chains, outsideFlags(es, s), ws, ops, reasons, results)
	return r
}

// complete sets what both ways of reviewing share: the flags from es
// (OutsideER's given), the references' scopes, the counts by name marked
// where a flag names them, and the filters' choices.
func (r *Review) complete(es []audit.CentralEntry, chains []audit.Chain, outside []Flag, ws, ops map[string]*Count,
	reasons map[reason.Key]bool, results map[audit.Result]bool) {
	r.Flags = flags(r.From, r.To, es, chains, r.Settings, outside)
	r.Refs = refScopes(chains)
	r.Workstations = sorted(ws, r.Flags, func(fl Flag) string { return fl.Workstation })
	r.Operators = sorted(ops, r.Flags, func(fl Flag) string { return fl.Operator })
	for _, k := range reason.Keys {
		if reasons[k] {
			r.Reasons = append(r.Reasons, k)
		}
	}
	for _, res := range resultOrder {
		if results[res] {
			r.Results = append(r.Results, res)
		}
	}
}

// RefScope is the salt of a workstation's patient references, as its
// newest chain announced it: the hospital's since Since, else (zero) the
// workstation's own, which no other workstation's references match.
type RefScope struct {
	Workstation string
	Since       time.Time
}

// refScopes is each workstation's RefScope, by name.
func refScopes(chains []audit.Chain) []RefScope {
	newest := map[string]audit.Chain{}
	for _, ch := range chains {
		if n, ok := newest[ch.Workstation]; !ok || !ch.Began.Before(n.Began) {
			newest[ch.Workstation] = ch
		}
	}
	out := make([]RefScope, 0, len(newest))
	for ws, ch := range newest {
		out = append(out, RefScope{ws, ch.HospitalSince})
	}
	slices.SortFunc(out, func(a, b RefScope) int { return strings.Compare(a.Workstation, b.Workstation) })
	return out
}

// resultOrder is the order of the results among the filters' choices.
var resultOrder = []audit.Result{audit.OK, audit.Partial, audit.Failed, audit.Denied, audit.Viewer, audit.Cancelled}

func tally(m map[string]*Count, name string) *Count {
	c, ok := m[name]
	if !ok {
		c = &Count{Name: name}
		m[name] = c
	}
	return c
}

// sorted lists the counts by name, each marked when a flag names it.
func sorted(m map[string]*Count, fs []Flag, of func(Flag) string) []Count {
	out := make([]Count, 0, len(m))
	for _, c := range m {
		out = append(out, *c)
	}
	for _, fl := range fs {
		if i := slices.IndexFunc(out, func(c Count) bool { return c.Name == of(fl) }); i >= 0 {
			out[i].Flagged = true
		}
	}
	slices.SortFunc(out, func(a, b Count) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// List is the part of the emergency list Load reads: Limit views from
// Offset (a page; none for the count alone).
type List struct{ Offset, Limit int }

// All is the whole emergency list (the CSV).
var All = List{Limit: math.MaxInt32}

// Load reads the period from src and reviews it: from the counts the
// central log keeps when src is Kept, else from every entry of the period.
func Load(ctx context.Context, src Source, from, to summary.Date, s Settings, f Filter, l List) (*Review, error) {
	if k, ok := src.(Kept); ok {
		return loadKept(ctx, k, from, to, s, f, l)
	}
	es, err := src.Entries(ctx, from, to)
	if err != nil {
		return nil, err
	}
	chains, err := src.Chains(ctx)
	if err != nil {
		return nil, err
	}
	r := Build(from, to, es, chains, s, f)
	r.EmergencyFirst = min(l.Offset, len(r.Emergency))
	r.Emergency = r.Emergency[r.EmergencyFirst:min(len(r.Emergency), r.EmergencyFirst+l.Limit)]
	return r, nil
}

// byChain orders entries by chain and place in it.
func byChain(a, b *audit.CentralEntry) int {
	return cmp.Or(strings.Compare(a.LogID, b.LogID), cmp.Compare(a.ID, b.ID))
}
