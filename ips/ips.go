// Package ips writes a summary view as an HL7 FHIR R4 International
// Patient Summary: a document Bundle whose first entry is the Composition
// (LOINC 60591-5), so that a hospital abroad, or any FHIR system, can read
// what the Japanese emergency summary holds.
package ips

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"html"
	"strconv"
	"strings"
	"time"

	"kyukyu/summary"
	"kyukyu/summary/alerttext"
)

// Code systems and codes; the Japanese ones are JP Core's (domain.md §6).
const (
	loinc         = "http://loinc.org"
	yjSystem      = "http://capstandard.jp/iyaku.info/CodeSystem/YJ-code"
	absentSystem  = "http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips"
	emptySystem   = "http://terminology.hl7.org/CodeSystem/list-empty-reason"
	categorySys   = "http://terminology.hl7.org/CodeSystem/medication-statement-category"
	actReasonSys  = "http://terminology.hl7.org/CodeSystem/v3-ActReason"
	kanaExtension = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation"
	xhtmlNS       = "http://www.w3.org/1999/xhtml"

	// PatientSummary is the Composition type of an IPS.
	PatientSummary = "60591-5"
)

// resource is one FHIR resource as JSON; encoding/json sorts the keys, so
// the encoding is canonical and the id can be derived from it.
type resource map[string]any

// absent is the IPS "no information" entry of a required section.
type absent struct {
	resourceType, subjectKey, codeKey, code, display string
	extra                                            map[string]any // elements the resource requires besides these
}

// sectionDef is one section of the document, in order.
type sectionDef struct {
	code, display, title string
	fill                 func(b *builder, v *summary.View) []line
	absent               *absent // required section: an absent-unknown entry when empty
	note                 string  // why it may be empty, for the narrative
}

// line is a section entry with its narrative text.
type line struct {
	ref, text string
}

var sections = []sectionDef{
	{"104605-1", "Alert", "注意喚起（救急）", (*builder).alerts, nil, "注意喚起に当たる記録はありません。"},
	{"11450-4", "Problem list - Reported", "問題リスト", nil,
		&absent{"Condition", "subject", "code", "no-problem-info", "No information about problems", nil},
		"救急用サマリーに病名の情報は含まれません。"},
	{"48765-2", "Allergies and adverse reactions Document", "アレルギー・副作用", nil,
		&absent{"AllergyIntolerance", "patient", "code", "no-allergy-info", "No information about allergies", nil},
		"救急用サマリーにアレルギーの情報は含まれません。"},
	{"10160-0", "History of Medication use Narrative", "薬剤情報（調剤結果・レセプト）", (*builder).medications,
		&absent{"MedicationStatement", "subject", "medicationCodeableConcept", "no-medication-info", "No information about medications",
			map[string]any{"status": "unknown"}},
		"期間内の薬剤情報はありません。"},
	{"47519-4", "History of Procedures Document", "手術・診療・透析情報", (*builder).procedures, nil,
		"期間内の手術・診療・透析情報はありません。"},
	{"30954-2", "Relevant diagnostic tests/laboratory data Narrative", "健診情報", (*builder).results, nil,
		"期間内の健診情報はありません。"},
}

// medItems and procItems are the summary items each section takes, with
// the category text their entries carry.
var (
	medItems  = []summary.Item{summary.ItemDispensing, summary.ItemMedications}
	procItems = []summary.Item{summary.ItemSurgeries, summary.ItemProcedures, summary.ItemDialysis}
	procKinds = map[summary.Item]string{summary.ItemSurgeries: "手術", summary.ItemProcedures: "診療行為", summary.ItemDialysis: "透析"}

	genders    = map[summary.Sex]string{summary.SexMale: "male", summary.SexFemale: "female", summary.SexNotApplicable: "other", summary.SexUnknown: "unknown"}
	categories = map[summary.Setting]string{summary.Inpatient: "inpatient", summary.Outpatient: "outpatient", summary.Pharmacy: "community"}
)

