// Package audit is the access log of patient data: every summary shown,
// printed or exported, every card read and every failed attempt. Viewing a
// summary without consent is lawful only to protect life and body, so the
// log must survive crashes (WAL, synchronous=FULL, one transaction per
// entry) and reveal tampering (SQLite triggers refuse changes, and each
// entry is hash-chained to the previous one). Before each entry is
// committed its head (count, hash) goes to an anchor file outside the
// database, so that a log deleted, emptied, cut or rewritten no longer
// matches; a central copy on PostgreSQL (central.go) is the defence against
// someone who can rewrite both.
package audit

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	_ "github.com/mattn/go-sqlite3" // the log is SQLite

	"kyukyu/audit/reason"
	"kyukyu/buildinfo"
	"kyukyu/internal/flock"
	"kyukyu/internal/home"
	"kyukyu/summary"
)

// FileName is the log's database in the data directory.
const FileName = "audit.db"

// Mode is the legal ground of an access.
type Mode string

const (
	WithoutConsent Mode = "emergency-without-consent" // 救急時, 同意取得困難
	WithConsent    Mode = "with-consent"
	Training       Mode = "training" // synthetic patients only
)

// Action is what was done with patient data.
type Action string

const (
	Show     Action = "show"
	Print    Action = "print"
	Export   Action = "export"
	CardRead Action = "card-read"
	// KeptShown: another patient's card was read and looked up, and the
	// person kept the patient on screen (the other summary was not shown).
	KeptShown Action = "kept-shown"
	// Discard: patient data that came when nobody asked for it any more (an
	// OQS result after its request timed out) was removed unread.
	Discard Action = "discard"
	// IdentityCheck: a patient's identity was read from a file to check the
	// connector (kyukyu face), no summary.
	IdentityCheck Action = "identity-check"
	// ConsentConfirmed: someone confirmed the patient's consent and the view
	// switched to the with-consent periods.
	ConsentConfirmed Action = "consent-confirmed"
	// SignIn and SignOut: a staff member signed in at the workstation with a
	// staff card, and the sign-in ended.
	SignIn  Action = "sign-in"
	SignOut Action = "sign-out"
	// HospitalRefs: from the next entry on, this log's patient references
	// are under the hospital's salt (hospitalsalt.go). It names no patient;
	// it is filed under the emergency ground, whose views it makes
	// comparable across workstations.
	HospitalRefs Action = "hospital-refs"
)

// Result tells a success from a failed attempt.
type Result string

const (
	OK     Result = "ok"
	Failed Result = "failed"
	// Partial is a view shown with some rows undated or something received
	// withheld (summary.View.Partial, View.Withheld).
	Partial Result = "partial"
	// Denied: the account or staff member has no right to this view.
	Denied Result = "denied"
	// Viewer: the PDF was handed to the system's viewer, not printed.
	Viewer Result = "viewer"
	// Cancelled: the person cancelled (a print dialog).
	Cancelled Result = "cancelled"
)

// Labels are the Japanese words the safety officer reads in the export.
var (
	modeLabels   = map[Mode]string{WithoutConsent: "救急(同意なし)", WithConsent: "同意あり", Training: "訓練"}
	actionLabels = map[Action]string{Show: "表示", Print: "印刷", Export: "出力", CardRead: "カード読取", KeptShown: "別患者カード・切替なし",
		Discard: "未読破棄(期限後の結果)", IdentityCheck: "本人確認", ConsentConfirmed: "本人同意の確認",
		SignIn: "職員サインイン", SignOut: "職員サインアウト", HospitalRefs: "患者参照を病院共通に切替"}
	resultLabels = map[Result]string{OK: "成功", Failed: "失敗", Partial: "一部(日付不明あり)", Denied: "権限なし・拒否",
		Viewer: "ビューアで開いた(印刷未確認)", Cancelled: "取消"}
)

// modeOfView maps the period rules of a view to the legal ground: the
// emergency view is the one allowed without consent.
var modeOfView = map[summary.Mode]Mode{summary.Emergency: WithoutConsent, summary.Normal: WithConsent}

// ModeOf is the legal ground of a real view in mode m (an attempt that
// failed before any view was made is logged under it too).
func ModeOf(m summary.Mode) Mode { return modeOfView[m] }

// TrainingRef is the patient reference of every training entry: a training
// patient never gets a reference that could be taken for a real one.
const TrainingRef = "training"

// refPrefix versions the patient reference under the log's own salt.
const refPrefix = "p1:"

