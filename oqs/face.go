package oqs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"time"

	"kyukyu/summary"
)

// Consent is what the patient agreed to let this institution see, as the
// face-auth reader recorded it.
type Consent struct {
	Drugs, Checkups, Diagnoses, Operations bool
}

// FaceResult is a patient a face-authentication reader confirmed
// (OQSsiquc01res_face_*). Patient keeps the text as the connector wrote it
// (half-width kana, full-width numbers) for display; matching goes through
// matchKey/numberKey. Patient.Name is "" when the file gives no kanji name:
// the patient is then identified by kana and birth date.
type FaceResult struct {
	File    string
	Patient summary.Patient
	// InsuredName is the insured person (the head of the family for a
	// dependent): never the patient's name.
	InsuredName           string
	Address               string
	Consent               Consent
	ReferenceNumber       string // 照会番号
	CardExpiry            summary.Date
	QualificationValidity string
	FileID                string // ArbitraryFileIdentifier
}

// NameGiven reports whether the file carries the patient's kanji name.
func (f *FaceResult) NameGiven() bool { return f.Patient.Name != "" }

// FaceRefusedError is a face-auth result that did not confirm a
// qualification (SegmentOfResult or ProcessingResultStatus not 1).
type FaceRefusedError struct {
	Segment, Status string
	Message         string // MessageContents when present, one line
}

func (e *FaceRefusedError) Error() string {
	s := fmt.Sprintf("資格確認が正常終了していません (SegmentOfResult %q, ProcessingResultStatus %q)", e.Segment, e.Status)
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// ParseFace reads a qualification result written for a face-auth reader.
// Everything identifying is required: a file that cannot say who the
// patient is yields an error, never a half patient.
func ParseFace(r io.Reader) (*FaceResult, error) {
	root, err := readTree(r, rootElement)
	if err != nil {
		return nil, err
	}
	return face(root)
}

func face(root *node) (*FaceResult, error) {
	p := &parser{}
	header, body := p.single(root, headerElement), p.single(root, bodyElement)
	if p.err != nil {
		return nil, p.err
	}
	seg, status := header.value(faceNames.Segment), body.value(faceNames.Status)
	if seg == "" && status == "" { // e.g. a drug or checkup result given by mistake
		return nil, fmt.Errorf("neither <%s> nor <%s>: not a face-authentication result", faceNames.Segment, faceNames.Status)
	}
	if seg != faceSuccess || status != faceSuccess {
		return nil, &FaceRefusedError{Segment: oneLine(seg), Status: oneLine(status), Message: oneLine(firstText(root, messageElement))}
	}
	records := body.all(faceNames.Record...)
	if len(records) != 1 {
		return nil, fmt.Errorf("%d <%s> records in <%s>: exactly one patient expected", len(records), faceNames.Record[1], faceNames.Record[0])
	}
	q := records[0]
	f := &FaceResult{
		Patient: summary.Patient{
			Name: q.value(faceNames.Name), Kana: q.value(faceNames.Kana), Sex: summary.Sex(q.value(faceNames.Sex)),
			Birth: p.birth(q, faceNames.Birth),
			Insurance: summary.Insurance{
				InsurerNumber: q.value(faceNames.Insurer), Symbol: q.value(faceNames.Symbol),
				Number: q.value(faceNames.Number), Branch: q.value(faceNames.Branch),
			},
		},
		InsuredName: q.value(faceNames.InsuredName), Address: q.value(faceNames.Address),
		ReferenceNumber: q.value(faceNames.ReferenceNum), CardExpiry: p.date(q, faceNames.Expiry),
		QualificationValidity: body.value(faceNames.Validity), FileID: header.value(faceNames.FileID),
	}
	flags := [4]*bool{&f.Consent.Drugs, &f.Consent.Checkups, &f.Consent.Diagnoses, &f.Consent.Operations}
	for i, name := range faceNames.Consent {
		*flags[i] = q.value(name) == consentGiven
	}
	if f.Patient.Name == "" && f.Patient.Kana == "" {
		p.fail(q, "neither <%s> nor <%s>: the patient cannot be identified", faceNames.Name, faceNames.Kana)
	}
	p.insurerNumber(q, faceNames.Insurer)
	if p.err != nil {
		return nil, p.err
	}
	return f, nil
}

// insurerNumber refuses an insurer number that is not 6 (国保) or 8 digits
// once normalised; the value is not echoed.
func (p *parser) insurerNumber(n *node, name string) {
	k := numberKey(n.value(name))
	if k == "" {
		p.fail(n, "no <%s>: the patient cannot be looked up", name)
		return
	}
	if (len(k) != 6 && len(k) != 8) || !digitsOnly(k) {
		p.failAt(n, name, "<%s> is not a 6- or 8-digit insurer number", name)
	}
}

func digitsOnly(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// firstText is the text of the first element named name anywhere ("" if none).
func firstText(root *node, name string) string {
	if m := root.find(name); len(m) > 0 {
		return m[0].text
	}
	return ""
}

// faceSettle is how long a face file must keep the same bytes before it is
// read: an EHR on the same terminal may still be writing or moving it.
const faceSettle = 300 * time.Millisecond

// errUnsettled is a face file whose bytes changed between two reads.
var errUnsettled = errors.New("the file changed while it was read: it is still being written")

// ReadFaceFile reads one face file once two reads faceSettle apart give
// the same bytes. A file that vanished meanwhile yields fs.ErrNotExist.
func ReadFaceFile(ctx context.Context, path string) (*FaceResult, error) {
	name := filepath.Base(path)
	fail := func(err error) (*FaceResult, error) { return nil, &FileError{name, err} }
	first, err := readRegular(path)
	if err != nil {
		return fail(err)
	}
	select {
	case <-ctx.Done():
		return fail(ctx.Err())
	case <-time.After(faceSettle):
	}
	second, err := readRegular(path)
	if err != nil {
		return fail(err)
	}
	if !bytes.Equal(first, second) {
		return fail(errUnsettled)
	}
	root, err := parseTree(ctx, second, rootElement)
	if err != nil {
		return fail(err)
	}
	f, err := face(root)
	if err != nil {
		return fail(err)
	}
	f.File = name
	return f, nil
}

// vanished reports an error that only says the file is gone (moved away by
// another program): not a fault, nothing to report.
func vanished(err error) bool { return errors.Is(err, fs.ErrNotExist) }
