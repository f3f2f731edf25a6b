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

// BenchmarkBuildJSONGrowth times summary.Build and the JSON of a 3,000-
// and a 30,000-row receipt record (normal mode) and fails when 10× the rows
// cost more than 15× the time (issue 19: linear in the record).
func BenchmarkBuildJSONGrowth(b *testing.B) {
	small, large := parsedLong(b, 3000), parsedLong(b, 30000)
	var build, marshal [2]time.Duration
	for b.Loop() {
		for i, rec := range []*summary.Record{small, large} {
			t0 := time.Now()
			v := summary.Build(rec, summary.Normal, summarytest.LongOn)
			t1 := time.Now()
			if _, err := json.Marshal(v); err != nil {
				b.Fatal(err)
			}
			build[i] += t1.Sub(t0)
			marshal[i] += time.Since(t1)
		}
	}
	n := float64(b.N)
	ms := func(d time.Duration) float64 { return float64(d) / n / 1e6 }
	b.ReportMetric(ms(build[0]+marshal[0]), "ms-3k")
	b.ReportMetric(ms(build[1]), "ms-build-30k")
	b.ReportMetric(ms(marshal[1]), "ms-json-30k")
	growth := float64(build[1]+marshal[1]) / float64(build[0]+marshal[0])
	b.ReportMetric(growth, "growth-10x-rows")
	if growth > 15 {
		b.Errorf("10x the rows cost %.1fx the time, want at most 15x", growth)
	}
}
