package testenv

import (
	"errors"
	"testing"
)

// Mkfifo: Windows has no FIFOs in a folder, so the case does not exist there.
func Mkfifo(t testing.TB, path string) {
	t.Helper()
	t.Skip("Windows has no FIFOs in folders: " + path)
}

// MkfifoAt fails: there are no FIFOs in folders on Windows.
func MkfifoAt(string) error { return errors.New("no FIFOs on Windows") }
