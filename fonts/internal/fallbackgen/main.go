// Command fallbackgen builds the bundled fallback fonts: the kanji of
// Japanese sources that BIZ UDGothic lacks, cut from Hanazono Mincho
// (GlyphWiki, free with or without modification; see HANAZONO.txt).
//
// The set is every CJK ideograph whose Unihan kIRG_JSource names a Japanese
// standard (JIS X 0212, ARIB, 汎用電子 JH, 国字 JK, 文字情報基盤 JMJ, …)
// that BIZ UDGothic does not map, plus the name characters that carry no
// Japanese source at all (𠮷 U+20BB7 was encoded from a Taiwanese source).
//
// Inputs are Debian packages, needed only to regenerate:
//
//	apt-get install fonts-hanazono unicode-data
//	go run ./fonts/internal/fallbackgen
package main

import (
	"bufio"
	"compress/bzip2"
	"fmt"
	"os"
	"strconv"
	"strings"

	"kyukyu/fonts"
)

const (
	unihan   = "/usr/share/unicode/Unihan_IRGSources.txt.bz2"
	hanaMinA = "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf" // BMP and Extension A
	hanaMinB = "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf" // supplementary planes
)

// nameExtras are characters of Japanese names with no kIRG_JSource.
var nameExtras = []rune{0x20BB7} // 𠮷 (つちよし)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "fallbackgen:", err)
		os.Exit(1)
	}
}

func run() error {
	biz, err := fonts.Parse(fonts.Regular)
	if err != nil {
		return err
	}
	want, err := japaneseIdeographs()
	if err != nil {
		return err
	}
	want = append(want, nameExtras...)
	for _, out := range []struct {
		src, dst      string
		supplementary bool
	}{
		{hanaMinA, "fonts/HanaMinA-ja.ttf", false},
		{hanaMinB, "fonts/HanaMinB-ja.ttf", true},
	} {
		b, err := os.ReadFile(out.src)
		if err != nil {
			return fmt.Errorf("%w (apt-get install fonts-hanazono)", err)
		}
		f, err := fonts.Parse(b)
		if err != nil {
			return fmt.Errorf("%s: %w", out.src, err)
		}
		var runes []rune
		for _, r := range want {
			if (r > 0xFFFF) == out.supplementary && biz.Glyph(r) == 0 && f.Glyph(r) != 0 {
				runes = append(runes, r)
			}
		}
		font := f.SubsetFont(runes)
		if err := os.WriteFile(out.dst, font, 0o644); err != nil {
			return err
		}
		fmt.Printf("%s: %d characters, %d bytes\n", out.dst, len(runes), len(font))
	}
	return nil
}

// japaneseIdeographs reads the ideographs with a Japanese IRG source.
func japaneseIdeographs() ([]rune, error) {
	fh, err := os.Open(unihan)
	if err != nil {
		return nil, fmt.Errorf("%w (apt-get install unicode-data)", err)
	}
	defer fh.Close()
	var out []rune
	sc := bufio.NewScanner(bzip2.NewReader(fh))
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 3 || f[1] != "kIRG_JSource" || !strings.HasPrefix(f[0], "U+") {
			continue
		}
		v, err := strconv.ParseUint(f[0][2:], 16, 32)
		if err != nil {
			return nil, fmt.Errorf("%s: %q: %w", unihan, f[0], err)
		}
		out = append(out, rune(v))
	}
	return out, sc.Err()
}
