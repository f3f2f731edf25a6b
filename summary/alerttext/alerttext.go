// Package alerttext chooses the words of the summary's alerts, and of its
// other typed values a person reads (the view's warnings, what is wrong
// with typed insurance numbers): the screen, the paper, the terminal and
// the IPS narrative turn the same typed values into the same sentences
// through one translation table (lang/*.json).
// The screen passes its own translator (Fyne's, with these files added);
// the others use Japanese.
package alerttext

import (
	"bytes"
	"cmp"
	"embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"text/template"

	"kyukyu/summary"
)

// Files holds the translation tables, ja.json and en.json in Dir, in the
// flat key → template form Fyne's lang package reads.
//
//go:embed lang/*.json
var Files embed.FS

// Dir is the folder of Files.
const Dir = "lang"

// Translate is the text of a key with template data ({{.Name}}).
type Translate func(key string, data map[string]any) string

// tables are the parsed translation tables by language, read once.
var tables sync.Map // lang → func() map[string]*template.Template

// parsed reads lang/<lang>.json once.
func parsed(lang string) map[string]*template.Template {
	f, _ := tables.LoadOrStore(lang, sync.OnceValue(func() map[string]*template.Template {
		raw, err := Files.ReadFile(Dir + "/" + lang + ".json")
		if err != nil {
			panic("alerttext: " + err.Error())
		}
		var m map[string]string
		if err := json.Unmarshal(raw, &m); err != nil {
			panic("alerttext: " + lang + ".json: " + err.Error())
		}
		ts := map[string]*template.Template{}
		for k, v := range m {
			ts[k] = template.Must(template.New(k).Option("missingkey=zero").Parse(v))
		}
		return ts
	}))
	return f.(func() map[string]*template.Template)()
}

// Language translates from lang/<lang>.json (ja, en); a missing key is
// returned as it is (a test checks every key has both languages).
func Language(lang string) Translate {
	return func(key string, data map[string]any) string {
		t, ok := parsed(lang)[key]
		if !ok {
			return key
		}
		var b bytes.Buffer
		if err := t.Execute(&b, data); err != nil {
			return key
		}
		return b.String()
	}
}

// Japanese translates from lang/ja.json: the paper, the terminal and the
// IPS narrative.
var Japanese = Language("ja")

// Text is one alert in words.
type Text struct {
	Tag      string   // short kind label that survives black-and-white print: ［抗凝固］
	Title    string   // the headline
	Lines    []string // facts: latest supply, reasons, institutions
	Reversal string   // the reversal agents, or that none is verified; empty for other kinds
	Why      string   // one line: why the kind matters in the ER
	// Short is the title without its reasons: kind, drug, status with its
	// full date (the running header of later pages repeats it).
	Short string
}

// Brief is an alert in one line: its tag, then the title without reasons.
func Brief(a summary.Alert, tr Translate) string {
	x := Render(a, tr)
	return x.Tag + cmp.Or(x.Short, x.Title)
}

// KindName is the name of a kind of alert (抗凝固薬, 睡眠薬・抗不安薬).
func KindName(k summary.AlertKind, tr Translate) string { return tr("alert.kind."+string(k), nil) }

// ClassTag is the short tag of a drug class (［抗凝固］): the tag of the
// alert kind of the same name.
func ClassTag(c summary.Class, tr Translate) string { return tr("alert.tag."+string(c), nil) }

// dateWords and monthWords put dates and months into tr's words.
func dateWords(tr Translate) func(summary.Date) string {
	return func(d summary.Date) string {
		return tr("alert.date", map[string]any{"Y": d.Year, "M": int(d.Month), "D": d.Day})
	}
}

func monthWords(tr Translate) func(summary.Month) string {
	return func(m summary.Month) string { return tr("alert.month", map[string]any{"Y": m.Year, "M": int(m.Month)}) }
}

