// Package typeset turns text into the glyphs of the embedded fonts for a
// PDF (pdfdoc), and measures it: BIZ UDGothic, then the fallback fonts,
// then the compatibility form of a character (㎍ → μg), then 〓, which is
// remembered as missing. The summary and the audit report print through it.
package typeset

import (
	"slices"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"kyukyu/fonts"
	"kyukyu/pdf/internal/pdfdoc"
)

// Style is a face of BIZ UDGothic.
type Style int

const (
	Regular Style = iota
	Bold
)

// MissingGlyph prints in place of a character no font has.
const MissingGlyph = '〓'

const ptToMM = 25.4 / 72

// Glyph is a glyph with its advance at 1 pt, in mm.
type Glyph struct {
	pdfdoc.Glyph
	Advance float64
}

type glyphKey struct {
	style Style
	r     rune
}

// shaped is how a character prints: its glyphs, or 〓 when missing.
type shaped struct {
	glyphs  []Glyph
	missing bool
}

// Shaper shapes and measures text in one document, remembering each
// character's glyphs and the characters no font has.
type Shaper struct {
	fonts   *fonts.Set
	glyphs  map[glyphKey]shaped
	missing map[rune]bool
}

// New is a Shaper over the fonts of set.
func New(set *fonts.Set) *Shaper {
	return &Shaper{fonts: set, glyphs: map[glyphKey]shaped{}, missing: map[rune]bool{}}
}

// Face is the face of a style.
func (sh *Shaper) Face(s Style) *fonts.Face {
	if s == Bold {
		return sh.fonts.Bold
	}
	return sh.fonts.Regular
}

// Shape maps text to glyphs.
func (sh *Shaper) Shape(s Style, text string) []Glyph {
	out := make([]Glyph, 0, len(text)/2)
	for _, c := range text {
		out = append(out, sh.shaped(s, c).glyphs...)
	}
	return out
}

// Glyphs is Shape without the advances, as pdfdoc draws them.
func (sh *Shaper) Glyphs(s Style, text string) []pdfdoc.Glyph {
	gs := sh.Shape(s, text)
	out := make([]pdfdoc.Glyph, len(gs))
	for i, g := range gs {
		out[i] = g.Glyph
	}
	return out
}

func (sh *Shaper) shaped(s Style, c rune) shaped {
	k := glyphKey{s, c}
	g, ok := sh.glyphs[k]
	if !ok {
		g = sh.resolve(s, c)
		sh.glyphs[k] = g
		if g.missing {
			sh.missing[c] = true
		}
	}
	return g
}

func (sh *Shaper) resolve(s Style, c rune) shaped {
	if f := sh.faceFor(s, c); f != nil {
		return shaped{glyphs: []Glyph{glyphOf(f, c)}}
	}
	if ignorable(c) {
		return shaped{}
	}
	if alt := compatibility(c); alt != "" {
		var gs []Glyph
		for _, a := range alt {
			f := sh.faceFor(s, a)
			if f == nil {
				gs = nil
				break
			}
			gs = append(gs, glyphOf(f, a))
		}
		if gs != nil {
			return shaped{glyphs: gs}
		}
	}
	return shaped{glyphs: []Glyph{glyphOf(sh.Face(s), MissingGlyph)}, missing: true}
}

func (sh *Shaper) faceFor(s Style, c rune) *fonts.Face {
	if f := sh.Face(s); f.Glyph(c) != 0 {
		return f
	}
	for _, f := range sh.fonts.Fallback {
		if f.Glyph(c) != 0 {
			return f
		}
	}
	return nil
}

func glyphOf(f *fonts.Face, c rune) Glyph {
	id := f.Glyph(c)
	return Glyph{pdfdoc.Glyph{Face: f, ID: id, Rune: c}, f.Advance(id) / 1000 * ptToMM}
}

// Missing are the characters no font had, in order.
func (sh *Shaper) Missing() []rune {
	var out []rune
	for c := range sh.missing {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// Measure returns the width of text in a style and size, in mm.
func (sh *Shaper) Measure(s Style, size float64) func(string) float64 {
	return func(text string) float64 {
		w := 0.0
		for _, c := range text {
			for _, g := range sh.shaped(s, c).glyphs {
				w += g.Advance
			}
		}
		return w * size
	}
}

// ignorable characters print nothing and need no glyph: variation
// selectors (the base character prints) and format controls.
func ignorable(c rune) bool {
	return unicode.Is(unicode.Variation_Selector, c) || unicode.Is(unicode.Cf, c) || unicode.IsControl(c)
}

// compatibility is the NFKC form of c when it differs (㎍ → μg, ｱ → ア),
// printed when no font has c: the meaning survives, unlike a 〓.
func compatibility(c rune) string {
	s := norm.NFKC.String(string(c))
	if s == string(c) {
		return ""
	}
	return s
}
