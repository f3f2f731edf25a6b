package pdf

import (
	"fmt"
	"strings"

	"kyukyu/pdf/internal/pdfdoc"
	"kyukyu/summary"
	"kyukyu/summary/alerttext"
)

// field is a label and its value in the patient block.
type field struct {
	label, value string
	labelW       float64
	valueW       float64
	strong       bool
}

// patientFields is the sample's patient block, row by row.
// patientName is the name as printed: the connector may give only the kana
// (no Name in a face-auth result), and a blank 氏名 would look like a gap.
func patientName(p summary.Patient) string {
	if p.Name == "" {
		return "（漢字氏名の記載なし）"
	}
	return p.Name
}

func patientFields(v *summary.View) [][]field {
	p, ins := v.Patient, v.Patient.Insurance
	const lw, rlw, rvw = 22.0, 32.0, 40.0
	lv := contentW - lw - rlw - rvw
	return [][]field{
		{{"氏名カナ", p.Kana, lw, lv, false}, {"保険者番号", ins.InsurerNumber, rlw, rvw, false}},
		{{"氏名", patientName(p), lw, lv, true}, {"被保険者証等記号", ins.Symbol, rlw, rvw, false}},
		{{"生年月日", p.Birth.Japanese(), lw, lv, false}, {"被保険者証等番号", ins.Number, rlw, rvw, false}},
		{{"性別", p.Sex.Japanese(), lw, (lv - lw) / 2, false}, {"年齢", fmt.Sprintf("%d歳", v.Age), lw, (lv - lw) / 2, false},
			{"枝番", ins.Branch, rlw, rvw, false}},
	}
}

// patientBlock draws the sample's patient block. A value too long for its
// cell shrinks down to sizeMin, then wraps, and the row grows: nothing is
// cut and nothing runs into the next cell.
func (r *renderer) patientBlock() {
	const minH = 6.0
	top := r.y
	for _, fs := range patientFields(r.v) {
		type laid struct {
			size  float64
			lines []string
			style style
		}
		values := make([]laid, len(fs))
		h := minH
		for i, f := range fs {
			s, size := regular, sizeBody+1
			if f.strong {
				s, size = bold, sizeBody+2.5
			}
			size, lines := r.fit(f.value, s, size, f.valueW-2*cellPadX)
			values[i] = laid{size, lines, s}
			h = max(h, float64(len(lines))*lineHeight(size)+2*cellPadY)
		}
		x := marginL
		for i, f := range fs {
			r.page.Fill(grey)
			r.page.Rect(x, r.y, f.labelW, h, true, true)
			r.page.Fill(black)
			r.text(x+cellPadX, r.y+1.4, regular, sizeBody, f.label)
			x += f.labelW
			r.page.Rect(x, r.y, f.valueW, h, false, true)
			v := values[i]
			y := r.y + (h-float64(len(v.lines))*lineHeight(v.size))/2 + (lineHeight(v.size)-v.size*ptToMM)/2 - 0.3
			for _, l := range v.lines {
				r.text(x+cellPadX, y, v.style, v.size, l)
				y += lineHeight(v.size)
			}
			x += f.valueW
		}
		r.y += h
	}
	r.page.LineWidth(0.5)
	r.page.Rect(marginL, top, contentW, r.y-top, false, true)
	r.page.LineWidth(0.2)
	r.y += 1.5
	for _, w := range r.v.Warnings {
		r.paragraph("※"+alerttext.Warning(w, alerttext.Japanese), bold, sizeSmall)
	}
	r.y += 1
}

// highlight is how a drug class shows in a table: a tag that survives
// black-and-white printing, and for anticoagulants bold with a margin mark.
type highlight struct {
	tag    string
	strong bool
}

// highlightOf gives every highlighted class alerttext's tag (the screen's
// and the alert box's); anticoagulants are strong.
func highlightOf(c summary.Class) highlight {
	if c == "" || c == summary.ClassNone {
		return highlight{}
	}
	return highlight{alerttext.ClassTag(c, alerttext.Japanese), c == summary.ClassAnticoagulant}
}