// Render puts an alert into words.
func Render(a summary.Alert, tr Translate) Text {
	x := Text{Tag: tr("alert.tag."+string(a.Kind), nil), Why: tr("alert.why."+string(a.Kind), nil)}
	date, month := dateWords(tr), monthWords(tr)
	switch a.Kind {
	case summary.AlertRegularInstitution:
		return regular(a, tr, x, month)
	case summary.AlertInteraction:
		x.Title = tr("alert.title.interaction", map[string]any{"Kind": tr("alert.kind.interaction", nil),
			"What": strings.Join(a.Ingredients, tr("alert.plus", nil)), "N": len(a.Ingredients),
			"Effect": tr("alert.effect."+string(a.Effect), map[string]any{"N": len(a.Ingredients)}),
			"Status": tr("alert.status."+string(a.Status), map[string]any{"Date": date(a.CoveredThrough), "Use": use(a, tr)})})
		var names []string
		for _, d := range a.Drugs {
			names = append(names, d.Name)
		}
		x.Lines = append(x.Lines, tr("alert.drugs", map[string]any{"List": strings.Join(names, tr("alert.sep", nil))}))
		x.Why = tr("alert.advice."+a.Advice, nil)
		return x
	case summary.AlertDialysis, summary.AlertDevice:
		if p := a.Procedure; p != nil {
			when := ""
			if a.DateIs != "" {
				when = tr("alert.dateIs."+string(a.DateIs), nil)
			}
			x.Title = tr("alert.title.procedure", map[string]any{"Kind": tr("alert.kind."+string(a.Kind), nil),
				"Modality": modality(a, tr), "When": when, "Date": date(p.Date)})
			x.Lines = append(x.Lines, tr("alert.procedure", map[string]any{"Name": p.Name, "Institution": p.Institution}))
		}
		// Each device has its own first-hour danger (a shunt arm is not an
		// MRI question, home oxygen is a CO2 one); the kind's line is kept
		// for a device without its own.
		x.Why = own(x.Why, "alert.why."+string(a.Kind)+".", a.Modality, tr)
		return x
	}
	// A subclass with a danger of its own (a biologic: no live vaccines).
	x.Why = own(x.Why, "alert.why."+string(a.Kind)+".", a.Subclass, tr)
	status := tr("alert.status."+string(a.Status), map[string]any{"Date": date(a.CoveredThrough),
		"Since": month(a.RegularSince), "Last": month(a.LastSeen), "Use": use(a, tr)})
	what := a.Ingredient
	if sub := a.Subclass; sub != "" {
		what += tr("alert.subclass", map[string]any{"Name": tr("alert.subclass."+sub, nil)})
	}
	dose := "" // a weekly drug's dose per week: daily methotrexate kills
	if a.MgPerWeek > 0 {
		dose = tr("alert.mgPerWeek", map[string]any{"Mg": num(a.MgPerWeek)})
	}
	x.Title = tr("alert.title.drug", map[string]any{"Kind": tr("alert.kind."+string(a.Kind), nil), "What": what, "Dose": dose, "Status": status})
	// The long course says its dose (the stress dose depends on it) unless
	// the high-dose reason already does.
	pslCourse := ""
	if a.PrednisoloneEqMgPerDay > 0 && !slices.Contains(a.Reasons, summary.ReasonHighDose) {
		pslCourse = num(a.PrednisoloneEqMgPerDay)
	}
	var changes []string
	for _, c := range a.DoseChanges {
		changes = append(changes, tr("alert.doseChange", map[string]any{"Date": date(c.Date), "From": num(c.FromMgPerDay), "To": num(c.ToMgPerDay)}))
	}
	refills := map[string]any{}
	if r := a.EarlyRefills; r != nil {
		var ds []string
		for _, d := range r.Dates {
			ds = append(ds, date(d))
		}
		refills = map[string]any{"Window": r.WindowDays, "Dispensed": num(r.DispensedMg), "Needed": num(r.NeededMg),
			"Dates": tr("alert.reasons", map[string]any{"List": strings.Join(ds, tr("alert.sep", nil))})}
	}
	total := "" // a duplicate's mg per day in all, when one ingredient
	if a.MgPerDay > 0 {
		total = num(a.MgPerDay)
	}
	var reasons []string
	for _, r := range a.Reasons {
		if r == summary.ReasonRegularFills {
			continue // said by the status
		}
		data := map[string]any{
			"MgPerDay": num(a.MgPerDay), "Max": num(a.MaxMgPerDay), "MaxWeek": num(a.MaxMgPerWeek), "MgPerWeek": num(a.MgPerWeek), "Times": fmt.Sprintf("%.1f", ratio(a.MgPerDay, a.MaxMgPerDay)),
			"DiazepamEq": num(a.DiazepamEqMgPerDay), "PSL": num(a.PrednisoloneEqMgPerDay), "PSLCourse": pslCourse, "N": len(a.Institutions), "Concurrent": strings.Join(a.Concurrent, "・"),
			"Ingredients": strings.Join(a.Ingredients, "・"), "Count": len(a.Ingredients) + len(a.Concurrent),
			"Total": total, "Others": strings.Join(a.Concurrent, tr("alert.sep", nil)),
			"Changes": strings.Join(changes, tr("alert.sep", nil)),
		}
		for k, v := range refills {
			data[k] = v
		}
		reasons = append(reasons, tr("alert.reason."+string(r), data))
	}
	x.Short = x.Title
	if len(reasons) > 0 {
		x.Title += tr("alert.reasons", map[string]any{"List": strings.Join(reasons, tr("alert.sep", nil))})
	}
	if len(a.Rows) > 0 {
		m := a.Rows[0]
		supply := m.Quantity
		if a.DaysSupplied > 0 {
			supply = tr("alert.days", map[string]any{"N": a.DaysSupplied})
		}
		x.Lines = append(x.Lines, tr("alert.latest", map[string]any{"Date": date(a.LatestDate), "Where": m.Where(), "Drug": m.Drug, "Supply": supply}))
	}
	if len(a.Institutions) > 0 {
		x.Lines = append(x.Lines, tr("alert.institutions", map[string]any{"List": strings.Join(a.Institutions, tr("alert.sep", nil))}))
	}
	if h := a.AtHand; h != nil {
		x.Lines = append(x.Lines, tr("alert.atHand", map[string]any{"Amount": num(h.Amount), "Unit": h.Unit, "Days": h.Days}))
	}
	// A stopped antiepileptic or steroid is itself a danger: say why.
	if a.Status == summary.StatusRecentlyEnded && a.Kind.StoppingIsDanger() {
		x.Lines = append(x.Lines, tr("alert.stopped."+string(a.Kind), nil))
	}
	if a.Kind == summary.AlertAnticoagulant {
		x.Reversal = reversal(a, tr)
	}
	return x
}

