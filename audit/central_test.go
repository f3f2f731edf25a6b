//go:build e2e

package audit

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"kyukyu/buildinfo"
	"kyukyu/internal/pgtest"
	"kyukyu/summary"
)

const auditorPW = "kyukyu-auditor-pw"

// central starts a server with the central log set up and one workstation
// enrolled, and returns that workstation's URL.
func central(t testing.TB) (*pgtest.Server, string) {
	t.Helper()
	srv := pgtest.Start(t)
	ctx := context.Background()
	for range 2 { // idempotent
		if err := CentralInit(ctx, srv.AdminURL, auditorPW, Hospital{}); err != nil {
			t.Fatal(err)
		}
	}
	return srv, enroll(t, srv, "ws-1")
}

// enroll gives the workstation name its role and returns its URL.
func enroll(t testing.TB, srv *pgtest.Server, name string) string {
	t.Helper()
	url, err := CentralEnroll(context.Background(), srv.AdminURL, name, name+"-pw")
	if err != nil {
		t.Fatal(err)
	}
	return url
}

func auditorURL(srv *pgtest.Server) string { return srv.URL(AuditorRole, auditorPW) }

func centralB(b *testing.B) string {
	_, url := central(b)
	return url
}

// syncAll forwards everything pending of l to url.
func syncAll(t *testing.T, l *Log, url string) {
	t.Helper()
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
}

// nextRow is a row correctly chained after entry id of hash prev, with
// edit applied before it is hashed: what an insider who read chain.go can
// send by hand.
func nextRow(l *Log, id int64, prev []byte, edit func(*row)) row {
	e := entry(l, Show, "forged")
	l.complete(&e)
	e.ID, e.Prev = id+1, prev
	r := e.row()
	if edit != nil {
		edit(&r)
	}
	r.hash = r.sum()
	return r
}

func insertRow(ctx context.Context, c *pgx.Conn, logID string, r row) error {
	_, err := c.Exec(ctx, `INSERT INTO kyukyu_audit_entries (`+centralColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
		logID, r.id, r.time, r.workstation, r.operator, r.mode, r.reason, r.patient, r.insurer, r.action, r.result, r.output, r.prev, r.hash)
	return err
}

