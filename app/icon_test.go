package app

import (
	"image"
	"image/color"
	"testing"

	"golang.org/x/image/draw"

	"kyukyu/internal/testenv"
)

// The icon is no red cross (an emblem Japanese law restricts) and its mark
// stays distinct from its field at every size Fyne packages.
func TestIconNoRedCrossAtEverySize(t *testing.T) {
	img := testenv.ReadPNG(t, "../Icon.png")
	if b := img.Bounds(); b.Dx() != b.Dy() || b.Dx() < 512 {
		t.Fatalf("icon is %v: Fyne packages from a square of at least 512 px", b)
	}
	for _, size := range []int{16, 32, 48, 64, 128, 256, 512} {
		small := image.NewNRGBA(image.Rect(0, 0, size, size))
		draw.CatmullRom.Scale(small, small.Bounds(), img, img.Bounds(), draw.Src, nil)
		var red, light, dark, opaque int
		for y := 0; y < size; y++ {
			for x := 0; x < size; x++ {
				c := small.NRGBAAt(x, y)
				if c.A < 0xc0 {
					continue
				}
				opaque++
				if c.R > 150 && c.G < 110 && c.B < 110 {
					red++
				}
				switch l := luma(c); {
				case l > 0.6:
					light++
				case l < 0.3:
					dark++
				}
			}
		}
		if red > 0 {
			t.Errorf("%d px: %d red pixels", size, red)
		}
		// A mark that reads: both the glyph and the field cover a good part.
		if fl, fd := float64(light)/float64(opaque), float64(dark)/float64(opaque); fl < 0.08 || fd < 0.3 {
			t.Errorf("%d px: light %.0f%%, dark %.0f%% of the icon: the mark does not stand out", size, fl*100, fd*100)
		}
	}
}

func luma(c color.NRGBA) float64 {
	return (0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B)) / 255
}
