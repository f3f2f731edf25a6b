package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

// onUI runs f as the screen's own background updates run.
func onUI(s *Screen, f func()) {
	fyne.DoAndWait(func() {
		s.ui.Lock()
		defer s.ui.Unlock()
		f()
	})
}

// until polls the screen until cond holds and returns how long it took.
func until(t *testing.T, s *Screen, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for time.Since(start) < 15*time.Second {
		ok := false
		onUI(s, func() { ok = cond() })
		if ok {
			return time.Since(start)
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("no %s within 15 s", what)
	return 0
}
