package oqs

import (
	"bytes"
	"testing"
)

// BenchmarkParseShiftJIS parses the synthetic patient's result in Shift_JIS
// (bench/oqs compares a 2,000-row file with xmllint).
func BenchmarkParseShiftJIS(b *testing.B) {
	data, err := RenderDrugResult(synthetic(), ShiftJIS)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
