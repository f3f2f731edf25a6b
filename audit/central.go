package audit

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// The central log keeps every workstation's logs, each a chain named by
// its log's LogID, forwarded entry by entry (forward.go). The server
// checks each entry and stamps its own receive time (centralschema.go).

// URLEnv is the central log's setting (中央監査ログ), e.g.
// postgres://kyukyu_ws_er1:PW@audit.hospital.local/kyukyu.
const URLEnv = "KYUKYU_AUDIT_URL"

const centralTable = "kyukyu_audit_entries"

// centralColumns are the columns a workstation writes, in row order.
const centralColumns = "log_id, id, time, workstation, operator, mode, reason, patient, insurer, action, result, output, prev, hash"

// withUser is url with user and password in place of its own.
func withUser(raw, user, password string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
		return "", errors.New("audit: the administrator's address must be a URL postgres://ADMIN:PW@HOST/DB")
	}
	u.User = url.UserPassword(user, password)
	return u.String(), nil
}

// LogID names this log's chain in the central log: a fingerprint of its
// salt, which reveals nothing of the salt, and of its last restore. A
// restored log starts a new chain there, so the central copy keeps the
// entries the restore took away and both chains verify.
func (l *Log) LogID() (string, error) {
	var key string
	err := l.db.QueryRow(`SELECT key FROM meta WHERE key LIKE ? ORDER BY rowid DESC LIMIT 1`, restoredKey+"%").Scan(&key)
	if errors.Is(err, sql.ErrNoRows) {
		return saltPrint(l.salt), nil
	}
	if err != nil {
		return "", fmt.Errorf("audit: %w", err)
	}
	s := sha256.Sum256([]byte(key))
	return saltPrint(l.salt) + "-" + hex.EncodeToString(s[:4]), nil
}

// restoredKey starts the meta key a restore adds to the restored log.
const restoredKey = "restored "

// centralConnect connects with a bounded wait and says which server failed
// without echoing the password.
func centralConnect(ctx context.Context, url string) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("audit: the central log's address is not a PostgreSQL URL: %w", errors.Unwrap(err))
	}
	if cfg.ConnectTimeout == 0 || cfg.ConnectTimeout > 5*time.Second {
		cfg.ConnectTimeout = 5 * time.Second
	}
	c, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, &ConnectError{Cause: cause(err), Where: fmt.Sprintf("%s:%d", cfg.Host, cfg.Port), Permanent: permanent(err), err: err}
	}
	return c, nil
}

// ConnectError is a failed connection to the central log, its cause
// first: pgx's own message lists every attempt (TLS first), which puts
// "tls error" before a wrong password.
type ConnectError struct {
	Cause, Where string
	// Permanent: waiting cannot clear it (a wrong password, an unknown
	// role or database, a host name that does not resolve).
	Permanent bool
	err       error
}

func (e *ConnectError) Error() string {
	return fmt.Sprintf("audit: %s (central log at %s)", e.Cause, e.Where)
}

func (e *ConnectError) Unwrap() error { return e.err }

// permanentCodes are the SQLSTATEs of a connection refused for good:
// invalid password, invalid authorization, unknown database.
var permanentCodes = map[string]bool{"28P01": true, "28000": true, "3D000": true}

func permanent(err error) bool {
	var pe *pgconn.PgError
	var dns *net.DNSError
	return errors.As(err, &pe) && permanentCodes[pe.Code] || errors.As(err, &dns) && dns.IsNotFound
}

// cause is the reason a connection failed, in words: the server's own
// message, a host not found, else the first attempt's error.
func cause(err error) string {
	var pe *pgconn.PgError
	var dns *net.DNSError
	var op *net.OpError
	switch {
	case errors.As(err, &pe):
		return pe.Message
	case errors.As(err, &dns) && dns.IsNotFound:
		return fmt.Sprintf("host %s not found", dns.Name)
	case errors.As(err, &op):
		return "cannot reach the server: " + op.Err.Error()
	case errors.Is(err, context.DeadlineExceeded):
		return "no answer in time"
	}
	return err.Error()
}

// centralHead is how far the central log holds one of this
// workstation's chains: the newest entry's id and hash (0 and zeros when
// none). A workstation reads nothing else of the table.
func centralHead(ctx context.Context, c *pgx.Conn, logID string) (head, error) {
	var h head
	err := c.QueryRow(ctx, `SELECT id, hash FROM kyukyu_audit_head($1)`, logID).Scan(&h.count, &h.hash)
	return h, err
}

