package oqs

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"

	"kyukyu/summary"
)

// Encoding is the character encoding a document is written in.
type Encoding string

const (
	ShiftJIS Encoding = "Shift_JIS"
	UTF8     Encoding = "UTF-8"
)

// ParseEncoding accepts the two encodings the exchange uses.
func ParseEncoding(s string) (Encoding, error) {
	switch strings.ToLower(s) {
	case "shift_jis", "sjis", "shift-jis":
		return ShiftJIS, nil
	case "utf-8", "utf8":
		return UTF8, nil
	}
	return "", fmt.Errorf("encoding %q is not one of Shift_JIS, UTF-8", s)
}

// doc builds an XML document element by element.
type doc struct{ b bytes.Buffer }

func (d *doc) open(name string)  { d.b.WriteString("<" + name + ">") }
func (d *doc) close(name string) { d.b.WriteString("</" + name + ">\n") }

func (d *doc) leaf(name, value string) {
	d.b.WriteString("<" + name + ">")
	xml.EscapeText(&d.b, []byte(value))
	d.b.WriteString("</" + name + ">\n")
}

// bytes returns the document with its declaration, in enc.
func (d *doc) bytes(enc Encoding) ([]byte, error) {
	out := []byte(`<?xml version="1.0" encoding="` + string(enc) + `"?>` + "\n" + d.b.String())
	if enc == UTF8 {
		return out, nil
	}
	sj, err := japanese.ShiftJIS.NewEncoder().Bytes(out)
	if err != nil {
		return nil, fmt.Errorf("the document has a character Shift_JIS cannot hold (write it in UTF-8): %w", err)
	}
	return sj, nil
}

// resultBytes is bytes for a result document: in Shift_JIS a character it
// cannot hold (𠮷, 𩸽) becomes 〓, the JIS substitute, as systems writing
// Shift_JIS do. A request is never altered so (bytes refuses it instead):
// it would ask for someone else.
func (d *doc) resultBytes(enc Encoding) ([]byte, error) {
	if enc == ShiftJIS {
		s := substituteShiftJIS(d.b.String())
		d.b.Reset()
		d.b.WriteString(s)
	}
	return d.bytes(enc)
}

// substituteShiftJIS replaces every character Shift_JIS (CP932) cannot
// hold with 〓.
func substituteShiftJIS(s string) string {
	enc := japanese.ShiftJIS.NewEncoder()
	return strings.Map(func(r rune) rune {
		if r < utf8.RuneSelf {
			return r
		}
		if _, err := enc.String(string(r)); err != nil {
			return '〓'
		}
		return r
	}, s)
}

// newDoc opens XmlMsg and MessageHeader with the result code and, when
// set, the request's ArbitraryFileIdentifier.
func newDoc(code, message, id string) *doc {
	d := &doc{}
	d.open(rootElement)
	d.open(headerElement)
	d.leaf(resultCodeElement, code)
	d.leaf(messageElement, message)
	if id != "" {
		d.leaf(requestNames.FileID, id)
	}
	return d
}

func (d *doc) insurance(in summary.Insurance) {
	d.leaf(requestNames.Insurer, fmt.Sprintf("%8s", in.InsurerNumber))
	d.leaf(requestNames.Symbol, in.Symbol)
	d.leaf(requestNames.Number, in.Number)
	d.leaf(requestNames.Branch, in.Branch)
}

func (d *doc) patient(rec *summary.Record, names patientNames) {
	p := rec.Patient
	d.insurance(p.Insurance)
	d.open(names.Container)
	d.leaf(names.Name, p.Name)
	d.leaf(names.Kana, p.Kana)
	d.leaf(names.Birth, ymd(p.Birth))
	d.leaf(names.Sex, string(p.Sex))
	d.close(names.Container)
}

func ymd(d summary.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d%02d%02d", d.Year, int(d.Month), d.Day)
}

func yyyymm(m summary.Month) string { return fmt.Sprintf("%04d%02d", m.Year, int(m.Month)) }

// RenderError is a result refusing a request: ResultCode code, message.
func RenderError(code, message string, enc Encoding) ([]byte, error) {
	d := newDoc(code, message, "")
	d.close(headerElement)
	d.open(bodyElement)
	d.close(bodyElement)
	d.close(rootElement)
	return d.resultBytes(enc)
}

