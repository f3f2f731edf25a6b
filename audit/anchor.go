package audit

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"kyukyu/internal/flock"
	"kyukyu/summary"
)

// The anchor is a text file outside the database that records the log's
// head (count, hash) before every entry is committed, so that a log that
// was deleted, emptied, cut or rewritten no longer matches it. It is
// append-only by use: kyukyu never rewrites a line. Lines:
//
//	kyukyu audit anchor v1
//	E <salt fingerprint> <count> <head hash> <why>   a log starts (created, adopted, restored …)
//	A <count> <hash>                                 entry <count> is about to be committed
//	X <count> <hash>                                 that entry was never committed (a crash)
//
// The salt itself is not written: it keys the patient references.
const anchorMagic = "kyukyu audit anchor v1"

// Reasons an epoch (E line) starts.
const (
	epochCreated  = "created"
	epochAdopted  = "adopted"  // a log that already held entries when its anchor began
	epochRestored = "restored" // followed by the archive's name
)

// AnchorEnv sets the anchor file (e.g. on another volume).
const AnchorEnv = "KYUKYU_AUDIT_ANCHOR"

// DefaultAnchor is the anchor of the log at dbPath: beside the data
// folder, so that removing the folder does not remove its anchor.
func DefaultAnchor(dbPath string) string {
	dir := filepath.Dir(dbPath)
	return filepath.Join(filepath.Dir(dir), filepath.Base(dir)+"-audit.anchor")
}

// head is an entry count and the hash of the newest entry.
type head struct {
	count int64
	hash  []byte
}

type epoch struct {
	salt  string // fingerprint, hex
	start head
	why   string
	line  int
}

type anchorLine struct {
	kind byte // 'A' or 'X'
	head
	line int
}

// anchorFile is an anchor as read.
type anchorFile struct {
	epochs []epoch
	lines  [][]anchorLine // per epoch
}

func (a *anchorFile) current() (epoch, []anchorLine) {
	n := len(a.epochs) - 1
	return a.epochs[n], a.lines[n]
}

func saltPrint(salt []byte) string {
	s := sha256.Sum256(append([]byte("kyukyu salt fingerprint\x00"), salt...))
	return hex.EncodeToString(s[:16])
}

var zeroHash = make([]byte, sha256.Size)

// cutShort matches what a crash can leave of an A, X or E line: shorter
// than a whole line, so never taken for one.
var cutShort = regexp.MustCompile(`^(?:[AX](?: [0-9]*(?: [0-9a-f]{0,63})?)?|E(?: [0-9a-f]*(?: [0-9]*(?: [0-9a-f]{0,63})?)?)?)$`)

// readAnchor parses the anchor at path. A last line cut short by a crash
// is ignored; any other unreadable line is an error.
func readAnchor(path string) (*anchorFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if i := bytes.LastIndexByte(data, '\n'); i+1 < len(data) {
		data = data[:i+1]
	}
	a := &anchorFile{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if n == 1 {
			if line != anchorMagic {
				return nil, fmt.Errorf("%s is not a kyukyu audit anchor (first line %q)", path, line)
			}
			continue
		}
		if line == "" || cutShort.MatchString(line) {
			continue // a line a crash cut short, ended by the next write: it announced nothing
		}
		f := strings.SplitN(line, " ", 5)
		bad := fmt.Errorf("%s line %d is unreadable: %q", path, n, line)
		switch {
		case f[0] == "E" && len(f) == 5:
			h, err := parseHead(f[2], f[3])
			if err != nil {
				return nil, bad
			}
			a.epochs = append(a.epochs, epoch{f[1], h, f[4], n})
			a.lines = append(a.lines, nil)
		case (f[0] == "A" || f[0] == "X") && len(f) == 3 && len(a.epochs) > 0:
			h, err := parseHead(f[1], f[2])
			if err != nil {
				return nil, bad
			}
			i := len(a.lines) - 1
			a.lines[i] = append(a.lines[i], anchorLine{f[0][0], h, n})
		default:
			return nil, bad
		}
	}
	if len(a.epochs) == 0 {
		return nil, fmt.Errorf("%s names no log", path)
	}
	return a, sc.Err()
}

