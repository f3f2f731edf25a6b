package audit

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"

	"kyukyu/internal/flock"
	"kyukyu/internal/sqliteuri"
)

// Report is what a verification proved, with facts an officer should know
// that are not faults (a restore, an append a crash cut short).
type Report struct {
	Entries int64
	Notes   []string
	// Uncommitted is the entry kyukyu was writing when it stopped (announced,
	// never committed), 0 when none.
	Uncommitted int64
}

// Verify checks the open log against its anchor (see Check).
func (l *Log) Verify() (int64, error) {
	unlock, err := l.lock()
	if err != nil {
		return 0, err
	}
	defer unlock()
	r, err := verifyDB(l.db, l.salt, l.opt.Anchor)
	return r.Entries, err
}

// Check verifies the log at dbPath against the anchor at anchorPath without
// creating or changing anything: ids run 1, 2, 3…, every entry's hash
// matches its content and chains to the one before, the append-only
// triggers are the ones kyukyu made, and the log is the one the anchor
// names, with every head the anchor recorded and nothing beyond it. It
// fails, naming what is wrong, for a log it cannot prove.
func Check(dbPath, anchorPath string) (*Report, error) {
	_, anchorErr := os.Stat(anchorPath)
	if _, err := os.Stat(dbPath); err != nil {
		if a, aerr := readAnchor(anchorPath); aerr == nil {
			_, lines := a.current()
			return nil, fmt.Errorf("audit: the log %s is missing, but its anchor %s records %d entries: the log was deleted or moved", dbPath, anchorPath, lastCount(a.epochs[len(a.epochs)-1], lines))
		}
		if errors.Is(anchorErr, os.ErrNotExist) {
			return nil, fmt.Errorf("audit: there is no log at %s and no anchor at %s: nothing can be verified (nothing was logged here, or both were deleted)", dbPath, anchorPath)
		}
		return nil, fmt.Errorf("audit: cannot read the log: %w", err)
	}
	// The writers' lock, when a writer ever made it, so that no entry is
	// half announced while the anchor and the log are read.
	if lk, err := flock.Acquire(LockPath(dbPath), false); err == nil {
		defer lk.Unlock()
	}
	l, err := openReadOnly(dbPath)
	if err != nil {
		return nil, err
	}
	defer l.Close()
	return verifyDB(l.db, l.salt, anchorPath)
}