// Build returns the IPS document of v, created at now, as indented JSON.
// The same view and time always give the same bytes.
func Build(v *summary.View, now time.Time) ([]byte, error) {
	b := &builder{view: v, seen: map[string]int{}}
	ts := now.In(summary.Tokyo).Format(time.RFC3339)
	b.patient = b.add(b.patientResource())
	device := b.add(resource{"resourceType": "Device", "deviceName": []any{map[string]any{"name": "kyukyu", "type": "user-friendly-name"}}})

	var secs []any
	for _, d := range sections {
		secs = append(secs, b.section(d))
	}
	title := "International Patient Summary 救急用サマリー"
	if v.Training {
		title += "（訓練用・実在しない患者）"
	}
	comp := b.add(resource{
		"resourceType": "Composition",
		"status":       "final",
		"type":         concept(coding(loinc, PatientSummary, "Patient summary Document")),
		"subject":      ref(b.patient),
		"date":         ts,
		"author":       []any{ref(device)},
		"title":        title,
		"section":      secs,
	})
	// The Composition was made last (its id covers its references) but leads the document.
	entries := append([]any{b.entries[len(b.entries)-1]}, b.entries[:len(b.entries)-1]...)
	bundle := resource{
		"resourceType": "Bundle",
		"identifier":   map[string]any{"system": "urn:ietf:rfc:3986", "value": uuidOf("bundle " + comp)},
		"type":         "document",
		"timestamp":    ts,
		"entry":        entries,
	}
	if v.Training {
		bundle["meta"] = trainingMeta()
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false) // the narratives are XHTML; keep them readable
	enc.SetIndent("", "  ")
	if err := enc.Encode(bundle); err != nil {
		return nil, fmt.Errorf("ips: %w", err)
	}
	return out.Bytes(), nil
}

type builder struct {
	view    *summary.View
	patient string
	entries []any
	seen    map[string]int
}

// add gives r an id derived from its content (and how many identical
// resources came before, so that two same rows stay two entries) and
// appends it; it returns the fullUrl.
func (b *builder) add(r resource) string {
	if b.view.Training {
		r["meta"] = trainingMeta()
	}
	content, _ := json.Marshal(r) // maps of strings, numbers and slices always encode
	n := b.seen[string(content)]
	b.seen[string(content)]++
	url := uuidOf(fmt.Sprintf("%s#%d", content, n))
	r["id"] = strings.TrimPrefix(url, "urn:uuid:")
	b.entries = append(b.entries, map[string]any{"fullUrl": url, "resource": r})
	return url
}