// alertHeading names the kinds of alert present, in the alerts' order,
// with the number of drugs when more than one (抗血小板薬2剤), or of
// findings for the kinds that are no drug (植込み機器・在宅医療2件) and for
// interactions (相互作用2件). Drugs
// are counted by ingredient, not by alert: one drug over its maximum and
// the class total over 15 mg diazepam-eq are two alerts about one drug.
// Kinds are joined by 、 because several names hold a ・ of their own.
func alertHeading(alerts []summary.Alert) string {
	var kinds []summary.AlertKind
	count := map[summary.AlertKind]int{}
	drugs := map[summary.AlertKind]map[string]bool{}
	for _, a := range alerts {
		if a.Kind == summary.AlertRegularInstitution {
			continue
		}
		if count[a.Kind] == 0 {
			kinds = append(kinds, a.Kind)
			drugs[a.Kind] = map[string]bool{}
		}
		count[a.Kind]++
		ings := a.Ingredients
		if len(ings) == 0 && a.Ingredient != "" {
			ings = []string{a.Ingredient}
		}
		if a.Kind == summary.AlertInteraction {
			ings = nil // combinations are counted (相互作用2件), their drugs are the other alerts'
		}
		for _, ing := range ings {
			drugs[a.Kind][ing] = true
		}
	}
	if len(kinds) == 0 {
		return "【参考】" + alerttext.KindName(summary.AlertRegularInstitution, alerttext.Japanese)
	}
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		n, unit := len(drugs[k]), "剤"
		if n == 0 {
			n, unit = count[k], "件"
		}
		parts[i] = alerttext.KindName(k, alerttext.Japanese) + "あり"
		if n > 1 {
			parts[i] = fmt.Sprintf("%s%d%s", alerttext.KindName(k, alerttext.Japanese), n, unit)
		}
	}
	return "【要確認】" + strings.Join(parts, "、")
}

// alertBox lists the alerts in a red frame before the sections, in the
// order and the words of the screen (summary sorts, alerttext words), the
// regular institution (a lead, not a danger) in a 【参考】 box of its own
// with a grey frame; then the drugs likely taken today and what the data
// cannot show.
func (r *renderer) alertBox() {
	var danger, reference []summary.Alert
	for _, a := range r.v.Alerts {
		if a.Kind == summary.AlertRegularInstitution {
			reference = append(reference, a)
		} else {
			danger = append(danger, a)
		}
	}
	r.alertTable(danger, red, 0.9)
	r.alertTable(reference, referenceFrame, 0.6)
	// The current list as compact paragraphs: one line each, the sample's
	// single page must still hold.
	heading := "【" + alerttext.Japanese(alerttext.CurrentHeading, nil) + "】"
	if len(r.v.Current) == 0 {
		heading += alerttext.Japanese(alerttext.CurrentNone, nil)
	}
	r.paragraph(heading, bold, sizeSmall+0.5)
	for _, c := range r.v.Current {
		r.paragraph("・"+alerttext.CurrentLine(c, alerttext.Japanese), regular, sizeSmall+0.5)
	}
	r.paragraph("※"+alerttext.Japanese(alerttext.CannotShow, nil), bold, sizeSmall)
}

// alertTable draws alerts in one framed box under their heading.
func (r *renderer) alertTable(alerts []summary.Alert, frame pdfdoc.RGB, width float64) {
	if len(alerts) == 0 {
		return
	}
	r.drawTable(&table{
		columns: []column{{alertHeading(alerts), contentW}},
		rows:    alertRows(alerts),
		size:    sizeBody + 0.5,
		frame:   frame,
		frameW:  width,
	})
}

// alertRows words each alert as one row: tag and title, its facts, why it
// matters, the reversal agents.
func alertRows(alerts []summary.Alert) []row {
	var rows []row
	for _, a := range alerts {
		x := alerttext.Render(a, alerttext.Japanese)
		c := cell{{x.Tag + x.Title, bold}}
		if a.Kind != summary.AlertRegularInstitution { // its ranking stays on the screen: the sample's one page
			for _, l := range x.Lines {
				c = append(c, para{l, regular})
			}
			c = append(c, para{"→ " + x.Why, regular})
		}
		if x.Reversal != "" {
			c = append(c, para{x.Reversal, bold})
		}
		rows = append(rows, row{cells: []cell{c}, strong: a.Kind == summary.AlertAnticoagulant})
	}
	return rows
}

// section prints one item of the summary as a table.
func (r *renderer) section(s *summary.Section) {
	t := &table{
		heading: []para{{s.Title, bold}, {alerttext.Window(s.Window, alerttext.Japanese), regular}},
		size:    sizeBody,
	}
	t.columns, t.rows = sectionTable(s)
	if s.Len() == 0 {
		t.rows = []row{{cells: []cell{{{"該当なし", regular}}}}}
	}
	r.drawTable(t)
}

