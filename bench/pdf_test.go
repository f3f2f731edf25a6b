// Package bench holds the benchmarks that measure kyukyu against a peer in
// the same run; the scripts beside them print the ratios.
package bench

import (
	"context"
	"io"
	"testing"

	"codeberg.org/go-pdf/fpdf"

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

// BenchmarkPDFFontParse is the part of every render that fpdf cannot share
// between documents: parsing both embedded TTFs.
func BenchmarkPDFFontParse(b *testing.B) {
	for b.Loop() {
		p := fpdf.New("P", "mm", "A4", "")
		p.AddUTF8FontFromBytes("r", "", fonts.Regular)
		p.AddUTF8FontFromBytes("r", "B", fonts.Bold)
		if p.Err() {
			b.Fatal(p.Error())
		}
	}
}
