//go:build unix

package testenv

import (
	"syscall"
	"testing"
)

// Mkfifo makes a named pipe at path, as a broken or hostile program could
// drop into a folder kyukyu reads or writes.
func Mkfifo(t testing.TB, path string) {
	t.Helper()
	if err := MkfifoAt(path); err != nil {
		t.Fatal(err)
	}
}

// MkfifoAt is Mkfifo for a test that checks the error itself.
func MkfifoAt(path string) error { return syscall.Mkfifo(path, 0o600) }
