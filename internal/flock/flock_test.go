package flock

import (
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// Two holders never overlap, and a reader never creates the file.
func TestExclusive(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.lock")
	if _, err := Acquire(p, false); err == nil {
		t.Fatal("Acquire without create opened a missing file")
	}
	var mu sync.Mutex
	inside, overlap := 0, false
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				l, err := Acquire(p, true) // a new open file each time: locks between descriptors
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				inside++
				overlap = overlap || inside > 1
				mu.Unlock()
				time.Sleep(100 * time.Microsecond)
				mu.Lock()
				inside--
				mu.Unlock()
				l.Unlock()
			}
		}()
	}
	wg.Wait()
	if overlap {
		t.Fatal("two holders held the lock at once")
	}
}

// A bounded wait gives up on a holder that does not let go, and the lock
// it would have got later is not kept.
func TestAcquireWithin(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.lock")
	held, err := Acquire(p, true)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := AcquireWithin(p, true, 200*time.Millisecond); !errors.Is(err, ErrBusy) || time.Since(start) > time.Second {
		t.Fatalf("AcquireWithin a held lock = %v after %v", err, time.Since(start))
	}
	held.Unlock()
	time.Sleep(100 * time.Millisecond) // the abandoned wait takes the lock and drops it
	l, err := AcquireWithin(p, true, time.Second)
	if err != nil {
		t.Fatalf("AcquireWithin a free lock = %v", err)
	}
	l.Unlock()
}
