package ui

import (
	"bytes"
	"image"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"kyukyu/fonts"
)

// missing is a code point no font has (plane 16 private use): it draws
// the .notdef box, what a character the fonts lack looks like on screen.
const missing = '\U0010FFFD'

// rareChars are the characters of the names issue 11 names, and the
// training patient rare-kanji-yoshida (𠮷田 𩸽子, 髙﨑①, ㈱𡈽屋): 𠮷 only
// the bundled Hanazono subset has; the others BIZ UDGothic has.
const rareChars = "𠮷田𩸽子髙﨑①㈱𡈽屋"

// drawGlyph renders r alone with Fyne's software painter in the theme th.
func drawGlyph(t *testing.T, th fyne.Theme, r rune, style fyne.TextStyle) *image.NRGBA {
	t.Helper()
	test.ApplyTheme(t, th)
	txt := canvas.NewText(string(r), color.White)
	txt.TextSize = 40
	txt.TextStyle = style
	w := test.NewWindow(txt)
	defer w.Close()
	w.SetPadded(false)
	w.Resize(fyne.NewSize(60, 60))
	c := w.Canvas().Capture()
	img := image.NewNRGBA(c.Bounds())
	for y := c.Bounds().Min.Y; y < c.Bounds().Max.Y; y++ {
		for x := c.Bounds().Min.X; x < c.Bounds().Max.X; x++ {
			img.Set(x, y, c.At(x, y))
		}
	}
	return img
}

// inked counts the pixels that differ from the top-left (background) one.
func inked(img *image.NRGBA) int {
	n := 0
	bg := img.NRGBAAt(0, 0)
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		for x := img.Rect.Min.X; x < img.Rect.Max.X; x++ {
			if img.NRGBAAt(x, y) != bg {
				n++
			}
		}
	}
	return n
}

// TestRareKanjiOnScreen: every character of the rare-kanji names draws
// ink, in regular and bold, and not the box a missing character draws,
// with the fonts the window uses. Without the Hanazono glyphs in the
// theme's font, 𠮷 draws that box (checked below, so that the comparison
// is known to catch it): Fyne falls back to its Noto fonts and the
// machine's fonts only, and a hospital PC may have none with 𠮷.
func TestRareKanjiOnScreen(t *testing.T) {
	test.NewTempApp(t)
	f, err := screenFonts()
	if err != nil {
		t.Fatal(err)
	}
	for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
		th := newTheme(f.regular, f.bold, "normal", variantDark)
		box := drawGlyph(t, th, missing, style)
		if inked(box) == 0 {
			t.Fatalf("bold=%v: the missing character draws nothing; the comparison would prove nothing", style.Bold)
		}
		for _, r := range rareChars {
			img := drawGlyph(t, th, r, style)
			switch {
			case inked(img) == 0:
				t.Errorf("bold=%v: %c U+%04X draws nothing", style.Bold, r, r)
			case bytes.Equal(img.Pix, box.Pix):
				t.Errorf("bold=%v: %c U+%04X draws the missing-character box", style.Bold, r, r)
			}
		}
	}

	// BIZ UDGothic alone: 𠮷 is the box, so the test above can fail.
	plain := newTheme(fyne.NewStaticResource("plain-regular.ttf", fonts.Regular), nil, "normal", variantDark)
	if a, b := drawGlyph(t, plain, '𠮷', fyne.TextStyle{}), drawGlyph(t, plain, missing, fyne.TextStyle{}); !bytes.Equal(a.Pix, b.Pix) {
		t.Errorf("with BIZ UDGothic alone 𠮷 does not draw the missing-character box (%d and %d pixels of ink): the check cannot tell a box from a glyph", inked(a), inked(b))
	}
}
