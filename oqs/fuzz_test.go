package oqs

import (
	"bytes"
	"strings"
	"testing"

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
