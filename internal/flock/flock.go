// Package flock is an exclusive lock between processes on a lock file, so
// that the audit log's writers, its restore and its anchor take turns
// across kyukyu processes (the window, the CLI, a backup job).
package flock

import (
	"errors"
	"fmt"
	"os"
	"time"
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

// ErrBusy: the lock was still held by another when the wait ended.
var ErrBusy = errors.New("still held by another process")

// AcquireWithin is Acquire waiting at most wait: a holder stuck on a hung
// disk or share makes the caller fail with ErrBusy instead of waiting for
// ever. A lock obtained after the wait ended is released at once.
func AcquireWithin(path string, create bool, wait time.Duration) (*Lock, error) {
	type result struct {
		lk  *Lock
		err error
	}
	done := make(chan result, 1)
	go func() {
		lk, err := Acquire(path, create)
		done <- result{lk, err}
	}()
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case r := <-done:
		return r.lk, r.err
	case <-t.C:
		go func() {
			if r := <-done; r.lk != nil {
				r.lk.Unlock()
			}
		}()
		return nil, fmt.Errorf("cannot lock %s within %v: %w", path, wait, ErrBusy)
	}
}