// Headings and notes of the current-medication list.
const (
	CurrentHeading = "current.heading"
	CurrentNone    = "current.none"
	CannotShow     = "current.cannotShow" // what the data cannot show
)

// CurrentLine is one line of 現在服用中の可能性がある薬: the class tag, the
// drug, the dose per day, until when, and where it came from (with how many
// other institutions supply it at once).
func CurrentLine(c summary.CurrentMedication, tr Translate) string {
	tag := ""
	if c.Class != summary.ClassNone {
		tag = ClassTag(c.Class, tr)
	}
	dose := c.Usage
	switch {
	case c.MgPerWeek > 0:
		dose = tr("current.mgPerWeek", map[string]any{"Mg": num(c.MgPerWeek), "Usage": c.Usage})
	case c.MgPerDay > 0:
		dose = tr("current.mgPerDay", map[string]any{"Mg": num(c.MgPerDay)})
	}
	ingredient := c.Ingredient
	if ingredient == c.Drug {
		ingredient = ""
	}
	status := StatusWords(c.Status, c.CoveredThrough, tr)
	advice := ""
	if c.Patch {
		advice = tr("current.patch", nil)
	}
	return tr("current.line", map[string]any{"Tag": tag, "Drug": c.Drug, "Ingredient": ingredient, "Dose": dose,
		"Status": status, "Institution": c.Institution, "Others": max(len(c.Prescribers)-1, 0), "Advice": advice})
}