// RenderDrugResult writes the 薬剤情報/診療情報 of rec as a YZKsiquc01res
// document: visits, receipt drugs and procedures in the receipt tree,
// dispensing results in CzDiInf. Rows are grouped into month nodes per
// institution, as the OQS groups them.
func RenderDrugResult(rec *summary.Record, enc Encoding) ([]byte, error) {
	return renderDrugResult(rec, "", enc)
}

// renderDrugResult is RenderDrugResult answering request id.
func renderDrugResult(rec *summary.Record, id string, enc Encoding) ([]byte, error) {
	d := newDoc(resultCodeOK, "", id)
	d.patient(rec, drugPatient)
	d.close(headerElement)
	d.open(bodyElement)
	months := &monthNodes{}
	for _, v := range rec.Visits {
		months.get(v.Institution, "", v.Month, v.Setting, "")
	}
	for _, m := range rec.Medications {
		day := months.get(m.Institution, m.InstitutionCode, m.Date.MonthOf(), m.Setting, m.Prescriber).day(m.Date)
		day.meds = append(day.meds, m)
	}
	for _, set := range []struct {
		rows []summary.Procedure
		kind procedureKind
	}{{rec.Procedures, plainProcedure}, {rec.Surgeries, surgery}, {rec.Dialysis, dialysis}} {
		for _, p := range set.rows {
			day := months.get(p.Institution, "", p.Date.MonthOf(), p.Setting, "").day(p.Date)
			day.procs = append(day.procs, procRow{p, set.kind})
		}
	}
	for _, m := range months.list {
		d.month(receipts, m)
	}
	disp := &monthNodes{}
	for _, m := range rec.Dispensing {
		day := disp.get(m.Institution, m.InstitutionCode, m.Date.MonthOf(), m.Setting, m.Prescriber).day(m.Date)
		day.meds = append(day.meds, m)
	}
	d.open(treeTable[dispensing].Path[0])
	for _, m := range disp.list {
		d.month(dispensing, m)
	}
	d.close(treeTable[dispensing].Path[0])
	d.close(bodyElement)
	d.close(rootElement)
	return d.resultBytes(enc)
}

type procRow struct {
	summary.Procedure
	kind procedureKind
}

type dayNode struct {
	date  summary.Date
	meds  []summary.Medication
	procs []procRow
}

type monthNode struct {
	inst, instCode, prescriber string
	month                      summary.Month
	setting                    summary.Setting
	days                       []*dayNode
}

func (m *monthNode) day(d summary.Date) *dayNode {
	for _, x := range m.days {
		if x.date == d {
			return x
		}
	}
	x := &dayNode{date: d}
	m.days = append(m.days, x)
	return x
}

// monthNodes keeps month nodes in first-seen order.
type monthNodes struct{ list []*monthNode }

func (ms *monthNodes) get(inst, instCode string, month summary.Month, setting summary.Setting, prescriber string) *monthNode {
	for _, m := range ms.list {
		// A visit or a procedure carries no code: it joins the node of its
		// institution, whose code a drug row sets.
		if m.inst == inst && m.month == month && m.setting == setting && m.prescriber == prescriber &&
			(m.instCode == instCode || m.instCode == "" || instCode == "") {
			m.instCode = cmp.Or(m.instCode, instCode)
			return m
		}
	}
	m := &monthNode{inst: inst, instCode: instCode, prescriber: prescriber, month: month, setting: setting}
	ms.list = append(ms.list, m)
	return m
}

func settingCode(s summary.Setting) string {
	for code, v := range settingCodes {
		if v == s {
			return code
		}
	}
	return ""
}

func (d *doc) month(t tree, m *monthNode) {
	names := treeTable[t]
	month := names.Path[len(names.Path)-1]
	d.open(month)
	own, prescriber := "1", m.prescriber
	if prescriber == "" {
		prescriber = m.inst
	} else {
		own = "0"
	}
	if m.instCode != "" {
		d.leaf(names.InstCode, m.instCode)
	}
	d.leaf(names.InstName, m.inst)
	d.leaf(names.PrescriberName, prescriber)
	d.leaf(names.Month, yyyymm(m.month))
	d.leaf(names.OwnPrescription, own)
	d.leaf(names.Setting, settingCode(m.setting))
	d.open(names.Days[0])
	for _, day := range m.days {
		d.open(names.Days[1])
		d.leaf(names.Date, ymd(day.date))
		if len(day.meds) > 0 {
			d.open(names.Drugs[0])
			for _, med := range day.meds {
				d.drug(t, med)
			}
			d.close(names.Drugs[0])
		}
		if len(day.procs) > 0 {
			d.open(procedureNames.Path[0])
			for _, p := range day.procs {
				d.procedure(p)
			}
			d.close(procedureNames.Path[0])
		}
		d.close(names.Days[1])
	}
	d.close(names.Days[0])
	d.close(month)
}

