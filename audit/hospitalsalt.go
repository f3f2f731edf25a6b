package audit

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"kyukyu/summary"
)

// Patient references are HMACs under a salt. A workstation that forwards
// to no central log salts them with its own log's salt (p1:…): the same
// patient has another reference at every workstation. An enrolled
// workstation takes the hospital's salt from the central log (made once by
// central-init, handed out only to enrolled workstations' roles, never to
// the auditor) and from then on writes hospital-wide references (h1:…),
// which the review compares across workstations. The switch is an entry
// of the chain (HospitalRefs), so `audit verify` and the review know from
// which entry on a workstation's references compare; entries already
// written keep theirs.

// hospitalRefPrefix versions the reference under the hospital's salt.
const hospitalRefPrefix = "h1:"

// hospitalSaltKey starts the meta key of a hospital salt the log took,
// followed by the id of the entry that announced it: the newest is the one
// in use.
const hospitalSaltKey = "hospital salt "

// errSaltInUse: the log already salts references with that hospital salt.
var errSaltInUse = errors.New("the log already uses the hospital's salt")

// querier reads from the log's database or a transaction on it.
type querier interface {
	QueryRow(query string, args ...any) *sql.Row
}

// refSalt is the salt of patient references now, and their prefix: the
// newest hospital salt the log took, else the log's own.
func (l *Log) refSalt(q querier) ([]byte, string, error) {
	var salt []byte
	err := q.QueryRow(`SELECT value FROM meta WHERE key LIKE ? ORDER BY rowid DESC LIMIT 1`, hospitalSaltKey+"%").Scan(&salt)
	if errors.Is(err, sql.ErrNoRows) {
		return l.salt, refPrefix, nil
	}
	return salt, hospitalRefPrefix, err
}

// patientRef is the reference of p under salt: an HMAC of the insurance
// identity and birth date (never the 個人番号, which kyukyu never reads).
func patientRef(salt []byte, prefix string, p summary.Patient) string {
	m := hmac.New(sha256.New, salt)
	ins := p.Insurance
	for _, f := range []string{ins.InsurerNumber, ins.Symbol, ins.Number, ins.Branch, p.Birth.String()} {
		writeField(m, f)
	}
	return prefix + hex.EncodeToString(m.Sum(nil)[:16])
}

// HospitalWide tells a reference under the hospital's salt, which compares
// across workstations, from one under a workstation's own.
func HospitalWide(ref string) bool { return strings.HasPrefix(ref, hospitalRefPrefix) }

// settleRef, in the append's transaction, makes e's patient reference the
// one of the salt in use, and keeps the hospital salt an announcement
// brings: a view and the switch never interleave, whichever process of
// the workstation writes them.
func (l *Log) settleRef(tx *sql.Tx, e *Entry) error {
	salt, prefix, err := l.refSalt(tx)
	if err != nil {
		return err
	}
	switch {
	case e.who != nil:
		e.Patient = patientRef(salt, prefix, *e.who)
	case e.Patient != "" && e.Patient != TrainingRef && !strings.HasPrefix(e.Patient, prefix):
		return fmt.Errorf("the patient reference was made under another salt than the log uses now (%s…)", prefix)
	}
	if e.takes == nil {
		return nil
	}
	if prefix == hospitalRefPrefix && bytes.Equal(salt, e.takes) {
		return errSaltInUse
	}
	_, err = tx.Exec(`INSERT INTO meta (key, value) VALUES (?, ?)`, fmt.Sprintf("%s%d %s", hospitalSaltKey, e.ID, saltPrint(e.takes)), e.takes)
	return err
}

// refKind checks that row n's patient reference is of the kind its chain
// announced (hospital: a HospitalRefs entry came before), and returns
// whether the rows after it are hospital-wide.
func (r row) refKind(n int64, hospital bool) (bool, error) {
	switch {
	case r.action == string(HospitalRefs):
		return true, nil
	case hospital && strings.HasPrefix(r.patient, refPrefix):
		return true, &BrokenError{n, "holds a workstation-salted patient reference after the log switched to the hospital's salt"}
	case !hospital && HospitalWide(r.patient):
		return false, &BrokenError{n, "holds a hospital-wide patient reference, but no switch to the hospital's salt was announced before it"}
	}
	return hospital, nil
}

// undefinedFunction is PostgreSQL's SQLSTATE for a function it lacks.
const undefinedFunction = "42883"

// takeHospitalSalt asks the central log for the hospital's salt and, when
// the log does not use it yet, switches to it with an announcement entry.
// A central log from before hospital salts has none: the log keeps its own
// (central-init, run again, adds it).
func (l *Log) takeHospitalSalt(ctx context.Context, c *pgx.Conn) error {
	var salt []byte
	err := c.QueryRow(ctx, `SELECT kyukyu_audit_patient_salt()`).Scan(&salt)
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == undefinedFunction {
		return nil
	}
	if err != nil {
		return fmt.Errorf("audit: the hospital's salt from the central log: %w", err)
	}
	if len(salt) != 32 {
		return fmt.Errorf("audit: the central log's hospital salt is %d bytes, not 32", len(salt))
	}
	return l.useHospitalSalt(salt)
}

// useHospitalSalt switches the log's patient references to the hospital's
// salt, announcing it, unless it uses that salt already.
func (l *Log) useHospitalSalt(salt []byte) error {
	if now, prefix, err := l.refSalt(l.db); err != nil || prefix == hospitalRefPrefix && bytes.Equal(now, salt) {
		return err
	}
	_, err := l.Append(Entry{Mode: WithoutConsent, Action: HospitalRefs, takes: salt,
		Output: "patient references hospital-wide from the next entry on: hospital salt " + saltPrint(salt)})
	if errors.Is(err, errSaltInUse) { // another process of this workstation switched first
		return nil
	}
	return err
}

// hospitalRefsNotes says, for verify, from which entry on the log's
// references are hospital-wide.
func hospitalRefsNotes(db *sql.DB) ([]string, error) {
	rs, err := db.Query(`SELECT id, time, output FROM entries WHERE action = ? ORDER BY id`, HospitalRefs)
	if err != nil {
		return nil, fmt.Errorf("audit: verify: %w", err)
	}
	defer rs.Close()
	var notes []string
	for rs.Next() {
		var id int64
		var at, output string
		if err := rs.Scan(&id, &at, &output); err != nil {
			return nil, fmt.Errorf("audit: verify: %w", err)
		}
		notes = append(notes, fmt.Sprintf("entry %d (%s): %s", id, at, output))
	}
	return notes, rs.Err()
}
