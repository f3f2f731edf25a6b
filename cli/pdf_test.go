package cli

import (
	"os"
	"os/exec"

	"kyukyu/audit"
	"kyukyu/internal/testenv"
	"path/filepath"
	"strings"
	"testing"
)

func TestPDFWritesTheFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "taro.pdf")
	code, stdout, errs := run(t, "", "pdf", "-demo", "shinryo-taro", "-date", "2022-08-26", "-o", out)
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, stdout, errs)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "%PDF-") || !strings.HasSuffix(strings.TrimSpace(string(b)), "%%EOF") {
		t.Errorf("not a complete PDF: %d bytes", len(b))
	}
	if st, _ := os.Stat(out); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v: a patient's summary is for its owner only", st.Mode().Perm())
	}
	assertOnly(t, filepath.Dir(out), "taro.pdf")
}

func TestPDFToStdout(t *testing.T) {
	code, stdout, errs := run(t, "", "pdf", "-demo", "no-records", "-o", "-")
	if code != 0 || !strings.HasPrefix(stdout, "%PDF-") {
		t.Fatalf("exit %d, stderr %s, stdout starts %.10q", code, errs, stdout)
	}
}

// Failures are one line, a non-zero status, and no file left behind.
func TestPDFErrors(t *testing.T) {
	dir := t.TempDir()
	notDir := filepath.Join(dir, "file")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"unknown patient", []string{"-demo", "nobody", "-o", filepath.Join(dir, "x.pdf")}, 2, `unknown training patient "nobody"`},
		{"parent is a file", []string{"-demo", "shinryo-taro", "-o", filepath.Join(notDir, "x.pdf")}, 1, "cannot write in " + notDir},
		{"missing directory", []string{"-demo", "shinryo-taro", "-o", filepath.Join(dir, "no", "x.pdf")}, 1, "cannot write in "},
		{"no -o", []string{"-demo", "shinryo-taro"}, 2, "-o FILE.pdf"},
		{"bad date", []string{"-demo", "shinryo-taro", "-date", "2022-02-30", "-o", filepath.Join(dir, "x.pdf")}, 2, "-date"},
	} {
		code, _, errs := run(t, "", append([]string{"pdf"}, tc.args...)...)
		if code != tc.code || !strings.HasPrefix(errs, "kyukyu pdf: ") || !strings.Contains(errs, tc.msg) || strings.Count(errs, "\n") != 1 {
			t.Errorf("%s: exit %d, stderr %q; want exit %d and one line with %q", tc.name, code, errs, tc.code, tc.msg)
		}
	}
	assertOnly(t, dir, "file")
}

func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range es {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("%s holds %v, want only %v", dir, got, names)
	}
}

// TestPDFFailedWriteIsLoggedAsFailed: a print whose file cannot be written
// is in the audit log as failed, and never as done.
func TestPDFFailedWriteIsLoggedAsFailed(t *testing.T) {
	home := useHome(t)
	out := filepath.Join(t.TempDir(), "gone", "x.pdf")
	code, _, errs := runHome(t, "pdf", "-demo", "shinryo-taro", "-o", out)
	if code != 1 || strings.Count(errs, "\n") != 1 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	es := entries(t, home)
	if len(es) != 1 || es[0].Action != audit.Print || es[0].Result != audit.Failed {
		t.Fatalf("audit entries %+v; want one failed print", es)
	}
	code, _, errs = runHome(t, "pdf", "-demo", "shinryo-taro", "-o", filepath.Join(t.TempDir(), "ok.pdf"))
	if es := entries(t, home); code != 0 || len(es) != 2 || es[1].Result != audit.OK {
		t.Errorf("exit %d %s; entries %+v: want the successful print logged as ok", code, errs, es)
	}
}

// TestPDFRareKanjiPatient: 𠮷田 𩸽子 prints, exit 0, nothing on stderr.
func TestPDFRareKanjiPatient(t *testing.T) {
	useHome(t)
	out := filepath.Join(t.TempDir(), "y.pdf")
	code, _, errs := runHome(t, "pdf", "-demo", "rare-kanji-yoshida", "-o", out)
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
}

// yoshidaResult is an OQS drug result written by hand in the shape of
// domain.md §4a, in UTF-8 (Shift_JIS has no 𠮷): a name beyond the Basic
// Multilingual Plane and an emoji typed into an institution name.
const yoshidaResult = `<?xml version="1.0" encoding="UTF-8"?>
<XmlMsg><MessageHeader><ResultCode>1</ResultCode><MessageContents/>
<InsurerNumber>06130058</InsurerNumber><InsuranceCardSymbol>髙﨑01</InsuranceCardSymbol>
<InsuredPersonIdentificationNumber>4021</InsuredPersonIdentificationNumber><BranchNumber>00</BranchNumber>
<QuaInf><Name>𠮷田 𩸽子</Name><KanaName>ヨシダ ホッケコ</KanaName><Birth>19490303</Birth><AdmGendCode>2</AdmGendCode></QuaInf>
</MessageHeader><MessageBody>
<MeTrMonthInf><MeTrDiHNm>㈱𡈽屋薬局😀</MeTrDiHNm><PrlsHNm>髙﨑①クリニック</PrlsHNm><MeTrMonth>202403</MeTrMonth><InOut>3</InOut>
 <DiDateInfs><DiDateInf><DiDate>20240306</DiDate><DrugInfs><DrugInf><DrugC>610000001</DrugC><DrugN>エリキュース錠5mg</DrugN>
 <IngreN>アピキサバン</IngreN><Qua1>2</Qua1><Unit>錠</Unit><UsageN>1日2回朝夕食後</UsageN><Times>30</Times><MeTrIdCl>21</MeTrIdCl></DrugInf></DrugInfs>
 </DiDateInf></DiDateInfs></MeTrMonthInf>
</MessageBody></XmlMsg>`

// TestPDFFromOQSFileWithRareCharacters: 𠮷田 𩸽子 from an OQS file prints
// with both names; the emoji no font has prints as 〓, exit 0, and stderr
// names it in one line.
func TestPDFFromOQSFileWithRareCharacters(t *testing.T) {
	useHome(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "YZKsiquc01res_yoshida.xml")
	if err := os.WriteFile(in, []byte(yoshidaResult), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "y.pdf")
	code, _, errs := runHome(t, "pdf", "-oqs", in, "-date", "2024-03-10", "-o", out)
	if code != 0 || errs != "kyukyu pdf: no bundled font has U+1F600; printed as 〓 and named on every page\n" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	testenv.Tool(t, "pdftotext", "poppler-utils")
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"𠮷田 𩸽子", "ヨシダ ホッケコ", "㈱𡈽屋薬局〓", "U+1F600"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("%q not in the PDF's text", want)
		}
	}
}