// Entry is one line of the log. ID, Prev and Hash are set by Append.
type Entry struct {
	ID          int64
	Time        time.Time // shown and stored in Japan time
	Workstation string    // host name
	Version     string    // the kyukyu that wrote it (buildinfo's line), kept with the workstation; empty in older entries
	Operator    string    // the OS account (or, in older entries, a typed name)
	Staff       string    // the signed-in staff member's ID, kept with the operator; empty when none
	Mode        Mode
	Reason      string // reason.Reason's stored form: a key, never words (older entries may hold words)
	Patient     string // salted reference, TrainingRef, or empty when no patient was identified
	Insurer     string // 保険者番号 in the clear, only when the hospital enables it
	Action      Action
	Result      Result
	Output      string // what was produced, or why the attempt failed
	Prev, Hash  []byte

	who   *summary.Patient // the patient About named: Append salts the reference with the salt in use then
	takes []byte           // the hospital salt a HospitalRefs entry switches to
}

// Options are the hospital's settings for the log.
type Options struct {
	InsurerInClear bool             // write the 保険者番号 beside the salted reference
	Now            func() time.Time // clock; time.Now when nil
	Anchor         string           // anchor file; AnchorFor the log when empty
	Version        string           // the kyukyu writing; buildinfo.Get().String() when empty
}

// Log is an open audit log. It is safe for concurrent use, and several
// processes (the CLI and the GUI) may append to the same file.
type Log struct {
	db      *sql.DB
	path    string
	salt    []byte
	opt     Options
	install string // the install the log was created in (chainstart.go)
	anchor  anchorWriter
	mu      sync.Mutex   // the file lock is per process; this orders the goroutines
	fwd     []*Forwarder // woken after each append
}

// LockPath is the lock file the writers of the log at dbPath, and a
// restore of it, take in turn.
func LockPath(dbPath string) string { return dbPath + ".lock" }

// LockWait bounds how long a writer, a backup or a restore waits for the
// writers' lock: each holds it only for local work, so a holder stuck
// longer (a hung disk) is a fault to report, not to wait on.
const LockWait = 30 * time.Second

// lock takes the writers' lock of the log.
func (l *Log) lock() (func(), error) {
	l.mu.Lock()
	lk, err := flock.AcquireWithin(LockPath(l.path), true, LockWait)
	if err != nil {
		l.mu.Unlock()
		return nil, fmt.Errorf("audit: the log is held by another kyukyu (a backup, a restore or a stuck writer): %w", err)
	}
	return func() { lk.Unlock(); l.mu.Unlock() }, nil
}

// dsnParams: WAL with full sync so an acknowledged entry survives power
// loss; BEGIN IMMEDIATE so that concurrent writers queue on the write lock
// instead of failing on upgrade; a generous busy timeout for that queue.
const dsnParams = "?_journal_mode=WAL&_synchronous=FULL&_busy_timeout=15000&_txlock=immediate"

// schema is applied on every open. The triggers make the tables
// append-only: no update, no delete, and an entry id must be the next one
// (which also stops INSERT OR REPLACE from overwriting a row).
var schema = []string{
	`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS entries (
		id INTEGER PRIMARY KEY, time TEXT NOT NULL, workstation TEXT NOT NULL,
		operator TEXT NOT NULL, mode TEXT NOT NULL, reason TEXT NOT NULL,
		patient TEXT NOT NULL, insurer TEXT NOT NULL, action TEXT NOT NULL,
		result TEXT NOT NULL, output TEXT NOT NULL, prev BLOB NOT NULL, hash BLOB NOT NULL)`,
	`CREATE TRIGGER IF NOT EXISTS entries_no_update BEFORE UPDATE ON entries
		BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`,
	`CREATE TRIGGER IF NOT EXISTS entries_no_delete BEFORE DELETE ON entries
		BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`,
	`CREATE TRIGGER IF NOT EXISTS entries_next_id BEFORE INSERT ON entries
		WHEN NEW.id IS NOT (SELECT IFNULL(MAX(id), 0) + 1 FROM entries)
		BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`,
	`CREATE TRIGGER IF NOT EXISTS meta_no_update BEFORE UPDATE ON meta
		BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`,
	`CREATE TRIGGER IF NOT EXISTS meta_no_delete BEFORE DELETE ON meta
		BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`,
	`CREATE TRIGGER IF NOT EXISTS meta_once BEFORE INSERT ON meta
		WHEN EXISTS (SELECT 1 FROM meta WHERE key = NEW.key)
		BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`,
	forwardedSchema,
}

