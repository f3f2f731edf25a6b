package audit

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// The central log is one PostgreSQL table that every workstation forwards
// its entries to. Each workstation's log is one chain, named by its salt's
// fingerprint (LogID); an entry is idempotent by its hash within its
// chain, so a resend is a no-op, and a second entry at the same place of
// a chain is refused.
// PostgreSQL stamps its own receive time beside the workstation's.

// URLEnv is the central log's setting (中央監査ログ), e.g.
// postgres://kyukyu_writer:PW@audit.hospital.local/kyukyu.
const URLEnv = "KYUKYU_AUDIT_URL"

// WriterRole is the role workstations connect as: INSERT and SELECT only.
const WriterRole = "kyukyu_writer"

const centralTable = "kyukyu_audit_entries"

// centralColumns are the columns a workstation writes, in row order.
const centralColumns = "log_id, id, time, workstation, operator, mode, reason, patient, insurer, action, result, output, prev, hash"

// centralSchema is applied by CentralInit, every statement idempotent. The
// triggers stop even the table's owner from changing or removing an entry
// by accident; the writer role has no right to try.
var centralSchema = []string{
	`CREATE TABLE IF NOT EXISTS ` + centralTable + ` (
		log_id text NOT NULL, id bigint NOT NULL CHECK (id > 0), time text NOT NULL, workstation text NOT NULL,
		operator text NOT NULL, mode text NOT NULL, reason text NOT NULL, patient text NOT NULL, insurer text NOT NULL,
		action text NOT NULL, result text NOT NULL, output text NOT NULL, prev bytea NOT NULL,
		hash bytea NOT NULL, received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
		PRIMARY KEY (log_id, id), UNIQUE (log_id, hash))`,
	`CREATE INDEX IF NOT EXISTS kyukyu_audit_entries_time ON ` + centralTable + ` (time)`,
	`CREATE OR REPLACE FUNCTION kyukyu_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
		$$ BEGIN RAISE EXCEPTION 'kyukyu audit log is append-only'; END $$`,
	`CREATE OR REPLACE TRIGGER kyukyu_audit_no_change BEFORE UPDATE OR DELETE ON ` + centralTable + `
		FOR EACH ROW EXECUTE FUNCTION kyukyu_audit_append_only()`,
	`CREATE OR REPLACE TRIGGER kyukyu_audit_no_truncate BEFORE TRUNCATE ON ` + centralTable + `
		FOR EACH STATEMENT EXECUTE FUNCTION kyukyu_audit_append_only()`,
	`DO $$ BEGIN
		IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '` + WriterRole + `') THEN
			CREATE ROLE ` + WriterRole + ` LOGIN;
		END IF;
	END $$`,
	`REVOKE ALL ON ` + centralTable + ` FROM PUBLIC, ` + WriterRole,
	`GRANT SELECT ON ` + centralTable + ` TO ` + WriterRole,
	`GRANT INSERT (` + centralColumns + `) ON ` + centralTable + ` TO ` + WriterRole,
}

// CentralInit creates the central table and the writer role (or brings
// them up to date) as the administrator at adminURL, and sets the writer's
// password. Running it again changes nothing but the password.
func CentralInit(ctx context.Context, adminURL, writerPassword string) error {
	if writerPassword == "" {
		return errors.New("audit: central-init needs the writer's password")
	}
	c, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return fmt.Errorf("audit: cannot connect to the central log: %w", err)
	}
	defer c.Close(context.Background())
	tx, err := c.Begin(ctx)
	if err != nil {
		return fmt.Errorf("audit: central-init: %w", err)
	}
	defer tx.Rollback(context.Background())
	// Two first runs at once would race on CREATE; this lock orders them.
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(4242011)`); err != nil {
		return fmt.Errorf("audit: central-init: %w", err)
	}
	for _, s := range centralSchema {
		if _, err := tx.Exec(ctx, s); err != nil {
			return fmt.Errorf("audit: central-init: %w", err)
		}
	}
	var alter string
	if err := tx.QueryRow(ctx, `SELECT format('ALTER ROLE `+WriterRole+` WITH LOGIN PASSWORD %L', $1::text)`, writerPassword).Scan(&alter); err != nil {
		return fmt.Errorf("audit: central-init: %w", err)
	}
	if _, err := tx.Exec(ctx, alter); err != nil {
		return fmt.Errorf("audit: central-init: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("audit: central-init: %w", err)
	}
	return nil
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
		return nil, fmt.Errorf("audit: cannot connect to the central log at %s:%d: %w", cfg.Host, cfg.Port, err)
	}
	return c, nil
}

// centralSent is how far the central log holds this chain.
func centralSent(ctx context.Context, c *pgx.Conn, logID string) (int64, error) {
	var n int64
	err := c.QueryRow(ctx, `SELECT COALESCE(max(id), 0) FROM `+centralTable+` WHERE log_id = $1`, logID).Scan(&n)
	return n, err
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
	b := &pgx.Batch{}
	for _, r := range rows {
		b.Queue(`INSERT INTO `+centralTable+` (`+centralColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
			ON CONFLICT (log_id, hash) DO NOTHING`, id, r.id, r.time, r.workstation, r.operator, r.mode, r.reason, r.patient,
			r.insurer, r.action, r.result, r.output, r.prev, r.hash)
	}
	tx, err := c.Begin(ctx)
	if err != nil {
		return after, err
	}
	defer tx.Rollback(context.Background())
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == "23505" {
			return after, fmt.Errorf("audit: the central log already holds another entry after entry %d of this workstation: %w", after, ErrDiverged)
		}
		return after, err
	}
	if err := tx.Commit(ctx); err != nil {
		return after, err
	}
	return rows[len(rows)-1].id, nil
}

