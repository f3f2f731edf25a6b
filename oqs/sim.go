package oqs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"kyukyu/internal/safefile"
	"kyukyu/summary"
)

// Codes the simulator answers with when it cannot serve a request
// (the real texts are the OQS's own; these are plausible stand-ins).
const (
	simNotFoundCode    = "2"
	simNotFoundMessage = "該当する被保険者の情報が存在しません"
	simBadRequestCode  = "9"
)

// Simulator plays the OQS connector on a folder: it answers request files
// in Dir/req with result files in Dir/res from a source (the training
// patients), for tests and training.
type Simulator struct {
	Dir      string
	Source   summary.Source
	Encoding Encoding      // of results ("": Shift_JIS)
	Delay    time.Duration // before each answer, like a slow network
	// ErrorCode, when set, answers every request with that ResultCode and
	// ErrorMessage.
	ErrorCode, ErrorMessage string
	// Malformed answers with results cut in half.
	Malformed bool
	// EncodingLie declares the other encoding than the result's bytes.
	EncodingLie bool
	// SlowWrite, when set, writes each result in place, in pieces over
	// this long, instead of at once.
	SlowWrite time.Duration
	// WrongPatient, when set, answers every request with the record of the
	// first of these patients whose numbers differ from those asked: a
	// connector that mixes patients up.
	WrongPatient []summary.Insurance
	Poll         time.Duration // 0: DefaultPoll
	// Now is the simulated OQS's clock: it answers as of its own today,
	// as the real one does (nil: time.Now).
	Now func() time.Time
	// Answered, when set, hears of every answer: the request file and the
	// result code (never patient data).
	Answered func(request, code string)
}

// ReqDir and ResDir are the folders a client is configured with.
func (s *Simulator) ReqDir() string { return filepath.Join(s.Dir, "req") }
func (s *Simulator) ResDir() string { return filepath.Join(s.Dir, "res") }

// FaceDir is where it writes face-auth results: face beside res.
func (s *Simulator) FaceDir() string { return filepath.Join(s.Dir, "face") }

// Run answers requests until ctx ends.
func (s *Simulator) Run(ctx context.Context) error {
	for _, d := range []string{s.ReqDir(), s.ResDir(), s.FaceDir()} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return fmt.Errorf("oqs-sim: %w", err)
		}
	}
	poll := s.Poll
	if poll == 0 {
		poll = DefaultPoll
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		entries, err := os.ReadDir(s.ReqDir())
		if err != nil {
			return fmt.Errorf("oqs-sim: %w", err)
		}
		for _, e := range entries {
			kind, id, ok := RequestKind(e.Name())
			if !ok {
				continue
			}
			path := filepath.Join(s.ReqDir(), e.Name())
			data, err := os.ReadFile(path)
			if err != nil {
				continue // gone meanwhile: the client withdrew it
			}
			os.Remove(path) // the connector takes the request
			wg.Add(1)
			go func() {
				defer wg.Done()
				s.answer(ctx, Request{Kind: kind, ID: id}, e.Name(), data)
			}()
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

func (s *Simulator) encoding() Encoding {
	if s.Encoding == "" {
		return ShiftJIS
	}
	return s.Encoding
}

// answer replies to one request; the result is named after the request
// file, which is what the client waits for.
func (s *Simulator) answer(ctx context.Context, file Request, name string, data []byte) {
	select {
	case <-time.After(s.Delay):
	case <-ctx.Done():
		return
	}
	req, err := ParseRequest(file.Kind, bytes.NewReader(data))
	var out []byte
	code := resultCodeOK
	switch {
	case err != nil:
		code = simBadRequestCode
		out, err = RenderError(code, "要求ファイルを読めません: "+err.Error(), s.encoding())
	case s.ErrorCode != "":
		code = s.ErrorCode
		out, err = RenderError(code, s.ErrorMessage, s.encoding())
	default:
		out, code, err = s.result(ctx, req)
	}
	if err != nil {
		code = simBadRequestCode
		out, _ = RenderError(code, "シミュレータの内部エラー: "+err.Error(), s.encoding())
	}
	if s.Malformed {
		out = out[:len(out)/2]
	}
	if s.EncodingLie {
		out = lieAboutEncoding(out, s.encoding())
	}
	path := filepath.Join(s.ResDir(), file.ResultName())
	var werr error
	if s.SlowWrite > 0 {
		werr = writeSlowly(ctx, path, out, s.SlowWrite)
	} else {
		werr = safefile.WriteFile(path, out)
	}
	if werr == nil && s.Answered != nil {
		s.Answered(name, code)
	}
}

// lieAboutEncoding declares the other encoding than the bytes are in.
func lieAboutEncoding(doc []byte, enc Encoding) []byte {
	other := UTF8
	if enc == UTF8 {
		other = ShiftJIS
	}
	return bytes.Replace(doc, []byte(`encoding="`+string(enc)+`"`), []byte(`encoding="`+string(other)+`"`), 1)
}

// slowChunks is how many pieces a slow writer writes a result in.
const slowChunks = 8

// writeSlowly writes doc in place in slowChunks pieces spread over d, as a
// connector writing straight into the res folder does.
func writeSlowly(ctx context.Context, path string, doc []byte, d time.Duration) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	size := (len(doc) + slowChunks - 1) / slowChunks
	for i := 0; i < len(doc); i += size {
		if i > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(d / slowChunks):
			}
		}
		if _, err := f.Write(doc[i:min(i+size, len(doc))]); err != nil {
			return err
		}
	}
	return nil
}

