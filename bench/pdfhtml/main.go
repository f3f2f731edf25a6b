// Command pdfhtml turns `kyukyu summary -json` into the HTML table a hospital
// would otherwise print with a browser: the peer of the PDF benchmark. It
// uses the same embedded font and the same columns as package pdf.
package main

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"os"
	"strings"

	"kyukyu/summary"
)

type result struct{ Name, Value, Unit string }

type rowJSON struct {
	Date, Month, Setting, Institution, Prescriber string
	Drug, Ingredient, Usage, Dose, Instruction    string
	Quantity, Name                                string
	Results                                       []result
}

type viewJSON struct {
	CreatedOn string
	Training  bool
	Patient   struct {
		Name, Kana, Birth, Sex string
		Insurance              struct{ InsurerNumber, Symbol, Number, Branch string }
	}
	Age      int
	Sections []struct {
		Item, Header, Title string
		Rows                []rowJSON
	}
}

// columns are the table columns of each item, with the cell of a row.
var columns = map[string][]struct {
	title string
	cell  func(r rowJSON) string
}{
	"visits": {{"医療機関名", func(r rowJSON) string { return r.Institution }}, {"受診歴", func(r rowJSON) string { return r.Month }}},
	"medications": {
		{"調剤年月日", func(r rowJSON) string { return r.Date }},
		{"処方区分", func(r rowJSON) string { return r.Setting }},
		{"医療機関", func(r rowJSON) string {
			return summary.Medication{Institution: r.Institution, Prescriber: r.Prescriber}.Where()
		}},
		{"医薬品名（成分名）【用法】<1回用量>【用法等の特別指示】", func(r rowJSON) string {
			return r.Drug + "<br>(" + r.Ingredient + ")<br>【" + r.Usage + "】 " + r.Dose + " " + r.Instruction
		}},
		{"調剤数量", func(r rowJSON) string { return r.Quantity }},
	},
	"procedures": {
		{"実施年月日", func(r rowJSON) string { return r.Date }},
		{"区分", func(r rowJSON) string { return r.Setting }},
		{"医療機関", func(r rowJSON) string { return r.Institution }},
		{"名称", func(r rowJSON) string { return r.Name }},
		{"数量", func(r rowJSON) string { return r.Quantity }},
	},
	"checkups": {
		{"実施年月日", func(r rowJSON) string { return r.Date }},
		{"医療機関", func(r rowJSON) string { return r.Institution }},
		{"主な結果", func(r rowJSON) string {
			var s []string
			for _, x := range r.Results {
				s = append(s, x.Name+" "+x.Value+x.Unit)
			}
			return strings.Join(s, "、")
		}},
	},
}

// kinds maps each item to its table shape.
var kinds = map[string]string{"visits": "visits", "dispensing": "medications", "medications": "medications",
	"surgeries": "procedures", "procedures": "procedures", "dialysis": "procedures", "checkups": "checkups"}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: kyukyu summary -json ... | pdfhtml FONT.ttf > out.html")
		os.Exit(2)
	}
	var v viewJSON
	if err := json.NewDecoder(os.Stdin).Decode(&v); err != nil {
		fmt.Fprintln(os.Stderr, "pdfhtml: reading the summary JSON:", err)
		os.Exit(1)
	}
	write(os.Stdout, &v, os.Args[1])
}

func write(w io.Writer, v *viewJSON, font string) {
	e := html.EscapeString
	fmt.Fprintf(w, `<!doctype html><html lang="ja"><meta charset="utf-8"><style>
@font-face{font-family:UD;src:url("file://%s")}
@page{size:A4 portrait;margin:10mm 12mm 10mm 14mm}
body{font-family:UD;font-size:8pt}
table{border-collapse:collapse;width:100%%;margin-bottom:3mm}
thead{display:table-header-group} tr{break-inside:avoid}
th{background:#e4e4e4} td,th{border:0.2mm solid #000;padding:0.9mm 1.2mm;text-align:left;vertical-align:top}
h1{font-size:13pt} h2{font-size:9.5pt;margin:2mm 0 1mm}
</style><body><h1>救急用 診療／薬剤情報一覧 <small>作成日：%s</small></h1>`, e(font), e(v.CreatedOn))
	p := v.Patient
	fmt.Fprintf(w, `<table><tr><th>氏名カナ<td>%s<th>保険者番号<td>%s<tr><th>氏名<td>%s<th>被保険者証等記号<td>%s`+
		`<tr><th>生年月日<td>%s<th>被保険者証等番号<td>%s<tr><th>年齢<td>%d歳<th>枝番<td>%s</table>`,
		e(p.Kana), e(p.Insurance.InsurerNumber), e(p.Name), e(p.Insurance.Symbol), e(p.Birth), e(p.Insurance.Number), v.Age, e(p.Insurance.Branch))
	for _, s := range v.Sections {
		cols := columns[kinds[s.Item]]
		fmt.Fprintf(w, "<h2>%s</h2><table><thead><tr>", e(s.Title+" "+s.Header))
		for _, c := range cols {
			fmt.Fprintf(w, "<th>%s", e(c.title))
		}
		fmt.Fprint(w, "</thead><tbody>")
		if len(s.Rows) == 0 {
			fmt.Fprintf(w, `<tr><td colspan="%d">該当なし`, len(cols))
		}
		for _, r := range s.Rows {
			fmt.Fprint(w, "<tr>")
			for _, c := range cols {
				fmt.Fprintf(w, "<td>%s", strings.ReplaceAll(e(c.cell(r)), "&lt;br&gt;", "<br>"))
			}
		}
		fmt.Fprint(w, "</tbody></table>")
	}
	if v.Training {
		fmt.Fprint(w, "<p><b>【訓練用】この文書は訓練用の架空の患者のデータです。</b></p>")
	}
	fmt.Fprint(w, "</body></html>\n")
}
