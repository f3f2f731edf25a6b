package cli

import (
	"errors"
	"testing"
)

// mkfifo: Windows has no FIFOs in a folder, so the case does not exist there.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	t.Skip("Windows has no FIFOs in folders: " + path)
}

func mkfifoAt(string) error { return errors.New("no FIFOs on Windows") }
