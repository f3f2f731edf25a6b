package pdf

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"kyukyu/fonts"
	"kyukyu/internal/sharedfiles"
	"kyukyu/internal/testenv"
	"kyukyu/summary"
)

// longestNames returns the n longest distinct values of the named columns
// of the real MHLW drug list.
func longestNames(t *testing.T, n int, columns ...string) []string {
	t.Helper()
	dir, ok := sharedfiles.Dir()
	if !ok {
		testenv.Unavailable(t, "the shared folder with the MHLW drug list is absent (set KYUKYU_SHARED)")
	}
	f, err := os.Open(filepath.Join(dir, "data", "mhlw-yakka-list-2025-07-16.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var names []string
	for _, col := range columns {
		i := slices.Index(rows[0], col)
		if i < 0 {
			t.Fatalf("no column %q in %v", col, rows[0])
		}
		var vals []string
		for _, r := range rows[1:] {
			if v := r[i]; !seen[v] {
				seen[v] = true
				vals = append(vals, v)
			}
		}
		slices.SortStableFunc(vals, func(a, b string) int {
			return cmp.Compare(utf8.RuneCountInString(b), utf8.RuneCountInString(a))
		})
		names = append(names, vals[:n]...)
	}
	return names
}

// institutions are long names of the kinds the receipts carry.
var institutions = []string{
	"独立行政法人国立病院機構東京医療センター（旧国立東京第二病院）附属クリニック",
	"医療法人社団翠会　成増厚生病院「こころの医療センター」・認知症疾患医療センター",
	"オンライン薬局（資格医院）新宿ＮＳビル店〔処方箋受付：24時間〕",
	"社会医療法人財団 ABC-Medical 2.5th Floor Clinic、OQS連携センター",
}

// TestWrappedNamesSurviveInPDF draws the longest real drug and ingredient
// names and long institution names in table cells of several widths,
// extracts the text with pdftotext and checks that every character is
// there, in order.
func TestWrappedNamesSurviveInPDF(t *testing.T) {
	names := append(longestNames(t, 25, "品名", "成分名"), institutions...)
	widths := []float64{14, 23, 38, 57, 84}
	r := testRenderer(t, &summary.View{CreatedOn: summary.NewDate(2025, 7, 16), Mode: summary.Emergency})
	var want []string
	for _, w := range widths {
		r.newPage()
		var rows []row
		for _, n := range names {
			rows = append(rows, row{cells: []cell{{{n, regular}}}})
		}
		r.drawTable(&table{columns: []column{{"", w}}, rows: rows, size: sizeBody, noHeader: true})
		want = append(want, strings.Join(names, ""))
	}
	doc := docBytes(t, r)
	var got strings.Builder
	for _, p := range pages(t, doc, contentOrder) {
		got.WriteString(squeeze(p))
	}
	all := squeeze(strings.Join(want, ""))
	// Page furniture (title, footnotes) sits between the names; every name
	// character must still come out in order and none may be missing.
	if missing := subsequenceGap(got.String(), all); missing >= 0 {
		rs := []rune(all)
		t.Fatalf("character %d (%q) of the names is missing or out of order; context %q",
			missing, rs[missing], string(rs[max(0, missing-10):min(len(rs), missing+10)]))
	}
	for _, n := range names {
		if !strings.Contains(got.String(), squeeze(n)) {
			t.Errorf("name %q is not contiguous in the extracted text", n)
		}
	}
}

func testRenderer(t *testing.T, v *summary.View) *renderer {
	t.Helper()
	set, err := fonts.Load()
	if err != nil {
		t.Fatal(err)
	}
	return newRenderer(v, set, nil)
}

func docBytes(t *testing.T, r *renderer) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := r.doc.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// subsequenceGap returns the index of the first rune of want that cannot be
// matched, in order, in got; -1 when all of want is a subsequence of got.
func subsequenceGap(got, want string) int {
	g := []rune(got)
	j := 0
	for i, r := range []rune(want) {
		for j < len(g) && g[j] != r {
			j++
		}
		if j == len(g) {
			return i
		}
		j++
	}
	return -1
}
