package audit

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"kyukyu/summary"
)

// The review of the central log (audit/review) reads it through these
// queries, as the read-only auditor: entries of a period, the entries of
// one chain around a place, and what each chain is.

// CentralEntries reads all workstations' entries whose Japan date lies in
// [from, to], by workstation chain and id.
func CentralEntries(ctx context.Context, url string, from, to summary.Date) ([]CentralEntry, error) {
	if to.Before(from) {
		return nil, fmt.Errorf("audit: period ends (%s) before it starts (%s)", to, from)
	}
	return centralQuery(ctx, url, `SELECT `+centralColumns+`, COALESCE(station, ''), received_at FROM `+centralTable+`
		WHERE time >= $1 AND time < $2 ORDER BY workstation, log_id, id`, from.String(), to.AddDays(1).String())
}

// CentralAround reads the entries of chain logID from id-n to id+n.
func CentralAround(ctx context.Context, url, logID string, id, n int64) ([]CentralEntry, error) {
	return centralQuery(ctx, url, `SELECT `+centralColumns+`, COALESCE(station, ''), received_at FROM `+centralTable+`
		WHERE log_id = $1 AND id BETWEEN $2 AND $3 ORDER BY id`, logID, id-n, id+n)
}

func centralQuery(ctx context.Context, url, query string, args ...any) ([]CentralEntry, error) {
	c, err := centralConnect(ctx, url)
	if err != nil {
		return nil, err
	}
	defer c.Close(context.Background())
	rs, err := c.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("audit: read the central log: %w", err)
	}
	defer rs.Close()
	var out []CentralEntry
	for rs.Next() {
		var ce CentralEntry
		var r row
		if err := rs.Scan(&ce.LogID, &r.id, &r.time, &r.workstation, &r.operator, &r.mode, &r.reason, &r.patient,
			&r.insurer, &r.action, &r.result, &r.output, &r.prev, &r.hash, &ce.Station, &ce.Received); err != nil {
			return nil, fmt.Errorf("audit: read the central log: %w", err)
		}
		if ce.Entry, err = r.entry(); err != nil {
			return nil, fmt.Errorf("audit: central entry %d of %s: %w", r.id, ce.LogID, err)
		}
		out = append(out, ce)
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("audit: read the central log: %w", err)
	}
	return out, nil
}

// Chain is one chain of the central log: a workstation's local log from
// its first entry, as far as it was forwarded.
type Chain struct {
	LogID       string
	Workstation string // the host of its first entry
	Entries     int64  // how far it reaches (its last id)
	First, Last time.Time
	// Began is why the chain began, as the central log records it:
	// "restore" for a log restored from a backup, "new" for a new log.
	Began string
	// Station is the enrolled workstation whose role announced it, Reason
	// its own word for why it began (created, adopted, restored; empty for
	// a chain from before announcements), Detail the archive for a restore.
	Station, Reason, Detail string
}

// Chain beginnings.
const (
	ChainNew     = "new"
	ChainRestore = "restore"
)

// CentralChains lists every chain of the central log, oldest first.
func CentralChains(ctx context.Context, url string) ([]Chain, error) {
	c, err := centralConnect(ctx, url)
	if err != nil {
		return nil, err
	}
	defer c.Close(context.Background())
	// One row per chain from the primary key: its first and last entry.
	rs, err := c.Query(ctx, `SELECT g.log_id, g.n, f.workstation, f.time, l.time,
			COALESCE(ch.station, ''), COALESCE(ch.reason, ''), COALESCE(ch.detail, '') FROM
		(SELECT log_id, min(id) AS a, max(id) AS n FROM `+centralTable+` GROUP BY log_id) g
		JOIN `+centralTable+` f ON f.log_id = g.log_id AND f.id = g.a
		JOIN `+centralTable+` l ON l.log_id = g.log_id AND l.id = g.n
		LEFT JOIN `+chainsTable+` ch ON ch.log_id = g.log_id
		ORDER BY f.time, g.log_id`)
	if err != nil {
		return nil, fmt.Errorf("audit: read the central log's chains: %w", err)
	}
	out, err := pgx.CollectRows(rs, func(r pgx.CollectableRow) (Chain, error) {
		var ch Chain
		var first, last string
		if err := r.Scan(&ch.LogID, &ch.Entries, &ch.Workstation, &first, &last, &ch.Station, &ch.Reason, &ch.Detail); err != nil {
			return ch, err
		}
		ch.Workstation, _, _ = strings.Cut(ch.Workstation, versionSep)
		var err error
		if ch.First, err = time.Parse(timeLayout, first); err != nil {
			return ch, fmt.Errorf("chain %s: time %q unreadable", ch.LogID, first)
		}
		if ch.Last, err = time.Parse(timeLayout, last); err != nil {
			return ch, fmt.Errorf("chain %s: time %q unreadable", ch.LogID, last)
		}
		ch.First, ch.Last = ch.First.In(summary.Tokyo), ch.Last.In(summary.Tokyo)
		ch.Began = ChainNew
		if ch.Reason == epochRestored || ch.Reason == "" && strings.Contains(ch.LogID, "-") { // a restored log's LogID carries its restore
			ch.Began = ChainRestore
		}
		return ch, nil
	})
	if err != nil {
		return nil, fmt.Errorf("audit: read the central log's chains: %w", err)
	}
	return out, nil
}
