// Package fonts embeds BIZ UDGothic (Morisawa, SIL OFL 1.1; see OFL.txt), the
// universal-design Japanese gothic that both the printed summary and the
// window use, so that the binary needs no font installed on the machine.
// The files are Debian's fonts-morisawa-bizud-gothic, unmodified.
//
// Two fallback fonts cut from Hanazono Mincho (see HANAZONO.txt) hold the
// kanji of Japanese sources BIZ UDGothic lacks, such as 𠮷 in 𠮷田.
package fonts

import (
	_ "embed"
	"fmt"
	"sync"
)

// Regular is BIZUDGothic-Regular.ttf.
//
//go:embed BIZUDGothic-Regular.ttf
var Regular []byte

// Bold is BIZUDGothic-Bold.ttf.
//
//go:embed BIZUDGothic-Bold.ttf
var Bold []byte

// FallbackBMP and FallbackSupplementary are the Hanazono subsets for the
// Basic Multilingual Plane and the supplementary planes.
var (
	//go:embed HanaMinA-ja.ttf
	FallbackBMP []byte
	//go:embed HanaMinB-ja.ttf
	FallbackSupplementary []byte
)

// License is the SIL Open Font License text that must travel with the fonts.
//
//go:embed OFL.txt
var License string

// HanazonoLicense travels with the fallback fonts.
//
//go:embed HANAZONO.txt
var HanazonoLicense string

// Family is the font family name, for the PDF and for the GUI theme.
const Family = "BIZ UDGothic"

// Set is the parsed fonts: the two faces of BIZ UDGothic and the fallbacks
// tried, in order, for a character BIZ UDGothic lacks.
type Set struct {
	Regular, Bold *Face
	Fallback      []*Face
}

// Load parses the embedded fonts on first use and returns the same Set to
// every later caller: a render never parses them again.
var Load = sync.OnceValues(func() (*Set, error) {
	var s Set
	for _, f := range []struct {
		name string
		data []byte
		dst  **Face
	}{{"BIZUDGothic-Regular", Regular, &s.Regular}, {"BIZUDGothic-Bold", Bold, &s.Bold}} {
		face, err := Parse(f.data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		*f.dst = face
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{"HanaMinA-ja", FallbackBMP}, {"HanaMinB-ja", FallbackSupplementary}} {
		face, err := Parse(f.data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		s.Fallback = append(s.Fallback, face)
	}
	return &s, nil
})
