//go:build ignore

// icons.go makes the packages' icons from Icon.png: a Windows .ico holding
// 16–256 px PNGs, and the hicolor PNG sizes of a Linux desktop.
//
//	go run scripts/icons.go -src Icon.png -ico out/kyukyu.ico -hicolor out/hicolor
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/png"
	"log"
	"os"
	"path/filepath"

	"golang.org/x/image/draw"
)

var (
	icoSizes     = []int{16, 24, 32, 48, 64, 256}
	hicolorSizes = []int{16, 24, 32, 48, 64, 128, 256, 512}
)

func main() {
	src := flag.String("src", "Icon.png", "the source image")
	ico := flag.String("ico", "", "write a Windows icon here")
	hicolor := flag.String("hicolor", "", "write hicolor/<n>x<n>/apps/kyukyu.png under this folder")
	flag.Parse()
	f, err := os.Open(*src)
	if err != nil {
		log.Fatal(err)
	}
	img, _, err := image.Decode(f)
	f.Close()
	if err != nil {
		log.Fatalf("%s: %v", *src, err)
	}
	if *ico != "" {
		if err := writeICO(*ico, img); err != nil {
			log.Fatal(err)
		}
	}
	if *hicolor != "" {
		for _, n := range hicolorSizes {
			dir := filepath.Join(*hicolor, fmt.Sprintf("%dx%d", n, n), "apps")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				log.Fatal(err)
			}
			b, err := pngOf(img, n)
			if err != nil {
				log.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "kyukyu.png"), b, 0o644); err != nil {
				log.Fatal(err)
			}
		}
	}
}

func pngOf(img image.Image, n int) ([]byte, error) {
	dst := image.NewNRGBA(image.Rect(0, 0, n, n))
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, img.Bounds(), draw.Src, nil)
	var b bytes.Buffer
	err := png.Encode(&b, dst)
	return b.Bytes(), err
}

// writeICO writes an ICONDIR with one PNG-compressed entry per size.
func writeICO(path string, img image.Image) error {
	var pngs [][]byte
	for _, n := range icoSizes {
		b, err := pngOf(img, n)
		if err != nil {
			return err
		}
		pngs = append(pngs, b)
	}
	var out bytes.Buffer
	binary.Write(&out, binary.LittleEndian, [3]uint16{0, 1, uint16(len(pngs))})
	off := 6 + 16*len(pngs)
	for i, n := range icoSizes {
		dim := byte(n)
		if n == 256 {
			dim = 0 // 0 means 256
		}
		out.Write([]byte{dim, dim, 0, 0})
		binary.Write(&out, binary.LittleEndian, [2]uint16{1, 32})
		binary.Write(&out, binary.LittleEndian, [2]uint32{uint32(len(pngs[i])), uint32(off)})
		off += len(pngs[i])
	}
	for _, p := range pngs {
		out.Write(p)
	}
	return os.WriteFile(path, out.Bytes(), 0o644)
}
