// Package home locates kyukyu's data directory: os.UserConfigDir()/kyukyu,
// or $KYUKYU_HOME when set (tests, portable installs, a hospital's share).
package home

import (
	"fmt"
	"os"
	"path/filepath"
)

// Dir returns the data directory, creating it (owner-only) when missing.
func Dir() (string, error) {
	d := os.Getenv("KYUKYU_HOME")
	if d == "" {
		cfg, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("no data directory: set KYUKYU_HOME (%v)", err)
		}
		d = filepath.Join(cfg, "kyukyu")
	}
	if err := os.MkdirAll(d, 0o700); err != nil {
		return "", fmt.Errorf("cannot create the data directory %s: %v (set KYUKYU_HOME to a writable folder)", d, err)
	}
	return d, nil
}
