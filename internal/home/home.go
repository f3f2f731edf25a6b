// Package home finds kyukyu's data directory, where the audit log, the
// training database and the settings live.
package home

import (
	"fmt"
	"os"
	"path/filepath"
)

// Env overrides the data directory (tests, portable installs).
const Env = "KYUKYU_HOME"

// Dir returns $KYUKYU_HOME, or kyukyu under the user's configuration
// directory, creating it (owner only: it holds patient references).
func Dir() (string, error) {
	d := os.Getenv(Env)
	if d == "" {
		base, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("home: no user configuration directory (set %s): %w", Env, err)
		}
		d = filepath.Join(base, "kyukyu")
	}
	if err := os.MkdirAll(d, 0o700); err != nil {
		return "", fmt.Errorf("home: cannot create data directory: %w", err)
	}
	return d, nil
}
