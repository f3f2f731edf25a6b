// Package buildinfo says which kyukyu this is: the version (kept equal to
// FyneApp.toml's by a test), the commit and build date, and the Go
// version. Support asks for it, the About box shows it, and the audit log
// records it with the workstation.
package buildinfo

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// Version is the release, the same as Version in FyneApp.toml.
const Version = "0.1.0"

// commit and date are stamped by the build (scripts/ldflags.sh); a plain
// `go build` leaves them empty and Get falls back to Go's VCS stamp.
var commit, date string

// Info is one build of kyukyu.
type Info struct {
	Version string `json:"version"`
	Commit  string `json:"commit"` // "unknown" outside a git checkout; "+dirty" when uncommitted changes went in
	Date    string `json:"date"`   // UTC, RFC 3339
	Go      string `json:"go"`
}

// Get reads the build's stamps; what the build did not stamp comes from
// Go's VCS stamp (the commit's time standing in for the build date), else
// "unknown".
func Get() Info {
	i := Info{Version: Version, Commit: commit, Date: date, Go: runtime.Version()}
	vcs := map[string]string{}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			vcs[s.Key] = s.Value
		}
	}
	if i.Commit == "" {
		i.Commit = vcs["vcs.revision"]
		if len(i.Commit) > 12 {
			i.Commit = i.Commit[:12]
		}
		if i.Commit != "" && vcs["vcs.modified"] == "true" {
			i.Commit += "+dirty"
		}
	}
	if i.Date == "" {
		i.Date = vcs["vcs.time"]
	}
	if i.Commit == "" {
		i.Commit = "unknown"
	}
	if i.Date == "" {
		i.Date = "unknown"
	}
	return i
}

// String is the one line `kyukyu version` prints and the audit log keeps.
func (i Info) String() string {
	return fmt.Sprintf("kyukyu %s (commit %s, built %s, %s)", i.Version, i.Commit, i.Date, i.Go)
}
