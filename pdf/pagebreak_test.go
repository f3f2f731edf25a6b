package pdf

import (
	"fmt"
	"strings"
	"testing"

	"kyukyu/summary"
)

// Rows several lines tall, enough for many pages: each row's first line
// (drug) and last line (usage) carry its number, and both must stand on the
// same page, every number exactly once: no row split across a page break,
// none lost, none repeated.
func TestNoRowSplitAcrossPages(t *testing.T) {
	on := summary.NewDate(2026, 11, 25)
	rec := &summary.Record{Patient: summary.Patient{Name: "改頁 確認", Birth: summary.NewDate(1950, 1, 1)}}
	const n = 120
	for i := range n {
		rec.Dispensing = append(rec.Dispensing, summary.Medication{
			Date: on.AddDays(-(i % 40)), Setting: summary.Pharmacy, Institution: "改頁薬局", Prescriber: "改頁クリニック",
			Drug:       fmt.Sprintf("行R%03dA ゾルピデム酒石酸塩錠10mg「長い販売名で折り返しを起こすための名前」", i),
			Ingredient: "ゾルピデム酒石酸塩（成分名も長くして二行目以降へ折り返すことを確かめる）",
			Usage:      fmt.Sprintf("1日1回就寝前 行R%03dZ", i), Dose: "1錠", Quantity: "1錠 30日分", Days: 30,
		})
	}
	v := summary.Build(rec, summary.Emergency, on)
	ps := pages(t, render(t, v), contentOrder)
	if len(ps) < 3 {
		t.Fatalf("%d pages: the test needs rows across several page breaks", len(ps))
	}
	first := map[string]int{}
	for p, text := range ps {
		text = squeeze(text)
		for i := range n {
			id := fmt.Sprintf("R%03d", i)
			a, z := strings.Count(text, "行"+id+"A"), strings.Count(text, "行"+id+"Z")
			if a != z {
				t.Errorf("row %s is split: page %d has %d first and %d last lines", id, p+1, a, z)
			}
			if a > 0 {
				if _, seen := first[id]; seen {
					t.Errorf("row %s printed again on page %d", id, p+1)
				}
				first[id] = p + 1
			}
		}
	}
	if len(first) != n {
		t.Errorf("%d of %d rows printed", len(first), n)
	}
}