func (s *Simulator) result(ctx context.Context, req Request) ([]byte, string, error) {
	ins := req.Insurance
	for _, other := range s.WrongPatient {
		if insuranceKey(other) != insuranceKey(ins) {
			ins = other
			break
		}
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	today := summary.Today(now())
	rec, err := s.Source.Lookup(ctx, summary.Query{
		Identity: summary.Identity{Insurance: &ins}, On: today, Mode: summary.Normal,
	})
	if errors.Is(err, summary.ErrNotFound) {
		out, err := RenderError(simNotFoundCode, simNotFoundMessage, s.encoding())
		return out, simNotFoundCode, err
	}
	if err != nil {
		return nil, "", err
	}
	var out []byte
	if req.Kind == CheckupResult {
		out, err = renderCheckupResult(Between(rec, summary.Date{}, today), req.ID, s.encoding())
	} else {
		to := req.End.Last()
		if today.Before(to) {
			to = today
		}
		rec = Between(rec, req.Start.First(), to)
		if req.FileCategory == fileCategoryDrugsOnly {
			rec.Procedures, rec.Surgeries, rec.Dialysis = nil, nil, nil // 薬剤情報 only: no 診療情報
		}
		out, err = renderDrugResult(rec, req.ID, s.encoding())
	}
	return out, resultCodeOK, err
}

// Between is rec with only the rows dated from..to (visits by month).
func Between(rec *summary.Record, from, to summary.Date) *summary.Record {
	in := func(d summary.Date) bool { return !d.Before(from) && !to.Before(d) }
	out := &summary.Record{Patient: rec.Patient}
	for _, v := range rec.Visits {
		if v.Month.Compare(from.MonthOf()) >= 0 && v.Month.Compare(to.MonthOf()) <= 0 {
			out.Visits = append(out.Visits, v)
		}
	}
	medDate := func(m summary.Medication) summary.Date { return m.Date }
	procDate := func(p summary.Procedure) summary.Date { return p.Date }
	out.Dispensing, out.Medications = dated(rec.Dispensing, medDate, in), dated(rec.Medications, medDate, in)
	out.Surgeries, out.Procedures = dated(rec.Surgeries, procDate, in), dated(rec.Procedures, procDate, in)
	out.Dialysis = dated(rec.Dialysis, procDate, in)
	out.Checkups = dated(rec.Checkups, func(c summary.Checkup) summary.Date { return c.Date }, in)
	return out
}

func dated[T any](xs []T, date func(T) summary.Date, in func(summary.Date) bool) []T {
	var out []T
	for _, x := range xs {
		if in(date(x)) {
			out = append(out, x)
		}
	}
	return out
}

// WriteFace drops a face-auth qualification result for p into Dir/face,
// as the connector does when a face-auth reader confirms a patient.
func (s *Simulator) WriteFace(p summary.Patient, now time.Time) (string, error) {
	stamp := now.In(summary.Tokyo).Format("20060102150405")
	data, err := RenderFace(p, stamp, s.encoding())
	if err != nil {
		return "", err
	}
	name := faceResultPrefix + stamp + now.Format(".000000000")[1:] + xmlSuffix
	if err := os.MkdirAll(s.FaceDir(), 0o700); err != nil {
		return "", err
	}
	return name, safefile.WriteFile(filepath.Join(s.FaceDir(), name), data)
}