// Open opens (creating if needed) the log at path. The installation's salt
// for patient references is created with the log and kept in it, so a
// backup restores references that still match.
func Open(path string, opt Options) (*Log, error) {
	if strings.ContainsRune(path, '?') {
		return nil, fmt.Errorf("audit: path %q contains '?'; choose another data directory", path)
	}
	if err := home.Private(path); err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	db, err := sql.Open("sqlite3", path+dsnParams)
	if err != nil {
		return nil, fmt.Errorf("audit: open %s: %w", path, err)
	}
	if opt.Anchor == "" {
		opt.Anchor = AnchorFor(path)
	}
	l := &Log{db: db, path: path, opt: opt, anchor: anchorWriter{opt.Anchor}}
	if l.opt.Now == nil {
		l.opt.Now = time.Now
	}
	if l.opt.Version == "" {
		l.opt.Version = buildinfo.Get().String()
	}
	unlock, err := l.lock()
	if err != nil {
		db.Close()
		return nil, err
	}
	defer unlock()
	if err := l.init(); err != nil {
		db.Close()
		return nil, fmt.Errorf("audit: open %s: %w", path, err)
	}
	if l.install, err = bindInstall(db, path); err != nil {
		db.Close()
		return nil, fmt.Errorf("audit: open %s: %w", path, err)
	}
	if err := l.startEpoch(); err != nil {
		db.Close()
		return nil, err
	}
	return l, nil
}

// HomePaths are the log and anchor of the data directory, found without
// creating anything. The anchor is $KYUKYU_AUDIT_ANCHOR when set.
func HomePaths() (db, anchor string, err error) {
	dir, err := home.Locate()
	if err != nil {
		return "", "", err
	}
	db = filepath.Join(dir, FileName)
	return db, AnchorFor(db), nil
}

// OpenHome opens the log in the data directory (home.Dir).
func OpenHome(opt Options) (*Log, error) {
	if _, err := home.Dir(); err != nil {
		return nil, err
	}
	db, anchor, err := HomePaths()
	if err != nil {
		return nil, err
	}
	if opt.Anchor == "" {
		opt.Anchor = anchor
	}
	return Open(db, opt)
}

// startEpoch makes the anchor name this log: a new anchor, or a log whose
// salt the anchor does not know (deleted and created again, or put in
// place), starts an epoch. Verify fails on an epoch that follows another,
// unless a restore started it, so the replacement stays visible. The log
// records how it began, for the central log (chainstart.go).
func (l *Log) startEpoch() error {
	h, err := l.head()
	if err != nil {
		return fmt.Errorf("audit: open %s: %w", l.path, err)
	}
	salt := saltPrint(l.salt)
	begin := chainStart{Reason: epochAdopted, StartID: h.count, StartHash: h.hash, Began: l.opt.Now().In(summary.Tokyo).Format(timeLayout)}
	if ok, err := l.knowsFromTail(salt, h); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("audit: %w", err)
	} else if ok {
		return l.settle(h, begin)
	}
	a, err := readAnchor(l.opt.Anchor)
	if err == nil {
		e, lines := a.current()
		if e.salt == salt {
			return l.settle(h, begin)
		}
		n := lastCount(e, lines)
		begin.PreviousKnown = &n
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("audit: %w", err)
	}
	if h.count == 0 {
		begin.Reason = epochCreated
	}
	if err := l.anchor.write(epochLine(salt, h, begin.Reason)); err != nil {
		return err
	}
	return l.recordStart(begin)
}

// settle opens a log the anchor knows: an entry a crash kept from it is
// marked, and a log from before chains were announced records a start.
func (l *Log) settle(h head, begin chainStart) error {
	if err := l.abandon(h); err != nil {
		return err
	}
	return l.recordStart(begin)
}

// recordStart keeps how this log's chain began, unless it is known.
func (l *Log) recordStart(s chainStart) error {
	id, err := l.LogID()
	if err != nil {
		return err
	}
	if err := recordStart(l.db, id, s); err != nil {
		return fmt.Errorf("audit: open %s: %w", l.path, err)
	}
	return nil
}