func parseHead(count, hash string) (head, error) {
	n, err := strconv.ParseInt(count, 10, 64)
	if err != nil || n < 0 {
		return head{}, errors.New("bad count")
	}
	h, err := hex.DecodeString(hash)
	if err != nil || len(h) != sha256.Size {
		return head{}, errors.New("bad hash")
	}
	return head{n, h}, nil
}

// anchorWriter appends lines to the anchor and syncs each before it
// returns: a line is on disk before the entry it announces is committed.
type anchorWriter struct{ path string }

func (w anchorWriter) write(lines ...string) error {
	f, err := os.OpenFile(w.path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("cannot write the audit anchor %s: %w (set %s to a writable file)", w.path, err, AnchorEnv)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	var b strings.Builder
	if st.Size() == 0 {
		b.WriteString(anchorMagic + "\n")
	} else if last, err := lastByte(f, st.Size()); err != nil {
		return err
	} else if last != '\n' {
		b.WriteByte('\n') // end a line a crash cut short
	}
	for _, l := range lines {
		b.WriteString(l + "\n")
	}
	if _, err := f.WriteString(b.String()); err != nil {
		return fmt.Errorf("cannot write the audit anchor %s: %w", w.path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("cannot write the audit anchor %s: %w", w.path, err)
	}
	return nil
}

// tailSize is how much of the anchor's end an append reads: many lines,
// and the same cost whether the anchor holds a day or ten years.
const tailSize = 16 << 10

// tail returns the anchor's newest complete lines, oldest first (the first
// may be a fragment, and a last line a crash cut short is left out), and
// whether the file starts with the anchor's magic line. It reads a fixed
// amount however long the anchor is.
func (w anchorWriter) tail() (lines []string, magic bool, err error) {
	f, err := os.Open(w.path)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, false, err
	}
	first := make([]byte, min(int64(len(anchorMagic)+1), st.Size()))
	if _, err := f.ReadAt(first, 0); err != nil && err != io.EOF {
		return nil, false, err
	}
	off := max(st.Size()-tailSize, 0)
	buf := make([]byte, st.Size()-off)
	if _, err := f.ReadAt(buf, off); err != nil && err != io.EOF {
		return nil, false, err
	}
	buf = buf[:bytes.LastIndexByte(buf, '\n')+1]
	return strings.Split(strings.TrimSuffix(string(buf), "\n"), "\n"), string(first) == anchorMagic+"\n", nil
}

// last returns the newest A or X line (kind 0 when the newest line is
// another), reading only the file's tail.
func (w anchorWriter) last() (kind byte, h head, err error) {
	lines, _, err := w.tail()
	if err != nil {
		return 0, head{}, err
	}
	f := strings.Fields(lines[len(lines)-1])
	if len(f) == 3 && (f[0] == "A" || f[0] == "X") {
		h, err := parseHead(f[1], f[2])
		return f[0][0], h, err
	}
	return 0, head{}, nil
}

// knowsFromTail reports whether the anchor's tail alone proves that its
// current epoch is this log's, so that opening the log need not read the
// whole anchor: the newest epoch line in the tail names this salt, or the
// newest A line in the tail that a crash did not abandon, at or below the
// log's head h, is an entry of this log with the same hash (the chain then
// holds every entry up to it, so the log is the one the anchor followed;
// a log with that chain and a rewritten salt is caught by Verify, which
// reads the whole anchor). false means: read the whole anchor.
func (l *Log) knowsFromTail(salt string, h head) (bool, error) {
	lines, magic, err := l.anchor.tail()
	if err != nil || !magic {
		return false, err
	}
	abandoned := map[int64]bool{}
	for i := len(lines) - 1; i > 0; i-- { // lines[0] may be a fragment
		f := strings.SplitN(lines[i], " ", 5)
		switch {
		case f[0] == "E" && len(f) == 5:
			return f[1] == salt, nil
		case f[0] == "X" && len(f) == 3:
			a, err := parseHead(f[1], f[2])
			if err != nil {
				return false, nil
			}
			abandoned[a.count] = true
		case f[0] == "A" && len(f) == 3:
			a, err := parseHead(f[1], f[2])
			if err != nil {
				return false, nil
			}
			if a.count > h.count || abandoned[a.count] {
				continue
			}
			var got []byte
			err = l.db.QueryRow(`SELECT hash FROM entries WHERE id = ?`, a.count).Scan(&got)
			if errors.Is(err, sql.ErrNoRows) {
				return false, nil
			}
			return err == nil && bytes.Equal(got, a.hash), err
		case lines[i] != "" && !cutShort.MatchString(lines[i]):
			return false, nil // an unreadable line: readAnchor names it
		}
	}
	return false, nil
}

func lastByte(f *os.File, size int64) (byte, error) {
	var b [1]byte
	_, err := f.ReadAt(b[:], size-1)
	return b[0], err
}

func epochLine(salt string, h head, why string) string {
	return fmt.Sprintf("E %s %d %x %s", salt, h.count, h.hash, why)
}

func headLine(kind byte, h head) string { return fmt.Sprintf("%c %d %x", kind, h.count, h.hash) }

// Locked runs f while no kyukyu writes the log at dbPath (the writers'
// lock): a backup copies the log and its anchor as a matching pair, a
// restore replaces the log without losing an entry a writer acknowledged.
// A writer waits for the lock, then writes on; each waits LockWait at most.
func Locked(dbPath string, f func() error) error {
	lk, err := flock.AcquireWithin(LockPath(dbPath), true, LockWait)
	if err != nil {
		return fmt.Errorf("audit: the log is being written by another kyukyu; nothing was done (try again): %w", err)
	}
	defer lk.Unlock()
	return f()
}

// MarkRestored starts an epoch in the anchor at the head of the log just
// restored at dbPath, naming the archive it came from, and records in the
// log that a new chain begins for the central log, with the archive's
// SHA-256, before the restored log writes anything: Verify proves the
// restored log from then on, and the anchor keeps the record of the log
// before. Call it inside Locked, after the replacement.
func MarkRestored(dbPath, anchorPath, from, archiveSHA256 string) error {
	db, err := sql.Open("sqlite3", dbPath+dsnParams)
	if err != nil {
		return err
	}
	defer db.Close()
	l := &Log{db: db, path: dbPath}
	if err := db.QueryRow(`SELECT value FROM meta WHERE key = 'salt'`).Scan(&l.salt); err != nil {
		return fmt.Errorf("audit: the restored log has no salt: %w", err)
	}
	h, err := l.head()
	if err != nil {
		return fmt.Errorf("audit: the restored log: %w", err)
	}
	why := epochRestored + " from " + filepath.Base(from)
	now := time.Now()
	// A new chain in the central log from here (see LogID).
	if _, err := db.Exec(`INSERT INTO meta (key, value) VALUES (?, ?)`, restoredKey+now.UTC().Format(time.RFC3339Nano)+" "+why, h.hash); err != nil {
		return fmt.Errorf("audit: the restored log: %w", err)
	}
	begin := chainStart{Reason: epochRestored, Detail: filepath.Base(from), ArchiveSHA256: archiveSHA256,
		StartID: h.count, StartHash: h.hash, Began: now.In(summary.Tokyo).Format(timeLayout)}
	if a, err := readAnchor(anchorPath); err == nil {
		e, lines := a.current()
		n := lastCount(e, lines)
		begin.PreviousKnown = &n
	}
	if err := l.recordStart(begin); err != nil {
		return err
	}
	return anchorWriter{anchorPath}.write(epochLine(saltPrint(l.salt), h, why))
}

// AnchorFor is the anchor of the log at dbPath: $KYUKYU_AUDIT_ANCHOR when
// set, else DefaultAnchor.
func AnchorFor(dbPath string) string {
	if a := os.Getenv(AnchorEnv); a != "" {
		return a
	}
	return DefaultAnchor(dbPath)
}
