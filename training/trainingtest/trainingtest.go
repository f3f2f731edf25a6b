// Package trainingtest gives each test a training database of its own
// without building one per test: building one (every patient, hashed) is
// most of a short test's time; copying the one this test binary built is
// not, and training.Open takes the copy as it is (the same executable
// checked it).
package trainingtest

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"kyukyu/training"
)

// Copy puts a copy of the test binary's training database into dir, as
// the data directory's training.FileName.
func Copy(t testing.TB, dir string) {
	t.Helper()
	b, err := built()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, training.FileName), b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// Open opens a fresh copy in a folder of t's, closed when t ends.
func Open(t testing.TB) *training.Store {
	t.Helper()
	dir := t.TempDir()
	Copy(t, dir)
	st, err := training.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// built is the database's bytes, built once per test binary in a folder
// removed at once.
var built = sync.OnceValues(func() ([]byte, error) {
	dir, err := os.MkdirTemp("", "kyukyu-training")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	st, err := training.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := st.Close(); err != nil { // the last connection folds the WAL into the file
		return nil, err
	}
	return os.ReadFile(filepath.Join(dir, training.FileName))
})
