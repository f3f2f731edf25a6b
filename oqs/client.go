package oqs

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"kyukyu/internal/home"
	"kyukyu/internal/safefile"
	"kyukyu/summary"
)

// Defaults of Settings.
const (
	DefaultTimeout = 60 * time.Second
	DefaultPoll    = 200 * time.Millisecond
	DefaultSettle  = time.Second
)

// Settings configure the folder exchange with the OQS connector.
type Settings struct {
	ReqDir, ResDir  string        // the connector's request and result folders
	FaceDir         string        // its face-auth results ("": face beside ResDir)
	InstitutionCode string        // 医療機関コード, 10 digits
	Timeout         time.Duration // how long to wait for a result (0: DefaultTimeout)
	Poll            time.Duration // how often to look into ResDir (0: DefaultPoll)
	Encoding        Encoding      // of requests ("" : Shift_JIS)
	// FileCategory of drug requests: "4" 薬剤+診療情報 XML ("": 4), or "2"
	// drugs only (then no surgery, procedures or dialysis arrive).
	FileCategory string
	// QuarantineDir keeps results refused as another patient's, for the
	// administrator ("": quarantine in kyukyu's data directory).
	QuarantineDir string
	// Settle is how long a result's size and modification time must hold
	// before it is read (0: DefaultSettle).
	Settle time.Duration
	// Late, when set, hears of every result that came after its request
	// timed out and was removed unread: the audit line of it.
	Late func(file string)
	// Withdrawn are results of requests an earlier process withdrew, with
	// when: removed on sight like the client's own (the CLI keeps them
	// between runs). Only result file names are taken: nothing else in
	// ResDir can be removed through them.
	Withdrawn map[string]time.Time
	// Training marks every record 訓練用. Set it only when this process
	// started the simulator that answers: the source decides, never a file.
	Training bool
}

// DefaultFaceDir is where the connector writes face-auth results: the
// folder face beside res (OQS\face beside OQS\res).
func DefaultFaceDir(resDir string) string {
	return filepath.Join(filepath.Dir(filepath.Clean(resDir)), "face")
}

// Validate says what is wrong with the settings, in a line a user can act on.
func (s Settings) Validate() error {
	if s.InstitutionCode == "" {
		return errors.New("the 医療機関コード (10 digits) is not set")
	}
	if len(s.InstitutionCode) != 10 || strings.Trim(s.InstitutionCode, "0123456789") != "" {
		return fmt.Errorf("医療機関コード %q must be 10 digits", s.InstitutionCode)
	}
	for _, d := range []struct{ what, dir string }{{"req", s.ReqDir}, {"res", s.ResDir}} {
		if d.dir == "" {
			return fmt.Errorf("the OQS %s folder is not set", d.what)
		}
		st, err := os.Stat(d.dir)
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("the OQS %s folder %s does not exist: check the connector's settings", d.what, d.dir)
		}
		if err != nil || !st.IsDir() {
			return fmt.Errorf("the OQS %s folder %s is not a folder: check the connector's settings", d.what, d.dir)
		}
	}
	if s.FileCategory != "" && s.FileCategory != fileCategoryDrugs && s.FileCategory != fileCategoryDrugsOnly {
		return fmt.Errorf("FileCategory %q: use %s (薬剤+診療情報 XML) or %s (薬剤情報 XML only)", s.FileCategory, fileCategoryDrugs, fileCategoryDrugsOnly)
	}
	if s.Timeout < 0 || s.Poll < 0 || s.Settle < 0 {
		return errors.New("timeout, poll and settle intervals cannot be negative")
	}
	return nil
}

// Client exchanges files with the connector. It is a summary.Source.
type Client struct {
	s   Settings
	now func() time.Time

	mu        sync.Mutex
	faces     map[string]summary.Patient // by insuranceKey: who a face-auth reader confirmed
	withdrawn map[string]time.Time       // results of timed-out requests, by file name
}

// NewClient validates s and fills its defaults.
func NewClient(s Settings) (*Client, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if s.Timeout == 0 {
		s.Timeout = DefaultTimeout
	}
	if s.Poll == 0 {
		s.Poll = DefaultPoll
	}
	if s.Settle == 0 {
		s.Settle = DefaultSettle
	}
	if s.Encoding == "" {
		s.Encoding = ShiftJIS
	}
	if s.FaceDir == "" {
		s.FaceDir = DefaultFaceDir(s.ResDir)
	}
	c := &Client{s: s, now: time.Now, faces: map[string]summary.Patient{}, withdrawn: map[string]time.Time{}}
	for name, at := range s.Withdrawn {
		if isResultName(name) {
			c.withdrawn[name] = at
		}
	}
	return c, nil
}

