package audit

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"kyukyu/summary"
)

// The review of the central log (audit/review) reads it through a
// CentralReader, as the read-only auditor: entries of a period, the
// entries of one chain around a place, and what each chain is.

// CentralReader reads the central log over one connection, opened at first
// use and again after it broke: the page asks twice per load, and a
// password check per query would cost more than the query.
type CentralReader struct {
	url string
	mu  sync.Mutex
	c   *pgx.Conn
}

// NewCentralReader reads the central log at url.
func NewCentralReader(url string) *CentralReader { return &CentralReader{url: url} }

// Close closes the connection, if open.
func (r *CentralReader) Close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.c != nil {
		r.c.Close(context.Background())
		r.c = nil
	}
}

// with runs fn on the connection, one caller at a time.
func (r *CentralReader) with(ctx context.Context, fn func(*pgx.Conn) error) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.c == nil || r.c.IsClosed() {
		c, err := centralConnect(ctx, r.url)
		if err != nil {
			return err
		}
		// The review's queries read little, but a generous estimate of the
		// rows they might read makes PostgreSQL compile them (JIT): seconds
		// spent on a query that answers in milliseconds.
		if _, err := c.Exec(ctx, `SET jit = off`); err != nil {
			c.Close(context.Background())
			return fmt.Errorf("audit: the central log: %w", err)
		}
		r.c = c
	}
	err := fn(r.c)
	if err != nil && (r.c.IsClosed() || ctx.Err() != nil) {
		r.c.Close(context.Background()) // a query cut short leaves the connection unusable
		r.c = nil
	}
	return err
}

// CentralEntries reads all workstations' entries whose Japan date lies in
// [from, to], by workstation chain and id.
func CentralEntries(ctx context.Context, url string, from, to summary.Date) ([]CentralEntry, error) {
	r := NewCentralReader(url)
	defer r.Close()
	return r.entries(ctx, from, to, ` ORDER BY workstation, log_id, id`)
}

// Entries reads the entries whose Japan date lies in [from, to], in no
// particular order.
func (r *CentralReader) Entries(ctx context.Context, from, to summary.Date) ([]CentralEntry, error) {
	return r.entries(ctx, from, to, "")
}

func (r *CentralReader) entries(ctx context.Context, from, to summary.Date, order string) ([]CentralEntry, error) {
	if to.Before(from) {
		return nil, fmt.Errorf("audit: period ends (%s) before it starts (%s)", to, from)
	}
	return r.query(ctx, `SELECT `+centralColumns+`, COALESCE(station, ''), received_at FROM `+centralTable+`
		WHERE time >= $1 AND time < $2`+order, from.String(), to.AddDays(1).String())
}

// Around reads the entries of chain logID from id-n to id+n.
func (r *CentralReader) Around(ctx context.Context, logID string, id, n int64) ([]CentralEntry, error) {
	return r.query(ctx, `SELECT `+centralColumns+`, COALESCE(station, ''), received_at FROM `+centralTable+`
		WHERE log_id = $1 AND id BETWEEN $2 AND $3 ORDER BY id`, logID, id-n, id+n)
}

func (r *CentralReader) query(ctx context.Context, query string, args ...any) ([]CentralEntry, error) {
	var out []CentralEntry
	err := r.with(ctx, func(c *pgx.Conn) error {
		rs, err := c.Query(ctx, query, args...)
		if err != nil {
			return fmt.Errorf("audit: read the central log: %w", err)
		}
		defer rs.Close()
		for rs.Next() {
			var ce CentralEntry
			var r row
			if err := rs.Scan(&ce.LogID, &r.id, &r.time, &r.workstation, &r.operator, &r.mode, &r.reason, &r.patient,
				&r.insurer, &r.action, &r.result, &r.output, &r.prev, &r.hash, &ce.Station, &ce.Received); err != nil {
				return fmt.Errorf("audit: read the central log: %w", err)
			}
			if ce.Entry, err = r.entry(); err != nil {
				return fmt.Errorf("audit: central entry %d of %s: %w", r.id, ce.LogID, err)
			}
			out = append(out, ce)
		}
		if err := rs.Err(); err != nil {
			return fmt.Errorf("audit: read the central log: %w", err)
		}
		return nil
	})
	return out, err
}

