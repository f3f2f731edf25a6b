package audit

import (
	"testing"
	"time"
)

// With no server at the address, appends go on at local speed, the status
// counts what waits and since when, and Overdue waits for 5 minutes.
func TestForwarderUnreachable(t *testing.T) {
	l, _ := openTemp(t, Options{})
	f, err := l.Forward("postgres://kyukyu_writer:x@127.0.0.1:1/kyukyu?connect_timeout=1")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for range 3 {
		start := time.Now()
		mustAppend(t, l, entry(l, Show, "x"))
		// Waiting for the central log would take its 1 s connect timeout; a
		// local append with its full sync alone takes up to 250 ms on a slow
		// disk (Windows under Wine).
		if d := time.Since(start); d > 700*time.Millisecond {
			t.Fatalf("an append waited %v for the central log", d)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
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
