package app

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"kyukyu/internal/safefile"
	"kyukyu/internal/testenv"
	"kyukyu/pdf"
	"kyukyu/summary"
	"kyukyu/training"
)

// The page count the print question uses agrees with poppler's pdfinfo on
// real renders: a one-page patient and the heavy one (more than 10 pages
// with consent: 5 years of drugs).
func TestPDFPagesAgreesWithPoppler(t *testing.T) {
	pdfinfo := testenv.Tool(t, "pdfinfo", "poppler-utils")
	st, err := training.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	on := summary.NewDate(2026, 11, 25)
	for _, c := range []struct {
		id   string
		mode summary.Mode
	}{{"warfarin-head-injury", summary.Emergency}, {"heavy-elderly-polypharmacy", summary.Normal}} {
		rec, err := st.Record(t.Context(), c.id, on)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := pdf.Render(&b, summary.Build(rec, c.mode, on)); err != nil {
			t.Fatal(err)
		}
		got, err := pdfPages(b.Bytes())
		if err != nil {
			t.Fatalf("%s: %v", c.id, err)
		}
		path := filepath.Join(t.TempDir(), "s.pdf")
		if err := safefile.WriteFile(path, b.Bytes()); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(pdfinfo, path).Output()
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
		want, _ := strconv.Atoi(string(m[1]))
		if got != want {
			t.Errorf("%s: counted %d pages, pdfinfo says %d", c.id, got, want)
		}
		t.Logf("%s (%s): %d pages", c.id, c.mode, got)
	}
	if _, err := pdfPages([]byte("%PDF-1.7\n% a truncated file")); err == nil {
		t.Error("a PDF without a page tree was counted")
	}
}
