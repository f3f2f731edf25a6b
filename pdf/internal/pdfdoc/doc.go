// Package pdfdoc writes PDF/A-2b documents: A4 pages of lines, rectangles
// and text in embedded TrueType subsets. Fonts are CIDFontType2 with
// Identity-H encoding addressed by glyph ID, so any character the font has
// prints, supplementary-plane kanji included, and each glyph carries its
// Unicode text (ToUnicode) for search and copy. It exists because fpdf's
// subsetting indexes a 65,536-entry table by code point and panics past
// U+FFFF.
package pdfdoc

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"kyukyu/fonts"
)

// A4 in millimetres; coordinates are millimetres from the top-left corner.
const (
	PageW = 210.0
	PageH = 297.0
	ptMM  = 72 / 25.4
)

// Info is the document's metadata, written both to the Info dictionary and
// to the XMP packet PDF/A requires, identically.
type Info struct {
	Title, Subject, Author, Creator, Producer string
	Created                                   time.Time // with its zone: written as +09:00 for Tokyo
	Lang                                      string    // BCP 47, e.g. ja-JP
}

// Doc is a document being drawn.
type Doc struct {
	info  Info
	pages []*Page
	fonts []*font
	byFac map[*fonts.Face]*font
	z     *zlib.Writer // reused: a new one allocates a megabyte
	zbuf  bytes.Buffer
}

type font struct {
	face *fonts.Face
	name string          // resource name, /F1
	used map[uint16]rune // glyph → the character it stands for
}

// Page is one page's content: what is being drawn, and the parts already
// compressed. A page is compressed when the next one starts, so that a
// long document is not held uncompressed; later drawing on it (page
// numbers) becomes another part.
type Page struct {
	doc   *Doc
	buf   bytes.Buffer
	parts [][]byte
}

// New starts an empty document.
func New(info Info) *Doc {
	return &Doc{info: info, byFac: map[*fonts.Face]*font{}}
}

// AddPage appends a page and returns it.
func (d *Doc) AddPage() *Page {
	p := &Page{doc: d}
	if n := len(d.pages); n > 0 {
		prev := d.pages[n-1]
		prev.seal()
		p.buf, prev.buf = prev.buf, bytes.Buffer{} // the new page reuses the buffer
	}
	d.pages = append(d.pages, p)
	return p
}

func (p *Page) seal() {
	if p.buf.Len() > 0 {
		p.parts = append(p.parts, p.doc.deflate(p.buf.Bytes()))
		p.buf.Reset()
	}
}

// deflate returns data zlib-compressed, in a new slice.
func (d *Doc) deflate(data []byte) []byte {
	d.zbuf.Reset()
	if d.z == nil {
		d.z, _ = zlib.NewWriterLevel(&d.zbuf, zlib.BestSpeed)
	} else {
		d.z.Reset(&d.zbuf)
	}
	d.z.Write(data)
	d.z.Close()
	return bytes.Clone(d.zbuf.Bytes())
}

// Pages returns the pages in order.
func (d *Doc) Pages() []*Page { return d.pages }

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func mm(v float64) string { return strconv.FormatFloat(v*ptMM, 'f', 3, 64) }

// y converts a distance from the top of the page.
func y(v float64) string { return mm(PageH - v) }

// RGB is a colour, 0–255 per channel.
type RGB [3]uint8

func (c RGB) op(kind string) string {
	return fmt.Sprintf("%s %s %s %s", num(float64(c[0])/255), num(float64(c[1])/255), num(float64(c[2])/255), kind)
}

// Fill sets the fill colour, also that of text.
func (p *Page) Fill(c RGB) { fmt.Fprintln(&p.buf, c.op("rg")) }

// Stroke sets the stroke colour.
func (p *Page) Stroke(c RGB) { fmt.Fprintln(&p.buf, c.op("RG")) }

