// Package home locates kyukyu's data directory: os.UserConfigDir()/kyukyu,
// or $KYUKYU_HOME when set (tests, portable installs, a hospital's share).
package home

import (
	"fmt"
	"os"
	"path/filepath"
)

// Dir returns the data directory, creating it when missing. It is made
// owner-only (0700) whoever created it: it holds the access log.
func Dir() (string, error) {
	d, err := Locate()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(d, 0o700); err != nil {
		return "", fmt.Errorf("cannot create the data directory %s: %v (set KYUKYU_HOME to a writable folder)", d, err)
	}
	if err := os.Chmod(d, 0o700); err != nil {
		return "", fmt.Errorf("cannot make the data directory %s owner-only: %v", d, err)
	}
	return d, nil
}

// Locate returns the data directory's path without creating anything, for
// checks that must not leave a trace (audit verify).
func Locate() (string, error) {
	if d := os.Getenv("KYUKYU_HOME"); d != "" {
		return d, nil
	}
	cfg, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no data directory: set KYUKYU_HOME (%v)", err)
	}
	return filepath.Join(cfg, "kyukyu"), nil
}

// Private makes the database file at path owner-only (0600), creating it
// empty when missing, before SQLite opens it: SQLite would create it with
// the process umask, and its -wal and -shm files take the database's mode.
func Private(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("cannot create %s: %w", path, err)
	}
	defer f.Close()
	if err := f.Chmod(0o600); err != nil {
		return fmt.Errorf("cannot make %s owner-only: %w", path, err)
	}
	return nil
}
