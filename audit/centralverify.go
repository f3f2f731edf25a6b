package audit

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"kyukyu/summary"
)

// DefaultClockTolerance is how far an entry's time and the server's
// receive time may disagree, beyond what forwarding delay explains,
// before verify says the workstation's clock was wrong.
const DefaultClockTolerance = 10 * time.Minute

// CentralReport is what the central log proved of this workstation's log.
type CentralReport struct {
	Entries int64    // entries of this log the central copy holds, identical
	Notes   []string // facts that are not faults (a log begun anew and said so, a crash confirmed)
}

// CentralError is every finding of the central log that fails verify,
// the first named first.
type CentralError struct{ Findings []string }

func (e *CentralError) Error() string { return "audit: " + strings.Join(e.Findings, "; also: ") }

// centralLog is one of this data folder's logs as the central log knows it.
type centralLog struct {
	id, reason, detail, archive string
	startID                     int64
	startConfirmed              bool
	previous                    *string
	previousKnown               *int64
	entries                     int64
	lastTime                    *string
}

// VerifyCentral compares this log with its central copy (CompareCentral)
// and checks what the central log holds of this workstation's data
// folder: every earlier log ended with an announcement of the next one,
// the central log holds no entry of an earlier log that the log replacing
// it did not know of, a restore's archive matches what the central log
// received, the log is not a copy from another machine or folder, and no
// entry's time contradicts the server's receive time beyond tolerance.
// uncommitted is the entry a local check found announced and never
// committed (a crash), 0 when none: the report says whether the central
// log confirms it.
func (l *Log) VerifyCentral(ctx context.Context, url string, tolerance time.Duration, uncommitted int64) (*CentralReport, error) {
	r := &CentralReport{}
	var fails []string
	n, err := l.CompareCentral(ctx, url)
	r.Entries = n
	if err != nil {
		var b *BrokenError
		if !errors.As(err, &b) {
			return r, err
		}
		fails = append(fails, strings.TrimPrefix(err.Error(), "audit: "))
	}
	logID, err := l.LogID()
	if err != nil {
		return r, err
	}
	install, err := installID(l.path)
	if err != nil {
		return r, err
	}
	c, err := centralConnect(ctx, url)
	if err != nil {
		return r, err
	}
	defer c.Close(context.Background())
	var boundTo *string
	if err := c.QueryRow(ctx, `SELECT install FROM kyukyu_audit_my_chain($1)`, logID).Scan(&boundTo); err != nil {
		return r, fmt.Errorf("audit: read the central log: %w", err)
	}
	if boundTo != nil && *boundTo != install {
		fails = append(fails, fmt.Sprintf("this log (%s) is bound to another machine or data folder in the central log: this data folder is a copy, and the central log refuses its entries", logID))
	}
	logs, err := myLogs(ctx, c, install)
	if err != nil {
		return r, err
	}
	fails = append(fails, judgeLogs(logs, &r.Notes)...)
	clock, err := clockFindings(ctx, c, logs, tolerance)
	if err != nil {
		return r, err
	}
	fails = append(fails, clock...)
	if uncommitted > 0 {
		if n == uncommitted-1 {
			r.Notes = append(r.Notes, fmt.Sprintf("the central log confirms the crash: it holds %d entries of this log, not entry %d", n, uncommitted))
		} else {
			r.Notes = append(r.Notes, fmt.Sprintf("the central log cannot confirm that entry %d was never committed (it holds %d entries of this log: run `kyukyu audit sync`)", uncommitted, n))
		}
	}
	if len(fails) > 0 {
		return r, &CentralError{fails}
	}
	return r, nil
}

func myLogs(ctx context.Context, c *pgx.Conn, install string) ([]centralLog, error) {
	rs, err := c.Query(ctx, `SELECT log_id, reason, detail, archive_sha256, start_id, start_confirmed, previous, previous_known,
		entries, last_time FROM kyukyu_audit_my_logs($1)`, install)
	if err != nil {
		return nil, fmt.Errorf("audit: read the central log: %w", err)
	}
	logs, err := pgx.CollectRows(rs, func(row pgx.CollectableRow) (centralLog, error) {
		var g centralLog
		err := row.Scan(&g.id, &g.reason, &g.detail, &g.archive, &g.startID, &g.startConfirmed, &g.previous, &g.previousKnown, &g.entries, &g.lastTime)
		return g, err
	})
	if err != nil {
		return nil, fmt.Errorf("audit: read the central log: %w", err)
	}
	return logs, nil
}

