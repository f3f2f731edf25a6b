// Command mkicon draws Icon.png: the character 救 in white, bold, on a
// rounded square of deep slate blue. No red cross: that emblem's use is
// restricted by Japanese law (the Red Cross emblem act). A character reads
// at 16 px where a drawing would not. Run: go run ./scripts/mkicon Icon.png
package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"kyukyu/fonts"
	"kyukyu/internal/safefile"
)

const size = 1024

var (
	field = color.NRGBA{0x1f, 0x3a, 0x4d, 0xff} // deep slate blue
	glyph = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./scripts/mkicon OUT.png")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintf(os.Stderr, "mkicon: %v\n", err)
		os.Exit(1)
	}
}

func run(out string) error {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	roundedSquare(img, size/10)
	f, err := opentype.Parse(fonts.Bold)
	if err != nil {
		return fmt.Errorf("BIZ UDGothic Bold: %w", err)
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size * 0.74, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return err
	}
	d := &font.Drawer{Dst: img, Src: image.NewUniform(glyph), Face: face}
	b, _ := d.BoundString("救")
	w, h := (b.Max.X - b.Min.X).Ceil(), (b.Max.Y - b.Min.Y).Ceil()
	d.Dot = fixed.P((size-w)/2-b.Min.X.Floor(), (size-h)/2-b.Min.Y.Floor())
	d.DrawString("救")
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return err
	}
	return safefile.WriteFile(out, buf.Bytes())
}

// roundedSquare fills the image with the field, corners of radius r left
// transparent.
func roundedSquare(img *image.NRGBA, r int) {
	draw.Draw(img, img.Bounds(), image.NewUniform(field), image.Point{}, draw.Src)
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			cx, cy := min(max(x, r), size-1-r), min(max(y, r), size-1-r)
			if dx, dy := x-cx, y-cy; dx*dx+dy*dy > r*r {
				img.SetNRGBA(x, y, color.NRGBA{})
			}
		}
	}
}
