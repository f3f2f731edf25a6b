//go:build unix

package backup

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kyukyu/audit"
	"kyukyu/internal/testenv"
)

// A FIFO named as the archive (nobody writing it) is refused at once,
// without the writers' lock: a view logs meanwhile as always.
func TestRestoreFromAFIFO(t *testing.T) {
	home := dataDir(t, 2)
	fifo := filepath.Join(t.TempDir(), "archive.tar.gz")
	testenv.Mkfifo(t, fifo)
	done := make(chan error, 1)
	go func() { _, err := Restore(ctx, fifo, home, t0); done <- err }()
	appendN(t, home, 1) // a view while the restore reads its archive
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "is not a regular file") {
			t.Fatalf("Restore from a FIFO = %v", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Restore from a FIFO hung")
	}
	if n := count(t, filepath.Join(home, audit.FileName)); n != 3 {
		t.Fatalf("the log holds %d entries; want 3", n)
	}
}