// abandon marks an entry the anchor announced after the log's head h as
// never committed (kyukyu stopped between the two), so Verify can tell it
// from a cut tail until the next append.
func (l *Log) abandon(h head) error {
	kind, last, err := l.anchor.last()
	if errors.Is(err, os.ErrNotExist) {
		// Removed while kyukyu ran: a new epoch keeps it readable, and
		// Verify reports the entries before it as unproven.
		return l.anchor.write(epochLine(saltPrint(l.salt), h, epochAdopted))
	}
	if err != nil || kind != 'A' || last.count != h.count+1 {
		return err
	}
	return l.anchor.write(headLine('X', last))
}

// head reads the newest entry's id and hash (0 and zeros when empty).
func (l *Log) head() (head, error) {
	h := head{0, zeroHash}
	err := l.db.QueryRow(`SELECT id, hash FROM entries ORDER BY id DESC LIMIT 1`).Scan(&h.count, &h.hash)
	if errors.Is(err, sql.ErrNoRows) {
		err = nil
	}
	return h, err
}

func (l *Log) init() error {
	tx, err := l.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, s := range schema {
		if _, err := tx.Exec(s); err != nil {
			return err
		}
	}
	salt := make([]byte, 32)
	if _, err := rand.Read(salt); err != nil {
		return err
	}
	if _, err := tx.Exec(`INSERT INTO meta (key, value) SELECT 'salt', ? WHERE NOT EXISTS (SELECT 1 FROM meta WHERE key = 'salt')`, salt); err != nil {
		return err
	}
	if err := tx.QueryRow(`SELECT value FROM meta WHERE key = 'salt'`).Scan(&l.salt); err != nil {
		return err
	}
	return tx.Commit()
}

// Close copies the WAL's committed entries into the database file and
// closes it, so that after a clean exit no entry lives only in -wal (a
// copy of audit.db alone is then whole). PASSIVE never waits: a reader in
// another process keeps the rest for the last one to close.
func (l *Log) Close() error {
	l.db.Exec(`PRAGMA wal_checkpoint(PASSIVE)`)
	return l.db.Close()
}

// About starts an entry for a view: mode and patient reference. The caller
// adds operator, reason, action and output.
func (l *Log) About(v *summary.View) Entry {
	if v.Training {
		return Entry{Mode: Training, Patient: TrainingRef}
	}
	p := v.Patient
	e := Entry{Mode: ModeOf(v.Mode), Patient: l.PatientRef(p), who: &p}
	if len(v.Partial) > 0 || len(v.Withheld) > 0 {
		e.Result = Partial
	}
	if l.opt.InsurerInClear {
		e.Insurer = v.Patient.Insurance.InsurerNumber
	}
	return e
}

// PatientRef is the salted reference of a real patient under the salt the
// log uses now: the hospital's once the log took it from the central log
// (the same patient, the same reference at every enrolled workstation),
// else the installation's own (here and nowhere else). An entry About
// made is salted again as it is appended, should the salt change between.
func (l *Log) PatientRef(p summary.Patient) string {
	salt, prefix, err := l.refSalt(l.db)
	if err != nil { // Append reads it again and fails with the cause
		salt, prefix = l.salt, refPrefix
	}
	return patientRef(salt, prefix, p)
}

// fileRefPrefix versions the salted reference of a file name.
const fileRefPrefix = "f1:"

// FileRef is what the log stores for a file a user named: a file name may
// hold a patient's name, so only an HMAC of its name (without the folder)
// under the installation's salt is kept. The same name gets the same
// reference, so an officer holding the file can find its entry.
func (l *Log) FileRef(path string) string {
	m := hmac.New(sha256.New, l.salt)
	writeField(m, "file")
	writeField(m, filepath.Base(path))
	return fileRefPrefix + hex.EncodeToString(m.Sum(nil)[:12])
}

