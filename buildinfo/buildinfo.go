// Package buildinfo says which kyukyu this is: the version (kept equal to
// FyneApp.toml's by a test), the module version and commit Go stamped,
// the build date, and the Go version. Support asks for it, the About box
// shows it, and the audit log records it with the workstation.
package buildinfo

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// Version is the release, the same as Version in FyneApp.toml.
const Version = "0.1.0"

// build, commit and date are stamped by `make` (scripts/ldflags.sh), which
// works under -buildvcs=false too; a plain `go build` of a git clone leaves
// them empty and Go's own VCS stamp says the commit. build is the build
// number (the commit count): each build of a release is told apart, and a
// newer installer upgrades an older one.
var build, commit, date string

// Info is one build of kyukyu. Empty fields are what the build did not
// stamp; String says so rather than "unknown".
type Info struct {
	Version    string `json:"version"`
	Build      string `json:"build,omitempty"`      // the build number make stamped
	Module     string `json:"module,omitempty"`     // the main module's version: a tag or a pseudo-version (v0.0.0-TIME-COMMIT)
	Commit     string `json:"commit,omitempty"`     // 12 hex digits; "+dirty" when uncommitted changes went in
	CommitTime string `json:"commitTime,omitempty"` // UTC, RFC 3339
	Date       string `json:"date,omitempty"`       // the build's, UTC, RFC 3339 (make stamps it)
	Go         string `json:"go"`
}

// Get reads the build's stamps: make's, else Go's (debug.ReadBuildInfo).
func Get() Info {
	bi, _ := debug.ReadBuildInfo()
	i := fromBuild(bi, commit, date)
	i.Build = build
	return i
}

func fromBuild(bi *debug.BuildInfo, commit, date string) Info {
	i := Info{Version: Version, Commit: commit, Date: date, Go: runtime.Version()}
	if bi == nil {
		return i
	}
	vcs := map[string]string{}
	for _, s := range bi.Settings {
		vcs[s.Key] = s.Value
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		i.Module = v
	}
	if i.Commit == "" && vcs["vcs.revision"] != "" {
		i.Commit = vcs["vcs.revision"][:min(12, len(vcs["vcs.revision"]))]
		if vcs["vcs.modified"] == "true" {
			i.Commit += "+dirty"
		}
	}
	// Go's commit time belongs to its commit: not beside a commit make stamped.
	if commit == "" || strings.HasPrefix(vcs["vcs.revision"], strings.TrimSuffix(commit, "+dirty")) {
		i.CommitTime = vcs["vcs.time"]
	}
	return i
}

// String is the one line `kyukyu version` prints and the audit log keeps.
func (i Info) String() string {
	var parts []string
	switch {
	case i.Commit != "" && i.CommitTime != "":
		parts = append(parts, fmt.Sprintf("commit %s of %s", i.Commit, i.CommitTime))
	case i.Commit != "":
		parts = append(parts, "commit "+i.Commit)
	default:
		parts = append(parts, "commit not stamped: -buildvcs=false or not a git clone — make stamps it")
	}
	if i.Module != "" && !strings.Contains(i.Module, strings.TrimSuffix(i.Commit, "+dirty")) {
		parts = append(parts, "module "+i.Module) // a tag says more than the commit
	}
	if i.Date != "" {
		parts = append(parts, "built "+i.Date)
	}
	parts = append(parts, i.Go)
	return fmt.Sprintf("kyukyu %s (%s)", i.Release(), strings.Join(parts, ", "))
}

// Release is the version with the build number, as the packages are named:
// 0.1.0+367.
func (i Info) Release() string {
	if i.Build == "" {
		return i.Version
	}
	return i.Version + "+" + i.Build
}
