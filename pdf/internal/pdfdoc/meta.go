package pdfdoc

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"math"
	"strings"
	"time"
)

func sinCos(deg float64) (float64, float64) {
	return math.Sincos(deg * math.Pi / 180)
}

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// xmp is the metadata packet of PDF/A-2b: the part and conformance, and the
// Info dictionary's entries in their XMP properties.
func (d *Doc) xmp() []byte {
	date := d.info.Created.Format(time.RFC3339)
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
		`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n" +
		`<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:dc="http://purl.org/dc/elements/1.1/"` +
		` xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">` + "\n" +
		"<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>\n<dc:format>application/pdf</dc:format>\n")
	alt := func(name, v string) {
		if v != "" {
			b.WriteString("<" + name + `><rdf:Alt><rdf:li xml:lang="x-default">` + esc(v) + "</rdf:li></rdf:Alt></" + name + ">\n")
		}
	}
	alt("dc:title", d.info.Title)
	alt("dc:description", d.info.Subject)
	if d.info.Author != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>" + esc(d.info.Author) + "</rdf:li></rdf:Seq></dc:creator>\n")
	}
	b.WriteString("<xmp:CreateDate>" + date + "</xmp:CreateDate><xmp:ModifyDate>" + date + "</xmp:ModifyDate>" +
		"<xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n")
	if d.info.Creator != "" {
		b.WriteString("<xmp:CreatorTool>" + esc(d.info.Creator) + "</xmp:CreatorTool>\n")
	}
	if d.info.Producer != "" {
		b.WriteString("<pdf:Producer>" + esc(d.info.Producer) + "</pdf:Producer>\n")
	}
	b.WriteString("</rdf:Description></rdf:RDF></x:xmpmeta>\n" + strings.Repeat(" ", 512) + "\n<?xpacket end=\"w\"?>")
	return []byte(b.String())
}

// SRGBProfile is an ICC v2 display profile of sRGB (IEC 61966-2-1): the
// D50-adapted primaries and the sRGB tone curve, built here rather than
// shipped so that its content is plain to read.
func SRGBProfile() []byte {
	s15 := func(v float64) []byte {
		var b [4]byte
		binary.BigEndian.PutUint32(b[:], uint32(int32(math.Round(v*65536))))
		return b[:]
	}
	xyz := func(x, y, z float64) []byte {
		return bytes.Join([][]byte{[]byte("XYZ \x00\x00\x00\x00"), s15(x), s15(y), s15(z)}, nil)
	}
	desc := func(s string) []byte {
		var b bytes.Buffer
		b.WriteString("desc\x00\x00\x00\x00")
		binary.Write(&b, binary.BigEndian, uint32(len(s)+1))
		b.WriteString(s + "\x00")
		b.Write(make([]byte, 4+4+2+1+67)) // no Unicode or Macintosh description
		return b.Bytes()
	}
	// The sRGB transfer function, sampled.
	var curve bytes.Buffer
	curve.WriteString("curv\x00\x00\x00\x00")
	const n = 1024
	binary.Write(&curve, binary.BigEndian, uint32(n))
	for i := range n {
		v := float64(i) / (n - 1)
		if v <= 0.04045 {
			v /= 12.92
		} else {
			v = math.Pow((v+0.055)/1.055, 2.4)
		}
		binary.Write(&curve, binary.BigEndian, uint16(math.Round(v*65535)))
	}
	tags := []struct {
		sig  string
		data []byte
	}{
		{"desc", desc("sRGB IEC61966-2.1")},
		{"cprt", []byte("text\x00\x00\x00\x00No copyright, use freely\x00")},
		{"wtpt", xyz(0.9642, 1.0, 0.8249)},
		{"rXYZ", xyz(0.4361, 0.2225, 0.0139)},
		{"gXYZ", xyz(0.3851, 0.7169, 0.0971)},
		{"bXYZ", xyz(0.1431, 0.0606, 0.7141)},
		{"rTRC", curve.Bytes()},
		{"gTRC", nil}, // the same curve, shared
		{"bTRC", nil},
	}
	head := 128 + 4 + 12*len(tags)
	var body bytes.Buffer
	table := make([]byte, 4+12*len(tags))
	binary.BigEndian.PutUint32(table, uint32(len(tags)))
	var curveAt, curveLen int
	for i, t := range tags {
		e := table[4+12*i:]
		copy(e, t.sig)
		off, size := head+body.Len(), len(t.data)
		if t.data == nil {
			off, size = curveAt, curveLen
		} else {
			body.Write(t.data)
			for body.Len()%4 != 0 {
				body.WriteByte(0)
			}
		}
		if t.sig == "rTRC" {
			curveAt, curveLen = off, size
		}
		binary.BigEndian.PutUint32(e[4:], uint32(off))
		binary.BigEndian.PutUint32(e[8:], uint32(size))
	}
	h := make([]byte, 128)
	binary.BigEndian.PutUint32(h[0:], uint32(head+body.Len()))
	binary.BigEndian.PutUint32(h[8:], 0x02100000) // version 2.1
	copy(h[12:], "mntrRGB XYZ ")
	binary.BigEndian.PutUint16(h[24:], 2000) // creation date: 2000-01-01
	binary.BigEndian.PutUint16(h[26:], 1)
	binary.BigEndian.PutUint16(h[28:], 1)
	copy(h[36:], "acsp")
	copy(h[68:], bytes.Join([][]byte{s15(0.9642), s15(1.0), s15(0.8249)}, nil)) // D50
	return bytes.Join([][]byte{h, table, body.Bytes()}, nil)
}