// Chain is one chain of the central log: a workstation's local log from
// its beginning, as far as it was forwarded.
type Chain struct {
	LogID string
	// Workstation is the enrolled workstation that announced it; for a
	// chain from before enrolment, the host of its last entry.
	Workstation string
	Entries     int64     // how far it reaches in the central log (its last id; 0: none yet)
	Began       time.Time // when the workstation announced it (else its first entry's time)
	Last        time.Time // its last entry's time (zero: none yet)
	// Reason is why it began, in the central log's words (ChainCreated,
	// ChainAdopted, ChainRestored; empty for a chain from before
	// announcements); Detail names the archive of a restore.
	Reason, Detail string
	// Previous is the chain of the same workstation and install it
	// replaced (empty: none), and PreviousKnown how many entries of it the
	// workstation's anchor knew then (-1: it knew of none: a first install,
	// or the log deleted with its anchor).
	Previous      string
	PreviousKnown int64
	// HospitalRefs is the entry from which on the chain's patient
	// references are under the hospital's salt, and compare with other
	// workstations' (0: the workstation's own salt throughout), and
	// HospitalSince its time.
	HospitalRefs  int64
	HospitalSince time.Time
}

// Why a chain began, as the workstation announced it.
const (
	ChainCreated  = epochCreated
	ChainAdopted  = epochAdopted
	ChainRestored = epochRestored
)

// Chains lists every chain of the central log, oldest first: the
// announced ones with their last entry found by the primary key, then any
// from before announcements.
func (r *CentralReader) Chains(ctx context.Context) (out []Chain, err error) {
	err = r.with(ctx, func(c *pgx.Conn) error {
		out, err = chains(ctx, c)
		return err
	})
	return out, err
}

func chains(ctx context.Context, c *pgx.Conn) ([]Chain, error) {
	rs, err := c.Query(ctx, `SELECT ch.log_id, ch.station, ch.reason, ch.detail, COALESCE(ch.previous, ''),
			COALESCE(ch.previous_known, -1), ch.began, ch.received_at, COALESCE(l.id, 0), COALESCE(l.time, ''),
			COALESCE(h.id, 0), COALESCE(h.time, '')
		FROM `+chainsTable+` ch LEFT JOIN LATERAL (SELECT id, time FROM `+centralTable+` e
			WHERE e.log_id = ch.log_id ORDER BY id DESC LIMIT 1) l ON true
		LEFT JOIN LATERAL (SELECT id, time FROM `+centralTable+` e
			WHERE e.log_id = ch.log_id AND e.action = '`+string(HospitalRefs)+`' ORDER BY id LIMIT 1) h ON true
		UNION ALL
		SELECT g.log_id, split_part(l.workstation, E'\t', 1), '', '', '', -1, f.time, f.received_at, g.n, l.time, 0, '' FROM
			(SELECT log_id, min(id) AS a, max(id) AS n FROM `+centralTable+` WHERE station IS NULL GROUP BY log_id) g
			JOIN `+centralTable+` f ON f.log_id = g.log_id AND f.id = g.a
			JOIN `+centralTable+` l ON l.log_id = g.log_id AND l.id = g.n
		WHERE NOT EXISTS (SELECT FROM `+chainsTable+` ch WHERE ch.log_id = g.log_id)
		ORDER BY 8, 1`)
	if err != nil {
		return nil, fmt.Errorf("audit: read the central log's chains: %w", err)
	}
	out, err := pgx.CollectRows(rs, func(r pgx.CollectableRow) (Chain, error) {
		var ch Chain
		var began, last, hospital string
		var received time.Time
		if err := r.Scan(&ch.LogID, &ch.Workstation, &ch.Reason, &ch.Detail, &ch.Previous, &ch.PreviousKnown,
			&began, &received, &ch.Entries, &last, &ch.HospitalRefs, &hospital); err != nil {
			return ch, err
		}
		ch.Began = received.In(summary.Tokyo)
		if t, err := time.Parse(timeLayout, began); err == nil {
			ch.Began = t.In(summary.Tokyo)
		}
		// An entry's time, when the chain has that entry.
		for _, t := range []struct {
			text string
			dst  *time.Time
		}{{last, &ch.Last}, {hospital, &ch.HospitalSince}} {
			if t.text == "" {
				continue
			}
			v, err := time.Parse(timeLayout, t.text)
			if err != nil {
				return ch, fmt.Errorf("chain %s: time %q unreadable", ch.LogID, t.text)
			}
			*t.dst = v.In(summary.Tokyo)
		}
		return ch, nil
	})
	if err != nil {
		return nil, fmt.Errorf("audit: read the central log's chains: %w", err)
	}
	return out, nil
}

// Tally is a count of views the central log keeps as entries arrive
// (centralrollup.go), summed over a period: the views of one station,
// operator or hour of day ("0"–"23"), or the emergency views without
// consent of one reason key or result.
type Tally struct {
	Kind        string // "station", "operator", "hour", "reason", "result"
	Name, Staff string // operator: the OS account and the staff ID
	// Views per legal ground, in all, and of a real patient (not training,
	// a patient named).
	Without, With, Training, Total, Real int
}

