package testenv

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Unavailable must fail, not skip, under CI=true: run a child test binary
// both ways and look at what it reports.
func TestUnavailableFailsInCI(t *testing.T) {
	if os.Getenv("TESTENV_CHILD") != "" {
		Tool(t, "no-such-program-kyukyu", "no-such-package")
		t.Fatal("Tool returned for a missing program")
	}
	for _, tc := range []struct {
		ci       string
		wantFail bool
		want     string
	}{
		{"true", true, "cannot run under CI=true: no-such-program-kyukyu is missing: apt-get install no-such-package"},
		{"", false, "--- SKIP"},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestUnavailableFailsInCI$", "-test.v")
		cmd.Env = append(os.Environ(), "TESTENV_CHILD=1", "CI="+tc.ci)
		out, err := cmd.CombinedOutput()
		if (err != nil) != tc.wantFail || !strings.Contains(string(out), tc.want) {
			t.Errorf("CI=%q: err %v, output:\n%s", tc.ci, err, out)
		}
	}
}
