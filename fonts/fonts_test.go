package fonts

import (
	"encoding/binary"
	"strings"
	"testing"
)

// TestEmbeddedFontsAreTrueType guards against a Git LFS pointer or a
// truncated copy ending up embedded instead of the font.
func TestEmbeddedFontsAreTrueType(t *testing.T) {
	for name, b := range map[string][]byte{"Regular": Regular, "Bold": Bold} {
		if len(b) < 1<<20 {
			t.Errorf("%s is %d bytes; the full Japanese font is several MB", name, len(b))
			continue
		}
		if v := binary.BigEndian.Uint32(b); v != 0x00010000 {
			t.Errorf("%s starts with %#x, not the TrueType version 0x00010000", name, v)
		}
	}
	if !strings.Contains(License, "SIL OPEN FONT LICENSE Version 1.1") || !strings.Contains(License, "BIZ UDGothic Project Authors") {
		t.Error("OFL.txt lacks the licence or the copyright line")
	}
}

// TestFaces: the cmap reader reaches the supplementary planes and the
// IBM/NEC extensions, and 𠮷, which BIZ UDGothic lacks, is in a fallback.
func TestFaces(t *testing.T) {
	s, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "𩸽𡈽髙﨑①㈱〓吉田あア" {
		if s.Regular.Glyph(r) == 0 || s.Bold.Glyph(r) == 0 {
			t.Errorf("BIZ UDGothic lacks %c U+%04X", r, r)
		}
	}
	if s.Regular.Glyph('𠮷') != 0 {
		t.Error("BIZ UDGothic now has 𠮷: the fallback may be smaller")
	}
	found := false
	for _, f := range s.Fallback {
		found = found || f.Glyph('𠮷') != 0
		if f.Glyph('😀') != 0 {
			t.Error("a fallback has an emoji")
		}
	}
	if !found {
		t.Error("no fallback has 𠮷 U+20BB7")
	}
	if w := s.Regular.Advance(s.Regular.Glyph('田')); w != 1000 {
		t.Errorf("田 is %v/1000 em wide, want a full em", w)
	}
	if s.Regular.PostScriptName != "BIZUDGothic-Regular" {
		t.Errorf("PostScript name %q", s.Regular.PostScriptName)
	}
	again, _ := Load()
	if again != s {
		t.Error("Load parsed the fonts again")
	}
}

// TestSubsetParses: a subset is a font that parses again, maps its
// characters to renumbered glyphs with the same outlines and widths, and is
// far smaller than the font.
func TestSubsetParses(t *testing.T) {
	s, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	full := s.Regular
	sub := full.SubsetFont([]rune("田中"))
	f, err := Parse(sub)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "田中" {
		g, og := f.Glyph(r), full.Glyph(r)
		if g == 0 || f.Advance(g) != full.Advance(og) || string(f.glyph(g)[:10]) != string(full.glyph(og)[:10]) {
			t.Errorf("%c: subset glyph %d differs from the font's %d", r, g, og)
		}
	}
	if f.Glyph('吉') != 0 || f.numGlyphs() != 3 {
		t.Errorf("subset has 吉 (%d) or %d glyphs, want .notdef, 田, 中", f.Glyph('吉'), f.numGlyphs())
	}
	if len(sub) > 20000 {
		t.Errorf("subset of two glyphs is %d bytes", len(sub))
	}
	if checksum(sub) != 0xB1B0AFBA {
		t.Errorf("file checksum %#x, want 0xB1B0AFBA", checksum(sub))
	}
	_, ids := full.Subset([]uint16{full.Glyph('田')})
	if len(ids) != 2 || ids[0] != 0 || ids[full.Glyph('田')] != 1 {
		t.Errorf("Subset ids %v", ids)
	}
}

// TestCompositeComponentsRenumbered: no bundled font has a composite
// glyph, so one is written here by the TrueType glyf layout — header, then
// per component flags, glyph index, arguments and transform — and its
// component indices must follow the renumbering.
func TestCompositeComponentsRenumbered(t *testing.T) {
	g := []byte{
		0xFF, 0xFF, 0, 0, 0, 0, 0, 100, 0, 100, // numberOfContours -1, bbox
		0x00, 0x21, 0x00, 0x05, 0, 10, 0, 20, // MORE_COMPONENTS|ARG_1_AND_2_ARE_WORDS, glyph 5, two words
		0x00, 0x40, 0x00, 0x09, 1, 2, 0x40, 0x00, 0x40, 0x00, // WE_HAVE_AN_X_AND_Y_SCALE, glyph 9, two bytes, two scales
		0x00, 0x08, 0x00, 0x07, 1, 2, 0x40, 0x00, // after the last component: not read
	}
	if got := components(g); len(got) != 2 || got[0] != 5 || got[1] != 9 {
		t.Fatalf("components %v, want [5 9]", got)
	}
	renumberComponents(g, map[uint16]uint16{5: 1, 9: 2, 7: 3})
	if got := components(g); len(got) != 2 || got[0] != 1 || got[1] != 2 {
		t.Errorf("renumbered components %v, want [1 2]", got)
	}
	if g[len(g)-5] != 0x07 {
		t.Error("bytes after the last component were changed")
	}
}

func TestHanazonoLicenseTravels(t *testing.T) {
	if !strings.Contains(HanazonoLicense, "Hanazono Font License") || !strings.Contains(HanazonoLicense, "GlyphWiki Project") {
		t.Error("HANAZONO.txt lacks the licence or the copyright line")
	}
}
