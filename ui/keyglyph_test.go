package ui

import (
	"image"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// keyLetterO is the letter O as the key hints draw it (btn.pick).
func keyLetterO(t *testing.T) string {
	t.Helper()
	hint := t2("btn.pick")
	i := strings.Index(hint, "Ctrl+")
	if i < 0 {
		t.Fatalf("btn.pick %q names no Ctrl key", hint)
	}
	r := []rune(hint[i+len("Ctrl+"):])
	return string(r[0])
}

// inkBounds is the box of the pixels that differ from the background.
func inkBounds(img *image.NRGBA) image.Rectangle {
	bg := img.NRGBAAt(img.Rect.Min.X, img.Rect.Min.Y)
	var box image.Rectangle
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		for x := img.Rect.Min.X; x < img.Rect.Max.X; x++ {
			if img.NRGBAAt(x, y) != bg {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return box
}

// Ctrl+O in the key hints cannot be read as Ctrl+0: in the window's bold
// font the letter drawn is clearly wider than the digit (BIZ UDGothic's
// half-width O and 0 differ by a few pixels only).
func TestCtrlOIsNotCtrlZero(t *testing.T) {
	f, err := screenFonts()
	if err != nil {
		t.Fatal(err)
	}
	th := newTheme(f.regular, f.bold, "normal", variantSystem)
	bold := fyne.TextStyle{Bold: true}
	o, zero := inkBounds(drawText(t, th, keyLetterO(t), bold)), inkBounds(drawText(t, th, "0", bold))
	t.Logf("O %v, 0 %v", o.Size(), zero.Size())
	if o.Dx()*10 < zero.Dx()*13 {
		t.Errorf("the hint's O is %d px wide, the digit 0 %d px: too alike to tell apart", o.Dx(), zero.Dx())
	}
}
