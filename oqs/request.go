package oqs

import (
	"fmt"
	"io"
	"strings"

	"kyukyu/summary"
)

// Request is what a request file asks for.
type Request struct {
	Kind        Kind
	ID          string // ArbitraryFileIdentifier, also the file name's tail
	Institution string // 医療機関コード, 10 digits
	Insurance   summary.Insurance
	Start, End  summary.Date
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
	d.leaf(requestNames.Start, ymd(r.Start))
	d.leaf(requestNames.End, ymd(r.End))
	d.leaf(requestNames.FileCategory, fileCategoryXML)
	if r.Kind == DrugResult {
		d.leaf(requestNames.PrDiInf, prDiInfClassification)
		d.leaf(requestNames.Treatment, medicalTreatmentFlag)
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
	h, b := root.child(headerElement), root.child(bodyElement)
	if h == nil || b == nil {
		return Request{}, fmt.Errorf("no <%s> or <%s>: not an OQS request", headerElement, bodyElement)
	}
	p := &parser{}
	req := Request{
		Kind: kind, ID: h.value(requestNames.FileID), Institution: h.value(requestNames.Institution),
		Insurance: insurance(h), Start: p.date(b, requestNames.Start), End: p.date(b, requestNames.End),
	}
	if req.End.IsZero() {
		p.fail(b, "no <%s>", requestNames.End)
	}
	return req, p.err
}

// RequestWindow is the span a request asks for: the longest window of the
// mode's period table as of on, so that every section can be filled.
func RequestWindow(mode summary.Mode, on summary.Date) (from, to summary.Date) {
	from = on
	for _, r := range summary.Rules {
		if w := r.For(mode).WindowOn(on); !w.From.IsZero() && w.From.Before(from) {
			from = w.From
		}
	}
	return from, on
}
