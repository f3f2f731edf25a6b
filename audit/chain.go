package audit

import (
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"kyukyu/summary"
)

// timeLayout stores times in Japan time with a fixed width, so that the
// stored text is what is hashed and a text range is a time range.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

// chainDomain separates this hash from any other use of SHA-256.
const chainDomain = "kyukyu audit v1"

// versionSep joins the workstation and the kyukyu that wrote the entry in
// the workstation column: the version is then hashed, forwarded and kept
// centrally like the rest, with no new column, and an older entry (a host
// alone) hashes and verifies as before. A host name holds no tab.
const versionSep = "\t"

// staffSep joins the operator's OS account and the signed-in staff ID in
// the operator column, for the same reason: an entry without a staff
// member hashes as before.
const staffSep = "\t"

// row is an entry as stored: the hash covers these exact strings.
type row struct {
	id                                                                                  int64
	time, workstation, operator, mode, reason, patient, insurer, action, result, output string
	prev, hash                                                                          []byte
}

func (e Entry) row() row {
	ws := e.Workstation
	if e.Version != "" {
		ws += versionSep + e.Version
	}
	op := e.Operator
	if e.Staff != "" {
		op += staffSep + e.Staff
	}
	return row{e.ID, e.Time.In(summary.Tokyo).Format(timeLayout), ws, op, string(e.Mode), e.Reason,
		e.Patient, e.Insurer, string(e.Action), string(e.Result), e.Output, e.Prev, e.Hash}
}

func (r row) entry() (Entry, error) {
	t, err := time.Parse(timeLayout, r.time)
	if err != nil {
		return Entry{}, fmt.Errorf("time %q unreadable", r.time)
	}
	ws, version, _ := strings.Cut(r.workstation, versionSep)
	op, staff, _ := strings.Cut(r.operator, staffSep)
	return Entry{r.id, t.In(summary.Tokyo), ws, version, op, staff, Mode(r.mode), r.reason, r.patient, r.insurer,
		Action(r.action), Result(r.result), r.output, r.prev, r.hash, nil, nil}, nil
}

// withinLimits refuses a row the central log would refuse for a text's
// length (fieldLimits), before it is written.
func (r row) withinLimits() error {
	for name, v := range map[string]string{"time": r.time, "workstation": r.workstation, "operator": r.operator,
		"reason": r.reason, "patient": r.patient, "insurer": r.insurer, "output": r.output} {
		if n := utf8.RuneCountInString(v); n > fieldLimits[name] {
			return fmt.Errorf("audit: the entry's %s is %d characters long, more than %d", name, n, fieldLimits[name])
		}
	}
	return nil
}

// hash is SHA-256 over a length-prefixed encoding of every field and the
// previous hash: no two different entries encode alike.
func (r row) sum() []byte {
	h := sha256.New()
	writeField(h, chainDomain)
	for _, f := range []string{strconv.FormatInt(r.id, 10), r.time, r.workstation, r.operator, r.mode, r.reason,
		r.patient, r.insurer, r.action, r.result, r.output, string(r.prev)} {
		writeField(h, f)
	}
	return h.Sum(nil)
}

func writeField(h hash.Hash, s string) {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(s)))
	h.Write(n[:])
	io.WriteString(h, s)
}

const selectRows = `SELECT id, time, workstation, operator, mode, reason, patient, insurer, action, result, output, prev, hash FROM entries`

func scanRow(rs *sql.Rows) (row, error) {
	var r row
	err := rs.Scan(&r.id, &r.time, &r.workstation, &r.operator, &r.mode, &r.reason, &r.patient, &r.insurer,
		&r.action, &r.result, &r.output, &r.prev, &r.hash)
	return r, err
}

// BrokenError names the first entry where the chain does not hold.
type BrokenError struct {
	ID  int64 // the entry, or the id expected where one is missing
	Why string
}

func (e *BrokenError) Error() string {
	return fmt.Sprintf("audit log broken at entry %d: %s", e.ID, e.Why)
}

// Entries returns the entries whose Japan date lies in [from, to], oldest first.
func (l *Log) Entries(from, to summary.Date) ([]Entry, error) {
	if to.Before(from) {
		return nil, fmt.Errorf("audit: period ends (%s) before it starts (%s)", to, from)
	}
	rs, err := l.db.Query(selectRows+` WHERE time >= ? AND time < ? ORDER BY id`, from.String(), to.AddDays(1).String())
	if err != nil {
		return nil, fmt.Errorf("audit: read: %w", err)
	}
	defer rs.Close()
	var out []Entry
	for rs.Next() {
		r, err := scanRow(rs)
		if err == nil {
			var e Entry
			if e, err = r.entry(); err == nil {
				out = append(out, e)
				continue
			}
		}
		return nil, fmt.Errorf("audit: read entry %d: %w", r.id, err)
	}
	return out, rs.Err()
}

// IsBroken reports whether err names a broken entry, and which.
func IsBroken(err error) (int64, bool) {
	var b *BrokenError
	if errors.As(err, &b) {
		return b.ID, true
	}
	return 0, false
}
