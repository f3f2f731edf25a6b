//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kyukyu/internal/testenv"
)

// TestPDFRefusesWhatIsNotAFile: a directory, a FIFO, a device or a symbolic
// link as -o is refused in one line, exit 1, before the patient is looked
// up (nothing is logged), and left as it was.
func TestPDFRefusesWhatIsNotAFile(t *testing.T) {
	home := useHome(t)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	testenv.Mkfifo(t, fifo)
	target := filepath.Join(dir, "target.pdf")
	if err := os.WriteFile(target, []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.pdf")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, what string }{
		{dir, "a directory"}, {fifo, "a FIFO"}, {os.DevNull, "a device"}, {link, "a symbolic link"},
	} {
		code, stdout, errs := runHome(t, "pdf", "-demo", "shinryo-taro", "-o", tc.path)
		if code != 1 || stdout != "" || !strings.Contains(errs, tc.what) || strings.Count(errs, "\n") != 1 {
			t.Errorf("%s: exit %d, stderr %q; want exit 1 and one line naming %s", tc.path, code, errs, tc.what)
		}
	}
	if b, _ := os.ReadFile(target); string(b) != "keep" {
		t.Errorf("the symbolic link's target was changed: %q", b)
	}
	if es := entries(t, home); len(es) != 0 {
		t.Errorf("refused before the lookup, yet %d audit entries", len(es))
	}
}
