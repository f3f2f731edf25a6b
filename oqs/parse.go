package oqs

import (
	"context"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"kyukyu/summary"
)

// Kind is what a result file holds.
type Kind int

const (
	DrugResult    Kind = iota // YZKsiquc01res_*: 薬剤情報 with 診療情報
	CheckupResult             // TKKsiquc01res_*: 特定健診
)

// FileError names the file and says what is wrong with it.
type FileError struct {
	File    string
	Problem error
}

func (e *FileError) Error() string { return e.File + ": " + e.Problem.Error() }
func (e *FileError) Unwrap() error { return e.Problem }

// ResultError is a result whose ResultCode is not 1: the OQS refused or
// failed the request and says why in MessageContents. Both are one line of
// at most 200 characters without control characters, safe to show and audit.
type ResultError struct {
	Code    string
	Message string
}

func (e *ResultError) Error() string {
	return fmt.Sprintf("the OQS answered with ResultCode %s: %s", e.Code, e.Message)
}

// Result is one parsed result file. Prescriptions (電子処方箋 not yet
// dispensed) are not an item of the 救急用サマリー, so they stay beside the
// record rather than in it.
type Result struct {
	Kind          Kind
	File          string // the file's name, when read from one
	FileID        string // ArbitraryFileIdentifier, when the result carries one
	Record        *summary.Record
	Prescriptions []summary.Medication
	raw           []byte // the file as read, for the quarantine
}

// ParseFile reads one result file, until ctx ends. Its kind follows the
// content (checkup elements or not), never the file name. Only a regular
// file is read: a FIFO, a device, a folder or a symlink is refused before
// it is opened.
func ParseFile(ctx context.Context, path string) (*Result, error) {
	name := filepath.Base(path)
	data, err := readRegular(path)
	if err != nil {
		return nil, &FileError{name, err}
	}
	res, err := parseBytes(ctx, data)
	if err != nil {
		return nil, &FileError{name, err}
	}
	res.File, res.raw = name, data
	return res, nil
}

// Parse reads a result document completely before building anything, so a
// bad file yields an error and no partial record. Nothing in a file makes
// its record a training one: only the source decides that.
func Parse(r io.Reader) (*Result, error) {
	data, err := io.ReadAll(&limitedReader{r: r, left: MaxFileSize})
	if err != nil {
		return nil, err
	}
	return parseBytes(context.Background(), data)
}

func parseBytes(ctx context.Context, data []byte) (*Result, error) {
	root, err := buildTree(ctx, data, rootElement)
	if err != nil {
		return nil, err
	}
	var withheld []string
	if mayHoldLost(data) {
		withheld = pruneLost(root, rowUnits)
		if err := lostError(root); err != nil {
			return nil, err // in the patient, the header: nothing can be verified
		}
	}
	p := &parser{}
	header, body := p.single(root, headerElement), p.single(root, bodyElement)
	if p.err != nil {
		return nil, p.err
	}
	if err := checkResultCode(root); err != nil {
		return nil, err
	}
	var res *Result
	if len(root.find(checkupNames.Exam)) > 0 || header.child(checkupPatient.Container) != nil {
		res = p.checkups(header, body)
	} else {
		res = p.drugs(header, body)
	}
	if p.err != nil {
		return nil, p.err
	}
	res.Record.Partial = p.partial
	res.Record.Withheld = withheld
	res.FileID = header.value(requestNames.FileID)
	return res, nil
}

func checkResultCode(root *node) error {
	codes := root.find(resultCodeElement)
	if len(codes) == 0 {
		return fmt.Errorf("no <%s>: not an OQS result file", resultCodeElement)
	}
	if c := codes[0].text; c != resultCodeOK {
		msg := oneLine(firstText(root, messageElement))
		if msg == "" {
			msg = "(no MessageContents)"
		}
		return &ResultError{Code: oneLine(c), Message: msg}
	}
	return nil
}