// sameHead checks that the central log's newest entry of this chain is the
// local entry at that place, so nothing is chained onto a copy that differs.
func (l *Log) sameHead(ctx context.Context, c *pgx.Conn, logID string, id int64) error {
	if id == 0 {
		return nil
	}
	var central, local []byte
	if err := c.QueryRow(ctx, `SELECT hash FROM `+centralTable+` WHERE log_id = $1 AND id = $2`, logID, id).Scan(&central); err != nil {
		return fmt.Errorf("audit: the central log: %w", err)
	}
	err := l.db.QueryRowContext(ctx, `SELECT hash FROM entries WHERE id = ?`, id).Scan(&local)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("audit: the central log holds entry %d of this workstation, which the local log lacks: %w", id, ErrDiverged)
	}
	if err != nil {
		return err
	}
	if !bytes.Equal(central, local) {
		return fmt.Errorf("audit: entry %d differs between the local log and the central copy: %w", id, ErrDiverged)
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
	Received time.Time // the server's receive time
}

// CompareCentral checks that the central copy of this log's chain is the
// local one: its own chain holds, every local entry is there with the same
// hash, and it holds no entry the local log lacks. The first difference is
// named. Entries not yet forwarded are a difference too: sync first.
func (l *Log) CompareCentral(ctx context.Context, url string) (int64, error) {
	logID, err := l.LogID()
	if err != nil {
		return 0, err
	}
	c, err := centralConnect(ctx, url)
	if err != nil {
		return 0, err
	}
	defer c.Close(context.Background())
	crs, err := c.Query(ctx, `SELECT id, time, workstation, operator, mode, reason, patient, insurer, action, result, output, prev, hash
		FROM `+centralTable+` WHERE log_id = $1 ORDER BY id`, logID)
	if err != nil {
		return 0, fmt.Errorf("audit: read the central log: %w", err)
	}
	defer crs.Close()
	lrs, err := l.db.QueryContext(ctx, selectRows+` ORDER BY id`)
	if err != nil {
		return 0, fmt.Errorf("audit: verify: %w", err)
	}
	defer lrs.Close()
	var n int64
	prev := zeroHash
	for {
		hasC, hasL := crs.Next(), lrs.Next()
		var cr, lr row
		if hasC {
			if err := crs.Scan(&cr.id, &cr.time, &cr.workstation, &cr.operator, &cr.mode, &cr.reason, &cr.patient,
				&cr.insurer, &cr.action, &cr.result, &cr.output, &cr.prev, &cr.hash); err != nil {
				return n, fmt.Errorf("audit: read the central log: %w", err)
			}
		}
		if hasL {
			if lr, err = scanRow(lrs); err != nil {
				return n, fmt.Errorf("audit: verify: %w", err)
			}
		}
		switch {
		case !hasC && !hasL:
			if err := crs.Err(); err != nil {
				return n, fmt.Errorf("audit: read the central log: %w", err)
			}
			return n, lrs.Err()
		case hasL && lr.check(n+1, prev) != nil:
			return n, fmt.Errorf("audit: the local log: %w", lr.check(n+1, prev))
		case !hasC:
			return n, &BrokenError{lr.id, "is not in the central log (not forwarded yet: run `kyukyu audit sync`, then verify again)"}
		case cr.check(n+1, prev) != nil:
			return n, fmt.Errorf("audit: the central copy: %w", cr.check(n+1, prev))
		case !hasL:
			return n, &BrokenError{cr.id, "is in the central log but not in the local one: the local log lost its newest entries"}
		case lr.id != cr.id || !bytes.Equal(lr.hash, cr.hash):
			return n, &BrokenError{cr.id, "differs between the local log and the central copy: one of them was changed"}
		}
		n++
		prev = cr.hash
	}
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