// sectionTable returns the columns and rows of a section by its item.
func sectionTable(s *summary.Section) ([]column, []row) {
	switch s.Item {
	case summary.ItemVisits:
		return visitColumns, visitRows(s.Visits)
	case summary.ItemDispensing:
		return medicationColumns("", ""), medicationRows(s.Medications)
	case summary.ItemMedications:
		return medicationColumns("*2", "*3"), medicationRows(s.Medications)
	case summary.ItemCheckups:
		return checkupColumns, checkupRows(s.Checkups)
	}
	return procedureColumns(procedureTitles[s.Item]), procedureRows(s.Procedures)
}

// dateW fits the widest short date, 22年12月29日, on one line.
const dateW = 21.0

var visitColumns = []column{{"医療機関名", 130}, {"受診歴", contentW - 130}}

func visitRows(vs []summary.Visit) []row {
	rows := make([]row, 0, len(vs))
	for _, v := range vs {
		rows = append(rows, row{cells: []cell{{{v.Institution, regular}}, {{v.Month.Short(), regular}}}})
	}
	return rows
}

// medicationColumns are the sample's; the receipt-derived section points
// its 用法 to footnote *2 and its quantity to *3.
func medicationColumns(usageNote, quantityNote string) []column {
	return []column{
		{"調剤年月日", dateW},
		{"処方\n区分*1", 11},
		{"使用\n区分", 10},
		{"医療機関", 40},
		{"医薬品名（成分名）\n【用法】" + usageNote + "／<1回用量>" + usageNote + "／【用法等の特別指示】" + usageNote, 78},
		{"調剤数量" + quantityNote, contentW - dateW - 11 - 10 - 40 - 78},
	}
}

func medicationRows(ms []summary.Medication) []row {
	rows := make([]row, 0, len(ms))
	for i, m := range ms {
		h := highlightOf(m.Class)
		drug := cell{{fmt.Sprintf("%d. %s%s", i+1, h.tag, m.Drug), regular}}
		if m.Ingredient != "" && m.Ingredient != m.Drug {
			drug = append(drug, para{"(" + m.Ingredient + ")", regular})
		}
		if u := joinNonEmpty(" ", bracket(m.Usage), m.Dose); u != "" {
			drug = append(drug, para{u, regular})
		}
		if m.Instruction != "" {
			drug = append(drug, para{bracket(m.Instruction), regular})
		}
		rows = append(rows, row{
			cells: []cell{
				{{m.Date.Short(), regular}},
				{{string(m.Setting), regular}},
				{{route(m.Code), regular}},
				{{m.Where(), regular}},
				drug,
				{{m.Quantity, regular}},
			},
			strong: h.strong,
		})
	}
	return rows
}

// bracket puts a 用法 in 【】 as the sample prints it, unless it already is.
func bracket(s string) string {
	if s == "" || strings.HasPrefix(s, "【") {
		return s
	}
	return "【" + s + "】"
}

func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}

// routeLabels are the 使用区分 a YJ code carries; other codes (receipt
// codes) do not, and the cell stays empty.
var routeLabels = map[summary.Route]string{
	summary.RouteOral: "内用", summary.RouteInjection: "注射", summary.RouteExternal: "外用",
}

func route(code string) string { return routeLabels[summary.CodeOf(code).Route()] }

// procedureTitles names the act column of the procedure-like items.
var procedureTitles = map[summary.Item]string{
	summary.ItemSurgeries:  "手術名",
	summary.ItemProcedures: "診療行為名",
	summary.ItemDialysis:   "透析（診療行為名）",
}

func procedureColumns(act string) []column {
	return []column{
		{"実施年月日", dateW},
		{"区分*1", 11},
		{"医療機関", 48},
		{act, 82},
		{"数量", contentW - dateW - 11 - 48 - 82},
	}
}

func procedureRows(ps []summary.Procedure) []row {
	rows := make([]row, 0, len(ps))
	for _, p := range ps {
		rows = append(rows, row{cells: []cell{
			{{p.Date.Short(), regular}},
			{{string(p.Setting), regular}},
			{{p.Institution, regular}},
			{{p.Name, regular}},
			{{p.Quantity, regular}},
		}})
	}
	return rows
}

var checkupColumns = []column{{"実施年月日", dateW}, {"医療機関", 59}, {"主な結果", contentW - dateW - 59}}

func checkupRows(cs []summary.Checkup) []row {
	rows := make([]row, 0, len(cs))
	for _, c := range cs {
		var results []string
		for _, res := range c.Results {
			results = append(results, res.Name+" "+res.Value+res.Unit)
		}
		rows = append(rows, row{cells: []cell{
			{{c.Date.Short(), regular}},
			{{c.Institution, regular}},
			{{strings.Join(results, "、"), regular}},
		}})
	}
	return rows
}
