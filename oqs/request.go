package oqs

import (
	"cmp"
	"io"
	"strings"

	"kyukyu/summary"
)

// Request is what a request file asks for.
type Request struct {
	Kind        Kind
	ID          string // ArbitraryFileIdentifier, also the file name's tail: digits only
	Institution string // 医療機関コード, 10 digits
	Insurance   summary.Insurance
	// Start and End are the months asked for (YYYYMM); a checkup request
	// carries none (OQSDrug2 writes dates only for drug categories).
	Start, End summary.Month
	// FileCategory of a drug request: 4 薬剤+診療情報 XML (the default), 2
	// 薬剤 only. A checkup request is always 2 (102 % 10: 特定健診 XML).
	FileCategory string
}

// prefixes maps each kind to its request and result file name prefixes.
var prefixes = map[Kind]struct{ req, res string }{
	DrugResult:    {drugRequestPrefix, drugResultPrefix},
	CheckupResult: {checkupRequestPrefix, checkupResultPrefix},
}

// RequestName and ResultName are the file names of an exchange.
func (r Request) RequestName() string { return prefixes[r.Kind].req + r.ID + xmlSuffix }
func (r Request) ResultName() string  { return prefixes[r.Kind].res + r.ID + xmlSuffix }

// Render writes the request document.
func (r Request) Render(enc Encoding) ([]byte, error) {
	d := &doc{}
	d.open(rootElement)
	d.open(headerElement)
	d.leaf(requestNames.Institution, r.Institution)
	d.insurance(r.Insurance)
	d.leaf(requestNames.FileID, r.ID)
	d.close(headerElement)
	d.open(bodyElement)
	if r.Kind == DrugResult {
		d.leaf(requestNames.Start, yyyymm(r.Start))
		d.leaf(requestNames.End, yyyymm(r.End))
		d.leaf(requestNames.FileCategory, cmp.Or(r.FileCategory, fileCategoryDrugs))
		d.leaf(requestNames.PrDiInf, prDiInfClassification)
		d.leaf(requestNames.Treatment, treatmentFaceToFace)
	} else {
		d.leaf(requestNames.FileCategory, fileCategoryCheckups)
	}
	d.close(bodyElement)
	d.close(rootElement)
	return d.bytes(enc)
}

// RequestKind tells a request file's kind from its name.
func RequestKind(name string) (Kind, string, bool) {
	for k, p := range prefixes {
		if strings.HasPrefix(name, p.req) && strings.HasSuffix(name, xmlSuffix) {
			return k, strings.TrimSuffix(strings.TrimPrefix(name, p.req), xmlSuffix), true
		}
	}
	return 0, "", false
}

// ParseRequest reads a request document (the simulator's side).
func ParseRequest(kind Kind, r io.Reader) (Request, error) {
	root, err := readTree(r, rootElement)
	if err != nil {
		return Request{}, err
	}
	p := &parser{}
	h, b := p.single(root, headerElement), p.single(root, bodyElement)
	if p.err != nil {
		return Request{}, p.err
	}
	req := Request{
		Kind: kind, ID: h.value(requestNames.FileID), Institution: h.value(requestNames.Institution),
		Insurance: insurance(h), FileCategory: b.value(requestNames.FileCategory),
	}
	if kind == DrugResult {
		req.Start, req.End = p.month(b, requestNames.Start), p.month(b, requestNames.End)
	}
	return req, p.err
}

// RequestWindow is the months a request asks for: those of the longest
// window of the mode's period table as of on, so that every section can be
// filled (the summary cuts each section to its own window).
func RequestWindow(mode summary.Mode, on summary.Date) (from, to summary.Month) {
	first := on
	for _, r := range summary.Rules {
		if w := r.For(mode).WindowOn(on); !w.From.IsZero() && w.From.Before(first) {
			first = w.From
		}
	}
	return first.MonthOf(), on.MonthOf()
}
