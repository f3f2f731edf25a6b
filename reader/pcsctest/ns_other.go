//go:build !linux

package pcsctest

import (
	"fmt"
	"net"
	"os/exec"
)

func canIsolate() error {
	return fmt.Errorf("%w: a private pcscd needs Linux namespaces", ErrAbsent)
}

func isolated(pcscd, conf, sockDir string) *exec.Cmd { return exec.Command(pcscd) }

func dialIn(pid int, addr string) (net.Conn, error) {
	return nil, fmt.Errorf("%w: a private pcscd needs Linux namespaces", ErrAbsent)
}
