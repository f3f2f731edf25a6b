// Package machineid names the machine kyukyu runs on, so that an audit log
// bound to one machine is known when its data folder turns up on another.
// The name is the operating system's machine identifier (set at install,
// kept across host renames), or the host name where there is none.
package machineid

import (
	"errors"
	"os"
	"strings"
)

// Get returns the machine's identifier.
func Get() (string, error) {
	if id, err := osID(); err == nil && strings.TrimSpace(id) != "" {
		return strings.TrimSpace(id), nil
	}
	h, err := os.Hostname()
	if err != nil || h == "" {
		return "", errors.New("machineid: the machine has no identifier and no host name")
	}
	return "host:" + h, nil
}
