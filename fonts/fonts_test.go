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

// TestSubsetParses: a subset is a font that parses again, keeps glyph IDs
// and widths, and is far smaller than the font.
func TestSubsetParses(t *testing.T) {
	s, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	g := s.Regular.Glyph('田')
	sub := s.Regular.SubsetFont([]rune("田中"))
	f, err := Parse(sub)
	if err != nil {
		t.Fatal(err)
	}
	if f.Glyph('田') != g || f.Glyph('吉') != 0 || f.Advance(g) != 1000 {
		t.Errorf("subset maps 田 to %d (want %d), 吉 to %d", f.Glyph('田'), g, f.Glyph('吉'))
	}
	if len(f.glyph(g)) == 0 || len(f.glyph(s.Regular.Glyph('吉'))) != 0 {
		t.Error("subset outlines: 田 must stay, 吉 must go")
	}
	if len(sub) > len(Regular)/10 {
		t.Errorf("subset of two glyphs is %d bytes", len(sub))
	}
	if checksum(sub) != 0xB1B0AFBA {
		t.Errorf("file checksum %#x, want 0xB1B0AFBA", checksum(sub))
	}
}
