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
	"kyukyu/internal/testenv"
)

// missing is a code point no font has (plane 16 private use): it draws
// what a character the fonts lack looks like on screen.
const missing = "\U0010FFFD"

// rareChars are the characters of the training patient rare-kanji-yoshida
// (𠮷田 𩸽子, 髙﨑①, ㈱𡈽屋), the names of issue 11: 𠮷 only the bundled
// Hanazono subset has, the others BIZ UDGothic has.
const rareChars = "𠮷田𩸽子髙﨑①㈱𡈽屋"

// ivs is 倦 with the ideographic variation selector U+E0100, for which
// BIZ UDGothic has its own glyph (cmap format 14), as name registers use.
const ivs = "倦\U000E0100"

// drawText renders s with Fyne's software painter in the theme th.
func drawText(t *testing.T, th fyne.Theme, s string, style fyne.TextStyle) *image.NRGBA {
	t.Helper()
	test.ApplyTheme(t, th)
	txt := canvas.NewText(s, color.White)
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
	bg := img.NRGBAAt(img.Rect.Min.X, img.Rect.Min.Y)
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		for x := img.Rect.Min.X; x < img.Rect.Max.X; x++ {
			if img.NRGBAAt(x, y) != bg {
				n++
			}
		}
	}
	return n
}

// TestRareKanjiOnScreen renders each character of the rare-kanji names
// with the fonts the window uses, regular and bold, as Fyne draws them:
// every one draws ink and not what a missing character draws. A character
// BIZ UDGothic has draws exactly as with BIZ UDGothic alone, an ideographic
// variation sequence included; one it lacks (𠮷) draws, with BIZ UDGothic
// alone, the missing-character shape (so this test fails without the
// Hanazono glyphs in the theme's font): Fyne then falls back only to its
// Noto fonts and the machine's, and a hospital PC may have none with 𠮷.
func TestRareKanjiOnScreen(t *testing.T) {
	testenv.Slow(t, slowWindow)
	test.NewTempApp(t)
	f, err := screenFonts()
	if err != nil {
		t.Fatal(err)
	}
	set, err := fonts.Load()
	if err != nil {
		t.Fatal(err)
	}
	screen := newTheme(f.regular, f.bold, "normal", variantDark)
	plain := newTheme(fyne.NewStaticResource("plain-regular.ttf", fonts.Regular), fyne.NewStaticResource("plain-bold.ttf", fonts.Bold), "normal", variantDark)
	for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
		box, plainBox := drawText(t, screen, missing, style), drawText(t, plain, missing, style)
		if inked(box) == 0 {
			t.Fatalf("bold=%v: a missing character draws nothing; the comparison would prove nothing", style.Bold)
		}
		for _, r := range rareChars {
			img, before := drawText(t, screen, string(r), style), drawText(t, plain, string(r), style)
			switch {
			case inked(img) == 0:
				t.Errorf("bold=%v: %c U+%04X draws nothing", style.Bold, r, r)
			case bytes.Equal(img.Pix, box.Pix):
				t.Errorf("bold=%v: %c U+%04X draws the missing-character shape", style.Bold, r, r)
			case set.Regular.Glyph(r) != 0 && !bytes.Equal(img.Pix, before.Pix):
				t.Errorf("bold=%v: %c U+%04X draws differently from BIZ UDGothic's glyph", style.Bold, r, r)
			case set.Regular.Glyph(r) == 0 && !bytes.Equal(before.Pix, plainBox.Pix):
				t.Errorf("bold=%v: with BIZ UDGothic alone %c U+%04X does not draw the missing-character shape: the check cannot tell it from a glyph", style.Bold, r, r)
			}
		}
		img, before, base := drawText(t, screen, ivs, style), drawText(t, plain, ivs, style), drawText(t, screen, "倦", style)
		if !bytes.Equal(img.Pix, before.Pix) || bytes.Equal(img.Pix, base.Pix) {
			t.Errorf("bold=%v: 倦+U+E0100 does not draw BIZ UDGothic's variant glyph", style.Bold)
		}
	}
}
