package oqs

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"

	"kyukyu/summary"
)

// FuzzParse: whatever arrives in the res folder, Parse returns either a
// complete result or a one-line error — never a panic, never both, never
// neither. The seeds run in every `go test`; `go test -fuzz FuzzParse ./oqs`
// searches further.
func FuzzParse(f *testing.F) {
	for _, enc := range []Encoding{ShiftJIS, UTF8} {
		for _, render := range []func(*summary.Record, Encoding) ([]byte, error){RenderDrugResult, RenderCheckupResult} {
			b, err := render(synthetic(), enc)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
			f.Add(b[:len(b)/3])
		}
	}
	for _, name := range []string{"drug.xml", "checkup.xml"} {
		f.Add(readFixture(f, name))
	}
	f.Add([]byte(`<?xml version="1.0"?><!DOCTYPE XmlMsg [<!ENTITY a "b">]><XmlMsg/>`))
	f.Add([]byte(`<XmlMsg><MessageHeader><ResultCode>2</ResultCode><MessageContents>x</MessageContents></MessageHeader></XmlMsg>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Parse(bytes.NewReader(data))
		if (res == nil) == (err == nil) {
			t.Fatalf("result %v and error %v", res != nil, err)
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Fatalf("error of several lines: %q", err)
		}
	})
}

// FuzzParseFace: the same promise for face-auth results.
func FuzzParseFace(f *testing.F) {
	for _, name := range []string{"face_ok.xml", "face_noname.xml", "face_seg2.xml"} {
		b := readFixture(f, name)
		f.Add(b)
		f.Add(b[:len(b)/2])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		face, err := ParseFace(bytes.NewReader(data))
		if (face == nil) == (err == nil) {
			t.Fatalf("result %v and error %v", face != nil, err)
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Fatalf("error of several lines: %q", err)
		}
	})
}

// FuzzScanTree holds scanTree to encoding/xml (strict, raw tokens, read
// into a tree as buildTree did before issue 19): on the same UTF-8 input
// both accept or both refuse, and what they accept is the same tree (names,
// texts, lines). The one refusal of its own is a name that is not ASCII.
func FuzzScanTree(f *testing.F) {
	for _, name := range []string{"drug.xml", "checkup.xml", "face_ok.xml"} {
		b := readFixture(f, name)
		f.Add(b)
		f.Add(b[:len(b)/2])
	}
	b, err := RenderDrugResult(synthetic(), UTF8)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	for _, doc := range []string{
		`<?xml version="1.0" encoding="UTF-8"?>` + "\r\n<XmlMsg a='1' b=\"&lt;&#x41;&#66;\">\r\n <A>x&amp;y&apos;&quot;&gt;</A><B/><C></C></XmlMsg>\n",
		"<XmlMsg><A>a<!-- c -->b<![CDATA[<&>\r\n]]>c<?pi x?>d</A>\r<B>\r\r\n&#13;\n</B></XmlMsg>",
		`<x:XmlMsg><y:A>1</z:A><:B/><C:/><D:E:F/></x:XmlMsg>`,
		`<XmlMsg><A>&#xD800;&#0;&#x110000;&#X41;&#;&amp</A></XmlMsg>`,
		`<XmlMsg><A>]]></A><B a="]]>"/><C a="<"/><D a=b/><E a/></XmlMsg>`,
		`<?xml version="1.1"?><XmlMsg/>`,
		`<?xml version="1.0" encoding = "EUC-JP"?><XmlMsg/>`,
		`<?xml encoding="EUC-JP"?><XmlMsg/>`,
		`<XmlMsg><?xml encoding="EUC-JP"?></XmlMsg>`,
		`<!DOCTYPE XmlMsg><XmlMsg/>`,
		`<XmlMsg><!-- a -- b --></XmlMsg>`,
		`<XmlMsg><!- a --></XmlMsg><![CDAT[x]]>`,
		"<XmlMsg>\u3000</XmlMsg>\u3000 <!--x--> ",
		"<XmlMsg><A>\uFFFE\x01</A></XmlMsg>",
		"<XmlMsg><名前>x</名前><A 属性='1'/></XmlMsg>",
		"<XmlMsg><A\n\nb='1'\n/>\n<B>\n</B\n></XmlMsg>",
		`<XmlMsg></XmlMsg><XmlMsg/>`,
		`<XmlMsg`, `<XmlMsg><A>&am`, `<XmlMsg><A b="`, `<XmlMsg><!--`, `<XmlMsg><![CDATA[x`, `<XmlMsg><?p`, `<XmlMsg></A`,
	} {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, already, err := toUTF8(data)
		if err != nil {
			return // both read what toUTF8 makes
		}
		got, err := scanTree(context.Background(), doc, already, rootElement)
		want, nonASCII, oracleErr := oracleTree([]byte(doc), already, rootElement)
		switch {
		case err != nil && strings.Contains(err.Error(), "is not ASCII"):
			if oracleErr == nil && !nonASCII {
				t.Fatalf("refused a name as not ASCII that encoding/xml reads as ASCII: %v", err)
			}
		case (err == nil) != (oracleErr == nil):
			t.Fatalf("scanTree: %v; encoding/xml: %v", err, oracleErr)
		case err == nil:
			if diff := treeDiff(got, want, ""); diff != "" {
				t.Fatalf("trees differ at %s", diff)
			}
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Fatalf("error of several lines: %q", err)
		}
	})
}

