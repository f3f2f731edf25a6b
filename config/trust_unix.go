//go:build !windows

package config

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// untrusted says why the file at path (or its folder, where a user could
// put another file in its place) may be changed by someone other than an
// administrator: it must belong to root and not be group- or
// world-writable. "" when only root can change it.
func untrusted(path string) string {
	for _, p := range []string{path, filepath.Dir(path)} {
		what := "the file"
		if p != path {
			what = "its folder " + p
		}
		fi, err := os.Stat(p)
		if err != nil {
			return fmt.Sprintf("cannot check who may change %s: %v", what, err)
		}
		if st, ok := fi.Sys().(*syscall.Stat_t); ok && st.Uid != 0 {
			return fmt.Sprintf("%s belongs to user %d, not root, who may change it (chown root to trust it)", what, st.Uid)
		}
		if perm := fi.Mode().Perm(); perm&0o022 != 0 {
			return fmt.Sprintf("%s can be changed by users other than root (mode %04o: chmod go-w to trust it)", what, perm)
		}
	}
	return ""
}
