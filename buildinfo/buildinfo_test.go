package buildinfo

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// The version in the code is the one FyneApp.toml (the packages' source
// of the version) declares.
func TestVersionMatchesFyneApp(t *testing.T) {
	b, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`).FindSubmatch(b)
	if m == nil {
		t.Fatal("FyneApp.toml has no Version")
	}
	if string(m[1]) != Version {
		t.Errorf("buildinfo.Version %q, FyneApp.toml %q: change both", Version, m[1])
	}
}

func TestStringNamesEveryPart(t *testing.T) {
	i := Info{Version: "1.2.3", Commit: "abc123def456", Date: "2026-11-30T10:00:00Z", Go: "go1.26.0"}
	s := i.String()
	for _, want := range []string{"kyukyu 1.2.3", "abc123def456", "2026-11-30T10:00:00Z", "go1.26.0"} {
		if !strings.Contains(s, want) {
			t.Errorf("%q lacks %q", s, want)
		}
	}
	if strings.Contains(s, "\n") {
		t.Errorf("%q is more than one line", s)
	}
}
