package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
)

// The window's fonts. Fyne v2.8 takes one font per text style and, for a
// character that font lacks, tries only its own Noto fonts and then the
// fonts installed on the machine: a PC without a font holding 𠮷 shows a
// box. So the window gets BIZ UDGothic with the glyphs of the Hanazono
// fallbacks appended, one font with every character the PDF prints.

// ScreenRegular and ScreenBold are BIZ UDGothic Regular and Bold with the
// fallback glyphs appended, built on first use (a few milliseconds).
var (
	ScreenRegular = sync.OnceValues(func() ([]byte, error) { return screenFont(func(s *Set) *Face { return s.Regular }) })
	ScreenBold    = sync.OnceValues(func() ([]byte, error) { return screenFont(func(s *Set) *Face { return s.Bold }) })
)

func screenFont(face func(*Set) *Face) ([]byte, error) {
	s, err := Load()
	if err != nil {
		return nil, err
	}
	b, err := Merge(face(s), s.Fallback...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", face(s).PostScriptName, err)
	}
	return b, nil
}

// Merge returns base with the glyphs of the extra fonts appended, scaled
// to base's units per em and mapped for the characters base (or an earlier
// extra font) lacks. Base keeps its glyph numbering, so its layout tables
// (GSUB) and its cmap's variation sequences stay valid. The appended
// glyphs lose their hinting instructions, which refer to their own font's
// functions; vertical metrics and the digital signature are dropped.
func Merge(base *Face, extra ...*Face) ([]byte, error) {
	n := base.glyphs
	size := int(base.offset(base.glyphs))
	for _, f := range extra {
		size += 3 * len(f.glyf) // 16-bit deltas take at most three times the packed outline
	}
	glyf := append(make([]byte, 0, size), base.glyf[:base.offset(base.glyphs)]...)
	loca := make([]uint32, 0, n+1)
	hmtx := make([]byte, 0, 4*n)
	advMax := 0
	for g := range n {
		loca = append(loca, base.offset(g))
		adv := base.advance(uint16(g))
		advMax = max(advMax, int(adv))
		hmtx = binary.BigEndian.AppendUint16(hmtx, adv)
		hmtx = append(hmtx, base.lsb(g)...)
	}
	groups := base.cmapGroups()
	has := func(r rune) bool { return base.Glyph(r) != 0 }
	bbox := base.BBox
	maxPoints, maxContours := 0, 0
	var sc scaler
	for _, f := range extra {
		first := len(loca)
		if first+f.glyphs > math.MaxUint16 {
			return nil, fmt.Errorf("fonts: merging %s makes more than 65,535 glyphs", f.PostScriptName)
		}
		sc.num, sc.den = base.UnitsPerEm, f.UnitsPerEm
		scale := sc.scale
		for g := range f.glyphs {
			start := len(glyf)
			loca = append(loca, uint32(start))
			var points int
			var err error
			glyf, points, err = sc.appendGlyph(glyf, f.glyph(uint16(g)))
			if err != nil {
				return nil, fmt.Errorf("fonts: %s glyph %d: %w", f.PostScriptName, g, err)
			}
			sg := glyf[start:]
			for len(glyf)%4 != 0 {
				glyf = append(glyf, 0)
			}
			if len(sg) > 0 {
				maxPoints, maxContours = max(maxPoints, points), max(maxContours, i16(sg, 0))
				bbox = [4]int{min(bbox[0], i16(sg, 2)), min(bbox[1], i16(sg, 4)), max(bbox[2], i16(sg, 6)), max(bbox[3], i16(sg, 8))}
			}
			adv := scale(int(f.advance(uint16(g))))
			advMax = max(advMax, adv)
			hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(adv))
			hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(int16(scale(int(int16(binary.BigEndian.Uint16(f.lsb(g))))))))
		}
		for _, grp := range f.cmapGroups() {
			for r := grp.first; r <= grp.last; r++ {
				if has(rune(r)) {
					continue
				}
				groups = appendRune(groups, r, uint32(first)+grp.glyph+r-grp.first)
			}
		}
		prev := has
		has = func(r rune) bool { return prev(r) || f.Glyph(r) != 0 }
	}
	total := len(loca)
	loca = append(loca, uint32(len(glyf)))
	slices.SortFunc(groups, func(a, b cmapGroup) int { return int(int64(a.first) - int64(b.first)) })

	locaB := make([]byte, 0, 4*len(loca))
	for _, o := range loca {
		locaB = binary.BigEndian.AppendUint32(locaB, o)
	}
	head := slices.Clone(base.tables["head"])
	clear(head[8:12]) // checkSumAdjustment, set by writeFont
	for i, v := range bbox {
		binary.BigEndian.PutUint16(head[36+2*i:], uint16(int16(v)))
	}
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	hhea := slices.Clone(base.tables["hhea"])
	binary.BigEndian.PutUint16(hhea[10:], uint16(advMax))
	binary.BigEndian.PutUint16(hhea[34:], uint16(total))
	maxp := slices.Clone(base.tables["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], uint16(total))
	if len(maxp) >= 10 {
		binary.BigEndian.PutUint16(maxp[6:], uint16(max(u16(maxp, 6), maxPoints)))
		binary.BigEndian.PutUint16(maxp[8:], uint16(max(u16(maxp, 8), maxContours)))
	}
	rebuilt := map[string][]byte{"head": head, "hhea": hhea, "maxp": maxp, "loca": locaB, "glyf": glyf, "hmtx": hmtx,
		"cmap": cmapTable(groups, base.variationSubtable())}
	var tags []string
	for tag := range base.tables {
		if tag != "DSIG" && tag != "vhea" && tag != "vmtx" {
			tags = append(tags, tag)
		}
	}
	return writeFont(base.withTables(rebuilt, tags...)), nil
}

// lsb is the left side bearing of glyph g, as its two bytes in hmtx.
func (f *Face) lsb(g int) []byte {
	if g < f.hMetrics {
		return f.hmtx[4*g+2 : 4*g+4]
	}
	o := 4*f.hMetrics + 2*(g-f.hMetrics)
	return f.hmtx[o : o+2]
}

// cmapGroups decodes the format 12 groups.
func (f *Face) cmapGroups() []cmapGroup {
	out := make([]cmapGroup, len(f.groups)/12)
	for i := range out {
		out[i] = cmapGroup{u32(f.groups, 12*i), u32(f.groups, 12*i+4), u32(f.groups, 12*i+8)}
	}
	return out
}

// appendRune maps r to glyph g, extending the last group when both follow on.
func appendRune(groups []cmapGroup, r, g uint32) []cmapGroup {
	if l := len(groups) - 1; l >= 0 && groups[l].last+1 == r && groups[l].glyph+r-groups[l].first == g {
		groups[l].last++
		return groups
	}
	return append(groups, cmapGroup{r, r, g})
}

// variationSubtable returns the cmap's Unicode variation sequences
// subtable (platform 0, encoding 5, format 14), or nil.
func (f *Face) variationSubtable() []byte {
	c := f.tables["cmap"]
	for i := range u16(c, 2) {
		if len(c) < 4+8*(i+1) {
			break
		}
		off := int(u32(c, 8+8*i))
		if u16(c, 4+8*i) != 0 || u16(c, 6+8*i) != 5 || off+10 > len(c) || u16(c, off) != 14 {
			continue
		}
		if size := int(u32(c, off+2)); off+size <= len(c) {
			return c[off : off+size]
		}
	}
	return nil
}

// cmapTable writes a cmap with the variation sequences (0,5), if any, and
// the groups as the full Unicode map (3,10) in format 12.
func cmapTable(groups []cmapGroup, variations []byte) []byte {
	var records [][3]int // platform, encoding, offset
	out := make([]byte, 4)
	binary.BigEndian.PutUint16(out[2:], 1)
	if variations != nil {
		binary.BigEndian.PutUint16(out[2:], 2)
	}
	out = append(out, make([]byte, 8*u16(out, 2))...)
	if variations != nil {
		records = append(records, [3]int{0, 5, len(out)})
		out = append(out, variations...)
	}
	records = append(records, [3]int{3, 10, len(out)})
	out = binary.BigEndian.AppendUint16(out, 12)
	out = binary.BigEndian.AppendUint16(out, 0)
	out = binary.BigEndian.AppendUint32(out, uint32(16+12*len(groups)))
	out = binary.BigEndian.AppendUint32(out, 0) // language
	out = binary.BigEndian.AppendUint32(out, uint32(len(groups)))
	for _, g := range groups {
		out = binary.BigEndian.AppendUint32(out, g.first)
		out = binary.BigEndian.AppendUint32(out, g.last)
		out = binary.BigEndian.AppendUint32(out, g.glyph)
	}
	for i, r := range records {
		binary.BigEndian.PutUint16(out[4+8*i:], uint16(r[0]))
		binary.BigEndian.PutUint16(out[6+8*i:], uint16(r[1]))
		binary.BigEndian.PutUint32(out[8+8*i:], uint32(r[2]))
	}
	return out
}

// Simple glyph flags (TrueType glyf).
const (
	onCurve     = 0x01
	xShort      = 0x02
	yShort      = 0x04
	repeatFlag  = 0x08
	xSameOrPos  = 0x10
	ySameOrPos  = 0x20
	overlapFlag = 0x40
)

// A scaler rewrites simple glyphs from one font's units per em to
// another's; its slices are reused from glyph to glyph.
type scaler struct {
	num, den int
	flags    []byte
	xs, ys   []int
}

func (s *scaler) scale(v int) int {
	return int(math.Round(float64(v*s.num) / float64(s.den)))
}

var errShort = errors.New("outline cut short")

// appendGlyph appends simple glyph b to dst with every coordinate scaled,
// without instructions, coordinates as 16-bit deltas; it returns dst and
// the glyph's number of points. An empty glyph stays empty.
func (s *scaler) appendGlyph(dst, b []byte) ([]byte, int, error) {
	if len(b) == 0 {
		return dst, 0, nil
	}
	if len(b) < 10 {
		return nil, 0, errShort
	}
	contours := i16(b, 0)
	if contours < 0 {
		return nil, 0, errors.New("composite glyph: not supported in a fallback font")
	}
	p := 10 + 2*contours
	if len(b) < p+2 {
		return nil, 0, errShort
	}
	points := 0
	if contours > 0 {
		points = u16(b, p-2) + 1
	}
	p += 2 + u16(b, p) // instructions
	s.flags = s.flags[:0]
	for len(s.flags) < points {
		if p >= len(b) {
			return nil, 0, errShort
		}
		fl := b[p]
		p++
		n := 1
		if fl&repeatFlag != 0 {
			if p >= len(b) {
				return nil, 0, errShort
			}
			n += int(b[p])
			p++
		}
		for range n {
			s.flags = append(s.flags, fl)
		}
	}
	s.flags = s.flags[:points]
	coords := func(out []int, short, same byte) ([]int, error) {
		out = out[:0]
		v := 0
		for _, fl := range s.flags {
			switch {
			case fl&short != 0:
				if p >= len(b) {
					return nil, errShort
				}
				d := int(b[p])
				if fl&same == 0 {
					d = -d
				}
				v += d
				p++
			case fl&same == 0:
				if p+2 > len(b) {
					return nil, errShort
				}
				v += i16(b, p)
				p += 2
			}
			out = append(out, v)
		}
		return out, nil
	}
	var err error
	if s.xs, err = coords(s.xs, xShort, xSameOrPos); err != nil {
		return nil, 0, err
	}
	if s.ys, err = coords(s.ys, yShort, ySameOrPos); err != nil {
		return nil, 0, err
	}
	dst = append(dst, b[:2]...)
	for i := range 4 {
		dst = binary.BigEndian.AppendUint16(dst, uint16(int16(s.scale(i16(b, 2+2*i)))))
	}
	dst = append(dst, b[10:10+2*contours]...)
	dst = append(dst, 0, 0) // no instructions
	for _, fl := range s.flags {
		dst = append(dst, fl&(onCurve|overlapFlag))
	}
	for _, vs := range [][]int{s.xs, s.ys} {
		last := 0
		for _, v := range vs {
			c := s.scale(v)
			dst = binary.BigEndian.AppendUint16(dst, uint16(int16(c-last)))
			last = c
		}
	}
	return dst, points, nil
}
