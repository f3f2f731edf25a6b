// Package flock is an exclusive lock between processes on a lock file, so
// that the audit log's writers, its restore and its anchor take turns
// across kyukyu processes (the window, the CLI, a backup job).
package flock

import (
	"fmt"
	"os"
)

// Lock holds an exclusive lock on a file until Unlock.
type Lock struct{ f *os.File }

// Acquire waits for the exclusive lock on path, creating the file (0600)
// when create is set. Without create a missing file is an error
// (os.ErrNotExist), so a reader never leaves a file behind.
func Acquire(path string, create bool) (*Lock, error) {
	flag := os.O_RDWR
	if create {
		flag |= os.O_CREATE
	}
	f, err := os.OpenFile(path, flag, 0o600)
	if err != nil {
		return nil, err
	}
	if err := lock(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cannot lock %s: %w", path, err)
	}
	return &Lock{f}, nil
}

// Unlock releases the lock.
func (l *Lock) Unlock() error { return l.f.Close() }
