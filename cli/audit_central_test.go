//go:build e2e

package cli

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"kyukyu/audit"
	"kyukyu/audit/audittest"
	"kyukyu/internal/pgtest"
)

// The central log's commands end to end on a private PostgreSQL: set up,
// entries forwarded by the commands that write them, sync, verify against
// the central copy, the hospital-wide export, and an unreachable server.
func TestCentralAuditCommands(t *testing.T) {
	srv := pgtest.Start(t)
	home := useHome(t)
	t.Setenv(audit.URLEnv, "")
	for range 2 {
		if code, _, stderr := runHome(t, "audit", "central-init", "-url", srv.AdminURL, "-auditor-password", "a-pw"); code != 0 {
			t.Fatalf("central-init: %s", stderr)
		}
	}
	// The hospital's shifts: refused unless ascending hours, in one line.
	if code, _, stderr := runHome(t, "audit", "central-init", "-url", srv.AdminURL, "-shifts", "19,7"); code != 2 || !strings.Contains(stderr, "ascending hours") {
		t.Errorf("central-init -shifts 19,7: %d %q", code, stderr)
	}
	if code, _, stderr := runHome(t, "audit", "central-init", "-url", srv.AdminURL, "-shifts", "7,19"); code != 0 {
		t.Fatalf("central-init -shifts 7,19: %s", stderr)
	}
	// Enrolling prints the workstation's audit_url; enrolling again rotates
	// its password (the old one no longer connects).
	enroll := func(pw string) string {
		t.Helper()
		code, stdout, stderr := runHome(t, "audit", "central-enroll", "-url", srv.AdminURL, "-workstation", "ER-1", "-password", pw)
		_, line, ok := strings.Cut(stdout, "audit_url = ")
		if code != 0 || !ok {
			t.Fatalf("central-enroll: %d %q %q", code, stdout, stderr)
		}
		url, err := strconv.Unquote(strings.TrimSpace(line))
		if err != nil || !strings.Contains(url, "kyukyu_ws_er_1:"+pw+"@") {
			t.Fatalf("central-enroll printed %q, %v", line, err)
		}
		return url
	}
	old := enroll("first-pw")
	url := enroll("w-pw")
	if code, _, stderr := runHome(t, "audit", "sync", "-timeout", "2s", "-audit-url", old); code != 1 || !strings.Contains(stderr, "password authentication failed") {
		t.Errorf("sync with the rotated password: %d %q", code, stderr)
	}
	for range 3 {
		if code, _, stderr := runHome(t, "ips", "-demo", "shinryo-taro", "-audit-url", url, "-o", filepath.Join(t.TempDir(), "b.json")); code != 0 {
			t.Fatal(stderr)
		}
	}
	// A mistyped password is not a network problem: say what PostgreSQL said,
	// even when nothing waits (IT checks a workstation's URL with sync).
	// It fails at once, the cause first.
	start := time.Now()
	code, _, stderr := runHome(t, "audit", "sync", "-timeout", "30s", "-audit-url", srv.URL("kyukyu_ws_er_1", "typo"))
	if code != 1 || !strings.HasPrefix(stderr, "kyukyu audit: password authentication failed") || strings.Contains(stderr, "tls") || strings.Count(stderr, "\n") != 1 || time.Since(start) > 2*time.Second {
		t.Errorf("sync with a wrong password: %d %q after %v", code, stderr, time.Since(start))
	}
	t.Setenv(audit.URLEnv, url)
	code, stdout, stderr := runHome(t, "audit", "sync", "-timeout", "20s")
	if code != 0 || !strings.Contains(stdout, "nothing waits") {
		t.Fatalf("sync: %d %q %q", code, stdout, stderr)
	}
	code, stdout, stderr = runHome(t, "audit", "verify")
	// Three views and, after the first, the log's switch to the hospital's salt.
	if code != 0 || !strings.Contains(stdout, "central copy identical: 4 entries") {
		t.Fatalf("verify: %d %q %q", code, stdout, stderr)
	}
	code, stdout, stderr = runHome(t, "audit", "export", "-central", "-from", "2026-11-01", "-to", "2026-11-30", "-audit-url", srv.URL(audit.AuditorRole, "a-pw"))
	if code != 0 {
		t.Fatalf("export -central: %d %q", code, stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(stdout, "\ufeff"))).ReadAll()
	if err != nil || len(recs) != 5 || recs[0][0] != "ログID" || recs[1][2] != "1" || recs[1][8] != "training" {
		t.Fatalf("export: %q, %v", recs, err)
	}
	// An edit with the chain left broken fails locally; re-chaining it is the
	// anchor's and the central copy's job (see the audit package's tests).
	audittest.Tamper(t, filepath.Join(home, audit.FileName), `UPDATE entries SET operator = 'x' WHERE id = 2`)
	if code, _, stderr := runHome(t, "audit", "verify"); code != 1 || !strings.Contains(stderr, "entry 2") || !strings.Contains(stderr, "central copy: audit: the local log: audit log broken at entry 2") {
		t.Fatalf("verify of an edited log: %d %q", code, stderr)
	}
	// The server goes away: the view is still logged and released, the sync
	// says how many wait.
	if err := srv.Stop("fast"); err != nil {
		t.Fatal(err)
	}
	useHome(t) // a fresh workstation
	code, _, stderr = runHome(t, "ips", "-demo", "shinryo-taro", "-o", filepath.Join(t.TempDir(), "b.json"))
	if code != 0 || !strings.Contains(stderr, "1 entries wait") {
		t.Fatalf("ips with the server down: %d %q", code, stderr)
	}
	code, _, stderr = runHome(t, "audit", "sync", "-timeout", "1s")
	if code != 1 || !strings.Contains(stderr, "1 entries not forwarded") {
		t.Fatalf("sync with the server down: %d %q", code, stderr)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runHome(t, "audit", "sync"); code != 0 {
		t.Fatalf("sync after the server is back: %d %q %q", code, stdout, stderr)
	}
}

// What an insider at a workstation tries is reported by `audit verify`
// against the central log: an entry kept from it with -audit-url "", a
// clock set back, a log deleted with its anchor and started again.
func TestCentralVerifyReportsTheWorkstation(t *testing.T) {
	srv := pgtest.Start(t)
	useHome(t)
	if code, _, stderr := runHome(t, "audit", "central-init", "-url", srv.AdminURL); code != 0 {
		t.Fatal(stderr)
	}
	code, stdout, stderr := runHome(t, "audit", "central-enroll", "-url", srv.AdminURL, "-workstation", "ER-2", "-password", "pw2")
	if code != 0 {
		t.Fatal(stderr)
	}
	t.Setenv(audit.URLEnv, srv.URL("kyukyu_ws_er_2", "pw2"))
	view := func(at time.Time, args ...string) {
		t.Helper()
		var out, errb bytes.Buffer
		args = append([]string{"ips", "-demo", "shinryo-taro", "-o", filepath.Join(t.TempDir(), "b.json")}, args...)
		if code := Main(args, &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Now: func() time.Time { return at }}); code != 0 {
			t.Fatalf("%q: %d %s", args, code, errb.String())
		}
	}
	verify := func(want string) {
		t.Helper()
		if code, _, stderr := runHome(t, "audit", "sync", "-timeout", "10s"); code != 0 {
			t.Fatalf("sync: %s", stderr)
		}
		code, stdout, stderr := runHome(t, "audit", "verify")
		if want == "" && code != 0 || want != "" && (code != 1 || !strings.Contains(stderr, want)) {
			t.Fatalf("verify: exit %d %q %q; want %q", code, stdout, stderr, want)
		}
	}
	view(runAt)
	view(runAt.Add(time.Minute))
	verify("")
	// Kept from the central log: the next verify names it until it is sent.
	view(runAt.Add(2*time.Minute), "-audit-url", "")
	if code, _, stderr := runHome(t, "audit", "verify"); code != 1 || !strings.Contains(stderr, "entry 4: is not in the central log") { // 2: the switch to the hospital's salt
		t.Fatalf("verify after -audit-url \"\": %d %q", code, stderr)
	}
	verify("")
	// The clock set back an hour.
	view(runAt.Add(-time.Hour))
	verify("the workstation's clock was set back")

	// Another workstation folder: its log and anchor deleted, then a view.
	useHome(t)
	view(runAt)
	view(runAt.Add(time.Minute))
	verify("")
	db, anchor, err := audit.HomePaths()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{db, db + "-wal", db + "-shm", anchor} {
		os.Remove(f)
	}
	view(runAt.Add(2 * time.Minute))
	verify("(3 entries in the central log, the last at 2026-11-25 23:31:00) ended without an announcement")

	// A workstation whose log is restored from an archive the central log
	// never saw (a log made elsewhere, with its own matching anchor): the
	// restore passes locally, and the central log names it.
	home1 := useHome(t)
	view(runAt)
	verify("")
	t.Setenv(audit.URLEnv, "")
	useHome(t) // the forged log, made apart and never forwarded
	view(runAt)
	view(runAt.Add(time.Minute))
	to := t.TempDir()
	if code, _, stderr := runHome(t, "backup", "-to", to, "-keep", "1"); code != 0 {
		t.Fatal(stderr)
	}
	archives, _ := filepath.Glob(filepath.Join(to, "kyukyu-backup-*.tar.gz"))
	t.Setenv("KYUKYU_HOME", home1)
	t.Setenv(audit.URLEnv, srv.URL("kyukyu_ws_er_2", "pw2"))
	if code, _, stderr := runHome(t, "restore", "-from", archives[0]); code != 0 {
		t.Fatalf("restore: %s", stderr)
	}
	verify("no earlier log of this workstation holds that entry in the central log: the archive was changed")
	_ = stdout
}
