package oqs

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
)

// A file cut anywhere after its root opened is truncated (the client waits
// and reads it again), in every kind of token: a tag, an attribute value,
// a reference, a comment, a PI, CDATA. Written by hand, not by our writer.
func TestCutInsideTheRootIsTruncation(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<XmlMsg v="1">` +
		"\n<MessageHeader a=\"x&amp;y\" b='&#x41;'>\n  <Name>診療　太郎&lt;&#12354;</Name><!-- 注 -->" +
		"<?pi data?><Memo><![CDATA[<x> & ]]>後</Memo><Empty/>\n</MessageHeader>\n</XmlMsg>"
	if _, err := parseTree(context.Background(), []byte(doc), rootElement); err != nil {
		t.Fatal(err)
	}
	sjis, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(strings.Replace(doc, "UTF-8", "Shift_JIS", 1)))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range [][]byte{[]byte(doc), sjis} {
		opened := bytes.Index(d, []byte(`v="1">`)) + len(`v="1">`)
		for cut := opened; cut < len(d); cut++ {
			if d[0] == doc[0] && !utf8.RuneStart(d[cut]) {
				continue // a cut UTF-8 character is an encoding error
			}
			if _, err := parseTree(context.Background(), d[:cut], rootElement); !errors.Is(err, errTruncated) {
				t.Errorf("cut at %d of %d: %v, want truncated", cut, len(d), err)
			}
		}
	}
}

// The one refusal of its own: a name that is not ASCII, which encoding/xml
// would read and OQS never writes.
func TestNonASCIINameRefused(t *testing.T) {
	for _, doc := range []string{`<XmlMsg><名前/></XmlMsg>`, `<XmlMsg><A 属性="1"/></XmlMsg>`, `<?処理 x?><XmlMsg/>`} {
		_, err := parseTree(context.Background(), []byte(doc), rootElement)
		if err == nil || !strings.Contains(err.Error(), "is not ASCII") || !strings.HasPrefix(err.Error(), "line 1: ") {
			t.Errorf("%s: %v", doc, err)
		}
	}
}
