package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
)

// A Face is a TrueType font read once: its Unicode map (cmap format 12, so
// that 𠮷 U+20BB7 and every other supplementary-plane character resolve),
// advance widths and glyph locations, enough to measure text and to embed a
// subset in a PDF. The bytes are never modified, nor copied: the tables are
// checked once and then read in place (decoding them into slices cost every
// process ~0.5 MB and most of the parse).
type Face struct {
	PostScriptName string
	UnitsPerEm     int
	BBox           [4]int // xMin, yMin, xMax, yMax in font units
	Ascent         int    // hhea, font units
	Descent        int    // hhea, negative
	CapHeight      int

	data     []byte
	tables   map[string][]byte
	glyphs   int    // maxp numGlyphs
	hmtx     []byte // hMetrics (advance, lsb) then lsbs
	hMetrics int    // hhea numberOfHMetrics
	loca     []byte // numGlyphs+1 offsets into glyf
	longLoca bool   // 4-byte offsets, else 2-byte halves
	glyf     []byte
	groups   []byte // cmap format 12 groups (first, last, glyph), 12 bytes each
}

type cmapGroup struct{ first, last, glyph uint32 }

// Parse reads a TrueType font (glyf outlines) with a format 12 Unicode map.
func Parse(data []byte) (*Face, error) {
	f := &Face{data: data, tables: map[string][]byte{}}
	if len(data) < 12 || binary.BigEndian.Uint32(data) != 0x00010000 {
		return nil, errors.New("fonts: not a TrueType font")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := range n {
		rec := data[12+16*i:]
		if len(rec) < 16 {
			return nil, errors.New("fonts: table directory cut short")
		}
		off, size := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(size) > uint64(len(data)) {
			return nil, fmt.Errorf("fonts: table %q runs past the end of the file", rec[:4])
		}
		f.tables[string(rec[:4])] = data[off : off+size]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap"} {
		if f.tables[t] == nil {
			return nil, fmt.Errorf("fonts: no %q table", t)
		}
	}
	for _, step := range []func() error{f.readHead, f.readMetrics, f.readLoca, f.readCmap} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	f.PostScriptName = f.name(6)
	return f, nil
}

func u16(b []byte, off int) int    { return int(binary.BigEndian.Uint16(b[off:])) }
func u32(b []byte, off int) uint32 { return binary.BigEndian.Uint32(b[off:]) }
func i16(b []byte, off int) int    { return int(int16(binary.BigEndian.Uint16(b[off:]))) }

func (f *Face) readHead() error {
	h := f.tables["head"]
	if len(h) < 54 {
		return errors.New("fonts: head table too short")
	}
	f.UnitsPerEm = u16(h, 18)
	f.BBox = [4]int{i16(h, 36), i16(h, 38), i16(h, 40), i16(h, 42)}
	if f.UnitsPerEm == 0 {
		return errors.New("fonts: unitsPerEm is 0")
	}
	hh := f.tables["hhea"]
	if len(hh) < 36 {
		return errors.New("fonts: hhea table too short")
	}
	f.Ascent, f.Descent = i16(hh, 4), i16(hh, 6)
	f.CapHeight = f.Ascent
	if os2 := f.tables["OS/2"]; len(os2) >= 90 && u16(os2, 0) >= 2 {
		f.CapHeight = i16(os2, 88)
	}
	return nil
}

func (f *Face) numGlyphs() int { return u16(f.tables["maxp"], 4) }

func (f *Face) readMetrics() error {
	n, hm := f.numGlyphs(), u16(f.tables["hhea"], 34)
	hmtx := f.tables["hmtx"]
	if hm == 0 || hm > n || len(hmtx) < 4*hm+2*(n-hm) {
		return errors.New("fonts: hmtx table does not match hhea and maxp")
	}
	f.glyphs, f.hmtx, f.hMetrics = n, hmtx, hm
	return nil
}

// advance is glyph g's advance width in font units (g < f.glyphs).
func (f *Face) advance(g uint16) uint16 { return uint16(u16(f.hmtx, 4*min(int(g), f.hMetrics-1))) }

func (f *Face) readLoca() error {
	f.loca, f.longLoca, f.glyf = f.tables["loca"], i16(f.tables["head"], 50) == 1, f.tables["glyf"]
	size := 2
	if f.longLoca {
		size = 4
	}
	if len(f.loca) < size*(f.glyphs+1) {
		return errors.New("fonts: loca table too short")
	}
	for i := range f.glyphs + 1 {
		if o := f.offset(i); o > uint32(len(f.glyf)) || i > 0 && o < f.offset(i-1) {
			return fmt.Errorf("fonts: glyph %d lies outside the glyf table", i)
		}
	}
	return nil
}

// offset is entry i of loca: where glyph i starts in glyf.
func (f *Face) offset(i int) uint32 {
	if f.longLoca {
		return u32(f.loca, 4*i)
	}
	return 2 * uint32(u16(f.loca, 2*i))
}

// readCmap takes the Windows full-repertoire map (3,10) or the Unicode full
// map (0,4), both format 12: the BMP-only formats cannot reach 𠮷.
func (f *Face) readCmap() error {
	c := f.tables["cmap"]
	if len(c) < 4 {
		return errors.New("fonts: cmap table too short")
	}
	for i := range u16(c, 2) {
		if len(c) < 4+8*(i+1) {
			break
		}
		pid, eid := u16(c, 4+8*i), u16(c, 6+8*i)
		off := int(binary.BigEndian.Uint32(c[8+8*i:]))
		if !(pid == 3 && eid == 10 || pid == 0 && eid == 4) || off+16 > len(c) || u16(c, off) != 12 {
			continue
		}
		n := int(binary.BigEndian.Uint32(c[off+12:]))
		if off+16+12*n > len(c) {
			return errors.New("fonts: cmap format 12 cut short")
		}
		f.groups = c[off+16 : off+16+12*n]
		return nil
	}
	return errors.New("fonts: no format 12 Unicode cmap")
}

// name returns an English or first ASCII name record by ID, or "".
func (f *Face) name(id int) string {
	t := f.tables["name"]
	if len(t) < 6 {
		return ""
	}
	count, strs := u16(t, 2), u16(t, 4)
	for i := range count {
		r := 6 + 12*i
		if r+12 > len(t) || u16(t, r+6) != id {
			continue
		}
		pid, length, off := u16(t, r), u16(t, r+8), strs+u16(t, r+10)
		if off+length > len(t) {
			continue
		}
		s := t[off : off+length]
		if pid == 1 { // Macintosh Roman: ASCII for PostScript names
			return string(s)
		}
		var out []byte
		for j := 1; j < len(s); j += 2 {
			out = append(out, s[j])
		}
		return string(out)
	}
	return ""
}

// Glyph returns the glyph ID of r, 0 when the font lacks it.
func (f *Face) Glyph(r rune) uint16 {
	n := len(f.groups) / 12
	i := sort.Search(n, func(i int) bool { return u32(f.groups, 12*i+4) >= uint32(r) })
	if i == n || u32(f.groups, 12*i) > uint32(r) {
		return 0
	}
	g := u32(f.groups, 12*i+8) + uint32(r) - u32(f.groups, 12*i)
	if g >= uint32(f.glyphs) {
		return 0
	}
	return uint16(g)
}

// Advance is the advance width of glyph g in thousandths of an em, the
// unit of PDF glyph widths.
func (f *Face) Advance(g uint16) float64 {
	if int(g) >= f.glyphs {
		return 0
	}
	return float64(f.advance(g)) * 1000 / float64(f.UnitsPerEm)
}

// glyph returns the outline bytes of g.
func (f *Face) glyph(g uint16) []byte {
	return f.glyf[f.offset(int(g)):f.offset(int(g)+1)]
}

// Composite glyph flags (TrueType glyf).
const (
	argsAreWords   = 0x0001
	haveScale      = 0x0008
	moreComponents = 0x0020
	haveXYScale    = 0x0040
	have2x2        = 0x0080
)

// componentArgs is the size of a component's arguments and transform.
func componentArgs(flags int) int {
	n := 2
	if flags&argsAreWords != 0 {
		n = 4
	}
	switch {
	case flags&haveScale != 0:
		n += 2
	case flags&haveXYScale != 0:
		n += 4
	case flags&have2x2 != 0:
		n += 8
	}
	return n
}

// components lists the glyphs a composite glyph is built from.
func components(b []byte) []uint16 {
	if len(b) < 10 || int16(binary.BigEndian.Uint16(b)) >= 0 {
		return nil
	}
	var out []uint16
	for p := 10; p+4 <= len(b); {
		flags := u16(b, p)
		out = append(out, uint16(u16(b, p+2)))
		p += 4 + componentArgs(flags)
		if flags&moreComponents == 0 {
			break
		}
	}
	return out
}

// Subset returns a TrueType font program holding only the given glyphs
// (and the glyphs composites are built from), numbered from 0 in the order
// of their IDs in the full font, and the map from full-font IDs to subset
// IDs (a PDF's CIDToGIDMap). The hinting tables are kept; the layout
// tables are not.
func (f *Face) Subset(glyphs []uint16) ([]byte, map[uint16]uint16) {
	ids, ts := f.subset(glyphs)
	return writeFont(f.withTables(ts, "head", "hhea", "maxp", "hmtx", "loca", "glyf", "cvt ", "fpgm", "prep")), ids
}

// SubsetFont returns a standalone TrueType font holding the glyphs of the
// given characters, with a format 12 cmap for exactly those characters
// (fonts/internal/fallbackgen builds the bundled fallback fonts with it).
func (f *Face) SubsetFont(runes []rune) []byte {
	slices.Sort(runes)
	runes = slices.Compact(runes)
	var glyphs []uint16
	for _, r := range runes {
		if g := f.Glyph(r); g != 0 {
			glyphs = append(glyphs, g)
		}
	}
	ids, ts := f.subset(glyphs)
	var groups []cmapGroup
	for _, r := range runes {
		g, ok := ids[f.Glyph(r)]
		if !ok || g == 0 {
			continue
		}
		if l := len(groups) - 1; l >= 0 && groups[l].last+1 == uint32(r) && groups[l].glyph+uint32(r)-groups[l].first == uint32(g) {
			groups[l].last++
		} else {
			groups = append(groups, cmapGroup{uint32(r), uint32(r), uint32(g)})
		}
	}
	cmap := make([]byte, 12+16+12*len(groups))
	binary.BigEndian.PutUint16(cmap[2:], 1)  // one subtable
	binary.BigEndian.PutUint16(cmap[4:], 3)  // Windows
	binary.BigEndian.PutUint16(cmap[6:], 10) // full Unicode repertoire
	binary.BigEndian.PutUint32(cmap[8:], 12)
	sub := cmap[12:]
	binary.BigEndian.PutUint16(sub, 12)
	binary.BigEndian.PutUint32(sub[4:], uint32(len(sub)))
	binary.BigEndian.PutUint32(sub[12:], uint32(len(groups)))
	for i, g := range groups {
		e := sub[16+12*i:]
		binary.BigEndian.PutUint32(e, g.first)
		binary.BigEndian.PutUint32(e[4:], g.last)
		binary.BigEndian.PutUint32(e[8:], g.glyph)
	}
	ts["cmap"] = cmap
	// post format 3: no glyph names, which would follow the old numbering.
	if post := f.tables["post"]; len(post) >= 32 {
		post = slices.Clone(post[:32])
		binary.BigEndian.PutUint32(post, 0x00030000)
		ts["post"] = post
	}
	return writeFont(f.withTables(ts, "head", "hhea", "maxp", "hmtx", "loca", "glyf", "cvt ", "fpgm", "prep", "OS/2", "name", "post", "cmap"))
}

// withTables lists the named tables, rebuilt ones first, else the font's.
func (f *Face) withTables(rebuilt map[string][]byte, tags ...string) []table {
	var out []table
	for _, tag := range tags {
		if b, ok := rebuilt[tag]; ok {
			out = append(out, table{tag, b})
		} else if b, ok := f.tables[tag]; ok {
			out = append(out, table{tag, b})
		}
	}
	return out
}

// closure adds the components of composite glyphs, and glyph 0 (.notdef),
// and returns the glyph IDs in order.
func (f *Face) closure(glyphs []uint16) []uint16 {
	keep := make([]bool, f.glyphs)
	todo := append(slices.Clone(glyphs), 0)
	for len(todo) > 0 {
		g := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if int(g) >= len(keep) || keep[g] {
			continue
		}
		keep[g] = true
		todo = append(todo, components(f.glyph(g))...)
	}
	var out []uint16
	for g, k := range keep {
		if k {
			out = append(out, uint16(g))
		}
	}
	return out
}

// subset renumbers the kept glyphs from 0 and rebuilds the tables that
// depend on the numbering: glyf (composites point to their components by
// number), loca, hmtx, maxp, hhea and head's loca format.
func (f *Face) subset(glyphs []uint16) (map[uint16]uint16, map[string][]byte) {
	kept := f.closure(glyphs)
	ids := make(map[uint16]uint16, len(kept))
	for i, g := range kept {
		ids[g] = uint16(i)
	}
	n := len(kept)
	var glyf []byte
	loca := make([]byte, 4*(n+1))
	hmtx := make([]byte, 4*n)
	old, hm := f.hmtx, f.hMetrics
	for i, g := range kept {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
		binary.BigEndian.PutUint16(hmtx[4*i:], f.advance(g))
		if int(g) < hm {
			copy(hmtx[4*i+2:4*i+4], old[4*int(g)+2:])
		} else {
			copy(hmtx[4*i+2:4*i+4], old[4*hm+2*(int(g)-hm):])
		}
		start := len(glyf)
		glyf = append(glyf, f.glyph(g)...)
		renumberComponents(glyf[start:], ids)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(len(glyf)))
	head := slices.Clone(f.tables["head"])
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	clear(head[8:12])                        // checkSumAdjustment, set by writeFont
	hhea := slices.Clone(f.tables["hhea"])
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	maxp := slices.Clone(f.tables["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))
	return ids, map[string][]byte{"head": head, "hhea": hhea, "maxp": maxp, "loca": loca, "glyf": glyf, "hmtx": hmtx}
}

// renumberComponents rewrites the component glyph IDs of a composite
// glyph in place.
func renumberComponents(b []byte, ids map[uint16]uint16) {
	if len(b) < 10 || int16(binary.BigEndian.Uint16(b)) >= 0 {
		return
	}
	for p := 10; p+4 <= len(b); {
		flags := u16(b, p)
		binary.BigEndian.PutUint16(b[p+2:], ids[uint16(u16(b, p+2))])
		p += 4 + componentArgs(flags)
		if flags&moreComponents == 0 {
			break
		}
	}
}

type table struct {
	tag  string
	data []byte
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// writeFont lays out an sfnt file: directory sorted by tag, tables 4-byte
// aligned, checksums and head.checkSumAdjustment as the spec asks.
func writeFont(ts []table) []byte {
	slices.SortFunc(ts, func(a, b table) int {
		if a.tag < b.tag {
			return -1
		}
		return 1
	})
	n := len(ts)
	sel := 0
	for 1<<(sel+1) <= n {
		sel++
	}
	size := 12 + 16*n
	for _, t := range ts {
		size += (len(t.data) + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size) // one allocation: fonts run to megabytes
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(16<<sel))
	binary.BigEndian.PutUint16(out[8:], uint16(sel))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-16<<sel))
	headAt := -1
	for i, t := range ts {
		rec := out[12+16*i:]
		copy(rec, t.tag)
		binary.BigEndian.PutUint32(rec[4:], checksum(t.data))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(t.data)))
		if t.tag == "head" {
			headAt = len(out)
		}
		out = append(out, t.data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}
