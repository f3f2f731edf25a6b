package pdfdoc

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kyukyu/fonts"
	"kyukyu/internal/testenv"
)

func glyphs(t *testing.T, s string) []Glyph {
	t.Helper()
	set, err := fonts.Load()
	if err != nil {
		t.Fatal(err)
	}
	var gs []Glyph
	for _, r := range s {
		face := set.Regular
		if face.Glyph(r) == 0 {
			for _, f := range set.Fallback {
				if f.Glyph(r) != 0 {
					face = f
				}
			}
		}
		gs = append(gs, Glyph{face, face.Glyph(r), r})
	}
	return gs
}

func tool(t *testing.T, name, debianPackage string, args ...string) string {
	t.Helper()
	testenv.Tool(t, name, debianPackage)
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// TestSupplementaryPlaneText: 𠮷 (from the fallback) and 𩸽 (beyond
// U+FFFF in BIZ UDGothic) come back out of the PDF as text, and qpdf finds
// the file sound.
func TestSupplementaryPlaneText(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	d := New(Info{Title: "テスト 𠮷田", Creator: "kyukyu", Producer: "kyukyu", Created: time.Date(2026, 11, 25, 3, 4, 5, 0, tokyo)})
	p := d.AddPage()
	p.Text(20, 30, 12, glyphs(t, "𠮷田 𩸽子 髙﨑①㈱"), TextStyle{})
	p.Rect(10, 10, 50, 20, false, true)
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "t.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := tool(t, "pdftotext", "poppler-utils", "-enc", "UTF-8", path, "-"); !strings.Contains(got, "𠮷田 𩸽子 髙﨑①㈱") {
		t.Errorf("pdftotext: %q", got)
	}
	info := tool(t, "pdfinfo", "poppler-utils", "-isodates", path)
	for _, want := range []string{"Title:           テスト 𠮷田", "CreationDate:    2026-11-25T03:04:05+09", "Pages:           1"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	tool(t, "qpdf", "qpdf", "--check", path)
}
