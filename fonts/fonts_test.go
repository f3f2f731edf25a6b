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