// isResultName reports a plain file name of a drug or checkup result.
func isResultName(name string) bool {
	if filepath.Base(name) != name || !strings.HasSuffix(name, xmlSuffix) {
		return false
	}
	for _, p := range prefixes {
		if strings.HasPrefix(name, p.res) {
			return true
		}
	}
	return false
}

// Withdrawn are the results still awaited to be removed (see
// Settings.Withdrawn): what a process that ends hands to the next.
func (c *Client) Withdrawn() map[string]time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.withdrawn)
}

var _ summary.Source = (*Client)(nil)

// Lookup asks for 薬剤情報/診療情報 and 特定健診 at once and merges them. A
// checkup request the OQS refuses (ResultCode ≠ 1) leaves the record
// without checkups rather than withholding the drugs.
func (c *Client) Lookup(ctx context.Context, q summary.Query) (*summary.Record, error) {
	if q.Identity.Insurance == nil {
		return nil, summary.ErrNoInsurance
	}
	from, to := RequestWindow(q.Mode, q.On)
	type answer struct {
		res *Result
		err error
	}
	answers := map[Kind]chan answer{DrugResult: make(chan answer, 1), CheckupResult: make(chan answer, 1)}
	for kind, ch := range answers {
		go func() {
			res, err := c.Fetch(ctx, kind, *q.Identity.Insurance, from, to)
			ch <- answer{res, err}
		}()
	}
	drugs, checkups := <-answers[DrugResult], <-answers[CheckupResult]
	if drugs.err != nil {
		return nil, drugs.err
	}
	results := []*Result{drugs.res}
	// The checkup result costs only itself: one that cannot be verified is
	// withheld, named on top, and the verified drug result is shown. One
	// without insurance numbers is checked against the patient the drug
	// result proved (name, kana, birth date, sex; its file identifier was
	// checked against the request already).
	var re *ResultError
	var unproven *UnprovenError
	var withheld []string
	switch {
	case checkups.err == nil:
		results = append(results, checkups.res)
	case errors.As(checkups.err, &unproven):
		if e, n := differs(drugs.res.Record.Patient, unproven.Result.Record.Patient, identityFields); e == "" && n >= minIdentityFields {
			results = append(results, unproven.Result)
		} else {
			withheld = append(withheld, checkups.err.Error())
		}
	case errors.As(checkups.err, &re):
	case ctx.Err() != nil:
		return nil, checkups.err
	default:
		withheld = append(withheld, checkups.err.Error())
	}
	rec, err := Merge(results)
	if err != nil {
		for _, r := range results {
			if qerr := c.quarantine(r); qerr != nil {
				return nil, fmt.Errorf("%w; and %s is lost: %v", err, r.File, qerr)
			}
		}
		return nil, err
	}
	if rec.Patient.Insurance.InsurerNumber == "" {
		rec.Patient.Insurance = *q.Identity.Insurance
	}
	rec.Withheld = append(rec.Withheld, withheld...)
	rec.Training = c.s.Training
	return rec, nil
}

