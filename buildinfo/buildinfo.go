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

// date is stamped by the build (scripts/ldflags.sh); a plain `go build`
// leaves it empty and Get falls back to the commit's time.
var date string

// Info is one build of kyukyu.
type Info struct {
	Version string `json:"version"`
	Commit  string `json:"commit"` // "unknown" outside a git checkout; "+dirty" when uncommitted changes went in
	Date    string `json:"date"`   // UTC, RFC 3339
	Go      string `json:"go"`
}

// Get reads the build's stamps.
func Get() Info {
	i := Info{Version: Version, Commit: "unknown", Date: date, Go: runtime.Version()}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return i
	}
	var commitTime string
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			i.Commit = s.Value
		case "vcs.time":
			commitTime = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if len(i.Commit) > 12 {
		i.Commit = i.Commit[:12]
	}
	if dirty {
		i.Commit += "+dirty"
	}
	if i.Date == "" {
		i.Date = commitTime
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