// Each workstation has its own role: it cannot read the table, nor read,
// forge into or stop another workstation's chain; the server refuses junk
// in its own; nobody changes an entry; the auditor reads everything.
func TestCentralWorkstationRoles(t *testing.T) {
	srv, urlA := central(t)
	urlB := enroll(t, srv, "ws-2")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	la, _ := openTemp(t, Options{})
	lb, _ := openTemp(t, Options{})
	for i := range 3 {
		mustAppend(t, la, entry(la, Show, fmt.Sprint("A entry ", i+1)))
		mustAppend(t, lb, entry(lb, Show, fmt.Sprint("B entry ", i+1)))
	}
	syncAll(t, la, urlA)
	syncAll(t, lb, urlB)
	// Each took the hospital's salt as it first forwarded (entry 4): the
	// same patient has one reference at both from then on, none before.
	ea, eb := mustAppend(t, la, entry(la, Show, "A after")), mustAppend(t, lb, entry(lb, Show, "B after"))
	if !HospitalWide(ea.Patient) || ea.Patient != eb.Patient || ea.ID != 5 {
		t.Errorf("after enrolment: entry %d %s at ws-1, %s at ws-2; want one h1: reference after the announcement", ea.ID, ea.Patient, eb.Patient)
	}
	syncAll(t, la, urlA)
	syncAll(t, lb, urlB)
	idA, _ := la.LogID()
	headA, err := la.head()
	if err != nil {
		t.Fatal(err)
	}
	b, err := pgx.Connect(ctx, urlB)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close(ctx)
	denied := func(who, s string, err error, want ...string) {
		t.Helper()
		for _, w := range want {
			if err != nil && strings.Contains(err.Error(), w) {
				return
			}
		}
		t.Errorf("as %s, %.50q… = %v; want refused (%q)", who, s, err, want)
	}
	for _, s := range []string{
		`SELECT count(*) FROM kyukyu_audit_entries`,
		`SELECT count(*) FROM kyukyu_audit_chains`,
		`SELECT salt FROM kyukyu_audit_salt`,
		`DELETE FROM kyukyu_audit_entries`,
		`UPDATE kyukyu_audit_entries SET output = 'x'`,
		`TRUNCATE kyukyu_audit_entries`,
		`DROP TABLE kyukyu_audit_entries`,
		`ALTER TABLE kyukyu_audit_entries DISABLE TRIGGER ALL`,
		`CREATE TABLE other (x int)`,
		`ALTER ROLE kyukyu_ws_ws_1 PASSWORD 'taken'`,
		`INSERT INTO kyukyu_audit_entries (log_id, id, time, workstation, operator, mode, reason, patient, insurer, action, result, output, prev, hash, received_at)
			VALUES ('x', 1, '', '', '', '', '', '', '', '', '', '', '\x00', '\x01', now() - interval '1 year')`,
	} {
		var x any
		err := b.QueryRow(ctx, s).Scan(&x)
		if err == pgx.ErrNoRows {
			err = nil
		}
		denied("ws-2", s, err, "permission denied", "must be owner", "must have CREATEROLE")
	}
	// Another workstation's chain: no head, no announcement, no entry, even
	// one chained correctly after its head.
	var h []byte
	err = b.QueryRow(ctx, `SELECT hash FROM kyukyu_audit_head($1)`, idA).Scan(&h)
	denied("ws-2", "kyukyu_audit_head", err, "belongs to another workstation")
	var refused string
	if err := b.QueryRow(ctx, `SELECT kyukyu_audit_begin($1, 'x', 'created', '', '', 0, $2, NULL, '')`, idA, make([]byte, 32)).Scan(&refused); err != nil || !strings.Contains(refused, "belongs to workstation ws-1") {
		t.Errorf("ws-2 announcing ws-1's log: %q, %v", refused, err)
	}
	forged := nextRow(la, headA.count, headA.hash, nil)
	denied("ws-2", "a forged entry in ws-1's chain", insertRow(ctx, b, idA, forged), "belongs to another workstation")
	// ws-2 changes its own password: ws-1 forwards on; ws-2's chain goes on too.
	if _, err := b.Exec(ctx, `ALTER ROLE kyukyu_ws_ws_2 PASSWORD 'mine-now'`); err != nil {
		t.Fatalf("a workstation changing its own password: %v", err)
	}
	// Junk in a workstation's own chain is refused by the server, each for its reason.
	a, err := pgx.Connect(ctx, urlA)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close(ctx)
	for want, edit := range map[string]func(*row){
		"mode":                  func(r *row) { r.mode = "junk" },
		"action":                func(r *row) { r.action = "delete-everything" },
		"result":                func(r *row) { r.result = "" },
		"time":                  func(r *row) { r.time = "yesterday" },
		"does not parse":        func(r *row) { r.time = "2026-13-45T25:61:00.000000000+09:00" },
		"longer than 4000":      func(r *row) { r.output = strings.Repeat("x", 4001) },
		"is not the next entry": func(r *row) { r.id += 2 },
		"does not chain":        func(r *row) { r.prev = make([]byte, 32) },
	} {
		denied("ws-1", want, insertRow(ctx, a, idA, nextRow(la, headA.count, headA.hash, edit)), want)
	}
	bad := nextRow(la, headA.count, headA.hash, nil)
	bad.output = "changed after hashing"
	denied("ws-1", "a wrong hash", insertRow(ctx, a, idA, bad), "not the hash of its content")
	if err := insertRow(ctx, a, "never-announced", nextRow(la, 0, make([]byte, 32), nil)); err == nil || !strings.Contains(err.Error(), "was not announced") {
		t.Errorf("an entry of a log never announced: %v", err)
	}
	for i := range 2 {
		mustAppend(t, la, entry(la, Show, fmt.Sprint("A entry ", i+4)))
	}
	syncAll(t, la, urlA)
	if n, err := la.CompareCentral(ctx, urlA); n != 7 || err != nil {
		t.Fatalf("CompareCentral of ws-1 = %d, %v", n, err)
	}
	mustAppend(t, lb, entry(lb, Show, "B entry 4"))
	syncAll(t, lb, srv.URL("kyukyu_ws_ws_2", "mine-now"))
	// Not even the administrator changes an entry.
	adm, err := pgx.Connect(ctx, srv.AdminURL)
	if err != nil {
		t.Fatal(err)
	}
	defer adm.Close(ctx)
	for _, s := range []string{`DELETE FROM kyukyu_audit_entries`, `UPDATE kyukyu_audit_entries SET output = 'x'`, `TRUNCATE kyukyu_audit_entries`,
		`DELETE FROM kyukyu_audit_chains`, `TRUNCATE kyukyu_audit_refusals`} {
		_, err := adm.Exec(ctx, s)
		denied("administrator", s, err, "append-only")
	}
	// The auditor reads everything, the refusal too, and writes nothing.
	es, err := CentralEntries(ctx, auditorURL(srv), summary.NewDate(2000, 1, 1), summary.NewDate(2100, 1, 1))
	if err != nil || len(es) != 13 {
		t.Fatalf("the auditor's export: %d entries, %v; want 13", len(es), err)
	}
	stations := map[string]int{}
	for _, e := range es {
		stations[e.Station]++
		if time.Since(e.Received) > time.Minute || e.Received.After(time.Now()) {
			t.Errorf("received_at %v is not the server's", e.Received)
		}
	}
	if stations["ws-1"] != 7 || stations["ws-2"] != 6 {
		t.Errorf("entries by station %v", stations)
	}
	au, err := pgx.Connect(ctx, auditorURL(srv))
	if err != nil {
		t.Fatal(err)
	}
	defer au.Close(ctx)
	var refusals int
	if err := au.QueryRow(ctx, `SELECT count(*) FROM kyukyu_audit_refusals WHERE station = 'ws-2' AND log_id = $1`, idA).Scan(&refusals); err != nil || refusals != 1 {
		t.Errorf("refusals on record: %d, %v", refusals, err)
	}
	_, err = au.Exec(ctx, `DELETE FROM kyukyu_audit_entries`)
	denied("auditor", "DELETE", err, "permission denied")
	// The auditor cannot learn the hospital's salt, so cannot compute a
	// patient's reference from a card: neither the table nor the function.
	for _, s := range []string{`SELECT salt FROM kyukyu_audit_salt`, `SELECT kyukyu_audit_patient_salt()`} {
		var salt []byte
		denied("auditor", s, au.QueryRow(ctx, s).Scan(&salt), "permission denied")
	}
	denied("auditor", "INSERT", insertRow(ctx, au, idA, forged), "permission denied", "not an enrolled workstation")
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
	au, err := pgx.Connect(ctx, auditorURL(srv))
	if err != nil {
		t.Fatal(err)
	}
	defer au.Close(ctx)
	var rows int
	au.QueryRow(ctx, `SELECT count(*) FROM kyukyu_audit_entries`).Scan(&rows)
	if rows != 6 { // and the switch to the hospital's salt
		t.Fatalf("central holds %d rows after a resend; want 6", rows)
	}
	mustAppend(t, l, entry(l, Show, "entry 7"))
	if _, err := l.CompareCentral(ctx, url); err == nil || !strings.Contains(err.Error(), "entry 7: is not in the central log") {
		t.Fatalf("CompareCentral = %v; want entry 7 not forwarded", err)
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
	es, err := CentralEntries(ctx, auditorURL(srv), summary.NewDate(2000, 1, 1), summary.NewDate(2100, 1, 1))
	if err != nil || len(es) != 11 {
		t.Fatalf("CentralEntries = %d entries, %v; want 11", len(es), err)
	}
	// Every entry names the kyukyu that wrote it, in the central export too.
	v := buildinfo.Get().String()
	for _, e := range es {
		if e.Version != v || e.Workstation == "" || strings.Contains(e.Workstation, "kyukyu") {
			t.Fatalf("central entry %s/%d: workstation %q, version %q; want version %q", e.LogID, e.ID, e.Workstation, e.Version, v)
		}
	}
	var buf strings.Builder
	if n, err := WriteCentralCSV(ctx, &buf, auditorURL(srv), summary.NewDate(2000, 1, 1), summary.NewDate(2100, 1, 1)); err != nil || n != 11 {
		t.Fatalf("WriteCentralCSV = %d, %v", n, err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).ReadAll()
	if err != nil || len(recs) != 12 || recs[0][14] != "kyukyu版" || recs[1][14] != v {
		t.Fatalf("central export %q, %v", recs, err)
	}
}

// restoreFile puts the log saved at saved back at path as backup.Restore
// does (there through SQLite's backup API), named as from archive.
func restoreFile(t *testing.T, path, saved, archive string) {
	t.Helper()
	err := Locked(path, func() error {
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
		return MarkRestored(path, DefaultAnchor(path), archive, strings.Repeat("cd", 32))
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A restored log forwards as a new chain: the central log keeps the
// entries the restore took away, and both chains verify there.
func TestCentralAfterRestore(t *testing.T) {
	srv, url := central(t)
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
	restoreFile(t, path, saved, "kyukyu-backup-x.tar.gz")
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
	// The archive was made before the log took the hospital's salt: the
	// restored log takes it again, announced in its own chain.
	if n, err := l2.CompareCentral(ctx, url); n != 5 || err != nil {
		t.Fatalf("CompareCentral after the restore = %d, %v", n, err)
	}
	newID, _ := l2.LogID()
	if newID == oldID {
		t.Fatal("the restored log forwards into the chain it replaced")
	}
	c, err := pgx.Connect(ctx, auditorURL(srv))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	var kept string
	if err := c.QueryRow(ctx, `SELECT output FROM kyukyu_audit_entries WHERE log_id = $1 AND id = 4`, oldID).Scan(&kept); err != nil || kept != "entry 4, after the backup" {
		t.Fatalf("the entry the restore took away: %q, %v", kept, err)
	}
}

// A log deleted with its anchor, a doctored archive restored and a clock
// set back are each named by the central log; an announced restore of a
// true archive is a note.
func TestCentralVerifyFindings(t *testing.T) {
	srv, url := central(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	verify := func(l *Log) (*CentralReport, error) {
		t.Helper()
		return l.VerifyCentral(ctx, url, DefaultClockTolerance, 0)
	}
	fails := func(l *Log, want ...string) {
		t.Helper()
		r, err := verify(l)
		for _, w := range want {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("VerifyCentral = %+v, %v; want %q", r, err, w)
			}
		}
	}

	// Log and anchor deleted, then a view.
	l, path := openTemp(t, Options{})
	for i := range 3 {
		mustAppend(t, l, entry(l, Show, fmt.Sprint("entry ", i+1)))
	}
	syncAll(t, l, url)
	if r, err := verify(l); err != nil || r.Entries != 4 || len(r.Notes) != 0 { // and the switch to the hospital's salt
		t.Fatalf("VerifyCentral of a sound log = %+v, %v", r, err)
	}
	oldID, _ := l.LogID()
	l.Close()
	for _, f := range []string{path, path + "-wal", path + "-shm", DefaultAnchor(path)} {
		os.Remove(f)
	}
	l2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l2.Close()
	mustAppend(t, l2, entry(l2, Show, "the first view after the deletion"))
	syncAll(t, l2, url)
	fails(l2, "the earlier log "+oldID+" (4 entries in the central log, the last at 20", "ended without an announcement")

	// A true archive restored: announced, a note; a doctored one: named.
	l3, p3 := openTemp(t, Options{})
	for i := range 4 {
		mustAppend(t, l3, entry(l3, Show, fmt.Sprint("entry ", i+1)))
	}
	syncAll(t, l3, url)
	saved := p3 + ".backup"
	if _, err := l3.db.Exec(`VACUUM INTO ?`, saved); err != nil {
		t.Fatal(err)
	}
	l3.Close()
	restore := func(archive string) *Log {
		t.Helper()
		restoreFile(t, p3, saved, archive)
		l, err := Open(p3, Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { l.Close() })
		syncAll(t, l, url)
		return l
	}
	l4 := restore("kyukyu-backup-true.tar.gz")
	if r, err := verify(l4); err != nil || len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "began (restored from kyukyu-backup-true.tar.gz") {
		t.Fatalf("VerifyCentral after a true restore = %+v, %v", r, err)
	}
	l4.Close()
	rechain(t, saved, func(rs []row) []row { rs[1].output = "nothing shown"; return rs })
	l5 := restore("kyukyu-backup-doctored.tar.gz")
	fails(l5, "was restored from kyukyu-backup-doctored.tar.gz (SHA-256 cdcd", "no earlier log of this workstation holds that entry")

	// The clock set back an hour between two views.
	clock := time.Now()
	l6, _ := openTemp(t, Options{Now: func() time.Time { return clock }})
	mustAppend(t, l6, entry(l6, Show, "on time"))
	syncAll(t, l6, url)
	clock = time.Now().Add(-time.Hour)
	mustAppend(t, l6, entry(l6, Show, "an hour back"))
	syncAll(t, l6, url)
	fails(l6, "entry 3 of log", "the workstation's clock was set back") // 2: the switch to the hospital's salt
	// A view that waited for the server is not a wrong clock.
	l7, _ := openTemp(t, Options{Now: func() time.Time { return clock }})
	mustAppend(t, l7, entry(l7, Show, "written an hour before it was forwarded"))
	syncAll(t, l7, url)
	if r, err := l7.VerifyCentral(ctx, url, time.Minute, 0); err != nil {
		t.Fatalf("VerifyCentral of a late forward = %+v, %v", r, err)
	}
	_ = srv
}

// crashBeforeCommitEnv makes the test binary a workstation that forwards
// three entries (and its switch to the hospital's salt) and is SIGKILLed
// while writing the fifth, between its announcement in the anchor and its
// commit.
const crashBeforeCommitEnv = "KYUKYU_AUDIT_CRASH_BEFORE_COMMIT"

func init() { children[crashBeforeCommitEnv] = crashBeforeCommit }

func crashBeforeCommit(path string) int {
	l, err := Open(path, Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for i := range 3 {
		if _, err := l.Append(entry(l, Show, fmt.Sprint("entry ", i+1))); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	f, err := l.Forward(os.Getenv(URLEnv))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if n, err := f.Sync(ctx); n != 0 || err != nil {
		fmt.Fprintln(os.Stderr, n, err)
		return 1
	}
	crashPoint = func() {
		p, _ := os.FindProcess(os.Getpid())
		p.Kill()
		select {}
	}
	l.Append(entry(l, Show, "entry 5, never committed")) // 4: the switch to the hospital's salt
	return 1
}

// A SIGKILL between the announcement and the commit is a crash, not
// tampering: verify notes it, and the central log confirms it.
func TestCentralConfirmsACrashBeforeCommit(t *testing.T) {
	_, url := central(t)
	path := filepath.Join(t.TempDir(), FileName)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashBeforeCommitEnv+"="+path, URLEnv+"="+url)
	out, err := cmd.CombinedOutput()
	if err == nil || cmd.ProcessState.ExitCode() != -1 { // -1: ended by a signal
		t.Fatalf("the writer was not killed: %v %s", err, out)
	}
	r, err := Check(path, DefaultAnchor(path))
	if err != nil || r.Entries != 4 || r.Uncommitted != 5 || !strings.Contains(strings.Join(r.Notes, "\n"), "kyukyu stopped while writing entry 5") {
		t.Fatalf("Check after the crash = %+v, %v", r, err)
	}
	cr, err := VerifyCentralFile(context.Background(), path, url, DefaultClockTolerance, r.Uncommitted)
	if err != nil || cr.Entries != 4 || !strings.Contains(strings.Join(cr.Notes, "\n"), "the central log confirms the crash") {
		t.Fatalf("VerifyCentralFile after the crash = %+v, %v", cr, err)
	}
}

// The forwarder stops when told, also while the server hangs or fails;
// Sync gives up at once on what waiting cannot clear, naming the cause
// first; an entry the server refuses is reported once, and nothing after
// it is skipped.
func TestForwarderStopsAndFailsFast(t *testing.T) {
	srv, url := central(t)
	hung := pgtest.Hung(t)
	for _, addr := range []string{"postgres://ws:x@" + hung + "/kyukyu?sslmode=disable", "postgres://ws:x@127.0.0.1:1/kyukyu?sslmode=disable"} {
		l, _ := openTemp(t, Options{})
		f, err := l.Forward(addr)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 5 {
			mustAppend(t, l, entry(l, Show, fmt.Sprint(i)))
			time.Sleep(100 * time.Millisecond)
		}
		start := time.Now()
		f.Close()
		if d := time.Since(start); d > time.Second {
			t.Errorf("closing the forwarder to %s took %v", addr, d)
		}
	}
	// Waiting cannot clear these: Sync says so at once.
	l, _ := openTemp(t, Options{})
	mustAppend(t, l, entry(l, Show, "x"))
	for _, c := range []struct{ url, want string }{
		{srv.URL("kyukyu_ws_ws_1", "wrong"), "audit: password authentication failed"},
		{strings.Replace(url, "/postgres?", "/nodb?", 1), `audit: database "nodb" does not exist`},
		{"postgres://ws:x@no-such-host.invalid/kyukyu", "audit: host no-such-host.invalid not found"},
	} {
		f, err := l.Forward(c.url)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		start := time.Now()
		n, err := f.Sync(ctx)
		cancel()
		f.Close()
		if d := time.Since(start); n != 1 || err == nil || !strings.HasPrefix(err.Error(), c.want) || !Permanent(err) || d > 2*time.Second {
			t.Errorf("Sync to %s = %d, %v after %v; want %q at once", c.url, n, err, d, c.want)
		}
	}
	// A refused entry: an action this server does not know yet (a newer kyukyu).
	lr, path := openTemp(t, Options{})
	for i := range 2 {
		mustAppend(t, lr, entry(lr, Show, fmt.Sprint(i)))
	}
	lr.Close()
	rechain(t, path, func(rs []row) []row {
		r := rs[1]
		r.id, r.action, r.output = 3, "future-action", "written by a newer kyukyu"
		return append(rs, r)
	})
	lr2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lr2.Close()
	mustAppend(t, lr2, entry(lr2, Show, "after the refused one"))
	f, err := lr2.Forward(url)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for range 3 {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		n, err := f.Sync(ctx)
		cancel()
		if n != 3 || !strings.Contains(fmt.Sprint(err), "the central log refused entry 3: entry 3: action 'future-action' is not a kyukyu action") {
			t.Fatalf("Sync with a refused entry = %d, %v", n, err)
		}
	}
	if st := f.Status(); st.Pending != 3 || st.Err == nil { // 5: the switch to the hospital's salt
		t.Errorf("status %+v; want 3 pending and the refusal", st)
	}
	au, err := pgx.Connect(context.Background(), auditorURL(srv))
	if err != nil {
		t.Fatal(err)
	}
	defer au.Close(context.Background())
	var refusals, held int
	id, _ := lr2.LogID()
	au.QueryRow(context.Background(), `SELECT count(*) FROM kyukyu_audit_refusals WHERE log_id = $1 AND id = 3`, id).Scan(&refusals)
	au.QueryRow(context.Background(), `SELECT count(*) FROM kyukyu_audit_entries WHERE log_id = $1`, id).Scan(&held)
	if refusals != 1 || held != 2 {
		t.Errorf("refusals on record %d (want 1), entries held %d (want 2: nothing after the refused one)", refusals, held)
	}
}

// A data folder copied to another machine (here: another folder, which
// is another install) keeps its log id, and the central log refuses the
// copy, on record, whichever workstation's role forwards it.
func TestCentralRefusesACopiedDataFolder(t *testing.T) {
	srv, url := central(t)
	urlB := enroll(t, srv, "ws-2")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dir := filepath.Join(t.TempDir(), "kyukyu")
	os.Mkdir(dir, 0o700)
	path := filepath.Join(dir, FileName)
	l, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		mustAppend(t, l, entry(l, Show, fmt.Sprint(i)))
	}
	syncAll(t, l, url)
	id, _ := l.LogID()
	l.Close()
	copyDir := filepath.Join(t.TempDir(), "kyukyu")
	os.Mkdir(copyDir, 0o700)
	for src, dst := range map[string]string{path: filepath.Join(copyDir, FileName), DefaultAnchor(path): DefaultAnchor(filepath.Join(copyDir, FileName))} {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	c, err := Open(filepath.Join(copyDir, FileName), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if cid, _ := c.LogID(); cid != id {
		t.Fatalf("the copy's log id %s; want the original's %s", cid, id)
	}
	mustAppend(t, c, entry(c, Show, "on the copy"))
	for u, want := range map[string]string{url: "is bound to another machine or data folder", urlB: "belongs to workstation ws-1"} {
		f, err := c.Forward(u)
		if err != nil {
			t.Fatal(err)
		}
		n, err := f.Sync(ctx)
		f.Close()
		if n != 1 || err == nil || !strings.Contains(err.Error(), "the central log refused this log: log "+id+" "+want) {
			t.Errorf("forwarding the copy = %d, %v; want %q", n, err, want)
		}
	}
	if _, err := c.VerifyCentral(ctx, url, DefaultClockTolerance, 0); err == nil || !strings.Contains(err.Error(), "this data folder is a copy") {
		t.Errorf("VerifyCentral of the copy = %v", err)
	}
	au, err := pgx.Connect(ctx, auditorURL(srv))
	if err != nil {
		t.Fatal(err)
	}
	defer au.Close(ctx)
	var refusals int
	au.QueryRow(ctx, `SELECT count(*) FROM kyukyu_audit_refusals WHERE log_id = $1 AND id = 0`, id).Scan(&refusals)
	if refusals != 2 {
		t.Errorf("%d refusals of the copy on record; want 2", refusals)
	}
}

// A central log set up before hospital salts (no salt, no function): the
// workstation forwards on under its own salt; central-init run again adds
// the salt, and the next connection switches.
func TestCentralFromBeforeHospitalSalts(t *testing.T) {
	srv, url := central(t)
	ctx := context.Background()
	adm, err := pgx.Connect(ctx, srv.AdminURL)
	if err != nil {
		t.Fatal(err)
	}
	defer adm.Close(ctx)
	for _, s := range []string{`DROP FUNCTION kyukyu_audit_patient_salt()`, `DROP TABLE kyukyu_audit_salt`} {
		if _, err := adm.Exec(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	l, _ := openTemp(t, Options{})
	mustAppend(t, l, entry(l, Show, "1"))
	syncAll(t, l, url)
	if e := mustAppend(t, l, entry(l, Show, "2")); e.ID != 2 || HospitalWide(e.Patient) {
		t.Fatalf("with no hospital salt: entry %d, %s; want 2 under the log's own salt", e.ID, e.Patient)
	}
	syncAll(t, l, url)
	if err := CentralInit(ctx, srv.AdminURL, "", Hospital{}); err != nil {
		t.Fatal(err)
	}
	syncAll(t, l, url)
	if e := mustAppend(t, l, entry(l, Show, "4")); e.ID != 4 || !HospitalWide(e.Patient) {
		t.Fatalf("after central-init again: entry %d, %s; want 4 (3: the switch) hospital-wide", e.ID, e.Patient)
	}
	syncAll(t, l, url)
	if n, err := l.CompareCentral(ctx, url); n != 4 || err != nil {
		t.Fatalf("CompareCentral = %d, %v", n, err)
	}
}
