package app

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"kyukyu/ui"
)

// vpcdDrivers are where distributions install the vsmartcard-vpcd driver.
var vpcdDrivers = []string{
	"/usr/lib/pcsc/drivers/serial/libifdvpcd.so*",
	"/usr/lib/*/pcsc/drivers/serial/libifdvpcd.so*",
	"/usr/local/lib/pcsc/drivers/serial/libifdvpcd.so*",
}

// pcscdSocket is where pcscd listens (fixed in pcsc-lite 1.9; the client
// library honours PCSCLITE_CSOCK_NAME).
func pcscdSocket() string {
	if s := os.Getenv("PCSCLITE_CSOCK_NAME"); s != "" {
		return s
	}
	return "/run/pcscd/pcscd.comm"
}

// earlyExit is how long a virtual card that cannot reach the vpcd driver
// takes to give up; one still running after it is serving the card.
const earlyExit = 1500 * time.Millisecond

// vcardProcess runs `kyukyu vcard -patient ID` as a child process and
// stops only that process.
type vcardProcess struct {
	mu  sync.Mutex
	cmd *exec.Cmd
}

func newVCard() *vcardProcess { return &vcardProcess{} }

// Needs checks the PC/SC stack before the card starts: the packages, and
// whether pcscd runs (socket activation starts it on the first client).
func (v *vcardProcess) Needs() ui.VCardNeeds {
	if runtime.GOOS != "linux" {
		return ui.VCardNeeds{Unsupported: true}
	}
	var n ui.VCardNeeds
	if _, err := exec.LookPath("pcscd"); err != nil {
		if _, err := os.Stat("/usr/sbin/pcscd"); err != nil {
			n.Install = append(n.Install, "pcscd")
		}
	}
	found := false
	for _, g := range vpcdDrivers {
		if m, _ := filepath.Glob(g); len(m) > 0 {
			found = true
		}
	}
	if !found {
		n.Install = append(n.Install, "vsmartcard-vpcd")
	}
	if len(n.Install) == 0 {
		c, err := net.DialTimeout("unix", pcscdSocket(), time.Second)
		if err != nil {
			n.Start = "pcscd"
		} else {
			c.Close()
		}
	}
	return n
}

// Start runs the card and waits briefly: a card that exits at once (no
// vpcd driver listening) is reported with what it said, not left waiting.
func (v *vcardProcess) Start(id string) error {
	v.Stop()
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(exe, "vcard", "-patient", id)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("kyukyu vcard: %w", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return fmt.Errorf("kyukyu vcard stopped at once (%v): %s", err, strings.TrimSpace(out.String()))
	case <-time.After(earlyExit):
	}
	v.mu.Lock()
	v.cmd = cmd
	v.mu.Unlock()
	return nil
}

func (v *vcardProcess) Stop() {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.cmd != nil && v.cmd.Process != nil {
		v.cmd.Process.Kill()
	}
	v.cmd = nil
}
