// Package reviewtest is a hospital for the review's tests: a private
// PostgreSQL holding the central log, its read-only auditor, and
// workstations with their own local logs that forward to it as kyukyu
// does. Only tests import it.
package reviewtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
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
	if err := audit.CentralInit(ctx, srv.AdminURL, AuditorPassword); err != nil {
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