// parser keeps the first error, so the mapping code reads straight through,
// and the row-level problems that leave rows undated (Record.Partial).
type parser struct {
	err     error
	partial []string
}

// dayDate reads the date of a day node. One that cannot be read does not
// throw the whole file away in an emergency: the day's rows are kept
// undated (shown under 日付不明) and the record says partial.
func (p *parser) dayDate(day *node, name string) summary.Date {
	v := day.value(name)
	if d, ok := parseYMD(v); ok {
		return d
	}
	what := fmt.Sprintf("<%s> %q is not a date", name, oneLine(v))
	if v == "" {
		what = fmt.Sprintf("no <%s>", name)
	}
	p.partial = append(p.partial, fmt.Sprintf("line %d: %s: its rows are undated", day.line, what))
	return summary.Date{}
}

// failAt reports a problem with n's child name, at the child's line.
func (p *parser) failAt(n *node, name, format string, a ...any) {
	if c := n.child(name); c != nil {
		n = c
	}
	p.fail(n, format, a...)
}

func (p *parser) fail(n *node, format string, a ...any) {
	if p.err == nil {
		p.err = fmt.Errorf("line %d: %s", n.line, fmt.Sprintf(format, a...))
	}
}

// date reads YYYYMMDD (also YYYY-MM-DD, YYYY/MM/DD) and refuses dates that
// do not exist. An absent element is the zero date.
func (p *parser) date(n *node, name string) summary.Date {
	v := n.value(name)
	if v == "" {
		return summary.Date{}
	}
	d, ok := parseYMD(v)
	if !ok {
		p.failAt(n, name, "<%s> %q is not a real date (YYYYMMDD)", name, v)
	}
	return d
}

// dateSeparators are dropped from dates written YYYY-MM-DD or YYYY/MM/DD.
var dateSeparators = strings.NewReplacer("-", "", "/", "")

func parseYMD(v string) (summary.Date, bool) {
	v = dateSeparators.Replace(v)
	if len(v) != 8 {
		return summary.Date{}, false
	}
	t, err := time.ParseInLocation("20060102", v, summary.Tokyo)
	if err != nil {
		return summary.Date{}, false
	}
	return summary.DateOf(t), true
}

// month reads YYYYMM.
func (p *parser) month(n *node, name string) summary.Month {
	v := n.value(name)
	t, err := time.ParseInLocation("200601", v, summary.Tokyo)
	if len(v) != 6 || err != nil {
		p.failAt(n, name, "<%s> %q is not a month in the form YYYYMM", name, v)
		return summary.Month{}
	}
	return summary.Month{Year: t.Year(), Month: t.Month()}
}

// Sane bounds of a drug row: beyond them a number is a fault, not a
// prescription (and a product of two of them still fits a float exactly
// enough to show).
const (
	maxQuantity = 100_000 // Qua1: a day's or a dose's amount, or a supply
	maxTimes    = 10_000  // Times: days or doses
)

// number reads a quantity of at most limit; absent is 0. The value is
// named: a quantity identifies no one.
func (p *parser) number(n *node, name string, limit float64) float64 {
	v := n.value(name)
	if v == "" {
		return 0
	}
	f, err := strconv.ParseFloat(v, 64)
	switch {
	case err != nil || f < 0 || math.IsInf(f, 0) || math.IsNaN(f):
		p.failAt(n, name, "<%s> %q is not a quantity", name, oneLine(v))
	case f > limit:
		p.failAt(n, name, "<%s> %q exceeds %v: not a real amount", name, v, limit)
	}
	return f
}

func (p *parser) setting(n *node, name string) summary.Setting {
	v := n.value(name)
	s, ok := settingCodes[v]
	if !ok {
		p.failAt(n, name, "<%s> %q is not a known 入院/外来/院外 class", name, v)
	}
	return s
}

