package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.json")
	if err := Write(p, []byte("new"), nil); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Fatalf("content %q", b)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v; patient data must be owner-only", st.Mode().Perm())
	}
	refused := errors.New("log full")
	if err := Write(p, []byte("newer"), func() error { return refused }); !errors.Is(err, refused) {
		t.Fatalf("err = %v; want the commit's error", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Fatalf("a refused commit changed the file: %q", b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Fatalf("temporary files left: %v", ents)
	}
	if err := Write(filepath.Join(dir, "missing", "x"), nil, nil); err == nil {
		t.Fatal("writing into a missing folder succeeded")
	}
}