// LineWidth sets the stroke width in millimetres.
func (p *Page) LineWidth(w float64) { fmt.Fprintln(&p.buf, mm(w), "w") }

// Line strokes a segment.
func (p *Page) Line(x1, y1, x2, y2 float64) {
	fmt.Fprintln(&p.buf, mm(x1), y(y1), "m", mm(x2), y(y2), "l S")
}

// Rect draws a rectangle with its top-left corner at x, y: filled, stroked
// or both.
func (p *Page) Rect(x, top, w, h float64, fill, stroke bool) {
	op := map[[2]bool]string{{true, true}: "B", {true, false}: "f", {false, true}: "S"}[[2]bool{fill, stroke}]
	if op == "" {
		return
	}
	fmt.Fprintln(&p.buf, mm(x), y(top+h), mm(w), mm(h), "re", op)
}

// Glyph is a glyph of a face and the character it stands for.
type Glyph struct {
	Face *fonts.Face
	ID   uint16
	Rune rune
}

// TextStyle changes how text is painted.
type TextStyle struct {
	Outline   bool    // stroke the outlines instead of filling them
	Rotate    float64 // degrees counter-clockwise about the start point
	OutlineMM float64 // stroke width of outlined text
}

// Text draws glyphs in a row from x with the baseline at base, size in
// points, switching fonts as the glyphs' faces change.
func (p *Page) Text(x, base, size float64, gs []Glyph, st TextStyle) {
	if len(gs) == 0 {
		return
	}
	b := &p.buf
	b.WriteString("BT\n")
	if st.Outline {
		fmt.Fprintf(b, "1 Tr %s w\n", mm(st.OutlineMM))
	}
	if st.Rotate != 0 {
		s, c := sinCos(st.Rotate)
		fmt.Fprintf(b, "%s %s %s %s %s %s Tm\n", num(c), num(s), num(-s), num(c), mm(x), y(base))
	} else {
		fmt.Fprintf(b, "%s %s Td\n", mm(x), y(base))
	}
	var cur *font
	for i := 0; i < len(gs); {
		f := p.doc.font(gs[i].Face)
		if f != cur {
			fmt.Fprintf(b, "/%s %s Tf\n", f.name, num(size))
			cur = f
		}
		b.WriteByte('<')
		for ; i < len(gs) && gs[i].Face == f.face; i++ {
			id := gs[i].ID
			b.Write([]byte{hex[id>>12], hex[id>>8&15], hex[id>>4&15], hex[id&15]})
			if _, ok := f.used[gs[i].ID]; !ok {
				f.used[gs[i].ID] = gs[i].Rune
			}
		}
		b.WriteString("> Tj\n")
	}
	b.WriteString("ET\n")
}

func (d *Doc) font(face *fonts.Face) *font {
	if f, ok := d.byFac[face]; ok {
		return f
	}
	f := &font{face: face, name: fmt.Sprintf("F%d", len(d.fonts)+1), used: map[uint16]rune{}}
	d.fonts = append(d.fonts, f)
	d.byFac[face] = f
	return f
}

const hex = "0123456789ABCDEF"

// writer numbers objects and remembers their offsets.
type writer struct {
	doc     *Doc
	out     bytes.Buffer
	offsets []int // by object number - 1
}

func (w *writer) reserve() int {
	w.offsets = append(w.offsets, 0)
	return len(w.offsets)
}

func (w *writer) object(n int, body string) {
	w.offsets[n-1] = w.out.Len()
	fmt.Fprintf(&w.out, "%d 0 obj\n%s\nendobj\n", n, body)
}

func (w *writer) stream(n int, dict string, data []byte, compress bool) {
	if compress {
		data = w.doc.deflate(data)
		dict += "/Filter/FlateDecode"
	}
	w.offsets[n-1] = w.out.Len()
	fmt.Fprintf(&w.out, "%d 0 obj\n<<%s/Length %d>>\nstream\n", n, dict, len(data))
	w.out.Write(data)
	w.out.WriteString("\nendstream\nendobj\n")
}

