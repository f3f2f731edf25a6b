package summary_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"kyukyu/oqs"
	"kyukyu/summary"
	"kyukyu/summary/summarytest"
)

// parsedLong is the long record as the parser gives it (the rows carry
// what a result file carries: quantities, institution codes).
func parsedLong(b *testing.B, rows int) *summary.Record {
	data, err := oqs.RenderDrugResult(summarytest.LongRecord(rows), oqs.ShiftJIS)
	if err != nil {
		b.Fatal(err)
	}
	res, err := oqs.Parse(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	return res.Record
}

// maxGrowth bounds the time of 10× the rows in BenchmarkBuildJSONGrowth.
// The 3,000-row record fits the caches and the 30,000-row one does not:
// Build and JSON alone take 12–19× the time (2026-12-07, idle to load 14).
// A pass quadratic in the rows takes 100× (the supply chain once took 24 s
// at 30,000 rows).
const maxGrowth = 25

// BenchmarkBuildJSONGrowth times summary.Build and the JSON of a 3,000-
// and a 30,000-row receipt record (normal mode) and prints how the time
// grows with the rows (issue 19: linear in the record; its 15× bound is
// the whole summary's, parse included: bench/summary). The fastest round of
// each size counts: on a shared machine the others measure the load. Run
// with -benchtime 10x or more.
func BenchmarkBuildJSONGrowth(b *testing.B) {
	small, large := parsedLong(b, 3000), parsedLong(b, 30000)
	best := [2]time.Duration{time.Hour, time.Hour}
	var build, marshal [2]time.Duration // of the best round
	for b.Loop() {
		for i, rec := range []*summary.Record{small, large} {
			t0 := time.Now()
			v := summary.Build(rec, summary.Normal, summarytest.LongOn)
			t1 := time.Now()
			if _, err := json.Marshal(v); err != nil {
				b.Fatal(err)
			}
			if d := time.Since(t0); d < best[i] {
				best[i], build[i], marshal[i] = d, t1.Sub(t0), time.Since(t1)
			}
		}
	}
	ms := func(d time.Duration) float64 { return float64(d) / 1e6 }
	b.ReportMetric(ms(best[0]), "ms-3k")
	b.ReportMetric(ms(build[1]), "ms-build-30k")
	b.ReportMetric(ms(marshal[1]), "ms-json-30k")
	growth := float64(best[1]) / float64(best[0])
	b.ReportMetric(growth, "growth-10x-rows")
	if growth > maxGrowth {
		b.Errorf("10x the rows cost %.1fx the time, want at most %dx", growth, maxGrowth)
	}
}
