package oqs

import (
	"bytes"
	"context"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cp932 holds hand-picked CP932 byte sequences (as Windows writes them,
// checked against Python's cp932 codec) and the characters they are.
var cp932 = []struct{ hex, want string }{
	{"8740", "①"},
	{"878a", "㈱"},
	{"eee0", "髙"}, // NEC-selected IBM extension
	{"fbfc", "髙"}, // IBM extension
	{"ed95", "﨑"},
	{"fab1", "﨑"},
	{"8794", "∑"},
	{"81e0", "≒"},
}

// Shift_JIS is CP932: the NEC and IBM extensions decode to the right
// characters, in a hand-built document, not one our writer encoded.
func TestCP932Extensions(t *testing.T) {
	for _, c := range cp932 {
		raw, _ := hex.DecodeString(c.hex)
		doc := append([]byte(`<?xml version="1.0" encoding="Shift_JIS"?><XmlMsg><N>`), raw...)
		doc = append(doc, []byte(`</N></XmlMsg>`)...)
		root, err := parseTree(context.Background(), doc, rootElement)
		if err != nil {
			t.Errorf("%s: %v", c.hex, err)
			continue
		}
		if got := root.value("N"); got != c.want {
			t.Errorf("%s: decoded %q, want %q", c.hex, got, c.want)
		}
	}
}

// A declaration that lies about the bytes, an invalid sequence and a
// character lost earlier are refused, naming the problem; a UTF-8 BOM is
// accepted.
func TestEncodingMustMatchTheBytes(t *testing.T) {
	drug := readFixture(t, "drug.xml") // Shift_JIS, declared so
	decoded, err := decodeCP932(drug)
	if err != nil {
		t.Fatal(err)
	}
	utf8Doc := []byte(decoded)
	utf8Declared := bytes.Replace(utf8Doc, []byte(`encoding="Shift_JIS"`), []byte(`encoding="UTF-8"`), 1)
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"utf8-declared-sjis", utf8Doc, "the bytes are UTF-8 but the file declares Shift_JIS"},
		{"sjis-declared-utf8", bytes.Replace(drug, []byte(`encoding="Shift_JIS"`), []byte(`encoding="UTF-8"`), 1), "declares UTF-8 but has a byte sequence that is not UTF-8 near line 9"},
		{"invalid-sjis", bytes.Replace(drug, []byte("<DrugN>"), []byte("<DrugN>\x85\x40"), 1), "line 32 has a byte sequence that is not Shift_JIS"},
		{"lone-lead-byte", bytes.Replace(drug, []byte("</DrugN>"), []byte("\x82</DrugN>"), 1), "not Shift_JIS"},
		{"replacement-char-in-the-name", bytes.Replace(utf8Declared, []byte("<Name>"), []byte("<Name>\uFFFD"), 1), "holds U+FFFD"},
		{"bom-declared-sjis", append(slicesClone(utf8BOM), drug...), "byte order mark but declares Shift_JIS"},
		{"undeclared-neither", append([]byte("<XmlMsg><a>"), 0xff, 0xff, '<', '/', 'a', '>'), "neither UTF-8 nor Shift_JIS"},
	} {
		path := filepath.Join(t.TempDir(), "YZKsiquc01res_"+c.name+".xml")
		os.WriteFile(path, c.data, 0o600)
		res, err := ParseFile(context.Background(), path)
		if err == nil || res != nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
			continue
		}
		if strings.Contains(err.Error(), "髙﨑") || strings.ContainsRune(err.Error(), '\uFFFD') {
			t.Errorf("%s: message shows file content: %v", c.name, err)
		}
	}
	// A UTF-8 BOM before a UTF-8 document is fine; so is the connector's
	// face file without a declaration, in Shift_JIS.
	res, err := Parse(bytes.NewReader(append(slicesClone(utf8BOM), utf8Declared...)))
	if err != nil || res.Record.Patient.Name != "髙﨑　花子" {
		t.Errorf("BOM + UTF-8: %v", err)
	}
	face := bytes.Replace(readFixture(t, "face_noname.xml"), []byte(`<?xml version="1.0" encoding="Shift_JIS"?>`), nil, 1)
	if f, err := ParseFace(bytes.NewReader(face)); err != nil || f.Patient.Kana != "ﾖｼﾀﾞ ﾊﾅｺ" {
		t.Errorf("undeclared Shift_JIS face file: %v", err)
	}
}

func slicesClone(b []byte) []byte { return append([]byte(nil), b...) }

// A character lost by an earlier conversion costs only its row: the drug
// row is withheld and named by line, the rest of the file is read.
func TestLostCharacterWithholdsItsRowOnly(t *testing.T) {
	decoded, err := decodeCP932(readFixture(t, "drug.xml"))
	if err != nil {
		t.Fatal(err)
	}
	utf8Doc := []byte(decoded)
	doc := bytes.Replace(utf8Doc, []byte(`encoding="Shift_JIS"`), []byte(`encoding="UTF-8"`), 1)
	whole, err := Parse(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Parse(bytes.NewReader(bytes.Replace(doc, []byte("<DrugN>"), []byte("<DrugN>\uFFFD"), 1)))
	if err != nil {
		t.Fatalf("one lost character refused the file: %v", err)
	}
	r := res.Record
	if len(r.Medications) != len(whole.Record.Medications)-1 || len(r.Dispensing) != len(whole.Record.Dispensing) || r.Patient.Name != whole.Record.Patient.Name {
		t.Errorf("rows %d/%d of %d/%d, want all but the lost one", len(r.Medications), len(r.Dispensing), len(whole.Record.Medications), len(whole.Record.Dispensing))
	}
	if len(r.Withheld) != 1 || !strings.Contains(r.Withheld[0], "<DrugInf> holds U+FFFD") || strings.ContainsRune(r.Withheld[0], '\uFFFD') {
		t.Errorf("withheld %q, want the drug row named by its line, no content", r.Withheld)
	}
}
