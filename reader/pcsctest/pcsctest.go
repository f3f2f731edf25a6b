// Package pcsctest runs the real PC/SC stack for end-to-end tests: pcscd
// with the vsmartcard vpcd driver, and kyukyu's virtual card inserted
// through it. It uses a pcscd that is already running, or starts its own
// and stops only that one, by PID.
package pcsctest

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"github.com/ebfe/scard"

	"kyukyu/reader/vcard"
)

// Reader is the vpcd reader of slot 0, whose port is vcard.DefaultAddr.
const Reader = "Virtual PCD 00 00"

// socket is where pcsc-lite's pcscd listens (fixed in pcsc-lite 1.9).
const socket = "/run/pcscd/pcscd.comm"

// lockFile serialises the test processes that drive pcscd: go test runs
// packages in parallel, and there is one pcscd and one vpcd port.
var lockFile = filepath.Join(os.TempDir(), "kyukyu-pcsctest.lock")

// driverGlobs are where Debian and others put the vpcd driver.
var driverGlobs = []string{
	"/usr/lib/pcsc/drivers/serial/libifdvpcd.so*",
	"/usr/lib/*/pcsc/drivers/serial/libifdvpcd.so*",
	"/usr/local/lib/pcsc/drivers/serial/libifdvpcd.so*",
}

// ErrAbsent says the stack is not installed; a test skips with it.
var ErrAbsent = errors.New("pcsctest: needs pcscd and the vsmartcard vpcd driver (apt-get install pcscd vsmartcard-vpcd, or scripts/deps.sh test)")

// Stack is pcscd with the vpcd driver.
type Stack struct {
	Addr   string // vpcd slot 0
	cmd    *exec.Cmd
	conf   string
	log    bytes.Buffer
	lock   *os.File
	driver string
}

// Start finds or starts pcscd. It returns ErrAbsent when pcscd or the
// vpcd driver is not installed.
func Start() (*Stack, error) {
	pcscd, err := exec.LookPath("pcscd")
	if err != nil {
		pcscd = "/usr/sbin/pcscd"
	}
	driver := findDriver()
	if _, err := os.Stat(pcscd); err != nil || driver == "" {
		return nil, ErrAbsent
	}
	lock, err := os.OpenFile(lockFile, os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		lock.Close()
		return nil, err
	}
	s := &Stack{Addr: vcard.DefaultAddr, lock: lock, driver: driver}
	if serviceUp() {
		return s, s.waitReader()
	}
	conf, err := os.MkdirTemp("", "kyukyu-reader-conf")
	if err != nil {
		s.Stop()
		return nil, err
	}
	s.conf = conf
	// Our own reader.conf.d: the vpcd reader on slot 0's port, whatever /etc holds.
	cfg := fmt.Sprintf("FRIENDLYNAME \"Virtual PCD\"\nDEVICENAME /dev/null:0x8C7B\nLIBPATH %s\nCHANNELID 0x8C7B\n", driver)
	if err := os.WriteFile(filepath.Join(conf, "vpcd"), []byte(cfg), 0o644); err != nil {
		s.Stop()
		return nil, err
	}
	if err := s.startDaemon(pcscd); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

func findDriver() string {
	for _, g := range driverGlobs {
		if m, _ := filepath.Glob(g); len(m) > 0 {
			return m[0]
		}
	}
	return ""
}

// Owned reports whether the stack started pcscd (so a test may restart it).
func (s *Stack) Owned() bool { return s.cmd != nil }

func (s *Stack) startDaemon(pcscd string) error {
	s.log.Reset()
	cmd := exec.Command(pcscd, "--foreground", "--config", s.conf)
	cmd.Stdout, cmd.Stderr = &s.log, &s.log
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("pcsctest: starting pcscd: %w", err)
	}
	s.cmd = cmd
	if err := s.waitReader(); err != nil {
		return fmt.Errorf("%w; pcscd said: %s", err, s.log.String())
	}
	return nil
}

// waitReader waits until pcscd answers and lists the vpcd reader.
func (s *Stack) waitReader() error {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if names, err := listReaders(); err == nil {
			for _, n := range names {
				if n == Reader {
					return nil
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("pcsctest: pcscd does not list %q after 10s", Reader)
}

func listReaders() ([]string, error) {
	sc, err := scard.EstablishContext()
	if err != nil {
		return nil, err
	}
	defer sc.Release()
	return sc.ListReaders()
}

func serviceUp() bool {
	c, err := net.DialTimeout("unix", socket, time.Second)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// StopDaemon stops the pcscd this stack started (by PID) and waits for it.
func (s *Stack) StopDaemon() error {
	if s.cmd == nil {
		return errors.New("pcsctest: pcscd was not started by this test")
	}
	cmd := s.cmd
	s.cmd = nil
	cmd.Process.Signal(syscall.SIGTERM)
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		<-exited
	}
	return nil
}

// RestartDaemon starts pcscd again after StopDaemon.
func (s *Stack) RestartDaemon() error {
	pcscd, err := exec.LookPath("pcscd")
	if err != nil {
		pcscd = "/usr/sbin/pcscd"
	}
	return s.startDaemon(pcscd)
}

// Insert puts card on the vpcd reader once pcscd has seen it empty:
// pcscd polls the slot, and a card swapped between two polls would look
// like the old one still powered.
func (s *Stack) Insert(card *vcard.Card, f vcard.Faults) (*vcard.Slot, error) {
	if err := WaitEmpty(); err != nil {
		return nil, err
	}
	return vcard.Insert(s.Addr, card, f)
}

// WaitEmpty waits until pcscd reports no card on Reader.
func WaitEmpty() error {
	sc, err := scard.EstablishContext()
	if err != nil {
		return err
	}
	defer sc.Release()
	st := []scard.ReaderState{{Reader: Reader, CurrentState: scard.StateUnaware}}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if err := sc.GetStatusChange(st, 0); err == nil && st[0].EventState&scard.StateEmpty != 0 {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("pcsctest: %q still has a card after 5s", Reader)
}

// Stop stops what Start started and releases the lock.
func (s *Stack) Stop() {
	if s.cmd != nil {
		s.StopDaemon()
	}
	if s.conf != "" {
		os.RemoveAll(s.conf)
	}
	s.lock.Close()
}
