//go:build unix

package oqs

import (
	"syscall"
	"testing"
)

// mkfifo makes a named pipe at path, as a broken or hostile program could
// drop into an exchange folder.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := mkfifoAt(path); err != nil {
		t.Fatal(err)
	}
}

func mkfifoAt(path string) error { return syscall.Mkfifo(path, 0o600) }