// drug writes one drug row; the inverse of parser.quantity.
func (d *doc) drug(t tree, m summary.Medication) {
	names := treeTable[t]
	kind, q, times := quantityOf(m)
	d.open(names.Drugs[1])
	d.leaf(names.DrugCode, m.Code)
	d.leaf(names.DrugName, m.Drug)
	d.leaf(names.Ingredient, m.Ingredient)
	// Full precision: Amount = Qua1 × Times must survive the round trip
	// (2 kits over 30 days is 0.0666… a day).
	d.leaf(names.Quantity, formatNumber(q))
	d.leaf(names.Unit, m.Unit)
	d.leaf(names.Usage, m.Usage)
	d.leaf(names.Instruction, m.Instruction)
	d.leaf(names.Times, formatNumber(times))
	d.leaf(names.Class, classCode(t, kind))
	d.close(names.Drugs[1])
}

// quantityOf chooses how a medication's amount is written: per day when it
// has days, per dose when its display counts doses, else as supplies.
func quantityOf(m summary.Medication) (kind quantityKind, q, times float64) {
	switch {
	case m.Days > 0:
		return perDay, m.Amount / float64(m.Days), float64(m.Days)
	case strings.HasSuffix(m.Quantity, quantityRules[perDose].Suffix):
		if dose, err := strconv.ParseFloat(strings.TrimSuffix(m.Dose, m.Unit), 64); err == nil && dose > 0 {
			return perDose, dose, m.Amount / dose
		}
	}
	return perSupply, m.Amount, 1
}

// AsDelivered is rec as it reads back from result XML (a real record): the quantity column
// derived from the numbers (displayQuantity), a visit for every month an
// institution billed care (a receipt is a visit), and procedures sorted by
// procedureRules (a K-code is a surgery). Tests compare a source's record
// with what came through the exchange by it.
func AsDelivered(rec *summary.Record) *summary.Record {
	out := *rec
	out.Training = false // only the source makes a record training, never the XML
	derive := func(ms []summary.Medication) []summary.Medication {
		ms = slices.Clone(ms)
		for i, m := range ms {
			kind, q, times := quantityOf(m)
			ms[i].Quantity = displayQuantity(kind, roundQuantity(q), times, m.Unit)
			ms[i].Dose = doseOf(kind, roundQuantity(q), m.Unit)
		}
		return ms
	}
	out.Medications, out.Dispensing = derive(rec.Medications), derive(rec.Dispensing)
	out.Visits = slices.Clone(rec.Visits)
	billed := func(inst string, d summary.Date, s summary.Setting) {
		v := summary.Visit{Institution: inst, Month: d.MonthOf(), Setting: s}
		if s != summary.Pharmacy && !slices.Contains(out.Visits, v) {
			out.Visits = append(out.Visits, v)
		}
	}
	for _, m := range rec.Medications {
		billed(m.Institution, m.Date, m.Setting)
	}
	out.Procedures, out.Surgeries, out.Dialysis = nil, nil, nil
	for _, set := range []struct {
		rows  []summary.Procedure
		class string
	}{{rec.Procedures, ""}, {rec.Surgeries, procedureClass(surgery)}, {rec.Dialysis, procedureClass(dialysis)}} {
		for _, p := range set.rows {
			billed(p.Institution, p.Date, p.Setting)
			file(&out, set.class, p)
		}
	}
	return &out
}

func classCode(t tree, k quantityKind) string {
	for _, c := range quantityClasses[t] {
		if c.Kind == k {
			return c.Code
		}
	}
	return ""
}

// procedureClass is the 診療識別 the writer gives a kind.
func procedureClass(k procedureKind) string {
	for _, r := range procedureRules {
		if r.Kind == k {
			return r.Class
		}
	}
	return ""
}

