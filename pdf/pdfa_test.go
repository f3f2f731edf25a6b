package pdf

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kyukyu/internal/testenv"
)

// qpdfJSON returns qpdf's JSON view of a document: its objects by
// reference ("obj:1 0 R", "trailer"), streams decoded and inline.
func qpdfJSON(t *testing.T, doc []byte) map[string]any {
	t.Helper()
	testenv.Tool(t, "qpdf", "qpdf")
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	out, err := exec.Command("qpdf", "--json", "--json-key=qpdf", "--json-stream-data=inline", "--decode-level=generalized", path).Output()
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var j struct{ Qpdf []json.RawMessage }
	if err := json.Unmarshal(out, &j); err != nil || len(j.Qpdf) != 2 {
		t.Fatalf("qpdf --json: %v", err)
	}
	var objs map[string]any
	if err := json.Unmarshal(j.Qpdf[1], &objs); err != nil {
		t.Fatal(err)
	}
	return objs
}

// TestPDFA2bEssentials checks with qpdf what PDF/A-2b asks of our files:
// the XMP packet with part 2 conformance B and the same title and dates
// as the Info dictionary, in +09:00; an sRGB output intent with an ICC
// profile; fonts embedded; no transparency anywhere. Not checked here, for
// want of a validator (veraPDF is not packaged): the ICC profile's own
// validity beyond its header, the XMP schema in full, and the rules on
// content streams a validator would walk operator by operator.
func TestPDFA2bEssentials(t *testing.T) {
	defer func(f func() time.Time) { now = f }(now)
	now = func() time.Time { return time.Date(2026, 11, 25, 1, 2, 3, 0, time.UTC) }
	v := sampleView()
	v.Patient.Name = "𠮷田 𩸽子"
	objs := qpdfJSON(t, render(t, v))
	get := func(ref any) map[string]any {
		o, _ := objs["obj:"+ref.(string)].(map[string]any)
		if o == nil {
			t.Fatalf("no object %v", ref)
		}
		if s, ok := o["stream"].(map[string]any); ok {
			return s
		}
		return o["value"].(map[string]any)
	}
	trailer := objs["trailer"].(map[string]any)["value"].(map[string]any)
	catalog := get(trailer["/Root"])
	info := get(trailer["/Info"])

	title := "u:救急用 診療／薬剤情報一覧 — 𠮷田 𩸽子"
	if info["/Title"] != title || info["/CreationDate"] != "u:D:20261125100203+09'00'" || info["/Creator"] != "u:kyukyu" {
		t.Errorf("Info: %v", info)
	}
	meta := get(catalog["/Metadata"])
	xmp, _ := base64.StdEncoding.DecodeString(meta["data"].(string))
	for _, want := range []string{"<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
		">救急用 診療／薬剤情報一覧 — 𠮷田 𩸽子<", "<xmp:CreateDate>2026-11-25T10:02:03+09:00</xmp:CreateDate>", "<xmp:CreatorTool>kyukyu</xmp:CreatorTool>"} {
		if !strings.Contains(string(xmp), want) {
			t.Errorf("XMP lacks %s:\n%s", want, xmp)
		}
	}
	if d := meta["dict"].(map[string]any); d["/Type"] != "/Metadata" || d["/Subtype"] != "/XML" || d["/Filter"] != nil {
		t.Errorf("metadata stream %v: want an unfiltered /Metadata /XML", d)
	}
	intents, _ := catalog["/OutputIntents"].([]any)
	if len(intents) != 1 {
		t.Fatalf("OutputIntents %v", catalog["/OutputIntents"])
	}
	intent := get(intents[0])
	icc := get(intent["/DestOutputProfile"])
	profile, _ := base64.StdEncoding.DecodeString(icc["data"].(string))
	if intent["/S"] != "/GTS_PDFA1" || icc["dict"].(map[string]any)["/N"] != float64(3) ||
		len(profile) < 132 || string(profile[36:40]) != "acsp" || string(profile[16:20]) != "RGB " || int(binary.BigEndian.Uint32(profile)) != len(profile) {
		t.Errorf("output intent %v, profile of %d bytes", intent, len(profile))
	}
	fonts := 0
	for ref, o := range objs {
		b, _ := json.Marshal(o)
		s := string(b)
		for _, bad := range []string{`"/SMask"`, `"/CA"`, `"/ca"`, `"/ExtGState"`, `"/Transparency"`} {
			if strings.Contains(s, bad) {
				t.Errorf("%s has %s: PDF/A-2b files must not be transparent", ref, bad)
			}
		}
		if strings.Contains(s, `"/Type":"/FontDescriptor"`) {
			fonts++
			if !strings.Contains(s, `"/FontFile2"`) {
				t.Errorf("%s: a font not embedded", ref)
			}
		}
	}
	if fonts < 3 {
		t.Errorf("%d font descriptors; want the two BIZ UDGothic faces and the fallback for 𠮷", fonts)
	}
}
