package pdf

import (
	"strings"
	"testing"

	"kyukyu/summary"
)

// TestEveryCharacterOrASign: supplementary-plane kanji and the IBM/NEC
// extensions come out of pdftotext as themselves; ㎍, which no bundled font
// has, prints as μg; an emoji prints as 〓 and every page names it.
func TestEveryCharacterOrASign(t *testing.T) {
	rec := sampleRecord()
	rec.Patient.Name = "𠮷田 𩸽子"
	rec.Visits[0].Institution = "𡈽浦 髙﨑①クリニック㈱ 😀"
	rec.Medications[0].Quantity = "50㎍ 1処方分"
	rec.Training = false
	for range 40 { // a second page
		rec.Medications = append(rec.Medications, rec.Medications[1])
	}
	v := summary.Build(rec, summary.Emergency, summary.NewDate(2022, 8, 26))
	p, err := Layout(v)
	if err != nil {
		t.Fatal(err)
	}
	if string(p.Missing) != "😀" {
		t.Errorf("Missing = %q, want the emoji only", string(p.Missing))
	}
	ps := pages(t, render(t, v), contentOrder)
	if len(ps) < 2 {
		t.Fatalf("%d pages, want several", len(ps))
	}
	all := squeeze(strings.Join(ps, ""))
	for _, want := range []string{"𠮷田𩸽子", "𡈽浦髙﨑①クリニック㈱〓", "50μg1処方分"} {
		if !strings.Contains(all, want) {
			t.Errorf("%q not in the text", want)
		}
	}
	for i, text := range ps {
		if !strings.Contains(text, missingNote+"U+1F600") {
			t.Errorf("page %d does not name the unprintable character", i+1)
		}
	}
}

// TestNoPanicOnAnyRune: every code point, valid or not, lays out without a
// panic and with no character lost but those no font has.
func TestNoPanicOnAnyRune(t *testing.T) {
	var b strings.Builder
	for r := rune(0); r < 0x110000; r += 97 {
		b.WriteRune(r)
	}
	b.WriteString("\xff\xfe") // invalid UTF-8
	rec := sampleRecord()
	rec.Patient.Name = b.String()
	if _, err := Layout(summary.Build(rec, summary.Emergency, summary.NewDate(2022, 8, 26))); err != nil {
		t.Fatal(err)
	}
}