// uuidOf is a name-based UUID (version 8, SHA-256) as a urn:uuid.
func uuidOf(name string) string {
	h := sha256.Sum256([]byte(name))
	h[6] = h[6]&0x0f | 0x80
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

func (b *builder) patientResource() resource {
	p := b.view.Patient
	r := resource{"resourceType": "Patient", "gender": genders[p.Sex]}
	var names []any
	if p.Name != "" {
		names = append(names, humanName(p.Name, "IDE"))
	}
	if p.Kana != "" {
		names = append(names, humanName(p.Kana, "SYL"))
	}
	if names != nil {
		r["name"] = names
	}
	if !p.Birth.IsZero() {
		r["birthDate"] = p.Birth.String()
	}
	return r
}

// humanName splits 姓 名 at the space; the representation extension tells
// kanji (IDE) from kana (SYL), as JP Core does.
func humanName(s, rep string) map[string]any {
	n := map[string]any{"text": s, "extension": []any{map[string]any{"url": kanaExtension, "valueCode": rep}}}
	if f := strings.Fields(s); len(f) > 1 {
		n["family"], n["given"] = f[0], f[1:]
	}
	return n
}

func (b *builder) section(d sectionDef) map[string]any {
	var lines []line
	if d.fill != nil {
		lines = d.fill(b, b.view)
	}
	s := map[string]any{"title": d.title, "code": concept(coding(loinc, d.code, d.display))}
	switch {
	case len(lines) > 0:
	case d.absent != nil:
		a := d.absent
		r := resource{"resourceType": a.resourceType, a.subjectKey: ref(b.patient), a.codeKey: concept(coding(absentSystem, a.code, a.display))}
		for k, v := range a.extra {
			r[k] = v
		}
		lines = []line{{b.add(r), d.note}}
	default:
		s["emptyReason"] = concept(coding(emptySystem, "unavailable", "Unavailable"))
		s["text"] = narrative([]line{{text: d.note}})
		return s
	}
	var refs []any
	for _, l := range lines {
		refs = append(refs, ref(l.ref))
	}
	s["entry"], s["text"] = refs, narrative(lines)
	return s
}

// alerts are Flags in summary's order, in alerttext's Japanese words.
func (b *builder) alerts(v *summary.View) []line {
	var out []line
	for _, a := range v.Alerts {
		x := alerttext.Render(a, alerttext.Japanese)
		text := x.Tag + x.Title
		r := resource{
			"resourceType": "Flag",
			"status":       "active",
			"code":         map[string]any{"text": text},
			"subject":      ref(b.patient),
		}
		if d := a.CoveredThrough; !d.IsZero() {
			r["period"] = map[string]any{"end": d.String()}
		}
		out = append(out, line{b.add(r), joinNonEmpty(" ", append([]string{text}, append(x.Lines, x.Reversal)...)...)})
	}
	return out
}

func (b *builder) medications(v *summary.View) []line {
	var out []line
	for _, sec := range sectionsOf(v, medItems) {
		for _, m := range sec.Medications {
			med := map[string]any{"text": joinNonEmpty(" ", m.Drug, paren(m.Ingredient))}
			if summary.CodeOf(m.Code).Kind() == summary.CodeYJ {
				med["coding"] = []any{coding(yjSystem, m.Code, m.Drug)}
			}
			status, words := medStatus(v, m)
			notes := []any{map[string]any{"text": sec.Title + " " + place(m.Where(), m.Setting)}}
			if words != "" {
				notes = append(notes, map[string]any{"text": words})
			}
			r := resource{
				"resourceType":              "MedicationStatement",
				"status":                    status,
				"medicationCodeableConcept": med,
				"subject":                   ref(b.patient),
				"effectiveDateTime":         m.Date.String(),
				"note":                      notes,
			}
			if c, ok := categories[m.Setting]; ok {
				r["category"] = concept(coding(categorySys, c, ""))
			}
			if dose := joinNonEmpty(" ", m.Usage, m.Dose, m.Instruction, m.Quantity); dose != "" {
				r["dosage"] = []any{map[string]any{"text": dose}}
			}
			out = append(out, line{b.add(r), joinNonEmpty(" ", m.Date.String(), med["text"].(string), m.Quantity, place(m.Where(), m.Setting))})
		}
	}
	return out
}

// medStatuses is THE mapping of the summary's status of a drug (its supply
// arithmetic: pens, weekly drugs, tapers, receipt lag) to the FHIR
// MedicationStatement status a physician abroad reads, and whether the
// summary's words go beside it as a note:
//   - current, likely-current: active (a supply covers today; regular fills
//     seen through late receipts).
//   - unknown-duration: active. A pen dispensed recently whose days cannot
//     be read: nothing says it ended, and the summary shows it as in use;
//     a physician given insulin or heparin as "unknown" may pass over it.
//   - recently-ended: unknown. The supply ran out days ago, yet receipts
//     lag 1–2 months: "active" would claim what the record does not show,
//     "completed" would reassure falsely; the note says both.
//   - ended: completed; unknown (no days, 頓用 only): unknown.
var medStatuses = map[summary.Status]struct {
	fhir string
	note bool
}{
	summary.StatusCurrent:         {"active", true},
	summary.StatusLikelyCurrent:   {"active", true},
	summary.StatusUnknownDuration: {"active", true},
	summary.StatusRecentlyEnded:   {"unknown", true},
	summary.StatusEnded:           {"completed", false},
	summary.StatusUnknown:         {"unknown", false},
}

// medStatus is a row's FHIR status and the note on it. The row of a
// drug's newest supply date carries the drug's status; an older row was
// followed by a later supply, so it is completed (a FHIR viewer's list of
// active medications shows each drug once), unless nothing is known of
// the drug's days. A row the arithmetic does not cover is unknown.
func medStatus(v *summary.View, m summary.Medication) (status, note string) {
	rs, ok := v.StatusOf(m)
	if !ok {
		return "unknown", ""
	}
	s := medStatuses[rs.Status]
	switch {
	case !rs.Latest && rs.Status != summary.StatusUnknown:
		return "completed", ""
	case s.note:
		return s.fhir, alerttext.StatusWords(rs.Status, rs.CoveredThrough, alerttext.Japanese)
	}
	return s.fhir, ""
}

func (b *builder) procedures(v *summary.View) []line {
	var out []line
	for _, sec := range sectionsOf(v, procItems) {
		kind := procKinds[sec.Item]
		for _, p := range sec.Procedures {
			r := resource{
				"resourceType":      "Procedure",
				"status":            "completed",
				"category":          map[string]any{"text": kind},
				"code":              map[string]any{"text": p.Name},
				"subject":           ref(b.patient),
				"performedDateTime": p.Date.String(),
				"note":              []any{map[string]any{"text": joinNonEmpty(" ", place(p.Institution, p.Setting), "診療行為コード "+p.Code, p.Quantity)}},
			}
			out = append(out, line{b.add(r), joinNonEmpty(" ", p.Date.String(), kind, p.Name, place(p.Institution, p.Setting))})
		}
	}
	return out
}

// results: each 特定健診 is a panel Observation whose members are its
// measured items. The emergency view carries the date alone, so the panel
// then has no members.
func (b *builder) results(v *summary.View) []line {
	var out []line
	for _, sec := range sectionsOf(v, []summary.Item{summary.ItemCheckups}) {
		out = append(out, b.checkups(sec.Checkups)...)
	}
	return out
}

func (b *builder) checkups(cs []summary.Checkup) []line {
	var out []line
	for _, c := range cs {
		observation := func(name string) resource {
			return resource{
				"resourceType":      "Observation",
				"status":            "final",
				"category":          []any{map[string]any{"text": checkupName}},
				"code":              map[string]any{"text": name},
				"subject":           ref(b.patient),
				"effectiveDateTime": c.Date.String(),
			}
		}
		var members []any
		for _, x := range c.Results {
			r := observation(x.Name)
			if _, err := strconv.ParseFloat(x.Value, 64); err == nil && x.Unit != "" {
				r["valueQuantity"] = map[string]any{"value": json.Number(x.Value), "unit": x.Unit}
			} else {
				r["valueString"] = joinNonEmpty(" ", x.Value, x.Unit)
			}
			members = append(members, ref(b.add(r)))
		}
		panel := observation(checkupName)
		if c.Institution != "" {
			panel["performer"] = []any{map[string]any{"display": c.Institution}}
		}
		count := "" // the emergency view has the date alone
		if members != nil {
			panel["hasMember"] = members
			count = fmt.Sprintf("(%d項目)", len(members))
		}
		out = append(out, line{b.add(panel), joinNonEmpty(" ", c.Date.String(), checkupName, c.Institution, count)})
	}
	return out
}

// checkupName names the 特定健診 panel and the category of its items.
const checkupName = "特定健診"

// sectionsOf returns the view's sections of items, in that order.
func sectionsOf(v *summary.View, items []summary.Item) []*summary.Section {
	var out []*summary.Section
	for _, it := range items {
		if s := v.Section(it); s != nil {
			out = append(out, s)
		}
	}
	return out
}

func place(where string, s summary.Setting) string { return joinNonEmpty(" ", where, string(s)) }

func paren(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}

func coding(system, code, display string) map[string]any {
	c := map[string]any{"system": system, "code": code}
	if display != "" {
		c["display"] = display
	}
	return c
}

func concept(c map[string]any) map[string]any { return map[string]any{"coding": []any{c}} }

func ref(url string) map[string]any { return map[string]any{"reference": url} }

func narrative(lines []line) map[string]any {
	var sb strings.Builder
	sb.WriteString(`<div xmlns="` + xhtmlNS + `"><ul>`)
	for _, l := range lines {
		sb.WriteString("<li>" + html.EscapeString(l.text) + "</li>")
	}
	sb.WriteString("</ul></div>")
	return map[string]any{"status": "generated", "div": sb.String()}
}

// trainingMeta marks synthetic data as test data (HTEST) wherever it goes.
func trainingMeta() map[string]any {
	return map[string]any{"security": []any{coding(actReasonSys, "HTEST", "test health records")}}
}
