// Package pcsctest runs the real PC/SC stack for end-to-end tests: pcscd
// with the vsmartcard vpcd driver, and kyukyu's virtual card inserted
// through it.
//
// The stack is private to the test process and never touches the
// system's pcscd: each pcscd it starts runs in its own mount and network
// namespace. Inside, /run/pcscd is a folder of the test's, so its socket
// is reachable from outside by path, and importing this package points
// the PC/SC client library of the test process (and of the programs it
// runs) there with PCSCLITE_CSOCK_NAME. The vpcd ports live on the
// namespace's own loopback, where the virtual card dials in; so test
// packages run in parallel without a lock.
package pcsctest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/ebfe/scard"

	"kyukyu/internal/testenv"
	"kyukyu/reader/vcard"
)

// Reader is the vpcd reader of slot 0, whose port is vcard.DefaultAddr.
const Reader = "Virtual PCD 00 00"

// sockDir holds the private pcscd's socket. It is fixed for the process
// because the client library reads PCSCLITE_CSOCK_NAME once.
var sockDir = filepath.Join(os.TempDir(), fmt.Sprintf("kyukyu-pcscd-%d", os.Getpid()))

func init() {
	os.Setenv("PCSCLITE_CSOCK_NAME", filepath.Join(sockDir, "pcscd.comm"))
}

// driverGlobs are where Debian and others put the vpcd driver.
var driverGlobs = []string{
	"/usr/lib/pcsc/drivers/serial/libifdvpcd.so*",
	"/usr/lib/*/pcsc/drivers/serial/libifdvpcd.so*",
	"/usr/local/lib/pcsc/drivers/serial/libifdvpcd.so*",
}

// ErrAbsent says the stack cannot run here; errors from Start wrap it
// with the reason.
var ErrAbsent = errors.New("pcsctest: the private PC/SC stack cannot run here")

// Stack is a private pcscd with the vpcd driver.
type Stack struct {
	pcscd  string
	conf   string
	cmd    *exec.Cmd
	exited chan struct{} // closed when cmd has ended
	log    bytes.Buffer
}

// Need starts a stack for t and stops it when t ends; when the stack
// cannot run here, t skips, or fails under CI=true.
func Need(t testing.TB) *Stack {
	t.Helper()
	s, err := Start()
	if errors.Is(err, ErrAbsent) {
		testenv.Unavailable(t, "%v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}

// Start starts a private pcscd and waits until it lists Reader.
func Start() (*Stack, error) {
	pcscd, err := exec.LookPath("pcscd")
	if err != nil {
		pcscd = "/usr/sbin/pcscd"
	}
	driver := findDriver()
	if _, err := os.Stat(pcscd); err != nil || driver == "" {
		return nil, fmt.Errorf("%w: needs pcscd and the vsmartcard vpcd driver (apt-get install pcscd vsmartcard-vpcd, or scripts/deps.sh test)", ErrAbsent)
	}
	if err := canIsolate(); err != nil {
		return nil, err
	}
	conf, err := os.MkdirTemp("", "kyukyu-reader-conf")
	if err != nil {
		return nil, err
	}
	s := &Stack{pcscd: pcscd, conf: conf}
	// Our own reader.conf.d: the vpcd reader on slot 0's port, whatever /etc holds.
	cfg := fmt.Sprintf("FRIENDLYNAME \"Virtual PCD\"\nDEVICENAME /dev/null:0x8C7B\nLIBPATH %s\nCHANNELID 0x8C7B\n", driver)
	if err := os.WriteFile(filepath.Join(conf, "vpcd"), []byte(cfg), 0o644); err != nil {
		s.Stop()
		return nil, err
	}
	if err := s.startDaemon(); err != nil {
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

func (s *Stack) startDaemon() error {
	if err := os.MkdirAll(sockDir, 0o755); err != nil {
		return err
	}
	s.log.Reset()
	cmd := isolated(s.pcscd, s.conf, sockDir)
	cmd.Stdout, cmd.Stderr = &s.log, &s.log
	started, exited := make(chan error), make(chan struct{})
	go func() {
		// pcscd gets a signal when the thread that started it ends (see
		// isolated): this goroutine keeps that thread until pcscd ends, so
		// only the end of the test process, even a killed one, stops it.
		runtime.LockOSThread()
		err := cmd.Start()
		started <- err
		if err == nil {
			cmd.Wait()
			close(exited)
		}
	}()
	if err := <-started; err != nil {
		return fmt.Errorf("pcsctest: starting pcscd: %w", err)
	}
	s.cmd, s.exited = cmd, exited
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

// StopDaemon stops the stack's pcscd (by PID) and waits for it.
func (s *Stack) StopDaemon() error {
	if s.cmd == nil {
		return errors.New("pcsctest: pcscd is not running")
	}
	cmd := s.cmd
	s.cmd = nil
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		<-s.exited
	}
	return nil
}

// RestartDaemon starts pcscd again after StopDaemon, in a new namespace.
func (s *Stack) RestartDaemon() error { return s.startDaemon() }

// Insert puts card on the vpcd reader once pcscd has seen it empty:
// pcscd polls the slot, and a card swapped between two polls would look
// like the old one still powered.
func (s *Stack) Insert(card *vcard.Card, f vcard.Faults) (*vcard.Slot, error) {
	if s.cmd == nil {
		return nil, errors.New("pcsctest: pcscd is not running")
	}
	if err := WaitEmpty(); err != nil {
		return nil, err
	}
	conn, err := dialIn(s.cmd.Process.Pid, vcard.DefaultAddr)
	if err != nil {
		return nil, fmt.Errorf("pcsctest: reaching vpcd in pcscd's namespace: %w", err)
	}
	return vcard.Attach(conn, card, f), nil
}

// InsertNew makes a virtual card of cfg and puts it on the reader; the end
// of t removes it (Remove before then is allowed).
func (s *Stack) InsertNew(t testing.TB, cfg vcard.Config) (*vcard.Card, *vcard.Slot) {
	t.Helper()
	card, err := vcard.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	slot, err := s.Insert(card, vcard.Faults{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(slot.Remove)
	return card, slot
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

// Stop stops what Start started and removes its folders.
func (s *Stack) Stop() {
	if s.cmd != nil {
		s.StopDaemon()
	}
	if s.conf != "" {
		os.RemoveAll(s.conf)
	}
	os.RemoveAll(sockDir)
}