func ref(n int) string { return fmt.Sprintf("%d 0 R", n) }

// Write finishes the document.
func (d *Doc) Write(out io.Writer) error { return d.WriteFirst(out, len(d.pages)) }

// WriteFirst writes the document's first n pages only (a print of page 1).
func (d *Doc) WriteFirst(out io.Writer, n int) error {
	w := writer{doc: d}
	w.out.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	catalog, pages := w.reserve(), w.reserve()
	fontRefs := make([]string, 0, len(d.fonts))
	for _, f := range d.fonts {
		fontRefs = append(fontRefs, "/"+f.name+" "+ref(d.writeFont(&w, f)))
	}
	resources := "<</Font<<" + strings.Join(fontRefs, "") + ">>/ProcSet[/PDF/Text]>>"
	var kids []string
	for _, p := range d.pages[:min(max(n, 1), len(d.pages))] {
		p.seal()
		var contents []string
		for _, part := range p.parts {
			n := w.reserve()
			w.stream(n, "/Filter/FlateDecode", part, false)
			contents = append(contents, ref(n))
		}
		page := w.reserve()
		w.object(page, fmt.Sprintf("<</Type/Page/Parent %s/MediaBox[0 0 %s %s]/Resources %s/Contents[%s]>>",
			ref(pages), mm(PageW), mm(PageH), resources, strings.Join(contents, " ")))
		kids = append(kids, ref(page))
	}
	w.object(pages, fmt.Sprintf("<</Type/Pages/Kids[%s]/Count %d>>", strings.Join(kids, " "), len(kids)))
	meta := w.reserve()
	w.stream(meta, "/Type/Metadata/Subtype/XML", d.xmp(), false)
	icc := w.reserve()
	w.stream(icc, "/N 3", SRGBProfile(), true)
	intent := w.reserve()
	w.object(intent, "<</Type/OutputIntent/S/GTS_PDFA1/OutputConditionIdentifier(sRGB IEC61966-2.1)"+
		"/RegistryName(http://www.color.org)/Info(sRGB IEC61966-2.1)/DestOutputProfile "+ref(icc)+">>")
	lang := ""
	if d.info.Lang != "" {
		lang = "/Lang" + literal(d.info.Lang)
	}
	w.object(catalog, fmt.Sprintf("<</Type/Catalog/Pages %s/Metadata %s/OutputIntents[%s]%s/ViewerPreferences<</DisplayDocTitle true>>>>",
		ref(pages), ref(meta), ref(intent), lang))
	info := w.reserve()
	w.object(info, d.infoDict())
	xref := w.out.Len()
	fmt.Fprintf(&w.out, "xref\n0 %d\n0000000000 65535 f \n", len(w.offsets)+1)
	for _, off := range w.offsets {
		fmt.Fprintf(&w.out, "%010d 00000 n \n", off)
	}
	id := md5.Sum(w.out.Bytes())
	fmt.Fprintf(&w.out, "trailer\n<</Size %d/Root %s/Info %s/ID[<%x><%x>]>>\nstartxref\n%d\n%%%%EOF\n",
		len(w.offsets)+1, ref(catalog), ref(info), id, id, xref)
	_, err := out.Write(w.out.Bytes())
	return err
}

