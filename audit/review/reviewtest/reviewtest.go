// Package reviewtest is a hospital for the review's tests: a private
// PostgreSQL holding the central log, its read-only auditor, and
// workstations with their own local logs that forward to it as kyukyu
// does. Only tests import it.
package reviewtest

import (
	"context"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"kyukyu/audit"
	"kyukyu/internal/pgtest"
	"kyukyu/summary"
)

const (
	AuditorPassword = "kyukyu-auditor-pw"
	// AuditorRole is the read-only role the page connects as.
	AuditorRole = audit.AuditorRole
)

// Hospital is the central log and who reads it.
type Hospital struct {
	Srv        *pgtest.Server
	AuditorURL string
}

// NewHospital starts PostgreSQL with the central log and an auditor that
// may only read it.
func NewHospital(t testing.TB) *Hospital {
	t.Helper()
	srv := pgtest.Start(t)
	ctx := context.Background()
	if err := audit.CentralInit(ctx, srv.AdminURL, AuditorPassword, audit.Hospital{}); err != nil {
		t.Fatal(err)
	}
	return &Hospital{Srv: srv, AuditorURL: srv.URL(AuditorRole, AuditorPassword)}
}

// Admin runs statements as the database administrator.
func Admin(t testing.TB, srv *pgtest.Server, stmts ...string) {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, srv.AdminURL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	for _, s := range stmts {
		if _, err := c.Exec(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// Workstation is one PC with kyukyu: its data folder, its local log and
// its clock, which a test may set wrong.
type Workstation struct {
	Name  string
	Log   *audit.Log
	Clock time.Time // the time the next entry is written at
	url   string    // its own enrolled role's
	dir   string
}

// Workstation sets up a workstation named name with a new local log.
func (h *Hospital) Workstation(t testing.TB, name string, clock time.Time) *Workstation {
	t.Helper()
	url, err := audit.CentralEnroll(context.Background(), h.Srv.AdminURL, name, name+"-pw")
	if err != nil {
		t.Fatal(err)
	}
	w := &Workstation{Name: name, Clock: clock, url: url, dir: t.TempDir()}
	w.open(t)
	t.Cleanup(func() { w.Log.Close() })
	return w
}

func (w *Workstation) open(t testing.TB) {
	t.Helper()
	l, err := audit.Open(filepath.Join(w.dir, audit.FileName), audit.Options{Anchor: filepath.Join(w.dir, "anchor"),
		Now: func() time.Time { return w.Clock }, Version: "kyukyu test"})
	if err != nil {
		t.Fatal(err)
	}
	w.Log = l
}

// Patient is the salted reference this workstation gives synthetic patient n.
func (w *Workstation) Patient(n int) string {
	return w.Log.PatientRef(summary.Patient{Birth: summary.NewDate(1950, 1, 1).AddDays(n),
		Insurance: summary.Insurance{InsurerNumber: "06130001", Symbol: "test", Number: fmt.Sprint(n)}})
}

// View logs one view at the workstation's clock, then moves the clock on
// by step.
func (w *Workstation) View(t testing.TB, e audit.Entry, step time.Duration) audit.Entry {
	t.Helper()
	e.Workstation = w.Name
	if e.Action == "" {
		e.Action = audit.Show
	}
	e.Output = "test view"
	got, err := w.Log.Append(e)
	if err != nil {
		t.Fatal(err)
	}
	w.Clock = w.Clock.Add(step)
	return got
}

// Forward sends what waits to the central log, as the workstation's role.
func (w *Workstation) Forward(t testing.TB) {
	t.Helper()
	f, err := w.Log.Forward(w.url)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if n, err := f.Sync(ctx); n != 0 || err != nil {
		t.Fatalf("%s: sync left %d: %v", w.Name, n, err)
	}
}

// Restart deletes the local log, as someone clearing the data folder
// would, with its anchor unless keepAnchor, and starts a new one.
func (w *Workstation) Restart(t testing.TB, keepAnchor bool) {
	t.Helper()
	w.Log.Close()
	files := []string{audit.FileName, audit.FileName + "-wal", audit.FileName + "-shm"}
	if !keepAnchor {
		files = append(files, "anchor")
	}
	for _, f := range files {
		if err := os.Remove(filepath.Join(w.dir, f)); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	w.open(t)
}

// YearOf is a hospital's central log after a year ending at end: n
// entries from stations workstations (ST-01 …), each one chain; views of
// ~20,000 patients, each seen at one or two workstations, by ~150
// operators; 60 % without consent, 30 % with, 10 % training, a few card
// reads that failed and views denied. Hashes chain but are not the
// entries' own, which the review never reads.
func YearOf(stations, n int, end time.Time) ([]audit.CentralEntry, []audit.Chain) {
	start := end.AddDate(-1, 0, 0)
	span := end.Sub(start)
	rnd := rand.New(rand.NewPCG(23, 2026))
	modes := []audit.Mode{audit.WithoutConsent, audit.WithoutConsent, audit.WithoutConsent, audit.WithoutConsent, audit.WithoutConsent,
		audit.WithoutConsent, audit.WithConsent, audit.WithConsent, audit.WithConsent, audit.Training}
	reasons := map[audit.Mode][]string{audit.WithoutConsent: {"unconscious", "cannot-understand", "urgent-decision", "unconscious"},
		audit.WithConsent: {"consented"}, audit.Training: {"training-start"}}
	const patients = 20000
	var es []audit.CentralEntry
	var chains []audit.Chain
	for s := range stations {
		station := fmt.Sprintf("ST-%02d", s+1)
		logID := fmt.Sprintf("%032x", s+1)
		per := n / stations
		times := make([]time.Time, per)
		for i := range times {
			times[i] = start.Add(time.Duration(rnd.Int64N(int64(span)))).In(summary.Tokyo)
		}
		slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
		prev := make([]byte, 32)
		for i, tm := range times {
			m := modes[rnd.IntN(len(modes))]
			op := rnd.IntN(150)
			// Each patient belongs to two neighbouring workstations.
			e := audit.Entry{ID: int64(i + 1), Time: tm, Workstation: station, Version: "kyukyu test",
				Operator: fmt.Sprintf("dr%03d", op), Staff: fmt.Sprintf("S-%04d", op), Mode: m,
				Reason: reasons[m][rnd.IntN(len(reasons[m]))], Action: audit.Show, Result: audit.OK, Output: "kyukyu", Prev: prev,
				Patient: fmt.Sprintf("p1:%032x", (s*patients/stations+rnd.IntN(2*patients/stations))%patients)}
			switch r := rnd.IntN(100); {
			case m == audit.Training:
				e.Patient = audit.TrainingRef
			case r < 3:
				e.Action, e.Result, e.Patient = audit.CardRead, audit.Failed, ""
			case r < 4:
				e.Result = audit.Denied
			}
			sum := sha256.Sum256(fmt.Appendf(nil, "%s %d", logID, i+1))
			e.Hash, prev = sum[:], sum[:]
			es = append(es, audit.CentralEntry{Entry: e, LogID: logID, Station: station,
				Received: tm.Add(time.Duration(1+rnd.IntN(5)) * time.Second)})
		}
		chains = append(chains, audit.Chain{LogID: logID, Workstation: station, Entries: int64(per), Began: times[0],
			Last: times[per-1], Reason: audit.ChainCreated, PreviousKnown: -1})
	}
	return es, chains
}

// timeLayout is how the central log stores an entry's time (audit's).
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

// Year fills the central log with YearOf, as its administrator: COPY with
// the triggers off (session_replication_role = replica, a superuser's
// bulk load), since the hashes are not the entries' own; then the kept
// counts are rebuilt from the entries as central-init does, and the time
// that took is returned.
func (h *Hospital) Year(t testing.TB, stations, n int, end time.Time) time.Duration {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, h.Srv.AdminURL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, `SET session_replication_role = replica`); err != nil {
		t.Fatal(err)
	}
	es, chains := YearOf(stations, n, end)
	rows := make([][]any, len(es))
	for i, e := range es {
		rows[i] = []any{e.LogID, e.ID, e.Time.Format(timeLayout), e.Workstation + "\t" + e.Version, e.Operator + "\t" + e.Staff,
			string(e.Mode), e.Reason, e.Patient, "", string(e.Action), string(e.Result), e.Output, e.Prev, e.Hash, e.Received, e.Station}
	}
	if _, err := c.CopyFrom(ctx, pgx.Identifier{"kyukyu_audit_entries"}, []string{"log_id", "id", "time", "workstation",
		"operator", "mode", "reason", "patient", "insurer", "action", "result", "output", "prev", "hash", "received_at", "station"},
		pgx.CopyFromRows(rows)); err != nil {
		t.Fatal(err)
	}
	rows = rows[:0]
	for _, ch := range chains {
		rows = append(rows, []any{ch.LogID, ch.Workstation, "install", ch.Reason, "", "", int64(0), make([]byte, 32), nil, nil,
			ch.Began.Format(timeLayout), ch.Began})
	}
	if _, err := c.CopyFrom(ctx, pgx.Identifier{"kyukyu_audit_chains"}, []string{"log_id", "station", "install", "reason", "detail",
		"archive_sha256", "start_id", "start_hash", "previous", "previous_known", "began", "received_at"}, pgx.CopyFromRows(rows)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, `SET session_replication_role = origin`); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := c.Exec(ctx, `SELECT kyukyu_audit_rollup_rebuild(shifts) FROM kyukyu_audit_settings`); err != nil {
		t.Fatal(err)
	}
	rebuilt := time.Since(start)
	if _, err := c.Exec(ctx, `ANALYZE`); err != nil {
		t.Fatal(err)
	}
	return rebuilt
}
