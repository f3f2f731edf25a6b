package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"kyukyu/internal/testenv"
	"kyukyu/summary"
)

// poppler runs a poppler-utils tool on a PDF and returns its standard
// output.
func poppler(t *testing.T, doc []byte, tool string, args ...string) string {
	t.Helper()
	testenv.Tool(t, tool, "poppler-utils")
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(tool, append(args, path, "-")...)
	if tool == "pdffonts" || tool == "pdfinfo" {
		cmd = exec.Command(tool, append(args, path)...)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("%s: %v %s", tool, err, stderr.String())
	}
	return string(out)
}

// Text extraction modes of pdftotext.
const (
	layoutOrder  = "-layout" // as printed: columns side by side
	contentOrder = "-raw"    // in drawing order, immune to column guessing
)

// pages extracts the text of every page, leaving out the diagonal training
// watermark.
func pages(t *testing.T, doc []byte, order string) []string {
	t.Helper()
	text := poppler(t, doc, "pdftotext", "-nodiag", "-enc", "UTF-8", order)
	ps := strings.Split(text, "\f")
	return ps[:len(ps)-1] // pdftotext ends every page with a form feed
}

// slowPoppler is why the every-page runs are left to `make test`.
const slowPoppler = "poppler over every page of a heavy patient"

func render(t *testing.T, v *summary.View) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// squeeze drops white space, which layout may add or remove at breaks.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\t' || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}