// Append writes e as the next entry, chained to the last one, and returns
// it as stored. When Append returns nil the entry is on disk, and the
// anchor holds its head.
func (l *Log) Append(e Entry) (Entry, error) {
	if err := l.complete(&e); err != nil {
		return Entry{}, err
	}
	unlock, err := l.lock()
	if err != nil {
		return Entry{}, err
	}
	defer unlock()
	tx, err := l.db.Begin() // BEGIN IMMEDIATE: also queues writers that do not take the lock
	if err != nil {
		return Entry{}, fmt.Errorf("audit: append: %w", err)
	}
	defer tx.Rollback()
	var last int64
	prev := make([]byte, sha256.Size) // the first entry chains to zeros
	err = tx.QueryRow(`SELECT id, hash FROM entries ORDER BY id DESC LIMIT 1`).Scan(&last, &prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return Entry{}, fmt.Errorf("audit: append: %w", err)
	}
	e.ID, e.Prev = last+1, prev
	if err := l.settleRef(tx, &e); err != nil {
		return Entry{}, fmt.Errorf("audit: append: %w", err)
	}
	e.who, e.takes = nil, nil
	r := e.row()
	e.Hash = r.sum()
	// The anchor learns the head before the commit: a log longer than its
	// anchor was then written behind kyukyu's back. An announced entry that
	// a crash kept from the log is marked abandoned here.
	if err := l.abandon(head{last, prev}); err != nil {
		return Entry{}, fmt.Errorf("audit: append: %w", err)
	}
	if err := l.anchor.write(headLine('A', head{e.ID, e.Hash})); err != nil {
		return Entry{}, fmt.Errorf("audit: append: %w", err)
	}
	if crashPoint != nil {
		crashPoint()
	}
	if _, err := tx.Exec(`INSERT INTO entries (id, time, workstation, operator, mode, reason, patient, insurer, action, result, output, prev, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.id, r.time, r.workstation, r.operator, r.mode, r.reason, r.patient, r.insurer, r.action, r.result, r.output, e.Prev, e.Hash); err != nil {
		return Entry{}, fmt.Errorf("audit: append: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return Entry{}, fmt.Errorf("audit: append: %w", err)
	}
	for _, f := range l.fwd {
		f.Kick()
	}
	return e, nil
}

// crashPoint, set only by the crash tests, runs between an entry's
// announcement in the anchor and its commit: where a SIGKILL is the
// hardest case for verify.
var crashPoint func()

// complete fills defaults and refuses entries that break the log's rules,
// above all a training entry that could pass for a real patient.
func (l *Log) complete(e *Entry) error {
	if e.Time.IsZero() {
		e.Time = l.opt.Now()
	}
	e.Time = e.Time.In(summary.Tokyo)
	if e.Result == "" {
		e.Result = OK
	}
	if e.Workstation == "" {
		h, err := os.Hostname()
		if err != nil {
			return fmt.Errorf("audit: no workstation name: %w", err)
		}
		e.Workstation = h
	}
	if e.Version == "" {
		e.Version = l.opt.Version
	}
	// A long failure reason is cut rather than kept from the log.
	if r := []rune(e.Output); len(r) > fieldLimits["output"] {
		e.Output = string(r[:fieldLimits["output"]-1]) + "…"
	}
	if e.Operator == "" {
		u, err := user.Current()
		if err != nil {
			return fmt.Errorf("audit: no operator given and no login name: %w", err)
		}
		e.Operator = u.Username
	}
	switch {
	case strings.Contains(e.Workstation, versionSep) || strings.Contains(e.Version, versionSep):
		return fmt.Errorf("audit: workstation %q or version %q holds a tab", e.Workstation, e.Version)
	case strings.Contains(e.Operator, staffSep) || strings.Contains(e.Staff, staffSep):
		return fmt.Errorf("audit: operator %q or staff ID %q holds a tab", e.Operator, e.Staff)
	case modeLabels[e.Mode] == "":
		return fmt.Errorf("audit: mode %q is not one of %s", e.Mode, keys(modeLabels))
	case actionLabels[e.Action] == "":
		return fmt.Errorf("audit: action %q is not one of %s", e.Action, keys(actionLabels))
	case resultLabels[e.Result] == "":
		return fmt.Errorf("audit: result %q is not one of %s", e.Result, keys(resultLabels))
	case reason.Check(e.Reason) != nil:
		return fmt.Errorf("audit: %w", reason.Check(e.Reason))
	case e.Mode == Training && (e.Patient != TrainingRef && e.Patient != "" || e.Insurer != ""):
		return errors.New("audit: a training entry may not carry a patient reference or insurer number")
	case e.Mode != Training && e.Patient == TrainingRef:
		return errors.New("audit: a training patient cannot be logged as a real access")
	case e.Patient != "" && e.Patient != TrainingRef && !strings.HasPrefix(e.Patient, refPrefix) && !HospitalWide(e.Patient):
		return errors.New("audit: patient reference is not a salted reference (use Log.PatientRef)")
	case e.Insurer != "" && !l.opt.InsurerInClear:
		return errors.New("audit: insurer number in the clear is not enabled")
	}
	return e.row().withinLimits()
}

func keys[K ~string, V any](m map[K]V) string {
	var ks []string
	for k := range m {
		ks = append(ks, string(k))
	}
	slices.Sort(ks)
	return strings.Join(ks, ", ")
}