func (p *parser) patient(header *node, names patientNames) summary.Patient {
	q := p.single(header, names.Container)
	if p.err != nil {
		return summary.Patient{}
	}
	return summary.Patient{
		Name:      q.value(names.Name),
		Kana:      q.value(names.Kana),
		Birth:     p.birth(q, names.Birth),
		Sex:       summary.Sex(q.value(names.Sex)),
		Insurance: insurance(header),
	}
}

func insurance(n *node) summary.Insurance {
	return summary.Insurance{
		InsurerNumber: strings.TrimSpace(n.value(requestNames.Insurer)),
		Symbol:        n.value(requestNames.Symbol),
		Number:        n.value(requestNames.Number),
		Branch:        n.value(requestNames.Branch),
	}
}

func (p *parser) drugs(header, body *node) *Result {
	rec := &summary.Record{Patient: p.patient(header, drugPatient)}
	res := &Result{Kind: DrugResult, Record: rec}
	months := body.all(treeTable[receipts].Path...)
	// One allocation: a slice grown to 30,000 rows is copied again and again.
	rec.Medications = slices.Grow(rec.Medications, rowCount(receipts, months))
	for _, m := range months {
		v := p.receiptMonth(m, rec)
		if v.Setting != summary.Pharmacy && !slices.Contains(rec.Visits, v) {
			// A medical receipt is a visit; a pharmacy's receipt is not
			// (the prescriber's own receipt records that visit).
			rec.Visits = append(rec.Visits, v)
		}
	}
	for _, m := range body.all(treeTable[dispensing].Path...) {
		rec.Dispensing = p.drugRows(rec.Dispensing, dispensing, m, p.head(dispensing, m), nil)
	}
	for _, m := range body.all(treeTable[prescriptions].Path...) {
		res.Prescriptions = p.drugRows(res.Prescriptions, prescriptions, m, p.head(prescriptions, m), nil)
	}
	return res
}

// monthHead is what a month node says of all its rows.
type monthHead struct {
	visit      summary.Visit
	instCode   string // the institution's 医療機関コード, when given
	prescriber string // "" when the institution prescribed itself
}

func (p *parser) head(t tree, m *node) monthHead {
	names := treeTable[t]
	h := monthHead{visit: summary.Visit{
		Institution: m.value(names.InstName), Month: p.month(m, names.Month), Setting: p.setting(m, names.Setting),
	}, instCode: m.value(names.InstCode)}
	if pr := m.value(names.PrescriberName); pr != h.visit.Institution {
		h.prescriber = pr
	}
	return h
}

// receiptMonth reads one receipt month: its drugs and procedures into rec;
// it returns the visit the month stands for.
func (p *parser) receiptMonth(m *node, rec *summary.Record) summary.Visit {
	h := p.head(receipts, m)
	rec.Medications = p.drugRows(rec.Medications, receipts, m, h, func(day *node, date summary.Date) {
		for _, pn := range day.all(procedureNames.Path...) {
			pr := p.procedure(pn, date, h.visit)
			file(rec, pn.value(procedureNames.Class), pr)
		}
	})
	return h.visit
}

// rowCount is the number of drug rows in the month nodes months of tree t.
func rowCount(t tree, months []*node) int {
	n := 0
	for _, m := range months {
		for _, day := range m.all(treeTable[t].Days...) {
			n += len(day.all(treeTable[t].Drugs...))
		}
	}
	return n
}

// drugRows appends the drug rows of a month node of tree t to out (one
// slice for the file, not one per month copied into it: 30,000 rows made
// the copies most of the parse's memory); eachDay, when set, also sees
// every day node (procedures hang there).
func (p *parser) drugRows(out []summary.Medication, t tree, m *node, h monthHead, eachDay func(*node, summary.Date)) []summary.Medication {
	names := treeTable[t]
	for _, day := range m.all(names.Days...) {
		date := p.dayDate(day, names.Date)
		if eachDay != nil {
			eachDay(day, date)
		}
		for _, dn := range day.all(names.Drugs...) {
			med := summary.Medication{
				Date: date, Setting: h.visit.Setting, Institution: h.visit.Institution, InstitutionCode: h.instCode, Prescriber: h.prescriber,
				Drug: dn.value(names.DrugName), Ingredient: dn.value(names.Ingredient), Code: dn.value(names.DrugCode),
				Usage: dn.value(names.Usage), Instruction: dn.value(names.Instruction), Unit: dn.value(names.Unit),
			}
			if date.IsZero() {
				med.Month = h.visit.Month // the windows still apply to an undated row
			}
			p.quantity(t, dn, &med)
			out = append(out, med)
		}
	}
	return out
}