// announce tells the central log how the chain logID began, before any
// of its entries; the server refuses a chain of another workstation or
// one bound to another machine or data folder (a copied data folder).
func (l *Log) announce(ctx context.Context, c *pgx.Conn, logID string) error {
	s, err := l.start(logID)
	if err != nil {
		return err
	}
	install, err := installID(l.path)
	if err != nil {
		return err
	}
	var refused string
	err = c.QueryRow(ctx, `SELECT kyukyu_audit_begin($1, $2, $3, $4, $5, $6, $7, $8, $9)`, logID, install, s.Reason, s.Detail,
		s.ArchiveSHA256, s.StartID, s.StartHash, s.PreviousKnown, s.Began).Scan(&refused)
	if err != nil {
		return fmt.Errorf("audit: the central log: %w", err)
	}
	if refused != "" {
		return &RefusedError{Why: refused}
	}
	return nil
}

// RefusedError is the central log refusing what this workstation sent:
// the same again would be refused again, so forwarding waits, saying why,
// until someone has looked (nothing after it is skipped).
type RefusedError struct {
	ID  int64 // the entry refused; 0 for the log's announcement
	Why string
}

func (e *RefusedError) Error() string {
	if e.ID == 0 {
		return "audit: the central log refused this log: " + e.Why
	}
	return fmt.Sprintf("audit: the central log refused entry %d: %s", e.ID, e.Why)
}

