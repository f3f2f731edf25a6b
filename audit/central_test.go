//go:build e2e

package audit

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"kyukyu/buildinfo"
	"kyukyu/internal/pgtest"
	"kyukyu/summary"
)

const writerPW = "kyukyu-writer-pw"

// central starts a server with the central log set up and returns the
// writer's URL.
func central(t testing.TB) (*pgtest.Server, string) {
	t.Helper()
	srv := pgtest.Start(t)
	ctx := context.Background()
	for range 2 { // idempotent
		if err := CentralInit(ctx, srv.AdminURL, writerPW); err != nil {
			t.Fatal(err)
		}
	}
	return srv, srv.URL(WriterRole, writerPW)
}

func centralB(b *testing.B) string {
	_, url := central(b)
	return url
}

// The writer role can add and read entries and nothing else, and not even
// the administrator can change one.
func TestCentralWriterCannotChangeTheLog(t *testing.T) {
	srv, url := central(t)
	l, _ := openTemp(t, Options{})
	for i := range 3 {
		mustAppend(t, l, entry(l, Show, fmt.Sprint("entry ", i+1)))
	}
	f, err := l.Forward(url)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if n, err := f.Sync(ctx); n != 0 || err != nil {
		t.Fatalf("Sync = %d, %v", n, err)
	}
	w, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close(ctx)
	for _, s := range []string{
		`DELETE FROM kyukyu_audit_entries`,
		`UPDATE kyukyu_audit_entries SET output = 'x'`,
		`TRUNCATE kyukyu_audit_entries`,
		`DROP TABLE kyukyu_audit_entries`,
		`ALTER TABLE kyukyu_audit_entries DISABLE TRIGGER ALL`,
		`CREATE TABLE other (x int)`,
		`INSERT INTO kyukyu_audit_entries (log_id, id, time, workstation, operator, mode, reason, patient, insurer, action, result, output, prev, hash, received_at)
			VALUES ('x', 1, '', '', '', '', '', '', '', '', '', '', '\x00', '\x01', now() - interval '1 year')`,
	} {
		_, err := w.Exec(ctx, s)
		if err == nil || !strings.Contains(err.Error(), "permission denied") && !strings.Contains(err.Error(), "must be owner") {
			t.Errorf("as %s, %.40q… = %v; want refused by PostgreSQL", WriterRole, s, err)
		}
	}
	a, err := pgx.Connect(ctx, srv.AdminURL)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close(ctx)
	for _, s := range []string{`DELETE FROM kyukyu_audit_entries`, `UPDATE kyukyu_audit_entries SET output = 'x'`, `TRUNCATE kyukyu_audit_entries`} {
		if _, err := a.Exec(ctx, s); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("as administrator, %s = %v; want refused by the trigger", s, err)
		}
	}
	if n, err := l.CompareCentral(ctx, url); n != 3 || err != nil {
		t.Fatalf("CompareCentral = %d, %v", n, err)
	}
	// The server's receive time is its own.
	var received time.Time
	if err := w.QueryRow(ctx, `SELECT min(received_at) FROM kyukyu_audit_entries`).Scan(&received); err != nil || time.Since(received) > time.Minute {
		t.Fatalf("received_at %v, %v", received, err)
	}
}