// openReadOnly opens the log at dbPath for reading, creating nothing.
func openReadOnly(dbPath string) (*Log, error) {
	// Read-only still makes -wal and -shm files when none are there; then
	// no writer has the log open and the file alone is the whole log.
	mode := "immutable=1"
	if _, err := os.Stat(dbPath + "-wal"); err == nil {
		mode = "mode=ro"
	}
	uri, err := sqliteuri.File(dbPath, mode)
	if err != nil {
		return nil, fmt.Errorf("audit: cannot read the log: %w", err)
	}
	db, err := sql.Open("sqlite3", uri)
	if err != nil {
		return nil, err
	}
	var tables int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('entries', 'meta')`).Scan(&tables); err != nil {
		db.Close()
		return nil, fmt.Errorf("audit: %s is not a readable SQLite database: %w", dbPath, err)
	}
	if tables != 2 {
		db.Close()
		return nil, fmt.Errorf("audit: the log %s has no entries or no salt (the file was emptied or a table dropped)", dbPath)
	}
	l := &Log{db: db, path: dbPath}
	if err := db.QueryRow(`SELECT value FROM meta WHERE key = 'salt'`).Scan(&l.salt); err != nil {
		db.Close()
		return nil, fmt.Errorf("audit: the log %s has no salt: %w", dbPath, err)
	}
	return l, nil
}

func verifyDB(db *sql.DB, salt []byte, anchorPath string) (*Report, error) {
	r := &Report{}
	a, err := readAnchor(anchorPath)
	if errors.Is(err, os.ErrNotExist) {
		return r, fmt.Errorf("audit: the anchor %s is missing: the log cannot be proven complete (restore the anchor from a backup, or point %s at it)", anchorPath, AnchorEnv)
	}
	if err != nil {
		return r, fmt.Errorf("audit: %w", err)
	}
	ep, lines := a.current()
	if ep.salt != saltPrint(salt) {
		return r, fmt.Errorf("audit: the log's salt is not the one its anchor records (%s line %d): the log was replaced or its salt rewritten", anchorPath, ep.line)
	}
	hashes, err := verifyChain(db)
	r.Entries = int64(len(hashes))
	if err != nil {
		return r, err
	}
	n := r.Entries
	hashAt := func(id int64) []byte {
		if id == 0 {
			return zeroHash
		}
		return hashes[id-1]
	}
	switch {
	case len(a.epochs) > 1 && !strings.HasPrefix(ep.why, epochRestored):
		prev, plines := a.epochs[len(a.epochs)-2], a.lines[len(a.epochs)-2]
		return r, fmt.Errorf("audit: the anchor shows an earlier log of %d entries (line %d) that this log replaced (line %d, %s): those entries are gone", lastCount(prev, plines), prev.line, ep.line, ep.why)
	case ep.why == epochAdopted && ep.start.count > 0:
		return r, fmt.Errorf("audit: the anchor was started when the log already held %d entries (line %d): those entries cannot be proven (an anchor was deleted, or the log predates anchors)", ep.start.count, ep.line)
	case strings.HasPrefix(ep.why, epochRestored):
		r.Notes = append(r.Notes, fmt.Sprintf("the log was %s at entry %d (anchor line %d); the log it replaced was kept beside it", ep.why, ep.start.count, ep.line))
	}
	// Earlier replacements a restore has since covered stay on record.
	for i := 1; i < len(a.epochs)-1; i++ {
		if e := a.epochs[i]; !strings.HasPrefix(e.why, epochRestored) {
			r.Notes = append(r.Notes, fmt.Sprintf("anchor line %d: a log was started (%s) after an earlier one of %d entries (line %d)", e.line, e.why, lastCount(a.epochs[i-1], a.lines[i-1]), a.epochs[i-1].line))
		}
	}
	if ep.start.count > n {
		return r, fmt.Errorf("audit: the log holds %d entries but was %s with %d: entries %d–%d were cut from the end", n, ep.why, ep.start.count, n+1, ep.start.count)
	}
	if !bytes.Equal(hashAt(ep.start.count), ep.start.hash) {
		return r, &BrokenError{ep.start.count, "differs from the entry the anchor recorded when this log started (rewritten)"}
	}
	// The anchor announces each entry before its commit, in order; the
	// same count again only after a crash (an X line between). A crash
	// during a commit can also leave the announced entry committed after
	// all, so an entry must be one of those announced for its place.
	announced := map[int64][][]byte{}
	prev, crashed := ep.start.count, false
	for _, al := range lines {
		if al.kind == 'X' {
			r.Notes = append(r.Notes, fmt.Sprintf("entry %d was announced but not committed when kyukyu next wrote (kyukyu stopped while writing it; anchor line %d)", al.count, al.line))
			crashed = true
			continue
		}
		if al.count != prev+1 && !(al.count == prev && crashed) {
			return r, fmt.Errorf("audit: the anchor goes from entry %d to entry %d at line %d: entries were removed from the log and kyukyu wrote on", prev, al.count, al.line)
		}
		announced[al.count] = append(announced[al.count], al.hash)
		prev, crashed = al.count, false
	}
	for c := ep.start.count + 1; c <= n; c++ {
		hs, ok := announced[c]
		if !ok {
			return r, &BrokenError{c, fmt.Sprintf("is not in the anchor (which ends at entry %d): entries %d–%d were added behind kyukyu's back", c-1, c, n)}
		}
		if !slices.ContainsFunc(hs, func(h []byte) bool { return bytes.Equal(h, hashAt(c)) }) {
			return r, &BrokenError{c, "is not the entry the anchor recorded: it was edited or removed and the chain rebuilt"}
		}
	}
	if last := lastCount(ep, lines); last > n {
		// One entry announced after the last committed one, and nothing
		// after it: kyukyu stopped between the anchor and the commit. The
		// central log tells it from one entry cut (CentralReport).
		if end := lines[len(lines)-1]; last == n+1 && end.kind == 'A' && end.count == last {
			r.Uncommitted = last
			r.Notes = append(r.Notes, fmt.Sprintf("kyukyu stopped while writing entry %d (announced in the anchor, line %d, never committed): a crash, not a cut", last, end.line))
		} else {
			return r, fmt.Errorf("audit: the log holds %d entries but its anchor recorded %d: entries %d–%d were cut from the end", n, last, n+1, last)
		}
	}
	notes, err := hospitalRefsNotes(db)
	r.Notes = append(r.Notes, notes...)
	if err != nil {
		return r, err
	}
	return r, verifyTriggers(db)
}

// lastCount is the highest count an epoch recorded for a committed entry.
func lastCount(e epoch, lines []anchorLine) int64 {
	n := e.start.count
	for i, l := range lines {
		if l.kind == 'A' && !abandoned(lines, i) {
			n = max(n, l.count)
		}
	}
	return n
}

// abandoned tells whether the A line lines[i] is cancelled by the X line
// after it: announced, then never committed.
func abandoned(lines []anchorLine, i int) bool {
	return i+1 < len(lines) && lines[i+1].kind == 'X' && lines[i+1].count == lines[i].count && bytes.Equal(lines[i+1].hash, lines[i].hash)
}

// verifyChain checks ids, hashes and links, and returns every hash.
func verifyChain(db *sql.DB) ([][]byte, error) {
	rs, err := db.Query(selectRows + ` ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("audit: verify: %w", err)
	}
	defer rs.Close()
	var hashes [][]byte
	prev := make([]byte, sha256.Size)
	hospital := false
	for rs.Next() {
		n := int64(len(hashes)) + 1
		r, err := scanRow(rs)
		if err != nil {
			return hashes, &BrokenError{n, "unreadable: " + err.Error()}
		}
		if err := r.check(n, prev); err != nil {
			return hashes, err
		}
		if hospital, err = r.refKind(n, hospital); err != nil {
			return hashes, err
		}
		hashes = append(hashes, r.hash)
		prev = r.hash
	}
	if err := rs.Err(); err != nil {
		return hashes, fmt.Errorf("audit: verify: %w", err)
	}
	return hashes, nil
}