// quantity fills Amount, Days, Dose and Quantity from Qua1/Unit/Times and
// the row's class (quantityClasses; meanings inferred). No 1回用量 element
// is known (domain.md §4a): a dose is Qua1 only where Qua1 is one.
func (p *parser) quantity(t tree, dn *node, med *summary.Medication) {
	names := treeTable[t]
	q := p.number(dn, names.Quantity, maxQuantity)
	times := p.number(dn, names.Times, maxTimes)
	if times != math.Trunc(times) {
		p.failAt(dn, names.Times, "<%s> %q is not a whole number", names.Times, dn.value(names.Times))
	}
	kind := kindOf(t, dn.value(names.Class))
	med.Amount = roundQuantity(q * times)
	med.Dose = doseOf(kind, q, med.Unit)
	if kind == perDay {
		med.Days = int(times)
	}
	med.Quantity = displayQuantity(kind, q, times, med.Unit)
}

// displayQuantity is the 調剤数量 column as OQSDrug2 shows it, Qua1 and
// Unit then Times: 2錠 14日分, 1錠 5回分, 10g 1処方分.
func displayQuantity(kind quantityKind, q, times float64, unit string) string {
	return formatNumber(roundQuantity(q)) + unit + " " + formatNumber(times) + quantityRules[kind].Suffix
}

// doseOf is the 1回用量 a row proves: Qua1 of a per-dose row, else none.
func doseOf(kind quantityKind, q float64, unit string) string {
	if kind != perDose {
		return ""
	}
	return formatNumber(roundQuantity(q)) + unit
}

func kindOf(t tree, class string) quantityKind {
	for _, c := range quantityClasses[t] {
		if c.Code == class {
			return c.Kind
		}
	}
	return perSupply
}

// roundQuantity drops float noise from a product of decimal quantities
// (receipt quantities have at most 5 decimals).
func roundQuantity(x float64) float64 { return math.Round(x*1e6) / 1e6 }