// Tallies reads the kept counts of the Japan days [from, to].
func (r *CentralReader) Tallies(ctx context.Context, from, to summary.Date) (out []Tally, err error) {
	err = r.with(ctx, func(c *pgx.Conn) error {
		rs, err := c.Query(ctx, `SELECT kind, name, sum(without)::bigint, sum(consent)::bigint, sum(training)::bigint, sum(total)::bigint,
			sum(real)::bigint FROM `+countsTable+` WHERE day BETWEEN $1::date AND $2::date GROUP BY 1, 2`, from.String(), to.String())
		if err != nil {
			return fmt.Errorf("audit: read the central log's counts: %w", err)
		}
		out, err = pgx.CollectRows(rs, func(row pgx.CollectableRow) (Tally, error) {
			var t Tally
			err := row.Scan(&t.Kind, &t.Name, &t.Without, &t.With, &t.Training, &t.Total, &t.Real)
			if t.Kind == "operator" {
				t.Name, t.Staff, _ = strings.Cut(t.Name, staffSep)
			}
			return t, err
		})
		if err != nil {
			return fmt.Errorf("audit: read the central log's counts: %w", err)
		}
		return nil
	})
	return out, err
}

// Shifts are the hours (Japan time) at which the hospital's shifts begin,
// as the central log keeps its counts per shift (central-init -shifts).
func (r *CentralReader) Shifts(ctx context.Context) (out []int, err error) {
	err = r.with(ctx, func(c *pgx.Conn) error {
		var hs []int32
		if err := c.QueryRow(ctx, `SELECT shifts FROM `+settingsTable).Scan(&hs); err != nil {
			return fmt.Errorf("audit: read the central log's shifts: %w", err)
		}
		for _, h := range hs {
			out = append(out, int(h))
		}
		return nil
	})
	return out, err
}

// ERWorkstations are the hospital's ER workstations as the central log
// keeps them (central-init -er-workstations); none when it keeps none.
func (r *CentralReader) ERWorkstations(ctx context.Context) (out []string, err error) {
	err = r.with(ctx, func(c *pgx.Conn) error {
		if err := c.QueryRow(ctx, `SELECT er_workstations FROM `+settingsTable).Scan(&out); err != nil {
			return fmt.Errorf("audit: read the central log's ER workstations: %w", err)
		}
		return nil
	})
	return out, err
}

// FlagQuery is what the review's flags read of a period beyond the counts.
type FlagQuery struct {
	MaxPatients int   // the operators' shifts with more distinct patients than this
	Shifts      []int // the review's shifts; when they are not the central log's, every real view of the period is read
	MaxStations int   // the patients viewed at this many stations or more
	// Ends are entries of chains by log and id (where chains begin and end).
	EndLogs []string
	EndIDs  []int64
}

// FlagEntries reads the entries of [from, to] that a flag may name: those
// kept as clock disagreements, forwarding gaps and reasons "other" (with
// the entry before each clock disagreement), every entry of an operator's
// shift over the threshold, of a patient viewed at many stations, and the
// chains' ends asked for. The review decides the flags from them; every
// entry a flag names is among them.
func (r *CentralReader) FlagEntries(ctx context.Context, from, to summary.Date, q FlagQuery) ([]CentralEntry, error) {
	return r.query(ctx, flagSQL,
		from.String(), to.AddDays(1).String(), from.String(), to.String(), q.MaxPatients, q.MaxStations, int32s(q.Shifts), q.EndLogs, q.EndIDs)
}

