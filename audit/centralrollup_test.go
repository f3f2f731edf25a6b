//go:build e2e

package audit

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"kyukyu/audit/reason"
	"kyukyu/internal/pgtest"
)

// keptCounts is every kept count, as the administrator reads them, one
// line per row in a fixed order.
func keptCounts(t *testing.T, srv *pgtest.Server) string {
	t.Helper()
	ctx := context.Background()
	c := adminConn(t, srv)
	defer c.Close(ctx)
	var b strings.Builder
	for _, table := range append([]string{settingsTable}, rollupTables...) {
		rs, err := c.Query(ctx, `SELECT t::text FROM `+table+` t ORDER BY 1`)
		if err != nil {
			t.Fatal(err)
		}
		lines, err := pgx.CollectRows(rs, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s:\n%s\n", table, strings.Join(lines, "\n"))
	}
	return b.String()
}

func adminConn(t *testing.T, srv *pgtest.Server) *pgx.Conn {
	t.Helper()
	c, err := pgx.Connect(context.Background(), srv.AdminURL)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// admin runs statements as the administrator.
func admin(t *testing.T, srv *pgtest.Server, stmts ...string) {
	t.Helper()
	ctx := context.Background()
	c := adminConn(t, srv)
	defer c.Close(ctx)
	for _, s := range stmts {
		if _, err := c.Exec(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// views appends n views of every kind the counts tell apart, an hour
// apart from *at: legal grounds, a refused view, a card read, a reason
// "other", two patients.
func views(t *testing.T, l *Log, at *time.Time, n int) {
	t.Helper()
	for i := range n {
		e := entry(l, Show, fmt.Sprint("view ", i))
		switch i % 5 {
		case 1:
			e.Mode, e.Reason = WithConsent, ""
		case 2:
			e.Reason = reason.Reason{Key: reason.Other, Text: "家族の依頼"}.String()
			e.Result = Denied
		case 3:
			e.Action, e.Result = CardRead, Failed
		case 4:
			e.Patient = l.PatientRef(testPatient) + "-2"
		}
		mustAppend(t, l, e)
		*at = at.Add(time.Hour)
	}
}

// The counts are kept by the trigger alone: a workstation's role, which
// writes entries, and the auditor, who reads the counts, can change none
// of them, nor rebuild them.
func TestCentralCountsOnlyByTheTrigger(t *testing.T) {
	srv, urlA := central(t)
	urlB := enroll(t, srv, "ws-2")
	at := time.Now().Add(-30 * time.Hour)
	la, _ := openTemp(t, Options{Now: func() time.Time { return at }})
	lb, _ := openTemp(t, Options{Now: func() time.Time { return at }})
	views(t, la, &at, 10)
	views(t, lb, &at, 5)
	syncAll(t, la, urlA)
	syncAll(t, lb, urlB)
	before := keptCounts(t, srv)
	if !strings.Contains(before, "ws-2") || !strings.Contains(before, "dr-sato") {
		t.Fatalf("the trigger kept no counts of the workstations' views:\n%s", before)
	}
	ctx := context.Background()
	forge := []string{
		`INSERT INTO kyukyu_audit_counts VALUES (current_date, 'station', 'ws-1', 1000, 0, 0, 1000, 1000)`,
		`UPDATE kyukyu_audit_counts SET without = 0`,
		`DELETE FROM kyukyu_audit_flagged`,
		`TRUNCATE kyukyu_audit_shift_counts`,
		`UPDATE kyukyu_audit_shift_counts SET patients = 1`,
		`INSERT INTO kyukyu_audit_shift_patients VALUES ('dr-sato', now(), 'p1:x')`,
		`UPDATE kyukyu_audit_patient_stations SET station = 'ws-1'`,
		`UPDATE kyukyu_audit_settings SET shifts = '{0}'`,
		`SELECT kyukyu_audit_rollup_rebuild('{0}')`,
		`SELECT kyukyu_audit_rollup()`,
		`ALTER TABLE kyukyu_audit_entries DISABLE TRIGGER kyukyu_audit_rollup`,
	}
	for who, url := range map[string]string{"ws-2": urlB, "auditor": auditorURL(srv)} {
		c, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range forge {
			if _, err := c.Exec(ctx, s); err == nil || !strings.Contains(err.Error(), "permission denied") &&
				!strings.Contains(err.Error(), "must be owner") && !strings.Contains(err.Error(), "can only be called as triggers") {
				t.Errorf("as %s, %.60q = %v; want refused", who, s, err)
			}
		}
		c.Close(ctx)
	}
	if after := keptCounts(t, srv); after != before {
		t.Errorf("the counts changed:\n%s\nwere:\n%s", after, before)
	}
	// The auditor reads them.
	au, err := pgx.Connect(ctx, auditorURL(srv))
	if err != nil {
		t.Fatal(err)
	}
	defer au.Close(ctx)
	var n int
	if err := au.QueryRow(ctx, `SELECT sum(total) FROM kyukyu_audit_counts WHERE kind = 'station'`).Scan(&n); err != nil || n != 12 {
		t.Errorf("the auditor reads %d views (%v); want 12 (15 entries, 3 card reads)", n, err)
	}
}

// A central log made before the counts existed: central-init creates them
// and counts the entries already there, once; from then on the trigger's
// counts are what a rebuild from every entry gives.
func TestCentralInitUpgradesCounts(t *testing.T) {
	srv, url := central(t)
	at := time.Now().Add(-50 * time.Hour)
	l, _ := openTemp(t, Options{Now: func() time.Time { return at }})
	views(t, l, &at, 12)
	syncAll(t, l, url)
	kept := keptCounts(t, srv)
	// The trigger's counts are the rebuild's.
	admin(t, srv, `SELECT kyukyu_audit_rollup_rebuild(shifts) FROM kyukyu_audit_settings`)
	if got := keptCounts(t, srv); got != kept {
		t.Fatalf("rebuilt from the entries:\n%s\nkept by the trigger:\n%s", got, kept)
	}

	// The schema of before: no counts, no trigger, no function, no index
	// for them; entries arrive uncounted.
	drop := []string{`DROP TRIGGER kyukyu_audit_rollup ON kyukyu_audit_entries`, `DROP FUNCTION kyukyu_audit_rollup()`,
		`DROP FUNCTION kyukyu_audit_rollup_rebuild(int[])`, `DROP FUNCTION kyukyu_audit_shift(timestamp, int[])`,
		`DROP INDEX kyukyu_audit_entries_operator`, `DROP INDEX kyukyu_audit_entries_patient`, `DROP INDEX kyukyu_audit_entries_hospital_refs`, `DROP TABLE ` + settingsTable}
	for _, table := range rollupTables {
		drop = append(drop, `DROP TABLE `+table)
	}
	admin(t, srv, drop...)
	views(t, l, &at, 7)
	syncAll(t, l, url)

	for range 2 { // the second changes nothing
		if err := CentralInit(context.Background(), srv.AdminURL, "", Hospital{}); err != nil {
			t.Fatal(err)
		}
	}
	upgraded := keptCounts(t, srv)
	if !strings.Contains(upgraded, fmt.Sprintf(`"{8,20}",%d`, rollupVersion)) {
		t.Errorf("settings after central-init: %s", upgraded)
	}
	ctx := context.Background()
	au, err := pgx.Connect(ctx, auditorURL(srv))
	if err != nil {
		t.Fatal(err)
	}
	defer au.Close(ctx)
	var counted, entries int
	if err := au.QueryRow(ctx, `SELECT (SELECT sum(total) FROM kyukyu_audit_counts WHERE kind = 'hour'),
		(SELECT count(*) FROM kyukyu_audit_entries WHERE action IN ('show', 'print', 'export'))`).Scan(&counted, &entries); err != nil {
		t.Fatal(err)
	}
	if counted != entries || entries != 16 {
		t.Errorf("after the upgrade, %d views counted of %d; want 16 of 16", counted, entries)
	}
	// Entries after the upgrade are counted by the trigger as a rebuild
	// would count them.
	views(t, l, &at, 6)
	syncAll(t, l, url)
	kept = keptCounts(t, srv)
	if kept == upgraded {
		t.Fatal("the entries after the upgrade were not counted")
	}
	admin(t, srv, `SELECT kyukyu_audit_rollup_rebuild(shifts) FROM kyukyu_audit_settings`)
	if got := keptCounts(t, srv); got != kept {
		t.Errorf("rebuilt from the entries:\n%s\nkept by the trigger since the upgrade:\n%s", got, kept)
	}
}