func (d *doc) procedure(p procRow) {
	class := procedureClass(p.kind)
	qua, unit, times := splitProcedureQuantity(p.Quantity)
	d.open(procedureNames.Path[1])
	d.leaf(procedureNames.Name, p.Name)
	d.leaf(procedureNames.Code, p.Code)
	d.leaf(procedureNames.Class, class)
	d.leaf(procedureNames.Quantity, qua)
	d.leaf(procedureNames.Unit, unit)
	d.leaf(procedureNames.Times, times)
	d.close(procedureNames.Path[1])
}

// splitProcedureQuantity is the inverse of procedureQuantity; text that is
// not a number and a unit travels whole in Unit.
func splitProcedureQuantity(s string) (qua, unit, times string) {
	times = "1"
	if i := strings.LastIndex(s, " ×"); i >= 0 {
		s, times = s[:i], s[i+len(" ×"):]
	}
	end := 0
	for end < len(s) && (s[end] >= '0' && s[end] <= '9' || s[end] == '.') {
		end++
	}
	if _, err := strconv.ParseFloat(s[:end], 64); err != nil {
		return "", s, times
	}
	return s[:end], s[end:], times
}

// RenderCheckupResult writes the 特定健診 of rec as a TKKsiquc01res document.
func RenderCheckupResult(rec *summary.Record, enc Encoding) ([]byte, error) {
	return renderCheckupResult(rec, "", enc)
}

// renderCheckupResult is RenderCheckupResult answering request id.
func renderCheckupResult(rec *summary.Record, id string, enc Encoding) ([]byte, error) {
	d := newDoc(resultCodeOK, "", id)
	d.patient(rec, checkupPatient)
	d.close(headerElement)
	d.open(bodyElement)
	for _, c := range rec.Checkups {
		d.open(checkupNames.Exam)
		d.leaf(checkupNames.Date, ymd(c.Date))
		d.leaf(checkupNames.Institution, c.Institution)
		d.open(checkupNames.Items[0])
		for _, r := range c.Results {
			d.open(checkupNames.Items[1])
			d.leaf(checkupNames.ItemCode, r.Code)
			d.leaf(checkupNames.ItemName, r.Name)
			d.leaf(checkupNames.DataType, r.DataType)
			if r.DataValue != "" {
				d.leaf(checkupNames.Value, r.DataValue)
				d.leaf(checkupNames.ValueName, r.Value)
			} else {
				d.leaf(checkupNames.Value, r.Value)
			}
			d.leaf(checkupNames.Unit, r.Unit)
			d.leaf(checkupNames.Oid, r.Oid)
			d.close(checkupNames.Items[1])
		}
		d.close(checkupNames.Items[0])
		d.close(checkupNames.Exam)
	}
	d.close(bodyElement)
	d.close(rootElement)
	return d.resultBytes(enc)
}

// RenderFace writes an OQSsiquc01res_face qualification result for p in
// the connector's shape: SegmentOfResult and ProcessingResultStatus, no
// ResultCode, the record under ResultList.
func RenderFace(p summary.Patient, id string, enc Encoding) ([]byte, error) {
	d := &doc{}
	d.open(rootElement)
	d.open(headerElement)
	d.leaf(faceNames.Segment, faceSuccess)
	d.leaf(faceNames.FileID, id)
	d.close(headerElement)
	d.open(bodyElement)
	d.open(faceNames.Record[0])
	d.open(faceNames.Record[1])
	d.leaf(faceNames.Name, p.Name)
	d.leaf(faceNames.Kana, p.Kana)
	d.leaf(faceNames.Birth, ymd(p.Birth))
	d.leaf(faceNames.Sex, string(p.Sex))
	d.leaf(faceNames.Insurer, p.Insurance.InsurerNumber)
	d.leaf(faceNames.Symbol, p.Insurance.Symbol)
	d.leaf(faceNames.Number, p.Insurance.Number)
	d.leaf(faceNames.Branch, p.Insurance.Branch)
	for _, c := range faceNames.Consent {
		d.leaf(c, consentGiven)
	}
	d.close(faceNames.Record[1])
	d.close(faceNames.Record[0])
	d.leaf(faceNames.Status, faceSuccess)
	d.close(bodyElement)
	d.close(rootElement)
	return d.resultBytes(enc)
}
