package oqs

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
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
	// Training marks every record 訓練用. Set it only when this process
	// started the simulator that answers: the source decides, never a file.
	Training bool
}

// DefaultFaceDir is where the connector writes face-auth results: the
// folder face beside res (OQS\\face beside OQS\\res).
func DefaultFaceDir(resDir string) string {
	return filepath.Join(filepath.Dir(filepath.Clean(resDir)), "face")
}

// Validate says what is wrong with the settings, in a line a user can act on.
func (s Settings) Validate() error {
	if len(s.InstitutionCode) != 10 || strings.Trim(s.InstitutionCode, "0123456789") != "" {
		return fmt.Errorf("医療機関コード %q must be 10 digits", s.InstitutionCode)
	}
	for _, d := range []struct{ what, dir string }{{"req", s.ReqDir}, {"res", s.ResDir}} {
		if d.dir == "" {
			return fmt.Errorf("the OQS %s folder is not set", d.what)
		}
		if st, err := os.Stat(d.dir); err != nil || !st.IsDir() {
			return fmt.Errorf("the OQS %s folder %s is not a folder: check the connector's settings", d.what, d.dir)
		}
	}
	if s.FileCategory != "" && s.FileCategory != fileCategoryDrugs && s.FileCategory != fileCategoryDrugsOnly {
		return fmt.Errorf("FileCategory %q: use %s (薬剤+診療情報 XML) or %s (薬剤情報 XML only)", s.FileCategory, fileCategoryDrugs, fileCategoryDrugsOnly)
	}
	if s.Timeout < 0 || s.Poll < 0 {
		return errors.New("timeout and poll interval cannot be negative")
	}
	return nil
}

// Client exchanges files with the connector. It is a summary.Source.
type Client struct {
	s   Settings
	now func() time.Time

	mu    sync.Mutex
	faces map[string]summary.Patient // by insuranceKey: who a face-auth reader confirmed
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
	if s.Encoding == "" {
		s.Encoding = ShiftJIS
	}
	if s.FaceDir == "" {
		s.FaceDir = DefaultFaceDir(s.ResDir)
	}
	return &Client{s: s, now: time.Now, faces: map[string]summary.Patient{}}, nil
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
	var re *ResultError
	switch {
	case checkups.err == nil:
		results = append(results, checkups.res)
	case !errors.As(checkups.err, &re):
		return nil, checkups.err
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
	rec.Training = c.s.Training
	return rec, nil
}

// Fetch writes one request and waits for its result, which it removes
// once read. On timeout or cancellation the request is withdrawn. A result
// that does not answer this request (another patient's) is moved to the
// quarantine folder and refused with a *WrongPatientError.
func (c *Client) Fetch(ctx context.Context, kind Kind, ins summary.Insurance, from, to summary.Month) (*Result, error) {
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
	if err := c.waitStable(ctx, resPath); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("oqs: no answer to %s within %v: is the OQS connector running, and are its req/res folders these?", req.RequestName(), c.s.Timeout)
		}
		return nil, fmt.Errorf("oqs: waiting for %s: %w", req.ResultName(), err)
	}
	res, err := ParseFile(resPath)
	if err == nil {
		err = c.answers(req, res)
	}
	var wp *WrongPatientError
	if errors.As(err, &wp) {
		if qerr := c.quarantine(res); qerr != nil {
			return nil, fmt.Errorf("%w; it stays in the res folder: %v", err, qerr)
		}
	}
	os.Remove(resPath) // patient data does not linger, read or not
	if err != nil {
		return nil, err
	}
	return res, nil
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
		return &FileError{res.File, errors.New("the result carries no insurance numbers and no face-auth result identified the patient: nothing proves it is the patient asked for, not shown")}
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

// waitStable returns once path exists with the same non-zero size on two
// polls in a row, in case the connector writes it in place.
func (c *Client) waitStable(ctx context.Context, path string) error {
	t := time.NewTicker(c.s.Poll)
	defer t.Stop()
	last := int64(-1)
	for {
		if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
			if st.Size() > 0 && st.Size() == last {
				return nil
			}
			last = st.Size()
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
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
		case errors.Is(err, errUnsettled) || ctx.Err() != nil:
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