// Fetch writes one request and waits for its result, which it removes
// once read. On timeout or cancellation the request is withdrawn. A result
// that does not answer this request (another patient's) is moved to the
// quarantine folder and refused with a *WrongPatientError.
func (c *Client) Fetch(ctx context.Context, kind Kind, ins summary.Insurance, from, to summary.Month) (*Result, error) {
	c.sweepLate()
	req := Request{Kind: kind, ID: c.newID(), Institution: c.s.InstitutionCode, Insurance: ins, Start: from, End: to,
		FileCategory: c.s.FileCategory}
	data, err := req.Render(c.s.Encoding)
	if err != nil {
		return nil, err
	}
	if err := safefile.WriteFile(filepath.Join(c.s.ReqDir, req.RequestName()), data); err != nil {
		return nil, fmt.Errorf("oqs: cannot write the request into %s: %w", c.s.ReqDir, err)
	}
	reqPath := filepath.Join(c.s.ReqDir, req.RequestName())
	defer os.Remove(reqPath) // the connector normally takes it; never leave one behind
	ctx, cancel := context.WithTimeout(ctx, c.s.Timeout)
	defer cancel()
	resPath := filepath.Join(c.s.ResDir, req.ResultName())
	res, err := c.awaitResult(ctx, resPath)
	var nr *NotRegularError
	switch {
	case errors.As(err, &nr):
		return nil, err // not ours to remove
	case errors.Is(err, context.DeadlineExceeded):
		c.withdraw(req.ResultName())
		return nil, fmt.Errorf("oqs: no answer to %s within %v: is the OQS connector running, and are its req/res folders these?", req.RequestName(), c.s.Timeout)
	case ctx.Err() != nil && err == ctx.Err():
		c.withdraw(req.ResultName())
		return nil, fmt.Errorf("oqs: waiting for %s: %w", req.ResultName(), err)
	case err == nil:
		err = c.answers(req, res)
	}
	var wp *WrongPatientError
	if errors.As(err, &wp) {
		if qerr := c.quarantine(res); qerr != nil {
			return nil, fmt.Errorf("%w; it stays in the res folder: %v", err, qerr)
		}
	}
	os.Remove(resPath) // patient data does not linger, read or not
	var unproven *UnprovenError
	if errors.As(err, &unproven) {
		return nil, err // the caller may prove it by another result
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

// minIdentityFields is how many of name, kana, birth date and sex must
// agree (and none differ) to take a result without insurance numbers as
// the patient another result proved.
const minIdentityFields = 3

// UnprovenError is a result that answers the request (its file identifier,
// where it carries one) but carries no insurance numbers, and no face-auth
// result identified the patient: nothing here proves whose it is.
type UnprovenError struct{ Result *Result }

func (e *UnprovenError) Error() string {
	return e.Result.File + ": the result carries no insurance numbers and no face-auth result identified the patient: nothing proves it is the patient asked for, not shown"
}

// answers checks that res answers req: the same ArbitraryFileIdentifier
// where the result carries one, and the patient asked for: the insurance
// numbers the result carries, and name, kana and birth date against the
// face-auth result that identified the patient. A result that can be
// checked against nothing is not shown either.
func (c *Client) answers(req Request, res *Result) error {
	wrong := func(element string) error {
		return &WrongPatientError{File: res.File, Other: "the request " + req.RequestName(), Element: element}
	}
	if res.FileID != "" && res.FileID != req.ID {
		return wrong(requestNames.FileID)
	}
	got := res.Record.Patient
	e, n := differs(summary.Patient{Insurance: req.Insurance}, got, insuranceFields)
	if e != "" {
		return wrong(e)
	}
	if face, ok := c.face(req.Insurance); ok {
		e, m := differs(face, got, identityFields)
		if e != "" {
			return wrong(e)
		}
		n += m
	}
	if n == 0 {
		return &UnprovenError{res}
	}
	return nil
}

// rememberFace keeps who a face-auth reader confirmed, to check results
// against when that patient is looked up.
func (c *Client) rememberFace(p summary.Patient) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.faces[insuranceKey(p.Insurance)] = p
}

func (c *Client) face(in summary.Insurance) (summary.Patient, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.faces[insuranceKey(in)]
	return p, ok
}

// quarantine keeps a refused result's bytes in the quarantine folder, for
// the administrator; the caller removes the original.
func (c *Client) quarantine(res *Result) error {
	dir := c.s.QuarantineDir
	if dir == "" {
		d, err := home.Dir()
		if err != nil {
			return err
		}
		dir = filepath.Join(d, "quarantine")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cannot create the quarantine folder: %w", err)
	}
	name := c.now().In(summary.Tokyo).Format("20060102-150405_") + res.File
	if err := safefile.WriteFile(filepath.Join(dir, name), res.raw); err != nil {
		return fmt.Errorf("cannot keep it in quarantine: %w", err)
	}
	return nil
}

// awaitResult reads the result at path once its size and modification
// time have held for Settle and it parses to a complete document. A
// document that ends early may still be being written: it is read again
// when it changes, and reported as truncated only when ctx ends. Anything
// but a regular file is refused at once, without opening it.
func (c *Client) awaitResult(ctx context.Context, path string) (*Result, error) {
	t := time.NewTicker(c.s.Poll)
	defer t.Stop()
	var (
		size    int64
		mod     time.Time
		since   time.Time
		tried   bool
		lastErr error
	)
	for {
		st, err := os.Lstat(path)
		switch {
		case err == nil && !st.Mode().IsRegular():
			return nil, &FileError{filepath.Base(path), &NotRegularError{st.Mode()}}
		case err == nil && (st.Size() != size || !st.ModTime().Equal(mod)):
			size, mod, since, tried = st.Size(), st.ModTime(), time.Now(), false
		case err == nil && size > 0 && !tried && time.Since(since) >= c.s.Settle:
			res, err := ParseFile(ctx, path)
			if busy(err) {
				lastErr = err // the connector still has it open: next poll
				break
			}
			if err == nil || !errors.Is(err, errTruncated) {
				return res, err
			}
			lastErr, tried = err, true
		}
		select {
		case <-ctx.Done():
			if lastErr != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return nil, lastErr
			}
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}

// lateFor is how long a withdrawn request's result is watched for.
const lateFor = 24 * time.Hour

// withdraw remembers a result that did not come in time, so that it is
// removed unread when it comes late.
func (c *Client) withdraw(result string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.withdrawn[result] = c.now()
}

// sweepLate removes the results of withdrawn requests that have arrived
// since, telling Settings.Late of each (the audit line); patient data
// nobody asks for any more does not stay in the res folder.
func (c *Client) sweepLate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for name, at := range c.withdrawn {
		path := filepath.Join(c.s.ResDir, name)
		st, err := os.Lstat(path)
		switch {
		case err == nil && st.Mode().IsRegular():
			if os.Remove(path) == nil {
				delete(c.withdrawn, name)
				if c.s.Late != nil {
					c.s.Late(name)
				}
			}
		case c.now().Sub(at) > lateFor:
			delete(c.withdrawn, name)
		}
	}
}

// newID is a file identifier unique across workstations sharing a folder,
// digits only like every public example of a request name's tail: the
// Japan time to the second (yyMMddHHmmss) and 8 random digits.
func (c *Client) newID() string {
	var b [4]byte
	rand.Read(b[:])
	return c.now().In(summary.Tokyo).Format("060102150405") + fmt.Sprintf("%08d", binary.BigEndian.Uint32(b[:])%100_000_000)
}

// FaceEvent is a face-auth qualification result, or why one could not be read.
type FaceEvent struct {
	File    string
	Face    *FaceResult     // nil with Err
	Patient summary.Patient // Face.Patient, for consumers that need only that
	Err     error
}

// WatchFaces reports every OQSsiquc01res_face_* file in FaceDir that was
// modified at or after since and today (Japan date), once each, until ctx
// ends; the channel is then closed. A file is read only once two reads
// faceSettle apart agree; a file another program moved away meanwhile is
// simply gone, not an error. The files stay: other systems read them too.
func (c *Client) WatchFaces(ctx context.Context, since time.Time) <-chan FaceEvent {
	out := make(chan FaceEvent)
	go func() {
		defer close(out)
		seen := map[string]bool{}
		t := time.NewTicker(c.s.Poll)
		defer t.Stop()
		for {
			for _, ev := range c.scanFaces(ctx, since, seen) {
				select {
				case out <- ev:
				case <-ctx.Done():
					return
				}
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return out
}

func (c *Client) scanFaces(ctx context.Context, since time.Time, seen map[string]bool) []FaceEvent {
	c.sweepLate() // the watcher is the poll that runs between lookups
	entries, err := os.ReadDir(c.s.FaceDir)
	if err != nil {
		if vanished(err) {
			return nil // the connector creates the folder with its first file
		}
		return []FaceEvent{{File: c.s.FaceDir, Err: fmt.Errorf("oqs: cannot read the face folder: %w", err)}}
	}
	today := summary.Today(c.now())
	var evs []FaceEvent
	for _, e := range entries {
		name := e.Name()
		if seen[name] || !strings.HasPrefix(name, faceResultPrefix) || !strings.HasSuffix(name, xmlSuffix) {
			continue
		}
		info, err := e.Info()
		if err != nil || info.ModTime().Before(since) || summary.Today(info.ModTime()) != today {
			continue
		}
		f, err := ReadFaceFile(ctx, filepath.Join(c.s.FaceDir, name))
		switch {
		case errors.Is(err, errUnsettled) || busy(err) || ctx.Err() != nil:
			continue // read again at the next poll
		case vanished(err):
			seen[name] = true
			continue
		}
		seen[name] = true
		ev := FaceEvent{File: name, Face: f, Err: err}
		if f != nil {
			ev.Patient = f.Patient
			c.rememberFace(f.Patient)
		}
		evs = append(evs, ev)
	}
	return evs
}