// flagSQL is FlagEntries' query. Each part is driven by the few keys it
// finds, the entries then read by index (LATERAL, kept apart by OFFSET 0
// and LIMIT 1): a plan that joins by hash or merge reads every entry of
// the period.
var flagSQL = `WITH period AS (SELECT $3::date AS first, $4::date AS last),
		same AS (SELECT shifts = $7::int[] AS yes, shifts FROM ` + settingsTable + `),
		keys AS (
			SELECT f.log_id, f.id FROM ` + flaggedTable + ` f WHERE f.time >= $1 AND f.time < $2
			UNION SELECT f.log_id, f.id - 1 FROM ` + flaggedTable + ` f WHERE f.kind = 'clock' AND f.time >= $1 AND f.time < $2
			UNION SELECT e.log_id, e.id FROM same, period, ` + shiftCountsTable + ` c CROSS JOIN LATERAL (SELECT e.log_id, e.id, e.time, e.mode, e.patient, e.action
					FROM ` + centralTable + ` e WHERE e.operator = c.operator AND e.time >= $1 AND e.time < $2 OFFSET 0) e
				WHERE same.yes AND c.patients > $5
				AND c.shift >= (period.first - 1)::timestamp AT TIME ZONE 'Asia/Tokyo' AND c.shift < (period.last + 1)::timestamp AT TIME ZONE 'Asia/Tokyo'
				AND ` + sqlReal("e") + ` AND kyukyu_audit_shift(` + sqlLocal("e") + `, same.shifts) = c.shift
			UNION SELECT e.log_id, e.id FROM ` + centralTable + ` e WHERE NOT COALESCE((SELECT yes FROM same), false)
				AND e.time >= $1 AND e.time < $2 AND ` + sqlReal("e") + `
			UNION SELECT e.log_id, e.id FROM (SELECT p.patient FROM ` + patientStationsTable + ` p, period
					WHERE p.first_day <= period.last AND p.last_day >= period.first GROUP BY p.patient HAVING count(*) >= $6) p
				CROSS JOIN LATERAL (SELECT e.log_id, e.id FROM ` + centralTable + ` e WHERE e.patient = p.patient AND e.time >= $1 AND e.time < $2 OFFSET 0) e
			UNION SELECT * FROM unnest($8::text[], $9::bigint[]))
		SELECT e.* FROM keys k CROSS JOIN LATERAL (SELECT ` + prefixed("e", centralColumns) + `, COALESCE(e.station, ''), e.received_at
			FROM ` + centralTable + ` e WHERE e.log_id = k.log_id AND e.id = k.id AND e.time >= $1 AND e.time < $2 LIMIT 1) e`

// prefixed is a list of columns, each of alias a.
func prefixed(a, columns string) string {
	cs := strings.Split(columns, ", ")
	for i := range cs {
		cs[i] = a + "." + cs[i]
	}
	return strings.Join(cs, ", ")
}

// EmergencyFilter narrows the emergency views without consent; an empty
// field keeps all.
type EmergencyFilter struct {
	Station         string
	Operator, Staff string // the OS account, and the staff ID ("": signed in without one)
	AnyOperator     bool   // Operator and Staff do not narrow
	Reason          string // a reason key
	Result          Result
}

func (f EmergencyFilter) where() (string, []any) {
	op := f.Operator
	if f.Staff != "" {
		op += staffSep + f.Staff
	}
	return ` AND e.mode = '` + string(WithoutConsent) + `' AND ` + sqlView("e") + `
		AND ($3 = '' OR ` + sqlStation("e") + ` = $3) AND ($4 OR e.operator = $5 OR e.operator = $5 || '` + staffSep + `')
		AND ($6 = '' OR ` + sqlReasonKey("e") + ` = $6) AND ($7 = '' OR e.result = $7)`,
		[]any{f.Station, f.AnyOperator, op, f.Reason, string(f.Result)}
}

// Emergency reads the emergency views without consent of [from, to] that
// pass f, by time, limit of them from offset (limit 0: all).
func (r *CentralReader) Emergency(ctx context.Context, from, to summary.Date, f EmergencyFilter, offset, limit int) ([]CentralEntry, error) {
	where, args := f.where()
	lim := "ALL"
	if limit > 0 {
		lim = strconv.Itoa(limit)
	}
	return r.query(ctx, `SELECT `+prefixed("e", centralColumns)+`, COALESCE(e.station, ''), e.received_at FROM `+centralTable+` e
		WHERE e.time >= $1 AND e.time < $2`+where+` ORDER BY e.time, e.log_id, e.id LIMIT `+lim+` OFFSET `+strconv.Itoa(offset),
		append([]any{from.String(), to.AddDays(1).String()}, args...)...)
}

// EmergencyCount counts what Emergency would read without a limit.
func (r *CentralReader) EmergencyCount(ctx context.Context, from, to summary.Date, f EmergencyFilter) (n int, err error) {
	where, args := f.where()
	err = r.with(ctx, func(c *pgx.Conn) error {
		err := c.QueryRow(ctx, `SELECT count(*) FROM `+centralTable+` e WHERE e.time >= $1 AND e.time < $2`+where,
			append([]any{from.String(), to.AddDays(1).String()}, args...)...).Scan(&n)
		if err != nil {
			return fmt.Errorf("audit: read the central log: %w", err)
		}
		return nil
	})
	return n, err
}

// StationViews reads the first limit views of a real patient at station
// in [from, to], by time.
func (r *CentralReader) StationViews(ctx context.Context, from, to summary.Date, station string, limit int) ([]CentralEntry, error) {
	return r.query(ctx, `SELECT `+prefixed("e", centralColumns)+`, COALESCE(e.station, ''), e.received_at FROM `+centralTable+` e
		WHERE e.time >= $1 AND e.time < $2 AND `+sqlStation("e")+` = $3 AND `+sqlReal("e")+` ORDER BY e.time, e.log_id, e.id LIMIT $4`,
		from.String(), to.AddDays(1).String(), station, limit)
}
