// Package bench holds the benchmarks that measure kyukyu against a peer in
// the same run; the scripts beside them print the ratios.
package bench

import (
	"context"
	"io"
	"testing"

	"kyukyu/fonts"
	"kyukyu/pdf"
	"kyukyu/summary"
	"kyukyu/training"
)

func trainingView(b *testing.B, id, on string, mode summary.Mode) *summary.View {
	b.Helper()
	st, err := training.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	d, err := summary.ParseDate(on)
	if err != nil {
		b.Fatal(err)
	}
	rec, err := st.Record(context.Background(), id, d)
	if err != nil {
		b.Fatal(err)
	}
	return summary.Build(rec, mode, d)
}

func benchRender(b *testing.B, v *summary.View) {
	b.ReportAllocs()
	for b.Loop() {
		if err := pdf.Render(io.Discard, v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPDFEmergencySample renders the seed's sample patient (one page).
func BenchmarkPDFEmergencySample(b *testing.B) {
	benchRender(b, trainingView(b, "shinryo-taro", "2022-08-26", summary.Emergency))
}

// BenchmarkPDFHeavyNormal renders five years of polypharmacy (~2,700 rows).
func BenchmarkPDFHeavyNormal(b *testing.B) {
	benchRender(b, trainingView(b, "heavy-elderly-polypharmacy", "2026-11-25", summary.Normal))
}

// BenchmarkPDFFontParse is what the first render of a process pays once
// (fonts.Load) and later renders do not: parsing the four embedded fonts.
func BenchmarkPDFFontParse(b *testing.B) {
	for b.Loop() {
		for _, data := range [][]byte{fonts.Regular, fonts.Bold, fonts.FallbackBMP, fonts.FallbackSupplementary} {
			if _, err := fonts.Parse(data); err != nil {
				b.Fatal(err)
			}
		}
	}
}