// check verifies one row as entry n after prev.
func (r row) check(n int64, prev []byte) error {
	switch {
	case r.id != n:
		return &BrokenError{n, fmt.Sprintf("missing (next stored entry is %d)", r.id)}
	case !bytes.Equal(r.prev, prev):
		return &BrokenError{n, "does not chain to the entry before (previous hash differs)"}
	case !bytes.Equal(r.sum(), r.hash):
		return &BrokenError{n, "content changed after it was written (hash mismatch)"}
	}
	if _, err := r.entry(); err != nil {
		return &BrokenError{n, err.Error()}
	}
	return nil
}

var (
	triggerName = regexp.MustCompile(`CREATE TRIGGER IF NOT EXISTS (\w+)`)
	// wantTriggers are the append-only triggers as SQLite stores them.
	wantTriggers = func() map[string]string {
		m := map[string]string{}
		for _, s := range schema {
			if t := triggerName.FindStringSubmatch(s); t != nil {
				m[t[1]] = normSQL(strings.Replace(s, " IF NOT EXISTS", "", 1))
			}
		}
		return m
	}()
)

func normSQL(s string) string { return strings.Join(strings.Fields(s), " ") }

// verifyTriggers checks that each append-only trigger is there and is the
// one kyukyu made, not one of the same name that does nothing.
func verifyTriggers(db *sql.DB) error {
	have := map[string]string{}
	rs, err := db.Query(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`)
	if err != nil {
		return fmt.Errorf("audit: verify: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		var name, text string
		if err := rs.Scan(&name, &text); err != nil {
			return fmt.Errorf("audit: verify: %w", err)
		}
		have[name] = normSQL(text)
	}
	if err := rs.Err(); err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(wantTriggers)) {
		switch got, ok := have[name]; {
		case !ok:
			return fmt.Errorf("audit: append-only trigger %s was removed; the log may have been edited", name)
		case got != wantTriggers[name]:
			return fmt.Errorf("audit: append-only trigger %s was replaced by another definition; the log may have been edited", name)
		}
	}
	return nil
}
