package config

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/BurntSushi/toml"

	"kyukyu/internal/safefile"
)

// Install sets up the machine-wide file at path as an installer does: its
// folder made and closed to ordinary users (only administrators and SYSTEM
// may write), then the file copied from from (IT's file on a share), or
// else written from set (key → value), or else, with neither, left as it
// is (an upgrade keeps IT's file). What is written is checked as Load
// checks it: a mistake fails the install instead of a workstation later.
func Install(path, from string, set map[string]string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("config: cannot make %s: %w", dir, err)
	}
	if err := protect(dir); err != nil {
		return fmt.Errorf("config: cannot close %s to ordinary users: %w", dir, err)
	}
	var b []byte
	switch {
	case from != "":
		var err error
		if b, err = os.ReadFile(from); err != nil {
			return fmt.Errorf("config: cannot read %s: %w", from, err)
		}
		if _, err := Parse(from, b); err != nil {
			return fmt.Errorf("config: %w", err)
		}
	case len(set) > 0:
		var buf bytes.Buffer
		buf.WriteString("# kyukyu machine-wide settings, written by the installer\n")
		if err := toml.NewEncoder(&buf).Encode(set); err != nil {
			return fmt.Errorf("config: %w", err)
		}
		b = buf.Bytes()
		if _, err := Parse(path, b); err != nil {
			return fmt.Errorf("config: %w", err)
		}
	default:
		return nil
	}
	if err := safefile.WriteFile(path, b); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	return os.Chmod(path, 0o644) // everyone reads it; the folder's permissions guard it
}
