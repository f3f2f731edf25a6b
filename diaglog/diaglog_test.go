package diaglog

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLogWritesAndRotates(t *testing.T) {
	dir := t.TempDir()
	l, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	l.w.max = 2000 // rotate after a few lines
	for i := range 200 {
		l.Logger().Info("command", "name", "summary", "n", i)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	logs := filepath.Join(dir, Folder)
	names, err := filepath.Glob(filepath.Join(logs, FileName+"*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != Keep+1 {
		t.Fatalf("files %v, want the log and %d old ones", names, Keep)
	}
	for _, n := range names {
		st, err := os.Stat(n)
		if err != nil {
			t.Fatal(err)
		}
		if st.Size() > 2000 || st.Size() == 0 {
			t.Errorf("%s: %d bytes, want 1..2000", n, st.Size())
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want owner-only", n, st.Mode().Perm())
		}
	}
	cur, _ := os.ReadFile(filepath.Join(logs, FileName))
	old, _ := os.ReadFile(filepath.Join(logs, FileName+".1"))
	if !strings.Contains(string(cur), "n=199") || strings.Contains(string(cur), "n=0 ") {
		t.Errorf("current log does not end with the last line:\n%s", cur)
	}
	if !strings.HasSuffix(string(old), "\n") || !strings.Contains(string(old), "msg=command name=summary") {
		t.Errorf("rotated log is not whole lines:\n%s", old)
	}
	// A reopened log appends.
	l, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	l.Logger().Info("again")
	l.Close()
	cur2, _ := os.ReadFile(filepath.Join(logs, FileName))
	if !strings.HasPrefix(string(cur2), string(cur)) || !strings.Contains(string(cur2), "msg=again") {
		t.Error("reopening did not append")
	}
}

func TestOpenRefusesAFileAsFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, Folder), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(dir)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("diaglog: cannot create %s", filepath.Join(dir, Folder))) {
		t.Errorf("err %v", err)
	}
}
