package home

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir makes a folder someone else created owner-only; Locate creates nothing.
func TestDirIsOwnerOnly(t *testing.T) {
	d := filepath.Join(t.TempDir(), "kyukyu")
	t.Setenv("KYUKYU_HOME", d)
	if got, err := Locate(); err != nil || got != d {
		t.Fatalf("Locate = %q, %v", got, err)
	}
	if _, err := os.Stat(d); !os.IsNotExist(err) {
		t.Fatal("Locate created the folder")
	}
	if err := os.Mkdir(d, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Dir(); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(d); st.Mode().Perm() != 0o700 {
		t.Fatalf("data folder %v; want drwx------", st.Mode().Perm())
	}
}

// Private makes a new or existing file owner-only and keeps its content.
func TestPrivate(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "training.db")
	if err := os.WriteFile(old, []byte("data"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{old, filepath.Join(dir, "audit.db")} {
		if err := Private(p); err != nil {
			t.Fatal(err)
		}
		if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
			t.Errorf("%s is %v; want -rw-------", p, st.Mode().Perm())
		}
	}
	if b, _ := os.ReadFile(old); string(b) != "data" {
		t.Fatalf("content changed: %q", b)
	}
}