// forwardBatch sends up to limit entries after `after` in one transaction
// and returns the last id sent (after when none was pending).
func (l *Log) forwardBatch(ctx context.Context, c *pgx.Conn, id string, after int64, limit int) (int64, error) {
	rs, err := l.db.QueryContext(ctx, selectRows+` WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return after, err
	}
	var rows []row
	for rs.Next() {
		r, err := scanRow(rs)
		if err != nil {
			rs.Close()
			return after, err
		}
		rows = append(rows, r)
	}
	rs.Close()
	if err := rs.Err(); err != nil || len(rows) == 0 {
		return after, err
	}
	err = sendRows(ctx, c, id, rows, true)
	if pe := (*pgconn.PgError)(nil); errors.As(err, &pe) && pe.Code == RefusedCode {
		err = sendRows(ctx, c, id, rows, false) // to learn which entry the server refuses
	}
	if err != nil {
		return after, err
	}
	return rows[len(rows)-1].id, nil
}

// insertRows is the INSERT of a batch of entries in one statement, from
// one array per column (one statement text for any number of rows).
var insertRows = `INSERT INTO ` + centralTable + ` (` + centralColumns + `)
	SELECT $1, ` + prefixed("u", strings.TrimPrefix(centralColumns, "log_id, ")) + ` FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
		$9::text[], $10::text[], $11::text[], $12::text[], $13::bytea[], $14::bytea[]) WITH ORDINALITY
		AS u(id, time, workstation, operator, mode, reason, patient, insurer, action, result, output, prev, hash, n) ORDER BY u.n`

// sendRows inserts rows of chain id in one transaction: in one statement
// when together (the server's counting trigger then runs once for them
// all: a backlog goes five times as fast), else one statement each, which
// tells which entry the server refuses.
func sendRows(ctx context.Context, c *pgx.Conn, id string, rows []row, together bool) error {
	b := &pgx.Batch{}
	if together {
		var ids []int64
		texts := make([][]string, 10)
		var prevs, hashes [][]byte
		for _, r := range rows {
			ids, prevs, hashes = append(ids, r.id), append(prevs, r.prev), append(hashes, r.hash)
			for i, v := range []string{r.time, r.workstation, r.operator, r.mode, r.reason, r.patient, r.insurer, r.action, r.result, r.output} {
				texts[i] = append(texts[i], v)
			}
		}
		args := []any{id, ids}
		for _, t := range texts {
			args = append(args, t)
		}
		b.Queue(insertRows, append(args, prevs, hashes)...)
	} else {
		for _, r := range rows {
			b.Queue(`INSERT INTO `+centralTable+` (`+centralColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
				id, r.id, r.time, r.workstation, r.operator, r.mode, r.reason, r.patient, r.insurer, r.action, r.result, r.output, r.prev, r.hash)
		}
	}
	tx, err := c.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.Background())
	br := tx.SendBatch(ctx, b)
	for i := range b.Len() {
		if _, err := br.Exec(); err != nil {
			br.Close()
			var pe *pgconn.PgError
			if !together && errors.As(err, &pe) && pe.Code == RefusedCode {
				return &RefusedError{ID: rows[i].id, Why: pe.Message}
			}
			return err
		}
	}
	if err := br.Close(); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// centralHashAt is the hash of entry id of one of this workstation's
// chains in the central log (nil when it holds no such entry).
func centralHashAt(ctx context.Context, c *pgx.Conn, logID string, id int64) ([]byte, error) {
	var h []byte
	err := c.QueryRow(ctx, `SELECT kyukyu_audit_hash_at($1, $2)`, logID, id).Scan(&h)
	return h, err
}

// sameHead checks that the central log's newest entry of this chain is the
// local entry at that place, so nothing is chained onto a copy that differs.
func (l *Log) sameHead(ctx context.Context, h head) error {
	if h.count == 0 {
		return nil
	}
	var local []byte
	err := l.db.QueryRowContext(ctx, `SELECT hash FROM entries WHERE id = ?`, h.count).Scan(&local)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("audit: the central log holds entry %d of this workstation, which the local log lacks: %w", h.count, ErrDiverged)
	}
	if err != nil {
		return err
	}
	if !bytes.Equal(h.hash, local) {
		return fmt.Errorf("audit: entry %d differs between the local log and the central copy: %w", h.count, ErrDiverged)
	}
	return nil
}

// ErrDiverged: the local log and its central copy differ, so forwarding
// stops until an officer has looked (retrying cannot help).
var ErrDiverged = errors.New("the local log and the central copy differ; nothing more is forwarded (run `kyukyu audit verify`)")

// count is the number of entries in the local log.
func (l *Log) count(ctx context.Context) (int64, error) {
	var n int64
	err := l.db.QueryRowContext(ctx, `SELECT IFNULL(MAX(id), 0) FROM entries`).Scan(&n)
	return n, err
}

// CentralEntry is an entry as the central log holds it.
type CentralEntry struct {
	Entry
	LogID    string
	Station  string    // the enrolled workstation whose role sent it (server-set; empty before enrolment existed)
	Received time.Time // the server's receive time
}

// CompareCentral checks that the central copy of this log's chain is the
// local one: the local chain holds (the server checked the central one as
// it arrived), every local entry is there with the same hash, and it holds
// no entry the local log lacks. Two valid chains that agree at entry n
// agree up to n, so the first difference is found by bisection, reading
// only hashes. Entries not yet forwarded are a difference too: sync first.
func (l *Log) CompareCentral(ctx context.Context, url string) (int64, error) {
	logID, err := l.LogID()
	if err != nil {
		return 0, err
	}
	hashes, err := verifyChain(l.db)
	if err != nil {
		return 0, fmt.Errorf("audit: the local log: %w", err)
	}
	c, err := centralConnect(ctx, url)
	if err != nil {
		return 0, err
	}
	defer c.Close(context.Background())
	h, err := centralHead(ctx, c, logID)
	if err != nil {
		return 0, fmt.Errorf("audit: read the central log: %w", err)
	}
	n := int64(len(hashes))
	same := func(id int64) (bool, error) {
		got, err := centralHashAt(ctx, c, logID, id)
		return bytes.Equal(got, hashes[id-1]), err
	}
	upto := min(n, h.count)
	if upto > 0 {
		if ok, err := same(upto); err != nil {
			return 0, fmt.Errorf("audit: read the central log: %w", err)
		} else if !ok {
			lo, hi := int64(0), upto // entry lo agrees (0: none), entry hi differs
			for hi-lo > 1 {
				mid := (lo + hi) / 2
				ok, err := same(mid)
				if err != nil {
					return lo, fmt.Errorf("audit: read the central log: %w", err)
				}
				if ok {
					lo = mid
				} else {
					hi = mid
				}
			}
			return lo, &BrokenError{hi, "differs between the local log and the central copy: one of them was changed"}
		}
	}
	switch {
	case h.count > n:
		return n, &BrokenError{n + 1, fmt.Sprintf("is in the central log but not in the local one: the local log lost its newest entries (%d–%d)", n+1, h.count)}
	case n > h.count:
		return h.count, &BrokenError{h.count + 1, "is not in the central log (not forwarded yet: run `kyukyu audit sync`, then verify again)"}
	}
	return n, nil
}

// forwardedSchema keeps how far this log was forwarded to which server,
// so the count of waiting entries is known across restarts while the
// server is down.
const forwardedSchema = `CREATE TABLE IF NOT EXISTS forwarded (server TEXT PRIMARY KEY, upto INTEGER NOT NULL)`

func serverKey(url string) string {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return url
	}
	return fmt.Sprintf("%s:%d/%s", cfg.Host, cfg.Port, cfg.Database)
}

func (l *Log) saveForwarded(key string, upto int64) error {
	_, err := l.db.Exec(`INSERT INTO forwarded (server, upto) VALUES (?, ?) ON CONFLICT (server) DO UPDATE SET upto = excluded.upto`, key, upto)
	return err
}

func (l *Log) loadForwarded(key string) int64 {
	var n int64
	if err := l.db.QueryRow(`SELECT upto FROM forwarded WHERE server = ?`, key).Scan(&n); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0
	}
	return n
}
