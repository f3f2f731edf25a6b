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
	hung := pgtest.Hung(t)
	go func() {
		time.Sleep(500 * time.Millisecond)
		syscall.Kill(syscall.Getpid(), syscall.SIGTERM)
	}()
	start := time.Now()
	code, _, errs := runHome(t, "audit", "sync", "-timeout", "60s", "-audit-url", "postgres://ws:x@"+hung+"/kyukyu?sslmode=disable")
	if d := time.Since(start); code != 1 || d > 2*time.Second || strings.Count(errs, "\n") != 1 {
		t.Fatalf("sync ended by SIGTERM: exit %d after %v, %q", code, d, errs)
	}
}
