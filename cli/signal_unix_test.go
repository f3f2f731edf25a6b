//go:build unix

package cli

import (
	"strings"
	"syscall"
	"testing"
	"time"

	"kyukyu/internal/pgtest"
)

// SIGTERM ends a command as Ctrl-C does: `audit sync` waiting on a server
// that accepts and never answers returns at once, its log closed, instead
// of the process being killed mid-write.
func TestSIGTERMEndsACommandCleanly(t *testing.T) {
	useHome(t)
	hung, accepted := pgtest.HungAccepting(t)
	returned := make(chan struct{})
	go func() {
		select {
		case <-accepted: // sync waits on the server now
			syscall.Kill(syscall.Getpid(), syscall.SIGTERM)
		case <-returned: // it never got there: the checks below say so
		}
	}()
	start := time.Now()
	code, _, errs := runHome(t, "audit", "sync", "-timeout", "60s", "-audit-url", "postgres://ws:x@"+hung+"/kyukyu?sslmode=disable")
	close(returned)
	if d := time.Since(start); code != 1 || d > 2*time.Second || strings.Count(errs, "\n") != 1 {
		t.Fatalf("sync ended by SIGTERM: exit %d after %v, %q", code, d, errs)
	}
}
