package app

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
)

// vpcdDrivers are where distributions install the vsmartcard-vpcd driver.
var vpcdDrivers = []string{
	"/usr/lib/pcsc/drivers/serial/libifdvpcd.so*",
	"/usr/lib/*/pcsc/drivers/serial/libifdvpcd.so*",
	"/usr/local/lib/pcsc/drivers/serial/libifdvpcd.so*",
}

// vcardProcess runs `kyukyu vcard -patient ID` as a child process and
// stops only that process.
type vcardProcess struct {
	mu  sync.Mutex
	cmd *exec.Cmd
}

func newVCard() *vcardProcess { return &vcardProcess{} }

func (v *vcardProcess) Missing() string {
	if runtime.GOOS != "linux" {
		return "pcscd + vsmartcard-vpcd (Linux)"
	}
	var missing []string
	if _, err := exec.LookPath("pcscd"); err != nil {
		if _, err := os.Stat("/usr/sbin/pcscd"); err != nil {
			missing = append(missing, "pcscd")
		}
	}
	found := false
	for _, g := range vpcdDrivers {
		if m, _ := filepath.Glob(g); len(m) > 0 {
			found = true
		}
	}
	if !found {
		missing = append(missing, "vsmartcard-vpcd")
	}
	if len(missing) == 0 {
		return ""
	}
	return fmt.Sprintf("sudo apt-get install %v", missing)
}

func (v *vcardProcess) Start(id string) error {
	v.Stop()
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(exe, "vcard", "-patient", id)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("kyukyu vcard: %w", err)
	}
	v.mu.Lock()
	v.cmd = cmd
	v.mu.Unlock()
	go cmd.Wait()
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
