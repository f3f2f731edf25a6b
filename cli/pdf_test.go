package cli

import (
	"os"
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
