//go:build !windows

package config

import "os"

// protect leaves dir writable by its owner only (root, for an installer).
func protect(dir string) error { return os.Chmod(dir, 0o755) }
