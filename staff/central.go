package staff

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"kyukyu/access"
	"kyukyu/audit"
)

// table is the central database's staff card table, beside the audit log's.
const table = "staff_cards"

// schema is applied, idempotent, by every change the administrator makes;
// workstations read the table through their roles, members of the audit log's workstation group.
var schema = []string{
	`CREATE TABLE IF NOT EXISTS ` + table + ` (
		uid text PRIMARY KEY, staff_id text NOT NULL, name text NOT NULL,
		department text NOT NULL DEFAULT '', groups text NOT NULL DEFAULT '',
		changed_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
	`REVOKE ALL ON ` + table + ` FROM PUBLIC`,
	`DO $$ BEGIN
		IF EXISTS (SELECT FROM pg_roles WHERE rolname = '` + audit.WorkstationRole + `') THEN
			GRANT SELECT ON ` + table + ` TO ` + audit.WorkstationRole + `;
		END IF;
	END $$`,
}

// connectTimeout bounds the wait for the database: a tap on the reader
// must not hang the sign-in.
const connectTimeout = 5 * time.Second

func connect(ctx context.Context, url string) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("staff: the central database's address is not a PostgreSQL URL: %w", errors.Unwrap(err))
	}
	if cfg.ConnectTimeout == 0 || cfg.ConnectTimeout > connectTimeout {
		cfg.ConnectTimeout = connectTimeout
	}
	c, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("staff: cannot connect to the central database at %s:%d: %w", cfg.Host, cfg.Port, err)
	}
	return c, nil
}

// Central is the central database's table, read at each tap so a card
// removed there signs nobody in from then on.
type Central struct{ URL string }

// Lookup finds uid in the table.
func (c Central) Lookup(ctx context.Context, uid string) (access.Staff, error) {
	conn, err := connect(ctx, c.URL)
	if err != nil {
		return access.Staff{}, err
	}
	defer conn.Close(context.Background())
	var id, name, dept, groups string
	err = conn.QueryRow(ctx, `SELECT staff_id, name, department, groups FROM `+table+` WHERE uid = $1`, uid).Scan(&id, &name, &dept, &groups)
	if errors.Is(err, pgx.ErrNoRows) {
		return access.Staff{}, ErrUnknown
	}
	if err != nil {
		return access.Staff{}, fmt.Errorf("staff: reading the staff cards: %w", err)
	}
	return Make(uid, id, name, dept, groups)
}

// change runs f as the administrator at adminURL, after the schema.
func change(ctx context.Context, adminURL string, f func(pgx.Tx) error) error {
	conn, err := connect(ctx, adminURL)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	tx, err := conn.Begin(ctx)
	if err != nil {
		return fmt.Errorf("staff: %w", err)
	}
	defer tx.Rollback(context.Background())
	for _, s := range schema {
		if _, err := tx.Exec(ctx, s); err != nil {
			return fmt.Errorf("staff: creating the %s table: %w", table, err)
		}
	}
	if err := f(tx); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// Add registers s's card, or replaces what the table holds for it.
func Add(ctx context.Context, adminURL string, s access.Staff) error {
	return change(ctx, adminURL, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO `+table+` (uid, staff_id, name, department, groups) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (uid) DO UPDATE SET staff_id = $2, name = $3, department = $4, groups = $5, changed_at = clock_timestamp()`,
			s.UID, s.ID, s.Name, s.Department, strings.Join(s.Groups, groupSep))
		if err != nil {
			return fmt.Errorf("staff: adding the card %s: %w", s.UID, err)
		}
		return nil
	})
}

// Remove unregisters the card uid; a card not there is an error, so a
// mistyped UID does not pass for a removal.
func Remove(ctx context.Context, adminURL, uid string) error {
	return change(ctx, adminURL, func(tx pgx.Tx) error {
		t, err := tx.Exec(ctx, `DELETE FROM `+table+` WHERE uid = $1`, uid)
		if err != nil {
			return fmt.Errorf("staff: removing the card %s: %w", uid, err)
		}
		if t.RowsAffected() == 0 {
			return fmt.Errorf("staff: no card %s is registered: `kyukyu staff list` shows them", uid)
		}
		return nil
	})
}

// List returns the registered cards, by staff ID.
func List(ctx context.Context, url string) ([]access.Staff, error) {
	conn, err := connect(ctx, url)
	if err != nil {
		return nil, err
	}
	defer conn.Close(context.Background())
	rows, err := conn.Query(ctx, `SELECT uid, staff_id, name, department, groups FROM `+table+` ORDER BY staff_id, uid`)
	if err != nil {
		return nil, fmt.Errorf("staff: reading the staff cards (`kyukyu staff add` creates the table): %w", err)
	}
	var out []access.Staff
	for rows.Next() {
		var f [5]string
		if err := rows.Scan(&f[0], &f[1], &f[2], &f[3], &f[4]); err != nil {
			return nil, fmt.Errorf("staff: reading the staff cards: %w", err)
		}
		s, err := Make(f[0], f[1], f[2], f[3], f[4])
		if err != nil {
			return nil, fmt.Errorf("staff: the table holds a bad card: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
