// Package sharedfiles finds the project's read-only companion folder (../shared
// beside the repository: the MHLW drug list, the domain notes) for tests.
package sharedfiles

import (
	"os"
	"path/filepath"
)

// Dir returns the shared folder: $KYUKYU_SHARED, or ../shared beside the
// module root. ok is false when it is absent, so a test can skip and say so.
func Dir() (dir string, ok bool) {
	if d := os.Getenv("KYUKYU_SHARED"); d != "" {
		return d, isDir(d)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			s := filepath.Join(filepath.Dir(d), "shared")
			return s, isDir(s)
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

func isDir(p string) bool { st, err := os.Stat(p); return err == nil && st.IsDir() }