// writeFont writes a Type0 font over a CIDFontType2 subset and returns the
// Type0 object's number.
func (d *Doc) writeFont(w *writer, f *font) int {
	glyphs := slices.Sorted(maps.Keys(f.used))
	base := subsetTag(f.face.PostScriptName, glyphs) + "+" + f.face.PostScriptName
	type0, cid, desc, file, toUni, cidMap := w.reserve(), w.reserve(), w.reserve(), w.reserve(), w.reserve(), w.reserve()
	var widths strings.Builder
	for _, g := range glyphs {
		fmt.Fprintf(&widths, "%d[%s]", g, num(f.face.Advance(g)))
	}
	w.object(type0, fmt.Sprintf("<</Type/Font/Subtype/Type0/BaseFont/%s/Encoding/Identity-H/DescendantFonts[%s]/ToUnicode %s>>",
		base, ref(cid), ref(toUni)))
	w.object(cid, fmt.Sprintf("<</Type/Font/Subtype/CIDFontType2/BaseFont/%s/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>"+
		"/FontDescriptor %s/DW 1000/W[%s]/CIDToGIDMap %s>>", base, ref(desc), widths.String(), ref(cidMap)))
	fu := func(v int) string { return num(float64(v) * 1000 / float64(f.face.UnitsPerEm)) }
	bb := f.face.BBox
	w.object(desc, fmt.Sprintf("<</Type/FontDescriptor/FontName/%s/Flags 4/FontBBox[%s %s %s %s]/ItalicAngle 0/Ascent %s/Descent %s/CapHeight %s/StemV 80/FontFile2 %s>>",
		base, fu(bb[0]), fu(bb[1]), fu(bb[2]), fu(bb[3]), fu(f.face.Ascent), fu(f.face.Descent), fu(f.face.CapHeight), ref(file)))
	// Content addresses glyphs by their IDs in the full font (the CIDs);
	// the subset numbers them from 0, and the map joins the two.
	program, ids := f.face.Subset(glyphs)
	w.stream(file, fmt.Sprintf("/Length1 %d", len(program)), program, true)
	m := make([]byte, 2*(int(glyphs[len(glyphs)-1])+1))
	for _, g := range glyphs {
		m[2*int(g)], m[2*int(g)+1] = byte(ids[g]>>8), byte(ids[g])
	}
	w.stream(cidMap, "", m, true)
	w.stream(toUni, "", toUnicode(glyphs, f.used), true)
	return type0
}

// subsetTag is six capital letters derived from the font and its glyphs:
// the same subset gets the same tag, different subsets differ.
func subsetTag(name string, glyphs []uint16) string {
	h := md5.New()
	io.WriteString(h, name)
	for _, g := range glyphs {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}

// toUnicode maps every glyph to its text, in UTF-16BE as the CMap syntax
// asks (surrogate pairs for the supplementary planes).
func toUnicode(glyphs []uint16, text map[uint16]rune) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n")
	for chunk := range slices.Chunk(glyphs, 100) {
		fmt.Fprintf(&b, "%d beginbfchar\n", len(chunk))
		for _, g := range chunk {
			fmt.Fprintf(&b, "<%04X><", g)
			for _, u := range utf16.Encode([]rune{text[g]}) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// literal writes an ASCII string as a PDF literal, anything else as
// UTF-16BE with a byte-order mark.
func literal(s string) string {
	ascii := true
	for _, r := range s {
		ascii = ascii && r >= 0x20 && r < 0x7f
	}
	if ascii {
		r := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`)
		return "(" + r.Replace(s) + ")"
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	return b.String() + ">"
}

// pdfDate formats a time as D:YYYYMMDDHHmmSS+HH'mm'.
func pdfDate(t time.Time) string {
	z := t.Format("-07:00")
	return "D:" + t.Format("20060102150405") + z[:3] + "'" + z[4:] + "'"
}

func (d *Doc) infoDict() string {
	var b strings.Builder
	b.WriteString("<<")
	for _, kv := range [][2]string{{"Title", d.info.Title}, {"Subject", d.info.Subject}, {"Author", d.info.Author},
		{"Creator", d.info.Creator}, {"Producer", d.info.Producer}} {
		if kv[1] != "" {
			b.WriteString("/" + kv[0] + literal(kv[1]))
		}
	}
	date := literal(pdfDate(d.info.Created))
	b.WriteString("/CreationDate" + date + "/ModDate" + date + ">>")
	return b.String()
}
