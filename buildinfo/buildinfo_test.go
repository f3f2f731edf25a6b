package buildinfo

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"kyukyu/internal/testenv"
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
	i := Info{Version: "1.2.3", Build: "367", Module: "v1.2.3", Commit: "abc123def456", CommitTime: "2026-11-29T09:00:00Z", Date: "2026-11-30T10:00:00Z", Go: "go1.26.0"}
	s := i.String()
	for _, want := range []string{"kyukyu 1.2.3+367 (", "commit abc123def456 of 2026-11-29T09:00:00Z", "module v1.2.3", "built 2026-11-30T10:00:00Z", "go1.26.0"} {
		if !strings.Contains(s, want) {
			t.Errorf("%q lacks %q", s, want)
		}
	}
	if strings.Contains(s, "\n") {
		t.Errorf("%q is more than one line", s)
	}
}

// What debug.ReadBuildInfo holds is said, and only that: a pseudo-version
// is not repeated beside its commit, Go's commit time is not put beside a
// different commit make stamped, and a build without any stamp says why
// instead of "unknown".
func TestFromBuild(t *testing.T) {
	rev := "7c78f65abcd1234567890abcdef1234567890abc"
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev},
			{Key: "vcs.time", Value: "2026-12-06T21:00:00Z"}, {Key: "vcs.modified", Value: modified}}
	}
	pseudo := "v0.0.0-20261206210000-7c78f65abcd1"
	for _, c := range []struct {
		name          string
		bi            *debug.BuildInfo
		commit, date  string
		want, wantNot []string
	}{
		{"go build of a clone", &debug.BuildInfo{Main: debug.Module{Version: pseudo}, Settings: vcs("false")}, "", "",
			[]string{"commit 7c78f65abcd1 of 2026-12-06T21:00:00Z", "go1."}, []string{"module", "built", "unknown", "dirty"}},
		{"with changes", &debug.BuildInfo{Main: debug.Module{Version: pseudo + "+dirty"}, Settings: vcs("true")}, "", "",
			[]string{"commit 7c78f65abcd1+dirty of 2026-12-06T21:00:00Z"}, []string{"module"}},
		{"a tag", &debug.BuildInfo{Main: debug.Module{Version: "v0.1.0"}, Settings: vcs("false")}, "", "",
			[]string{"commit 7c78f65abcd1 of", "module v0.1.0"}, nil},
		{"make", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "0123456789ab", "2026-12-06T22:00:00Z",
			[]string{"commit 0123456789ab, built 2026-12-06T22:00:00Z"}, []string{"module", " of "}},
		{"make, Go stamping another commit", &debug.BuildInfo{Settings: vcs("false")}, "0123456789ab", "2026-12-06T22:00:00Z",
			[]string{"commit 0123456789ab, built"}, []string{"2026-12-06T21:00:00Z"}},
		{"-buildvcs=false", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "", "",
			[]string{"commit not stamped: -buildvcs=false or not a git clone"}, []string{"unknown", "module", "built"}},
	} {
		s := fromBuild(c.bi, c.commit, c.date).String()
		for _, w := range c.want {
			if !strings.Contains(s, w) {
				t.Errorf("%s: %q lacks %q", c.name, s, w)
			}
		}
		for _, w := range c.wantNot {
			if strings.Contains(s, w) {
				t.Errorf("%s: %q has %q", c.name, s, w)
			}
		}
	}
}

// A plain go build of a git clone (-buildvcs=auto, Go's default; this
// machine's GOFLAGS may say otherwise) names the clone's commit and its time.
func TestGoBuildOfACloneNamesItsCommit(t *testing.T) {
	testenv.Slow(t, "clones the repository and builds a program in it")
	testenv.Tool(t, "git", "git")
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	clone := filepath.Join(t.TempDir(), "kyukyu")
	git := func(args ...string) string {
		out, err := exec.Command("git", args...).CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("clone", "-q", "--no-local", root, clone)
	head := git("-C", clone, "rev-parse", "HEAD")
	when := git("-C", clone, "show", "-s", "--format=%cd", "--date=iso-strict-local", "HEAD")
	bin := filepath.Join(t.TempDir(), "version")
	// The clone holds this package's committed testdata/version: a main that prints Get().
	cmd := exec.Command("go", "build", "-buildvcs=auto", "-o", bin, "./buildinfo/testdata/version")
	cmd.Dir = clone
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	wantTime, err := time.Parse(time.RFC3339, when)
	if err != nil {
		t.Fatal(err)
	}
	if want := "commit " + head[:12] + " of " + wantTime.UTC().Format(time.RFC3339); !strings.Contains(got, want) || strings.Contains(got, "unknown") {
		t.Errorf("kyukyu version of a clone of %s said %q, want %q", head[:12], got, want)
	}
}