// A resend is a no-op; a different entry at a forwarded place is refused
// and named by verify; entries not yet forwarded are named too.
func TestCentralComparison(t *testing.T) {
	srv, url := central(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	l, path := openTemp(t, Options{})
	for i := range 5 {
		mustAppend(t, l, entry(l, Show, fmt.Sprint("entry ", i+1)))
	}
	f, err := l.Forward(url)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := f.Sync(ctx); n != 0 || err != nil {
		t.Fatalf("Sync = %d, %v", n, err)
	}
	f.Close()
	// Resend everything by hand: nothing is added.
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	id, _ := l.LogID()
	if _, err := l.forwardBatch(ctx, c, id, 0, 100); err != nil {
		t.Fatalf("resend: %v", err)
	}
	var rows int
	c.QueryRow(ctx, `SELECT count(*) FROM kyukyu_audit_entries`).Scan(&rows)
	if rows != 5 {
		t.Fatalf("central holds %d rows after a resend; want 5", rows)
	}
	mustAppend(t, l, entry(l, Show, "entry 6"))
	if _, err := l.CompareCentral(ctx, url); err == nil || !strings.Contains(err.Error(), "entry 6: is not in the central log") {
		t.Fatalf("CompareCentral = %v; want entry 6 not forwarded", err)
	}
	// An insider rewrites entry 3 locally and rebuilds the chain.
	l.Close()
	rechain(t, path, func(rs []row) []row { rs[2].output = "nothing shown"; return rs })
	l2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l2.Close()
	if _, err := l2.CompareCentral(ctx, url); err == nil || !strings.Contains(err.Error(), "entry 3: differs between the local log and the central copy") {
		t.Fatalf("CompareCentral = %v; want entry 3 named", err)
	}
	f2, _ := l2.Forward(url)
	defer f2.Close()
	if _, err := f2.Sync(ctx); err == nil || !strings.Contains(err.Error(), "differ") {
		t.Fatalf("Sync of a rewritten log = %v; want refused", err)
	}
	// A cut tail: central holds what the local log lost.
	l3, p3 := openTemp(t, Options{})
	for i := range 4 {
		mustAppend(t, l3, entry(l3, Show, fmt.Sprint(i)))
	}
	f3, _ := l3.Forward(url)
	if _, err := f3.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	f3.Close()
	raw(t, p3, `DELETE FROM entries WHERE id > 2`)
	if _, err := l3.CompareCentral(ctx, url); err == nil || !strings.Contains(err.Error(), "entry 3: is in the central log but not in the local one") {
		t.Fatalf("CompareCentral after a cut = %v", err)
	}
	// The export reads every workstation's entries.
	es, err := CentralEntries(ctx, url, summary.NewDate(2000, 1, 1), summary.NewDate(2100, 1, 1))
	if err != nil || len(es) != 9 {
		t.Fatalf("CentralEntries = %d entries, %v; want 9", len(es), err)
	}
	// Every entry names the kyukyu that wrote it, in the central export too.
	v := buildinfo.Get().String()
	for _, e := range es {
		if e.Version != v || e.Workstation == "" || strings.Contains(e.Workstation, "kyukyu") {
			t.Fatalf("central entry %s/%d: workstation %q, version %q; want version %q", e.LogID, e.ID, e.Workstation, e.Version, v)
		}
	}
	var buf strings.Builder
	if n, err := WriteCentralCSV(ctx, &buf, url, summary.NewDate(2000, 1, 1), summary.NewDate(2100, 1, 1)); err != nil || n != 9 {
		t.Fatalf("WriteCentralCSV = %d, %v", n, err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).ReadAll()
	if err != nil || len(recs) != 10 || recs[0][14] != "kyukyu版" || recs[1][14] != v {
		t.Fatalf("central export %q, %v", recs, err)
	}
	_ = srv
}

// A restored log forwards as a new chain: the central log keeps the
// entries the restore took away, and both chains verify there.
func TestCentralAfterRestore(t *testing.T) {
	_, url := central(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	l, path := openTemp(t, Options{})
	for i := range 3 {
		mustAppend(t, l, entry(l, Show, fmt.Sprint("entry ", i+1)))
	}
	saved := path + ".backup"
	if _, err := l.db.Exec(`VACUUM INTO ?`, saved); err != nil {
		t.Fatal(err)
	}
	mustAppend(t, l, entry(l, Show, "entry 4, after the backup"))
	f, err := l.Forward(url)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := f.Sync(ctx); n != 0 || err != nil {
		t.Fatalf("Sync = %d, %v", n, err)
	}
	oldID, _ := l.LogID()
	f.Close()
	l.Close()
	// The restore, as backup.Restore does it (there through SQLite's backup API).
	err = Locked(path, func() error {
		src, err := os.ReadFile(saved)
		if err != nil {
			return err
		}
		// A file-level restore replaces the database whole: a -wal or -shm
		// left beside it belongs to the old file, and SQLite would lay its
		// frames over the restored one (seen once in a loaded run: 5 entries).
		for _, s := range []string{"-wal", "-shm"} {
			os.Remove(path + s)
		}
		if err := os.WriteFile(path, src, 0o600); err != nil {
			return err
		}
		return MarkRestored(path, DefaultAnchor(path), "kyukyu-backup-x.tar.gz")
	})
	if err != nil {
		t.Fatal(err)
	}
	l2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l2.Close()
	mustAppend(t, l2, entry(l2, Show, "entry 4 of the restored log"))
	if n, err := l2.Verify(); n != 4 || err != nil {
		t.Fatalf("Verify = %d, %v", n, err)
	}
	f2, err := l2.Forward(url)
	if err != nil {
		t.Fatal(err)
	}
	defer f2.Close()
	if n, err := f2.Sync(ctx); n != 0 || err != nil {
		t.Fatalf("Sync after the restore = %d, %v", n, err)
	}
	if n, err := l2.CompareCentral(ctx, url); n != 4 || err != nil {
		t.Fatalf("CompareCentral after the restore = %d, %v", n, err)
	}
	newID, _ := l2.LogID()
	if newID == oldID {
		t.Fatal("the restored log forwards into the chain it replaced")
	}
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	var kept string
	if err := c.QueryRow(ctx, `SELECT output FROM kyukyu_audit_entries WHERE log_id = $1 AND id = 4`, oldID).Scan(&kept); err != nil || kept != "entry 4, after the backup" {
		t.Fatalf("the entry the restore took away: %q, %v", kept, err)
	}
}
