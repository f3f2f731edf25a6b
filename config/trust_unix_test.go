//go:build !windows

package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kyukyu/internal/testenv"
)

// The machine-wide file is trusted only when root alone can change it and
// its folder; otherwise it is refused as a malformed file is, saying why.
func TestOnlyRootsFileIsTrusted(t *testing.T) {
	if os.Geteuid() != 0 {
		testenv.Unavailable(t, "the file-owner test makes root's and a user's files: run as root")
	}
	dir := filepath.Join(t.TempDir(), "kyukyu")
	path := filepath.Join(dir, "kyukyu.toml")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("mode = \"oqs\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		change func() error
		want   string // "" when trusted
	}{
		{"root's 0644 in root's 0755", func() error { return nil }, ""},
		{"world-writable file", func() error { return os.Chmod(path, 0o666) }, "the file can be changed by users other than root (mode 0666"},
		{"group-writable file", func() error { return os.Chmod(path, 0o664) }, "mode 0664"},
		{"a user's file", func() error { return os.Chown(path, 1000, 1000) }, "the file belongs to user 1000, not root"},
		{"group-writable folder", func() error { return os.Chmod(dir, 0o775) }, "its folder " + dir + " can be changed by users other than root (mode 0775"},
		{"a user's folder", func() error { return os.Chown(dir, 1000, 1000) }, "its folder " + dir + " belongs to user 1000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.change(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() {
				os.Chmod(path, 0o644)
				os.Chown(path, 0, 0)
				os.Chmod(dir, 0o755)
				os.Chown(dir, 0, 0)
			})
			t.Setenv(EnvPath, path)
			m, err := LoadMachine()
			if tc.want == "" {
				if err != nil || !m.Locked(Mode) {
					t.Fatalf("a file only root can change was refused: %v", err)
				}
				return
			}
			var ce *Error
			if !errors.As(err, &ce) || !strings.HasPrefix(err.Error(), path+": refused: ") || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("got %v; want one line refusing %s with %q", err, path, tc.want)
			}
		})
	}
}
