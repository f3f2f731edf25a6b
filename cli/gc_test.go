package cli

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// LateGC holds the collector off until minHeap, and the first collection
// gives the usual one back: a long-running command (oqs-sim, vcard) is
// collected proportionally after that. A GOGC in the environment wins.
func TestLateGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	LateGC()
	// Neither query allocates, so no collection runs in between.
	p, l := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
	if p != -1 || l != minHeap {
		t.Fatalf("after LateGC: GOGC %d, memory limit %d; want off and %d", p, l, minHeap)
	}
	for deadline := time.Now().Add(10 * time.Second); debug.SetMemoryLimit(-1) != math.MaxInt64; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the first collection did not give the usual collector back")
		}
		runtime.GC()
	}
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("after the first collection GOGC is %d, want 100", p)
	}

	t.Setenv("GOGC", "50")
	LateGC()
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		t.Errorf("with GOGC set, LateGC set a memory limit of %d", l)
	}
}