func formatNumber(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func (p *parser) procedure(n *node, date summary.Date, v summary.Visit) summary.Procedure {
	pr := summary.Procedure{
		Date: date, Setting: v.Setting, Institution: v.Institution,
		Name: n.value(procedureNames.Name), Code: n.value(procedureNames.Code),
	}
	if date.IsZero() {
		pr.Month = v.Month
	}
	// Refuse a non-numeric or absurd amount; the display keeps the text.
	p.number(n, procedureNames.Quantity, maxQuantity)
	p.number(n, procedureNames.Times, maxTimes)
	pr.Quantity = procedureQuantity(n.value(procedureNames.Quantity), n.value(procedureNames.Unit), n.value(procedureNames.Times))
	return pr
}

// procedureQuantity is the display of a procedure's amount: 1回, or 2回 ×3
// when it was done on Times occasions.
func procedureQuantity(qua, unit, times string) string {
	s := qua + unit
	if times != "" && times != "1" {
		s += " ×" + times
	}
	return s
}

// file puts a procedure into the record's list for its kind.
func file(rec *summary.Record, class string, pr summary.Procedure) {
	switch procedureKindOf(class, pr) {
	case surgery:
		rec.Surgeries = append(rec.Surgeries, pr)
	case dialysis:
		rec.Dialysis = append(rec.Dialysis, pr)
	default:
		rec.Procedures = append(rec.Procedures, pr)
	}
}

func procedureKindOf(class string, pr summary.Procedure) procedureKind {
	for _, r := range procedureRules {
		if matchesRule(r.Classes, class, func(c string) bool { return c == class }) ||
			matchesRule(r.Prefixes, pr.Code, func(x string) bool { return strings.HasPrefix(pr.Code, x) }) ||
			matchesRule(r.Names, pr.Name, func(x string) bool { return strings.Contains(pr.Name, x) }) {
			return r.Kind
		}
	}
	return plainProcedure
}

func matchesRule(list []string, v string, match func(string) bool) bool {
	if v == "" {
		return false
	}
	for _, x := range list {
		if match(x) {
			return true
		}
	}
	return false
}

func (p *parser) checkups(header, body *node) *Result {
	rec := &summary.Record{Patient: p.patient(header, checkupPatient)}
	for _, ex := range body.find(checkupNames.Exam) {
		c := summary.Checkup{Date: p.date(ex, checkupNames.Date), Institution: ex.value(checkupNames.Institution)}
		if c.Date.IsZero() {
			p.fail(ex, "no <%s> checkup date", checkupNames.Date)
		}
		for _, it := range ex.all(checkupNames.Items...) {
			r := summary.CheckupResult{
				Code: it.value(checkupNames.ItemCode), Name: it.value(checkupNames.ItemName),
				Value: it.value(checkupNames.Value), Unit: it.value(checkupNames.Unit),
				DataType: it.value(checkupNames.DataType), Oid: it.value(checkupNames.Oid),
			}
			// A coded value shows its text (尿糖 2 → ＋), keeping the code.
			if name := it.value(checkupNames.ValueName); name != "" {
				r.DataValue, r.Value = r.Value, name
			}
			c.Results = append(c.Results, r)
		}
		rec.Checkups = append(rec.Checkups, c)
	}
	return &Result{Kind: CheckupResult, Record: rec}
}

// single returns the one child named name of n. None or a second one is a
// failure: a file holds one answer for one patient.
func (p *parser) single(n *node, name string) *node {
	var found []*node
	for _, k := range n.kids {
		if k.name == name {
			found = append(found, k)
		}
	}
	switch len(found) {
	case 0:
		p.fail(n, "no <%s> in <%s>: not an OQS result file", name, n.name)
		return &node{name: name, line: n.line}
	case 1:
		return found[0]
	}
	p.fail(found[1], "a second <%s> in <%s>: one file answers for one patient", name, n.name)
	return found[0]
}

// birth reads a patient's birth date and refuses one that cannot be right:
// absent, not a date, in the future, before 1880 or over 130 years ago.
// The element is named; the value is not echoed (it identifies the patient).
func (p *parser) birth(n *node, name string) summary.Date {
	d, ok := parseYMD(n.value(name))
	today := summary.Today(time.Now())
	switch {
	case !ok:
		p.failAt(n, name, "<%s> is missing or not a real date (YYYYMMDD)", name)
	case today.Before(d):
		p.failAt(n, name, "<%s> is in the future", name)
	case d.Year < 1880 || d.AgeOn(today) > 130:
		p.failAt(n, name, "<%s> is before 1880 or more than 130 years ago", name)
	}
	return d
}

// maxMessage is the longest OQS message shown or audited, in characters.
const maxMessage = 200

// oneLine makes text from a file safe to show and audit: one line, control
// and format characters removed, runs of white space as one space, at most
// maxMessage characters.
func oneLine(s string) string {
	var b strings.Builder
	n, space := 0, false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case unicode.IsSpace(r) || unicode.IsControl(r):
			space = true
			continue
		case unicode.Is(unicode.Cf, r):
			continue
		}
		if space && n > 0 {
			if n++; n > maxMessage {
				break
			}
			b.WriteByte(' ')
		}
		space = false
		if n++; n > maxMessage {
			break
		}
		b.WriteRune(r)
	}
	if n > maxMessage {
		return truncateRunes(b.String(), maxMessage-1) + "…"
	}
	return b.String()
}

func truncateRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
