//go:build !windows

package machineid

import "os"

// osID is systemd's (and D-Bus's) machine-id, written when the system is
// installed.
func osID() (string, error) {
	b, err := os.ReadFile("/etc/machine-id")
	if err != nil {
		b, err = os.ReadFile("/var/lib/dbus/machine-id")
	}
	return string(b), err
}
