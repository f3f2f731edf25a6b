package audit

import (
	"context"
	"strings"
	"testing"
	"time"

	"kyukyu/internal/pgtest"
)

// With a server that takes connections and never answers, appends go on at
// local speed, the status counts what waits and since when, and Overdue
// waits for 5 minutes.
func TestForwarderUnreachable(t *testing.T) {
	t.Parallel() // it waits out a connect timeout
	l, _ := openTemp(t, Options{})
	f, err := l.Forward("postgres://kyukyu_writer:x@" + pgtest.Hung(t) + "/kyukyu?connect_timeout=6")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for range 3 {
		start := time.Now()
		mustAppend(t, l, entry(l, Show, "x"))
		// Waiting for the central log would take its 6 s connect timeout; a
		// local append with its full sync takes up to 250 ms on a slow disk
		// (Windows under Wine) and more on a loaded machine: the bound
		// tells the two apart without timing the disk.
		if d := time.Since(start); d > 3*time.Second {
			t.Fatalf("an append waited %v for the central log", d)
		}
	}
	deadline := time.Now().Add(30 * time.Second)
	var st ForwardStatus
	for ; time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if st = f.Status(); st.Pending == 3 && st.Unreachable > 0 && st.Err != nil {
			break
		}
	}
	if st.Pending != 3 || st.Unreachable == 0 || st.Err == nil || st.Overdue() {
		t.Fatalf("status %+v; want 3 pending, unreachable, not yet overdue", st)
	}
	st.Unreachable = OverdueAfter + time.Second
	if !st.Overdue() {
		t.Fatal("not overdue after 5 minutes")
	}
	if _, err := l.Forward("mysql://x"); err == nil {
		t.Fatal("a non-PostgreSQL address was accepted")
	}
}

// A sync whose time runs out while the server has not answered names the
// server, whether its own pass or the background's was waiting on it.
func TestSyncOutOfTimeNamesTheServer(t *testing.T) {
	t.Parallel()
	l, _ := openTemp(t, Options{})
	addr := pgtest.Hung(t)
	f, err := l.Forward("postgres://kyukyu_writer:secret@" + addr + "/kyukyu?connect_timeout=30")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	mustAppend(t, l, entry(l, Show, "x")) // wakes the background pass, which then waits on the server
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if _, err := f.Sync(ctx); err == nil || !strings.Contains(err.Error(), addr) || strings.Contains(err.Error(), "secret") {
		t.Fatalf("Sync: %v; want an error naming %s without the password", err, addr)
	}
}
