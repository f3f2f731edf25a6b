package oqs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

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
	if s.Timeout < 0 || s.Poll < 0 {
		return errors.New("timeout and poll interval cannot be negative")
	}
	return nil
}

// Client exchanges files with the connector. It is a summary.Source.
type Client struct {
	s   Settings
	now func() time.Time
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
	return &Client{s: s, now: time.Now}, nil
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
		return nil, err
	}
	if rec.Patient.Insurance.InsurerNumber == "" {
		rec.Patient.Insurance = *q.Identity.Insurance
	}
	return rec, nil
}

// Fetch writes one request and waits for its result, which it removes
// once read. On timeout or cancellation the request is withdrawn.
func (c *Client) Fetch(ctx context.Context, kind Kind, ins summary.Insurance, from, to summary.Date) (*Result, error) {
	req := Request{Kind: kind, ID: c.newID(), Institution: c.s.InstitutionCode, Insurance: ins, Start: from, End: to}
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
	os.Remove(resPath) // patient data does not linger, read or not
	return res, err
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

// newID is a file identifier unique across workstations sharing a folder:
// time to the second plus random hex.
func (c *Client) newID() string {
	var b [4]byte
	rand.Read(b[:])
	return c.now().In(summary.Tokyo).Format("20060102150405") + hex.EncodeToString(b[:])
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
		}
		evs = append(evs, ev)
	}
	return evs
}