// StatusWords say what a status of a drug likely taken today means, with
// until when its supplies ran (継続中の可能性が高い…, 使用中の可能性（日数不明）).
func StatusWords(st summary.Status, through summary.Date, tr Translate) string {
	return tr("current.status."+string(st), map[string]any{"Date": dateWords(tr)(through)})
}

func reversal(a summary.Alert, tr Translate) string {
	if a.NoReversal || len(a.Reversal) == 0 {
		return tr("alert.noReversal", nil)
	}
	var agents []string
	for _, r := range a.Reversal {
		s := Agent(r.Agent, tr)
		if r.Brand != "" {
			s = tr("alert.brand", map[string]any{"Agent": s, "Brand": named("alert.brandName.", r.Brand, tr)})
		}
		if r.Partial {
			s = tr("alert.partial", map[string]any{"Agent": s})
		}
		agents = append(agents, s)
	}
	return tr("alert.reversal", map[string]any{"Agents": strings.Join(agents, tr("alert.sep", nil))})
}

// use is the verb of the status: 服用 for what is swallowed, 使用 for an
// injection or a patch (insulin, heparin or a fentanyl patch is not 服用).
func use(a summary.Alert, tr Translate) string {
	codes := make([]string, 0, len(a.Drugs)+1)
	if len(a.Rows) > 0 {
		codes = append(codes, a.Rows[0].Code)
	} else { // an interaction: used if one of its drugs is
		for _, d := range a.Drugs {
			codes = append(codes, d.Code)
		}
	}
	for _, c := range codes {
		if r := summary.CodeOf(c).Route(); r == summary.RouteInjection || r == summary.RouteExternal {
			return tr("alert.use.other", nil)
		}
	}
	return tr("alert.use.oral", nil)
}

// Agent is a reversal agent's name in the reader's language (the table
// keeps the Japanese name, as a doctor orders it in Japan).
func Agent(name string, tr Translate) string { return named("alert.agent.", name, tr) }

// named looks a name up under a prefix; a name the table lacks is shown
// as it is (a test checks every agent of the drug table has its words).
func named(prefix, name string, tr Translate) string {
	if w := tr(prefix+name, nil); w != prefix+name {
		return w
	}
	return name
}

// own is the line under prefix+name when there is one, else the kind's.
func own(kind, prefix, name string, tr Translate) string {
	if w := tr(prefix+name, nil); name != "" && w != prefix+name {
		return w
	}
	return kind
}

func modality(a summary.Alert, tr Translate) string {
	if a.Modality == "" {
		return ""
	}
	return tr("alert.modality."+a.Modality, nil)
}

func regular(a summary.Alert, tr Translate, x Text, month func(summary.Month) string) Text {
	if len(a.Ranking) == 0 {
		return x
	}
	top := a.Ranking[0]
	x.Title = tr("alert.regular.title", map[string]any{"Institution": top.Institution, "Span": a.SpanMonths,
		"Months": top.Months, "Latest": month(top.Latest)})
	if len(a.Tied) > 1 {
		x.Title = tr("alert.regular.tie", map[string]any{"List": strings.Join(a.Tied, tr("alert.sep", nil)), "Span": a.SpanMonths, "Months": top.Months})
	}
	lines := make([]string, len(a.Ranking))
	for i, r := range a.Ranking {
		lines[i] = tr("alert.regular.line", map[string]any{"Institution": r.Institution, "Months": r.Months, "Latest": month(r.Latest)})
	}
	x.Lines = []string{tr("alert.regular.ranking", map[string]any{"Span": a.SpanMonths, "List": strings.Join(lines, tr("alert.sep", nil))})}
	return x
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func num(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", f), "0"), ".")
}