// oracleTree is the tree encoding/xml reads; nonASCII says that some name
// in it is not ASCII.
func oracleTree(data []byte, already func(string) bool, root string) (top *node, nonASCII bool, err error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		if already(label) {
			return r, nil
		}
		return nil, &encodingError{label}
	}
	ascii := func(s string) bool { return isASCII([]byte(s)) }
	var stack []*node
	var text bytes.Buffer
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nonASCII, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			nonASCII = nonASCII || !ascii(t.Name.Space+t.Name.Local)
			for _, a := range t.Attr {
				nonASCII = nonASCII || !ascii(a.Name.Space+a.Name.Local)
			}
			if top != nil && len(stack) == 0 {
				return nil, nonASCII, errors.New("a second root")
			}
			if len(stack) >= MaxDepth {
				return nil, nonASCII, errors.New("too deep")
			}
			l, _ := d.InputPos()
			n := &node{name: t.Name.Local, line: l}
			if len(stack) == 0 {
				if n.name != root {
					return nil, nonASCII, errors.New("wrong root")
				}
				top = n
			} else {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			}
			stack = append(stack, n)
			text.Reset()
		case xml.EndElement:
			nonASCII = nonASCII || !ascii(t.Name.Space+t.Name.Local)
			if len(stack) == 0 || stack[len(stack)-1].name != t.Name.Local {
				return nil, nonASCII, errors.New("unexpected end tag")
			}
			if n := stack[len(stack)-1]; len(n.kids) == 0 {
				n.text = strings.TrimSpace(text.String())
			}
			stack = stack[:len(stack)-1]
			text.Reset()
		case xml.CharData:
			if len(stack) == 0 {
				if len(bytes.TrimSpace(t)) > 0 {
					return nil, nonASCII, errors.New("text outside the root")
				}
				continue
			}
			text.Write(t)
		case xml.ProcInst:
			nonASCII = nonASCII || !ascii(t.Target)
		case xml.Directive:
			return nil, nonASCII, errors.New("a DTD")
		}
	}
	if top == nil || len(stack) > 0 {
		return nil, nonASCII, errors.New("no element or unclosed")
	}
	return top, nonASCII, nil
}

// treeDiff is where a and b first differ ("" when they do not).
func treeDiff(a, b *node, at string) string {
	at += "/" + a.name
	if a.name != b.name || a.text != b.text || a.line != b.line || len(a.kids) != len(b.kids) {
		return fmt.Sprintf("%s: <%s> %q line %d, %d children; encoding/xml: <%s> %q line %d, %d children",
			at, a.name, a.text, a.line, len(a.kids), b.name, b.text, b.line, len(b.kids))
	}
	for i := range a.kids {
		if d := treeDiff(a.kids[i], b.kids[i], at); d != "" {
			return d
		}
	}
	return ""
}

// FuzzDecodeCP932: the table-driven decoder reads every byte sequence as
// x/text's Shift_JIS decoder does, and refuses exactly where x/text puts
// U+FFFD.
func FuzzDecodeCP932(f *testing.F) {
	f.Add(readFixture(f, "drug.xml"))
	for _, c := range cp932 {
		raw, _ := hex.DecodeString(c.hex)
		f.Add(raw)
	}
	f.Add([]byte{0x80, 0xA0, 0xA1, 0xDF, 0xFD, 0x81, 0x7F, 0x81, 0x3F, 0xFC, 0xFC, 0x81})
	f.Fuzz(func(t *testing.T, data []byte) {
		want, _ := japanese.ShiftJIS.NewDecoder().Bytes(data)
		got, err := decodeCP932(data)
		if bytes.ContainsRune(want, utf8.RuneError) != (err != nil) {
			t.Fatalf("x/text %q, decodeCP932 error %v", want, err)
		}
		if err == nil && got != string(want) {
			t.Fatalf("decodeCP932 %q, x/text %q", got, want)
		}
	})
}
