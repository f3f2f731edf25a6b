package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kyukyu/audit"
)

// audit verify proves or fails; it never starts a log, not even in a data
// folder that is not there.
func TestAuditVerifyCreatesNothing(t *testing.T) {
	home := filepath.Join(t.TempDir(), "never-made")
	t.Setenv("KYUKYU_HOME", home)
	code, stdout, stderr := runHome(t, "audit", "verify")
	if code != 1 || !strings.Contains(stderr, "nothing can be verified") || strings.Contains(stdout, "intact") {
		t.Fatalf("exit %d, %q %q; want 1 and nothing to verify", code, stdout, stderr)
	}
	if _, err := os.Stat(home); !os.IsNotExist(err) {
		t.Fatalf("verify created the data folder: %v", err)
	}
}

// A log deleted after kyukyu wrote to it fails verify, and stays deleted.
func TestAuditVerifyDeletedLog(t *testing.T) {
	home := useHome(t)
	if code, _, stderr := runHome(t, "ips", "-demo", "shinryo-taro", "-o", filepath.Join(t.TempDir(), "b.json")); code != 0 {
		t.Fatal(stderr)
	}
	code, stdout, _ := runHome(t, "audit", "verify")
	if code != 0 || !strings.Contains(stdout, "intact: 1 entries") {
		t.Fatalf("untouched: exit %d, %q", code, stdout)
	}
	for _, s := range []string{"", "-wal", "-shm"} {
		os.Remove(filepath.Join(home, audit.FileName+s))
	}
	code, stdout, stderr := runHome(t, "audit", "verify")
	if code != 1 || !strings.Contains(stderr, "is missing, but its anchor") || strings.Contains(stdout, "intact") {
		t.Fatalf("deleted: exit %d, %q %q", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(home, audit.FileName)); !os.IsNotExist(err) {
		t.Fatal("verify created a new log")
	}
}
