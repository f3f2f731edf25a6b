package fonts

import "testing"

// TestScreenFonts: the window's fonts map every character of BIZ UDGothic
// to its own glyph and the characters only the fallbacks have (𠮷) to the
// fallback's outline, scaled from Hanazono's 1024 to BIZ UDGothic's 2048
// units per em.
func TestScreenFonts(t *testing.T) {
	s, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for name, build := range map[string]func() ([]byte, error){"regular": ScreenRegular, "bold": ScreenBold} {
		b, err := build()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		m, err := Parse(b)
		if err != nil {
			t.Fatalf("%s: merged font does not parse: %v", name, err)
		}
		base := s.Regular
		if name == "bold" {
			base = s.Bold
		}
		if m.UnitsPerEm != base.UnitsPerEm {
			t.Errorf("%s: unitsPerEm %d, want %d", name, m.UnitsPerEm, base.UnitsPerEm)
		}
		for _, r := range "𩸽𡈽髙﨑①㈱吉田あア" {
			if g := m.Glyph(r); g != base.Glyph(r) || string(m.glyph(g)) != string(base.glyph(g)) {
				t.Errorf("%s: %c is glyph %d, BIZ UDGothic's is %d, or its outline changed", name, r, g, base.Glyph(r))
			}
		}
		for _, fb := range s.Fallback {
			for _, r := range []rune{0x20BB7, 0x4E28, 0x2000B} { // 𠮷 and one kanji of each fallback
				fg := fb.Glyph(r)
				if fg == 0 {
					continue
				}
				g := m.Glyph(r)
				if g < uint16(base.glyphs) {
					t.Errorf("%s: %c U+%04X maps to glyph %d, not an appended one", name, r, r, g)
					continue
				}
				src, dst := fb.glyph(fg), m.glyph(g)
				if len(dst) < 10 || i16(dst, 0) != i16(src, 0) {
					t.Errorf("%s: %c U+%04X: outline has %d contours, want %d", name, r, r, i16(dst, 0), i16(src, 0))
					continue
				}
				for i := range 4 {
					if got, want := i16(dst, 2+2*i), 2*i16(src, 2+2*i); got != want {
						t.Errorf("%s: %c U+%04X: bounding box value %d is %d, want %d (twice Hanazono's)", name, r, r, i, got, want)
					}
				}
				if got, want := m.Advance(g), fb.Advance(fg); got != want {
					t.Errorf("%s: %c U+%04X: advance %v/1000 em, want %v", name, r, r, got, want)
				}
			}
		}
		if v := base.variationSubtable(); v == nil || string(m.variationSubtable()) != string(v) {
			t.Errorf("%s: the variation sequences (cmap format 14, e.g. 倦+U+E0100) are not BIZ UDGothic's", name)
		}
		if m.Glyph(0x10FFFD) != 0 {
			t.Errorf("%s: a private-use code point no font has got a glyph", name)
		}
	}
}