// judgeLogs returns the findings of how each log of the data folder began
// and how the one before it ended; announced replacements become notes.
func judgeLogs(logs []centralLog, notes *[]string) []string {
	var fails []string
	byID := map[string]centralLog{}
	for _, g := range logs {
		byID[g.id] = g
	}
	for _, g := range logs {
		if g.reason == epochRestored && !g.startConfirmed {
			fails = append(fails, fmt.Sprintf("log %s was restored from %s (SHA-256 %s) at entry %d, but no earlier log of this workstation holds that entry in the central log: the archive was changed, or its log never forwarded", g.id, g.detail, g.archive, g.startID))
		}
		if g.previous == nil {
			continue
		}
		p := byID[*g.previous]
		desc := fmt.Sprintf("the earlier log %s (%d entries in the central log, the last at %s)", p.id, p.entries, lastTime(p))
		switch k := g.previousKnown; {
		case k == nil:
			fails = append(fails, fmt.Sprintf("%s ended without an announcement: log %s began (%s) with no record of it — the log and its anchor were deleted, emptied or replaced", desc, g.id, g.reason))
		case *k < p.entries:
			fails = append(fails, fmt.Sprintf("the central log holds entries %d–%d of %s that the log replacing it (%s, %s) did not know of: they were cut before it was replaced", *k+1, p.entries, desc, g.id, g.reason))
		case *k > p.entries:
			fails = append(fails, fmt.Sprintf("entries %d–%d of %s never reached the central log before log %s replaced it (%s): they are lost", p.entries+1, *k, desc, g.id, g.reason))
		default:
			*notes = append(*notes, fmt.Sprintf("log %s began (%s%s) after %s, and said so", g.id, g.reason, detail(g), desc))
		}
	}
	return fails
}

func detail(g centralLog) string {
	if g.detail == "" {
		return ""
	}
	return " from " + g.detail + ", SHA-256 " + g.archive
}

func lastTime(g centralLog) string {
	if g.lastTime == nil {
		return "never"
	}
	t, err := time.Parse(timeLayout, *g.lastTime)
	if err != nil {
		return *g.lastTime
	}
	return t.In(summary.Tokyo).Format("2006-01-02 15:04:05")
}

// clockFindings names the entries of the data folder's logs whose time
// the server's receive time contradicts (kyukyu_audit_clock).
func clockFindings(ctx context.Context, c *pgx.Conn, logs []centralLog, tolerance time.Duration) ([]string, error) {
	var fails []string
	for _, g := range logs {
		rs, err := c.Query(ctx, `SELECT entry_id, entry_time, received, ahead FROM kyukyu_audit_clock($1, $2)`, g.id, tolerance)
		if err != nil {
			return nil, fmt.Errorf("audit: read the central log: %w", err)
		}
		for rs.Next() {
			var id int64
			var at string
			var received time.Time
			var ahead bool
			if err := rs.Scan(&id, &at, &received, &ahead); err != nil {
				rs.Close()
				return nil, fmt.Errorf("audit: read the central log: %w", err)
			}
			way := "set back"
			if ahead {
				way = "ahead"
			}
			t, _ := time.Parse(timeLayout, at)
			fails = append(fails, fmt.Sprintf("entry %d of log %s says %s but the server received it at %s, more than %v apart in a way forwarding delay cannot explain (the workstation's clock was %s)",
				id, g.id, t.In(summary.Tokyo).Format("2006-01-02 15:04:05"), received.In(summary.Tokyo).Format("2006-01-02 15:04:05"), tolerance, way))
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return nil, fmt.Errorf("audit: read the central log: %w", err)
		}
	}
	return fails, nil
}

// VerifyCentralFile is VerifyCentral of the log at dbPath, without
// creating or changing anything.
func VerifyCentralFile(ctx context.Context, dbPath, url string, tolerance time.Duration, uncommitted int64) (*CentralReport, error) {
	if _, err := os.Stat(dbPath); err != nil {
		return nil, fmt.Errorf("audit: cannot read the log: %w", err)
	}
	l, err := openReadOnly(dbPath)
	if err != nil {
		return nil, err
	}
	defer l.Close()
	return l.VerifyCentral(ctx, url, tolerance, uncommitted)
}
